"""Extraction from realistic chat answers, one pattern per test, in each language."""

import pytest

from codejudge.extract import extract, extract_code
from codejudge.extract.syntax import outline


def _clean(code, lang):
    """Extracted code must parse as the language: no prose got through."""
    assert outline(code, lang).error_ratio == 0.0, code
    return code


# ------------------------------------------------------------------ Python
PY_UNFENCED = '''To solve this, we sort the list first and then compare neighbours.
Here is the code:

from typing import List

def has_close_elements(numbers: List[float], threshold: float) -> bool:
    """Check if any two numbers are closer than threshold.

    We sort first. This makes the check linear after sorting.
    """
    s = sorted(numbers)
    for a, b in zip(s, s[1:]):
        if b - a < threshold:
            return True
    return False

This runs in O(n log n) time because of the sort.
Example: has_close_elements([1.0, 2.0], 0.5) returns False.
'''


def test_python_unfenced_code_between_prose_keeps_docstring_and_drops_prose():
    ext = extract(PY_UNFENCED, "python", "has_close_elements")
    assert ext.ok and ext.entry_point_found
    assert ext.code.startswith("from typing import List\n")
    assert "We sort first. This makes the check linear" in ext.code  # docstring prose is code
    assert "This runs in O(n log n)" not in ext.code and "Here is the code" not in ext.code
    assert [b.source for b in ext.blocks if b.role == "solution"] == ["unfenced"]
    _clean(ext.code, "python")


PY_TWO_BLOCKS = """Sure! Here's a function:

```python
def is_prime(n):
    if n < 2:
        return False
    return all(n % d for d in range(2, int(n ** 0.5) + 1))
```

You can test it like this:

```python
print(is_prime(7))   # True
assert is_prime(9) is False
```
"""


def test_python_solution_block_wins_over_usage_block_and_demo_is_reported():
    ext = extract(PY_TWO_BLOCKS, "python", "is_prime")
    assert "print(" not in ext.code and "def is_prime" in ext.code
    roles = {b.index: b.role for b in ext.blocks}
    assert roles == {0: "solution", 1: "example"}


PY_MAIN = """```python
import sys

def solve(xs):
    return sum(xs)

if __name__ == "__main__":
    data = sys.stdin.read().split()
    print(solve(list(map(int, data))))
```"""


def test_python_main_guard_stripped_only_when_asked():
    assert "__main__" in extract_code(PY_MAIN, "python", "solve")  # evaluation keeps the answer as written
    ext = extract(PY_MAIN, "python", "solve", strip_main=True)
    assert "__main__" not in ext.code and "def solve" in ext.code
    assert ext.stripped == ['if __name__ == "__main__": block']


def test_python_typing_import_added_only_when_asked():
    answer = "```python\ndef f(xs: List[int]) -> Dict[str, int]:\n    return Counter(map(str, xs))\n```"
    assert extract(answer, "python", "f").added == []
    ext = extract(answer, "python", "f", add_imports=True)
    assert ext.added == ["from collections import Counter", "from typing import Dict, List"]
    assert ext.code.startswith("from collections import Counter\nfrom typing import Dict, List\n")


def test_python_helper_block_is_merged_before_the_solution():
    answer = (
        "First, a helper:\n\n```python\ndef digits(n):\n    return [int(c) for c in str(n)]\n```\n\n"
        "Then the function itself:\n\n```python\ndef digit_sum(n):\n    return sum(digits(n))\n```\n"
    )
    ext = extract(answer, "python", "digit_sum")
    assert ext.code.index("def digits") < ext.code.index("def digit_sum")
    assert sorted(b.role for b in ext.blocks) == ["helper", "solution"]


def test_python_fixed_version_after_first_attempt_is_chosen():
    answer = (
        "Your code:\n```python\ndef add(a, b):\n    return a - b\n```\nThe fix:\n"
        "```python\ndef add(a, b):\n    return a + b\n```\n"
    )
    assert extract_code(answer, "python", "add") == "def add(a, b):\n    return a + b\n"


def test_prose_only_answer_is_a_failure_with_a_reason_not_code():
    ext = extract("I'm sorry, but I can't write that function.\nIt would need more details.", "python", "f")
    assert not ext.ok and ext.code == ""
    assert "prose only" in ext.failure
    assert extract_code("I'm sorry, but I can't write that function.", "python") == ""


def test_code_tagged_with_another_language_is_not_used():
    ext = extract('```bash\npip install numpy\n```\n\n```json\n{"a": 1}\n```', "python", "f")
    assert not ext.ok and "tagged bash, json" in ext.failure


def test_real_syntax_error_in_a_fenced_block_is_kept_as_code():
    ext = extract("```python\ndef f(x)\n    return x\n```", "python", "f")
    assert ext.ok and ext.code == "def f(x)\n    return x\n"


def test_output_block_after_code_is_not_code():
    answer = (
        "```python\ndef double(x):\n    return 2 * x\n\nprint(double(4))\n```\n\nOutput:\n\n```\n8\n```\n"
    )
    ext = extract(answer, "python", "double", strip_main=True)
    assert ext.code == "def double(x):\n    return 2 * x\n"


# -------------------------------------------------------------- JavaScript
JS_ANSWER = """Here's a JavaScript implementation:

const sumSquares = (lst) => {
  // square each number, then add them up
  return lst.map((x) => x * x).reduce((a, b) => a + b, 0);
};

console.log(sumSquares([1, 2, 3])); // 14

The function uses `map` and `reduce`, so it never mutates the input.
"""


def test_js_unfenced_code_and_console_log_demo_stripped():
    ext = extract(JS_ANSWER, "JavaScript", "sumSquares", strip_main=True)
    assert ext.entry_point_found
    assert ext.code == (
        "const sumSquares = (lst) => {\n  // square each number, then add them up\n"
        "  return lst.map((x) => x * x).reduce((a, b) => a + b, 0);\n};\n"
    )
    assert ext.stripped == ["example usage: console.log(sumSquares([1, 2, 3]));"]


def test_js_function_declaration_in_node_tagged_fence():
    ext = extract(
        "```node\nfunction add(a, b) {\n  return a + b;\n}\nmodule.exports = { add };\n```", "node", "add"
    )
    assert ext.language == "js" and "module.exports" in ext.code


# --------------------------------------------------------------------- C++
CPP_ANSWER = """Here is the C++ solution:

```cpp
#include <iostream>
#include <vector>
using namespace std;

/* Returns true when two elements are closer than the threshold.
   We compare every pair, which is fine for small inputs. */
bool has_close_elements(vector<float> numbers, float threshold) {
    for (size_t i = 0; i < numbers.size(); i++)
        for (size_t j = i + 1; j < numbers.size(); j++)
            if (abs(numbers[i] - numbers[j]) < threshold) return true;
    return false;
}

int main() {
    vector<float> v = {1.0, 2.0, 3.9};
    cout << has_close_elements(v, 0.3) << endl;
    return 0;
}
```

Compile it with `g++ -std=c++17 main.cpp`.
"""


def test_cpp_main_removed_when_asked_and_reported():
    assert "int main" in extract_code(CPP_ANSWER, "c++", "has_close_elements")
    ext = extract(CPP_ANSWER, "c++", "has_close_elements", strip_main=True)
    assert "int main" not in ext.code and "bool has_close_elements" in ext.code
    assert "We compare every pair" in ext.code  # a block comment is code, not prose
    assert ext.stripped == ["main() (the test harness has its own)"]
    _clean(ext.code, "cpp")


def test_cpp_missing_includes_added_when_asked():
    answer = (
        "The idea is to sort a copy.\n\nvector<int> sort_copy(vector<int> v) {\n"
        "    sort(v.begin(), v.end());\n    return v;\n}\n\nThat is all."
    )
    ext = extract(answer, "cpp", "sort_copy", add_imports=True)
    assert ext.added == ["#include <algorithm>", "#include <vector>", "using namespace std;"]
    assert ext.code.startswith("#include <algorithm>\n#include <vector>\nusing namespace std;\n")
    _clean(ext.code, "cpp")


def test_cpp_code_in_a_c_tagged_fence_is_accepted():
    assert "int twice" in extract_code("```c\nint twice(int x) { return 2 * x; }\n```", "cpp", "twice")


# -------------------------------------------------------------------- Java
def test_java_bare_method_is_wrapped_in_class_solution():
    answer = "You can add this method:\n\n```java\npublic int addOne(int x) {\n    return x + 1;\n}\n```\n"
    ext = extract(answer, "java", "addOne", java_class="Solution", add_imports=True)
    assert ext.code.startswith("class Solution {\n    public int addOne(int x)")
    assert "wrapped the methods in class Solution" in ext.added
    _clean(ext.code, "java")


def test_java_public_class_main_with_main_becomes_solution_without_main():
    answer = """Here is a complete program:

```java
import java.util.*;

public class Main {
    public static boolean isEven(int n) {
        return n % 2 == 0;
    }

    public static void main(String[] args) {
        System.out.println(isEven(4));
    }
}
```
It prints `true`.
"""
    ext = extract(answer, "java", "isEven", strip_main=True, java_class="Solution")
    assert "class Solution {" in ext.code and "public class" not in ext.code
    assert "static void main" not in ext.code
    assert "Main.main() (the test harness has its own)" in ext.stripped
    _clean(ext.code, "java")


def test_java_demo_class_in_second_block_is_an_example():
    answer = (
        "```java\nclass Solution {\n    public int sq(int x) { return x * x; }\n}\n```\n\nUsage:\n\n"
        "```java\npublic class Main {\n    public static void main(String[] a) {\n"
        "        System.out.println(new Solution().sq(3));\n    }\n}\n```\n"
    )
    ext = extract(answer, "java", "sq", strip_main=True)
    assert ext.code == "class Solution {\n    public int sq(int x) { return x * x; }\n}\n"


def test_java_missing_util_import_added():
    ext = extract(
        "```java\nclass Solution {\n    public List<Integer> f() { return new ArrayList<>(); }\n}\n```",
        "java",
        "f",
        add_imports=True,
    )
    assert ext.added == ["import java.util.*;"] and ext.code.startswith("import java.util.*;\n")


# ---------------------------------------------------------------------- Go
GO_ANSWER = """Here's the Go version:

package main

import (
    "fmt"
    "strings"
)

// Shout upper-cases the text and adds an exclamation mark.
func Shout(s string) string {
    return strings.ToUpper(s) + "!"
}

func main() {
    fmt.Println(Shout("hi"))
}

Run it with `go run main.go`.
"""


def test_go_main_removed_and_its_now_unused_import_pruned():
    ext = extract(GO_ANSWER, "golang", "Shout", strip_main=True)
    assert "func main" not in ext.code and '"fmt"' not in ext.code and '"strings"' in ext.code
    assert "unused import fmt (was used only by main)" in ext.stripped
    _clean(ext.code, "go")


def test_go_package_and_imports_added_to_a_bare_function():
    ext = extract(
        "```go\nfunc Root(x float64) float64 {\n    return math.Sqrt(x)\n}\n```",
        "go",
        "Root",
        add_imports=True,
    )
    assert ext.code.startswith('package main\n\nimport "math"\n')
    assert ext.added == ["package main", 'import "math"']


# -------------------------------------------------------------------- Rust
RUST_ANSWER = """Here is an idiomatic Rust solution:

```rust
fn count_words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    counts
}

fn main() {
    println!("{:?}", count_words("a b a"));
}
```

**Explanation:**
- `split_whitespace` splits on any whitespace.
- `entry` inserts 0 the first time a word is seen.
"""


def test_rust_fn_main_stripped_and_missing_use_added():
    ext = extract(RUST_ANSWER, "rs", "count_words", strip_main=True, add_imports=True)
    assert "fn main" not in ext.code
    assert ext.added == ["use std::collections::HashMap;"]
    assert ext.code.startswith("use std::collections::HashMap;\nfn count_words")
    _clean(ext.code, "rust")


def test_rust_unfenced_with_bullets_after():
    answer = RUST_ANSWER.replace("```rust\n", "").replace("```\n", "")
    ext = extract(answer, "rust", "count_words")
    assert ext.code.startswith("fn count_words") and "Explanation" not in ext.code
    _clean(ext.code, "rust")


# ------------------------------------------------------------------ common
@pytest.mark.parametrize(
    "lang,answer",
    [
        ("python", "Explanation:\n\nThe loop runs n times.\n- Each step is O(1).\n"),
        ("cpp", "### Complexity\n\nThe loop runs n times; each step is constant.\n"),
        ("go", "1. Read the input.\n2. Print the answer.\n"),
    ],
)
def test_no_prose_ever_reaches_the_code(lang, answer):
    ext = extract(answer, lang, "f")
    assert not ext.ok and ext.code == ""


def test_summary_explains_the_choice():
    s = extract(PY_TWO_BLOCKS, "python", "is_prime").summary()
    assert s["blocks"] == ["solution: fenced block 0 (defines is_prime)"]
    assert s["skipped"] == ["example: block 1"]


def test_unknown_language_is_a_config_error():
    from codejudge.errors import UnknownNameError

    with pytest.raises(UnknownNameError):
        extract("x = 1", "klingon")


def test_python_setup_calls_survive_demo_stripping():
    answer = (
        "```python\nimport sys\nsys.setrecursionlimit(10000)\n\ndef f(n):\n    return n\n\nprint(f(3))\n```"
    )
    ext = extract(answer, "python", "f", strip_main=True)
    assert "sys.setrecursionlimit(10000)" in ext.code and "print" not in ext.code


def test_stdin_programs_keep_their_main_and_top_level_code():
    script = "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n"
    assert extract(script, "python", None, strip_main=True).code == script
    cpp = "```cpp\n#include <iostream>\nint main() { int a, b; std::cin >> a >> b; std::cout << a + b; }\n```"
    assert "int main" in extract(cpp, "cpp", None, strip_main=True).code


def test_the_answers_own_tests_go_with_its_main():
    rust = (
        "```rust\npub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n\n#[cfg(test)]\nmod tests {\n"
        "    use super::*;\n    #[test]\n    fn t() { assert_eq!(add(1, 2), 3); }\n}\n```"
    )
    ext = extract(rust, "rust", "add", strip_main=True)
    assert ext.code == "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n"
    assert ext.stripped == ["the answer's own #[cfg(test)] module"]
    go = (
        '```go\npackage main\n\nimport "testing"\n\nfunc Add(a, b int) int { return a + b }\n\n'
        "func TestAdd(t *testing.T) {\n    if Add(1, 2) != 3 { t.Fail() }\n}\n```"
    )
    ext = extract(go, "go", "Add", strip_main=True)
    assert "TestAdd" not in ext.code and '"testing"' not in ext.code
    _clean(ext.code, "go")


def test_a_later_block_redefining_the_function_is_the_final_version() -> None:
    # no entry point named: "a naive approach ... the optimized approach is" picks the second block,
    # although the first is larger
    answer = (
        "A naive approach:\n\n```python\ndef best(xs):\n    out = 0\n    for i in range(len(xs)):\n"
        "        for j in range(i, len(xs)):\n            out = max(out, sum(xs[i:j + 1]))\n    return out\n```\n\n"
        "The optimized approach:\n\n```python\ndef best(xs):\n    return max(xs)\n```\n"
    )
    ext = extract(answer, "python", None)
    assert ext.code.strip() == "def best(xs):\n    return max(xs)"
    assert extract(answer.split("The optimized")[0], "python", None).code.startswith(
        "def best(xs):\n    out = 0"
    )
