"""Competitive-programming answers in C++, Java, Go, Rust and JavaScript: whole programs reading stdin.

Pairs come as users bring them: a Codeforces-style statement with ``Sample Input`` /
``Sample Output`` blocks, two prose answers whose code is a ``main`` that reads stdin and
prints, no tests, no entry point. The grounding stage plans them as style "stdio", runs them
as program jobs with stdio tests (real bwrap) on the samples and on generated stdin inputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codejudge.ground.derive import ground
from codejudge.ground.programs import program_plan
from codejudge.judge.grounded import GroundedJudge
from tests.ground.cli_run import judge_cli

TWO_LARGEST = (
    "You are given n integers. Print the largest sum of two different elements.\n\n"
    "Input\nThe first line contains n (2 <= n <= 100). The second line contains n integers a_i "
    "(-1000 <= a_i <= 1000).\n\nOutput\nPrint one integer: the largest a_i + a_j with i != j.\n\n"
    "Sample Input 1\n3\n1 5 3\n\nSample Output 1\n8\n\n"
    "Sample Input 2\n4\n-1 -2 -3 -4\n\nSample Output 2\n-3\n"
)
CPP_GOOD = (
    "Sort and take the two largest:\n\n```cpp\n#include <bits/stdc++.h>\nusing namespace std;\n"
    "int main() {\n    int n; cin >> n;\n    vector<int> a(n);\n    for (auto &x : a) cin >> x;\n"
    "    sort(a.rbegin(), a.rend());\n    long long best = a[0] + a[1];\n    cout << best << endl;\n}\n```\n"
)
CPP_BAD = (
    "Take the maximum twice:\n\n```cpp\n#include <iostream>\nusing namespace std;\nint main() {\n"
    "    int n; cin >> n;\n    int m = 0;\n    for (int i = 0; i < n; i++) { int x; cin >> x; if (x > m) m = x; }\n"
    "    int best = 2 * m;\n    cout << best << endl;\n}\n```\nThis runs in O(n)."
)
JAVA_GOOD = (
    "```java\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) {\n"
    "        Scanner in = new Scanner(System.in);\n        int n = in.nextInt();\n        int[] a = new int[n];\n"
    "        for (int i = 0; i < n; i++) a[i] = in.nextInt();\n        Arrays.sort(a);\n"
    "        System.out.println(a[n - 1] + a[n - 2]);\n    }\n}\n```"
)
JAVA_BAD = (
    "Keep the best pair seen so far:\n```java\nimport java.util.*;\n\npublic class Main {\n"
    "    public static void main(String[] args) {\n        Scanner in = new Scanner(System.in);\n"
    "        int n = in.nextInt();\n        int best = 0;\n        int prev = in.nextInt();\n"
    "        for (int i = 1; i < n; i++) {\n            int x = in.nextInt();\n"
    "            best = Math.max(best, prev + x);\n            prev = x;\n        }\n"
    "        System.out.println(best);\n    }\n}\n```"
)
GO_GOOD = (
    '```go\npackage main\n\nimport (\n\t"fmt"\n\t"sort"\n)\n\nfunc main() {\n\tvar n int\n\tfmt.Scan(&n)\n'
    "\ta := make([]int, n)\n\tfor i := range a {\n\t\tfmt.Scan(&a[i])\n\t}\n\tsort.Ints(a)\n"
    "\tfmt.Println(a[n-1] + a[n-2])\n}\n```"
)
GO_BAD = (
    '```go\npackage main\n\nimport "fmt"\n\nfunc main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tm := 0\n'
    "\tfor i := 0; i < n; i++ {\n\t\tvar x int\n\t\tfmt.Scan(&x)\n\t\tif x > m {\n\t\t\tm = x\n\t\t}\n\t}\n"
    "\tfmt.Println(2 * m)\n}\n```"
)

DISTINCT = (
    "Count the distinct values among n integers.\n\nInput\nn, then n integers 0 <= a_i <= 10^9.\n\n"
    "Output\nThe number of distinct values.\n\n"
    "Sample Input 1\n5\n1 2 2 3 3\n\nSample Output 1\n3\n\nSample Input 2\n3\n7 7 7\n\nSample Output 2\n1\n"
)
DISTINCT_SET = (
    "```cpp\n#include <iostream>\n#include <set>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n"
    "    set<long long> s;\n    for (int i = 0; i < n; i++) { long long x; cin >> x; s.insert(x); }\n"
    "    cout << s.size() << endl;\n}\n```"
)
DISTINCT_TABLE = (  # a counting table sized for the samples: out of range past 9
    "```cpp\n#include <iostream>\n#include <vector>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n"
    "    vector<int> seen(10, 0);\n    int count = 0;\n"
    "    for (int i = 0; i < n; i++) { int x; cin >> x; if (seen.at(x)++ == 0) count++; }\n"
    "    cout << count << endl;\n}\n```"
)


# -- the plan: a whole program is style "stdio" in every program language ---------------------


@pytest.mark.parametrize(
    "language, code",
    [
        ("cpp", "#include <iostream>\nint main() { int n; std::cin >> n; std::cout << n; }"),
        ("cpp", '#include <cstdio>\nsigned main() { int n; scanf("%d", &n); printf("%d", n); }'),
        (
            "java",
            "public class Main { public static void main(String[] a) { new java.util.Scanner(System.in); } }",
        ),
        ("go", 'package main\nimport "fmt"\nfunc main() { var n int; fmt.Scan(&n); fmt.Println(n) }'),
        ("rust", "fn main() { let mut s = String::new(); std::io::stdin().read_line(&mut s).unwrap(); }"),
        ("js", "const d = require('fs').readFileSync(0, 'utf8');\nconsole.log(d.trim());"),
        ("js", "const rl = require('readline').createInterface({ input: process.stdin });"),
    ],
)
def test_a_whole_program_is_planned_as_stdio(language: str, code: str) -> None:
    plan = program_plan(code, language, [], None)
    assert plan.style == "stdio" and plan.language == language, plan
    # a helper function does not make it a function answer
    helper = {"go": "func helper(x int) int { return x }\n", "rust": "fn helper(x: i32) -> i32 { x }\n"}
    if language in helper:
        assert program_plan(code + "\n" + helper[language], language, [], None).style == "stdio"


def test_the_function_the_statement_names_wins_over_a_main() -> None:
    code = (
        "#include <iostream>\nint add(int a, int b) { return a + b; }\n"
        "int main() { int a, b; std::cin >> a >> b; std::cout << add(a, b); }"
    )
    plan = program_plan(code, "cpp", ["add"], None)
    assert (plan.style, plan.entry) == ("function", "add")
    # a demo main that reads nothing is not a program: its only function is the answer
    demo = (
        "#include <iostream>\nint add(int a, int b) { return a + b; }\nint main() { std::cout << add(1, 2); }"
    )
    assert (program_plan(demo, "cpp", [], None).style, program_plan(demo, "cpp", [], None).entry) == (
        "function",
        "add",
    )
    # a comment that mentions cin does not make a program read stdin
    commented = (
        "// reads nothing from cin\nint add(int a, int b) { return a + b; }\nint main() { return add(1, 2); }"
    )
    assert program_plan(commented, "cpp", [], None).style == "function"


def test_format_sections_are_not_mined_as_samples() -> None:
    # Codeforces' "Input" / "Output" sections describe the format: not a sample to run
    from codejudge.ground.mine import mine

    for task, samples in (
        (TWO_LARGEST, ["3\n1 5 3\n", "4\n-1 -2 -3 -4\n"]),
        (DISTINCT, ["5\n1 2 2 3 3\n", "3\n7 7 7\n"]),
    ):
        assert [e.stdin for e in mine(task, "cpp").examples] == samples
    plain = "Input\n3\n1 2 3\n\nOutput\n6\n"  # a bare heading over a real sample still counts
    assert [(e.stdin, e.stdout) for e in mine(plain, "cpp").examples] == [("3\n1 2 3\n", "6\n")]


RUST_GOOD = (
    "Read everything, sort:\n\n```rust\nuse std::io::Read;\n\nfn main() {\n    let mut s = String::new();\n"
    "    std::io::stdin().read_to_string(&mut s).unwrap();\n"
    "    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n"
    "    let mut a = v[1..].to_vec();\n    a.sort();\n    let n = a.len();\n"
    '    println!("{}", a[n - 1] + a[n - 2]);\n}\n```\n'
)
JS_GOOD = (
    "```javascript\nconst v = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
    "const a = v.slice(1).sort((x, y) => y - x);\nconsole.log(a[0] + a[1]);\n```"
)


@pytest.mark.parametrize(
    "language, answer",
    [("cpp", CPP_GOOD), ("java", JAVA_GOOD), ("go", GO_GOOD), ("rust", RUST_GOOD), ("js", JS_GOOD)],
)
def test_extraction_keeps_the_program_and_plans_it_as_stdio(language: str, answer: str) -> None:
    from codejudge.judge.evidence import code_for_judge

    code, info = code_for_judge(answer, language, None)
    assert code is not None and not info.get("stripped"), info
    assert "main" in code or language == "js", code
    assert program_plan(code, language, [], None).style == "stdio"


# -- end to end on bwrap ------------------------------------------------------------------------


@pytest.mark.bwrap
@pytest.mark.parametrize(
    "language, good, bad",
    [("cpp", CPP_GOOD, CPP_BAD), ("Java", JAVA_GOOD, JAVA_BAD), ("go", GO_GOOD, GO_BAD)],
)
def test_stdin_pair_decided_by_the_samples_in_both_orders(
    executor, language: str, good: str, bad: str
) -> None:
    judge = GroundedJudge(executor)
    v = judge.pairwise(TWO_LARGEST, good, bad, language=language)
    assert (v.winner, v.decided_by) == ("A", "statement"), v.evidence
    tests = [t for t in v.evidence["derived"]["tests"] if t["source"] == "statement"]
    assert any(t["input"].startswith("stdin '3\\n1 5 3") and t["A"].startswith("passed") for t in tests), (
        tests
    )
    assert any(t["B"].startswith("failed") for t in tests), tests
    v = judge.pairwise(TWO_LARGEST, bad, good, language=language)
    assert (v.winner, v.decided_by) == ("B", "statement"), v.evidence


@pytest.mark.bwrap
def test_agreeing_on_the_samples_a_crash_on_a_generated_input_decides(executor) -> None:
    code = [
        DISTINCT_SET.split("```cpp\n")[1].split("```")[0],
        DISTINCT_TABLE.split("```cpp\n")[1].split("```")[0],
    ]
    g = ground(executor, DISTINCT, code, language="cpp")
    assert [t.passed for t in g.by_source("statement")] == [{0: True, 1: True}] * 2, g.tests
    assert g.inputs_run > 0
    crashes = [t for t in g.by_source("property") if t.passed.get(0) and not t.passed.get(1)]
    assert crashes and crashes[0].input.startswith("stdin"), [t.__dict__ for t in g.tests]
    v = GroundedJudge(executor).pairwise(DISTINCT, DISTINCT_TABLE, DISTINCT_SET, language="cpp")
    assert (v.winner, v.decided_by) == ("B", "property"), v.evidence


@pytest.mark.bwrap
def test_cli_judges_stdin_programs_without_tests(tmp_path: Path) -> None:
    rows = [
        {
            "id": "cpp",
            "instruction": TWO_LARGEST,
            "response_a": CPP_BAD,
            "response_b": CPP_GOOD,
            "language": "cpp",
        },
        {
            "id": "go",
            "instruction": TWO_LARGEST,
            "response_a": GO_GOOD,
            "response_b": GO_BAD,
            "language": "go",
        },
    ]
    recs = {r["id"]: r for r in judge_cli(tmp_path, rows, timeout=600)}
    assert (recs["cpp"]["winner"], recs["cpp"]["decided_by"]) == ("B", "statement"), recs["cpp"]
    assert (recs["go"]["winner"], recs["go"]["decided_by"]) == ("A", "statement"), recs["go"]
