"""assemble_program: the answer fitted to a HumanEvalPack-style test program."""

import gzip
import json
from pathlib import Path

import pytest

from codejudge.extract import assemble_program, extract, header_imports
from codejudge.extract.syntax import outline

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "humanevalpack"


def _row(lang, n=0):
    with gzip.open(DATA / f"humanevalpack_{lang}.jsonl.gz", "rt") as fh:
        return [json.loads(line) for line in fh][n]


def test_cpp_answer_main_removed_and_dataset_headers_prepended():
    row = _row("cpp")
    answer = (
        "Solution:\n```cpp\nbool has_close_elements(vector<float> numbers, float threshold){\n"
        + row["canonical_solution"]
        + '\nint main() {\n    printf("%d\\n", has_close_elements({1.0, 2.0}, 0.5));\n'
        "    return 0;\n}\n```\n"
    )
    code = extract(answer, "cpp", row["entry_point"]).code
    a = assemble_program(code, "cpp", row["test"], header=row["declaration"], entry_point=row["entry_point"])
    assert a.program.count("int main") == 1  # only the test program's
    assert a.program.startswith("#include<stdio.h>\n#include<vector>\n#include<math.h>\nusing namespace std;")
    assert a.stripped == ["main() (the test harness has its own)"]
    assert outline(a.program, "cpp").error_ratio == 0.0


def test_cpp_without_header_gets_the_includes_its_code_and_tests_need():
    a = assemble_program(
        "bool f(vector<int> v) { return v.empty(); }\n",
        "cpp",
        "#include<assert.h>\nint main(){ assert(f({})); }\n",
    )
    assert a.added == ["#include <vector>", "using namespace std;"]


def test_header_imports_leave_the_dangling_signature_out():
    assert (
        header_imports(_row("rust")["declaration"], "rust").splitlines()[-1] == "use std::any::{Any, TypeId};"
    )
    assert header_imports(_row("java")["declaration"], "java") == "import java.util.*;\nimport java.lang.*;\n"


def test_rust_use_already_in_the_header_is_dropped():
    row = _row("rust")
    code = "use std::collections::HashMap;\nuse std::fmt;\nfn f() -> usize { HashMap::<i32, i32>::new().len() }\n"
    a = assemble_program(code, "rust", row["test"], header=row["declaration"])
    assert "use std::collections::HashMap;" not in a.solution and "use std::fmt;" in a.solution
    assert a.stripped == ["use std::collections::HashMap; (the header imports it)"]


def test_java_public_class_main_answer_fits_the_harness():
    row = _row("java")
    code = (
        "public class Main {\n    public boolean hasCloseElements(List<Double> numbers, double threshold) {\n"
        "        return false;\n    }\n    public static void main(String[] a) {}\n}\n"
    )
    a = assemble_program(code, "java", row["test"], header=row["declaration"], entry_point=row["entry_point"])
    assert a.program.count("public class Main") == 1 and "class Solution {" in a.solution
    assert outline(a.program, "java").error_ratio == 0.0


def test_go_gets_one_import_block_of_used_packages():
    code = 'package foo\n\nimport "fmt"\n\nfunc Abs(x float64) float64 {\n    return math.Abs(x)\n}\n'
    a = assemble_program(code, "go", header='import (\n    "math"\n)\n')
    assert (
        a.solution
        == 'package main\n\nimport (\n    "math"\n)\n\nfunc Abs(x float64) float64 {\n    return math.Abs(x)\n}\n'
    )
    assert 'dropped unused import "fmt"' in a.added


@pytest.mark.parametrize("lang", ["python", "js"])
def test_scripting_languages_are_concatenated(lang):
    a = assemble_program("x = 1\n" if lang == "python" else "const x = 1;\n", lang, "check()\n")
    assert a.program.endswith("\n\ncheck()\n")


def test_rust_impl_solution_gets_the_struct_leetcode_declares_out_of_sight() -> None:
    code = "impl Solution {\n    pub fn two(x: i32) -> i32 {\n        x * 2\n    }\n}\n"
    a = assemble_program(code, "rust")
    assert a.solution.startswith("struct Solution;\n") and a.added == [
        "struct Solution; (declared out of sight by LeetCode)"
    ]
    declared = "struct Solution;\n" + code
    assert assemble_program(declared, "rust").solution.count("struct Solution;") == 1
    # a name a `use` brings in is no hidden struct
    assert (
        "struct HashMap"
        not in assemble_program("use std::collections::HashMap;\nimpl HashMap {}\n", "rust").solution
    )
