"""Test programs in five languages turned into outputs-only tests (no sandbox needed here)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from codejudge.problems.testprograms import EXIT_TEST_ID, convert
from codejudge.problems.testprograms.jobs import program_job
from codejudge.sandbox.harness import MARKER, render
from codejudge.values import decode


def _calls(conv) -> list[tuple[str, object, float, str | None]]:
    return [(t.script, decode(t.expected), t.atol, t.oracle) for t in conv.tests if t.kind == "call"]


def test_cpp_forms() -> None:
    prog = (
        "#include<assert.h>\nbool issame(vector<float> a,vector<float>b){\n    for (int i=0;i<a.size();i++)\n"
        "    if (abs(a[i]-b[i])>1e-4) return false;\n    return true;\n}\n"
        "bool same(map<char,int> a,map<char,int> b){ return a.size()==b.size(); }\n"
        "int main(){\n    vector<float> a={1.0, 2.0};\n    assert (f(a, 0.3)==true);\n"
        "    assert (not(f({1, 2}, 5)));\n    assert (abs(g(1.33) - 0.33) < 1e-4);\n"
        "    assert (abs(g(2) +1)<0.01);\n    assert (issame(h({1,2}), {0.5, 1.5}));\n"
        '    assert (same(m("a b"), {{\'a\', 1}, {\'b\', 1}}));\n    assert (s("x") == "x\\n");\n'
        "    for (int i=0;i<3;i++) assert (f2(i) == i);\n    assert (d(x) == y);\n}\n"
    )
    conv = convert("cpp", prog, "f")
    assert _calls(conv) == [
        ("f(a, 0.3)", True, 0.0, None),
        ("f({1, 2}, 5)", False, 0.0, None),
        ("g(1.33)", 0.33, 1e-4, None),
        ("g(2)", -1, 0.01, None),
        ("h({1,2})", [0.5, 1.5], 1e-4, None),
        ('m("a b")', {"a": 1, "b": 1}, 0.0, None),
        ('s("x")', "x\n", 0.0, None),
    ]
    assert conv.found == 9 and len(conv.unconverted) == 2 and "inside a for statement" in conv.unconverted[0]
    assert conv.tests[-1].id == EXIT_TEST_ID and decode(conv.tests[-1].expected) == {
        "exit": 0,
        "completed": True,
    }
    assert "0.33" not in conv.test_program and "x\\n" not in conv.test_program  # expected values stay out
    # the residual keeps exactly the two assertions that could not be converted
    assert conv.residual_program.count("assert (") == 2 and "f2(i) == i" in conv.residual_program
    assert len(MARKER.findall(conv.test_program)) == 7 and "f2(i) == i" not in conv.test_program


def test_js_forms_and_loose_equality() -> None:
    prog = (
        "const t = () => {\n  console.assert(JSON.stringify(f([1, 2])) === JSON.stringify([[1, 2], (0, 3)]))\n"
        "  console.assert(g(3, 4) == 6.0)\n  console.assert(1 === h('AB'))\n  console.assert(k([]) === null)\n"
        "  console.assert(Math.abs(m(1.33) - 0.33) < 1e-6)\n  console.assert(!p(2))\n"
        "  console.assert(x + y === add(x, y))\n}\nt()\n"
    )
    conv = convert("js", prog, "f")
    assert _calls(conv) == [
        ("f([1, 2])", [[1, 2], 3], 0.0, None),
        ("g(3, 4)", 6, 0.0, "js_loose_equal"),
        ("h('AB')", 1, 0.0, None),
        ("k([])", None, 0.0, None),
        ("m(1.33)", 0.33, 1e-6, None),
        ("p(2)", False, 0.0, None),
    ]
    assert conv.equality == "strict" and len(conv.unconverted) == 1


def test_java_forms() -> None:
    prog = (
        "public class Main {\n    public static void main(String[] args) {\n        Solution s = new Solution();\n"
        "        List<Boolean> correct = Arrays.asList(\n"
        "            s.f(new ArrayList<>(Arrays.asList(1, 2))).equals(Arrays.asList(3 + 5, 2L)),\n"
        '            Objects.equals(s.g("x"), "xy"),\n            s.h(1) == -1,\n'
        "            Math.abs(s.d(1.33) - 0.33) < 1e-6,\n            !s.b(2),\n            s.opt(List.of()).isEmpty(),\n"
        '            s.m().equals(Map.of("a", 1)),\n            s.k(map1)\n        );\n'
        "        if (correct.contains(false)) { throw new AssertionError(); }\n    }\n}\n"
    )
    conv = convert(
        "java",
        prog,
        "opt",
        declaration="class Solution {\n    public Optional<String> opt(List<String> x) {\n",
    )
    assert _calls(conv) == [
        ("s.f(new ArrayList<>(Arrays.asList(1, 2)))", [8, 2], 0.0, None),
        ('s.g("x")', "xy", 0.0, None),
        ("s.h(1)", -1, 0.0, None),
        ("s.d(1.33)", 0.33, 1e-6, None),
        ("s.b(2)", False, 0.0, None),
        ("s.opt(List.of())", None, 0.0, None),
        ("s.m()", {"a": 1}, 0.0, None),
        ("s.k(map1)", True, 0.0, None),
    ]
    assert conv.fully_converted and conv.residual_program is None
    assert conv.test_program.count("@@cj_emit(") == 8


def test_java_local_assigned_twice_stays_exit_status() -> None:
    prog = (
        "public class Main {\n    public static void main(String[] args) {\n        Solution s = new Solution();\n"
        "        int n = 1;\n        n = 2;\n        List<Boolean> correct = Arrays.asList(s.f(n) == 3, s.f(1) == 2);\n"
        "        if (correct.contains(false)) { throw new AssertionError(); }\n    }\n}\n"
    )
    conv = convert("java", prog, "f")
    assert [t.script for t in conv.tests if t.kind == "call"] == ["s.f(1)"]
    assert "assigned twice" in conv.unconverted[0] and conv.residual_program is not None


def test_go_types_follow_testify() -> None:
    prog = (
        'package main\n\nimport (\n    "testing"\n    "math"\n    "github.com/stretchr/testify/assert"\n)\n\n'
        "func TestF(t *testing.T) {\n    assert := assert.New(t)\n    assert.Equal([]float64{1, 2.5}, F(1))\n"
        '    assert.Equal([]int{}, F(2), "empty")\n    assert.Equal(nil, G())\n'
        "    assert.Equal(map[rune]int{'a': 1}, H(\"a\"))\n    assert.Equal([][2]int{{1, 2}}, P())\n"
        "    assert.Equal(true, math.Abs(R(1.33)-0.33) < 1e-6)\n    assert.Equal(-1, S())\n}\n"
    )
    conv = convert("go", prog, "F")
    assert _calls(conv) == [
        ("F(1)", [1.0, 2.5], 0.0, None),
        ("F(2)", [], 0.0, None),
        ("G()", None, 0.0, None),
        ('H("a")', {97: 1}, 0.0, None),
        ("P()", [[1, 2]], 0.0, None),
        ("R(1.33)", 0.33, 1e-6, None),
        ("S()", -1, 0.0, None),
    ]
    assert type(decode(conv.tests[0].expected)[0]) is float  # []float64{1, ...}: a float, as Go types it
    assert conv.equality == "strict"
    # no expected value stays in the program; what Go would reject as unused is handled
    assert "2.5" not in conv.test_program and "0.33" not in conv.test_program
    assert (
        "_ = assert" in conv.test_program and '"math"' not in conv.test_program
    )  # math was only for a check


def test_rust_forms() -> None:
    prog = (
        "#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn test_f() {\n"
        "        let v_empty: Vec<String> = vec![];\n        assert!(f(vec![]) == v_empty);\n"
        '        assert_eq!(g("a"), vec!["a".to_string(), String::from("b")]);\n'
        "        assert!(h(\"a b\") == HashMap::from([('a', 1), ('b', 1)]));\n"
        "        assert!(m(vec![1.0, 2.0]) - 2.0 / 3.0 < 0.000001);\n        assert!((d(1.5) - 0.5).abs() < 1e-6);\n"
        "        assert!(!b(2));\n        assert_eq!(o(3), Some(vec![1; 3]));\n        assert_eq!(c(&1), None);\n"
        "        for i in 0..3 { assert!(k(i)); }\n    }\n}\n"
    )
    conv = convert("rust", prog, "f")
    calls = _calls(conv)
    assert calls[:3] == [
        ("f(vec![])", [], 0.0, None),
        ('g("a")', ["a", "b"], 0.0, None),
        ('h("a b")', {"a": 1, "b": 1}, 0.0, None),
    ]
    script, value, atol, oracle = calls[3]  # one-sided, as the dataset wrote it
    assert (script, oracle) == ("m(vec![1.0, 2.0])", "less_than") and abs(value - (2 / 3 + 1e-6)) < 1e-12
    assert calls[4:] == [
        ("d(1.5)", 0.5, 1e-6, None),
        ("b(2)", False, 0.0, None),
        ("o(3)", [1, 1, 1], 0.0, None),
        ("c(&1)", None, 0.0, None),
    ]
    assert conv.unconverted == ["line 16: inside a for expression"]


def test_nothing_recognised_runs_whole_program_by_exit_status() -> None:
    prog = "#include<assert.h>\nint main(){\n    check();\n}\n"
    conv = convert("cpp", prog, "f")
    assert (
        [t.kind for t in conv.tests] == ["exit"] and conv.residual_program == prog and conv.test_program == ""
    )


@pytest.mark.parametrize("lang", ["cpp", "java", "go", "rust", "js"])
def test_render_puts_runtime_calls_where_markers_were(lang: str) -> None:
    programs = {
        "cpp": ("int f(int a){return a;}\n", "int main(){\n  @@cj_emit(0)@@;\n}\n", 'cj::emit("0"'),
        "java": (
            "class Solution { int f(int a) { return a; } }\n",
            "public class Main { public static void main(String[] a) { Solution s = new Solution(); "
            "java.util.List<Boolean> c = java.util.Arrays.asList(@@cj_emit(0)@@); } }\n",
            'CjRt.emit("0"',
        ),
        "go": (
            "package main\nfunc F(a int) int { return a }\n",
            'package main\nimport "testing"\nfunc TestF(t *testing.T) {\n  @@cj_emit(0)@@\n}\n',
            'cjEmit("0"',
        ),
        "rust": (
            "fn f(a: i32) -> i32 { a }\n",
            "#[cfg(test)]\nmod tests {\n use super::*;\n #[test]\n fn t() {\n  @@cj_emit(0)@@;\n }\n}\n",
            'cj_rt::emit("0"',
        ),
        "js": ("const f = (a) => a;\n", "@@cj_emit(0)@@;\n", '__cj.emit("0"'),
    }
    cand, prog, call = programs[lang]
    spec = render(lang, cand, prog, {"0": "f(1)" if lang != "go" else "F(1)"})
    text = "\n".join(spec.files.values())
    assert call in text and "@@cj_emit" not in text
    assert spec.argv and (spec.steps or lang == "js")


def test_program_job_for_humanevalpack_row(shared_data: Path) -> None:
    row = json.loads(gzip.open(shared_data / "humanevalpack" / "humanevalpack_cpp.jsonl.gz").readline())
    job = program_job(
        "c",
        "cpp",
        row["declaration"] + row["canonical_solution"],
        row["test"],
        row["entry_point"],
        header=row["declaration"],
    )
    assert job.kind == "program" and job.equality == "exact" and len(job.tests) == 7
    assert job.meta["conversion"] == {"assertions": 7, "converted": 7, "unconverted": []}


def test_go_keeps_an_import_only_the_call_uses() -> None:
    prog = (
        'package main\n\nimport (\n    "testing"\n    "math"\n    "github.com/stretchr/testify/assert"\n)\n\n'
        "func TestF(t *testing.T) {\n    assert := assert.New(t)\n"
        "    assert.Equal(1, F([]int{1, int(math.Pow(0, 0))}))\n}\n"
    )
    conv = convert("go", prog, "F")
    assert '"math"' in conv.test_program and conv.tests[0].script == "F([]int{1, int(math.Pow(0, 0))})"
