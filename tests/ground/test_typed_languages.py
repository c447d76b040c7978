"""Typed signatures and example values of JavaScript, C++, Java, Go and Rust instructions (no sandbox)."""

from __future__ import annotations

import pytest

from codejudge.ground.literals import to_python
from codejudge.ground.mine import NO_VALUE, mine
from codejudge.ground.programs import call_expression, derived_program, program_plan
from codejudge.ground.typed import Unrenderable, parse_type, read_signature, render, signatures


def _examples(text: str, language: str) -> list[tuple]:
    return [(e.call, e.args, e.expected) for e in mine(text, language).examples if e.expected is not NO_VALUE]


# ------------------------------------------------------------------ signature-type readers
def test_cpp_signature_types() -> None:
    sig = read_signature(
        "Write a C++ function `vector<string> split(const string& s, map<char,int> m, long long k)`", "cpp"
    )
    assert sig is not None and sig.name == "split" and sig.params == ["s", "m", "k"]
    assert [t.hint() for t in sig.types] == ["str", "Dict[str, int]", "int"]
    assert sig.ret.hint() == "List[str]" and sig.types[2].bits == 64


def test_java_signature_types_and_boxing() -> None:
    sig = read_signature(
        "Write a Java function `public Optional<String> longest(List<String> strings, int[] xs)`", "java"
    )
    assert sig.params == ["strings", "xs"] and sig.ret.hint() == "Optional[str]"
    assert render(["a"], sig.types[0], "java") == 'new ArrayList<String>(Arrays.<String>asList("a"))'
    assert render([1, 2], sig.types[1], "java") == "new int[]{1, 2}"
    assert (
        render([3], parse_type("List<Long>", "java"), "java")
        == "new ArrayList<Long>(Arrays.<Long>asList(3L))"
    )


def test_go_grouped_parameters_and_results() -> None:
    sig = read_signature("func RoundedAvg(n, m int) interface{}", "go")
    assert (
        sig.params == ["n", "m"] and [t.hint() for t in sig.types] == ["int", "int"] and sig.ret.kind == "any"
    )
    two = read_signature("func MinMax(xs []float64, names map[string]int) (int, string) {", "go")
    assert [t.hint() for t in two.types] == [
        "List[float]",
        "Dict[str, int]",
    ] and two.ret.hint() == "Tuple[int, str]"


def test_rust_references_and_generics() -> None:
    sig = read_signature(
        "Write a Rust function `f(s: &str, xs: &[i32], v: Vec<String>, k: usize) -> Option<i64>`", "rust"
    )
    assert sig.params == ["s", "xs", "v", "k"]
    assert [t.hint() for t in sig.types] == ["str", "List[int]", "List[str]", "int"]
    assert render("hi", sig.types[0], "rust") == '"hi"'
    assert render([1, 2], sig.types[1], "rust") == "&[1, 2]"
    assert render(["a"], sig.types[2], "rust") == 'vec![String::from("a")]'
    with pytest.raises(Unrenderable):
        render(-1, sig.types[3], "rust")  # usize cannot hold it: that input is not run, the rest compile
    # a reference to a scalar or a String borrows the literal (HumanEvalPack's `number: &f32`)
    assert render(3.5, parse_type("&f32", "rust"), "rust") == "&3.5"
    assert render("x", parse_type("&String", "rust"), "rust") == '&String::from("x")'
    assert render([1], parse_type("Vec<&i32>", "rust"), "rust") == "vec![&1]"


def test_javascript_signatures_are_untyped() -> None:
    sigs = signatures(
        "const add = (a, b) => a + b;\nfunction twice(x) { return add(x, x); }\nconst neg = x => -x;", "js"
    )
    assert [(s.name, s.params) for s in sigs] == [("add", ["a", "b"]), ("twice", ["x"]), ("neg", ["x"])]


def test_javascript_jsdoc_types_seed_inputs() -> None:
    sig = read_signature(
        "/**\n * @param {number[]} nums\n * @param {string} word\n */\nfunction f(nums, word) {}", "js"
    )
    assert [t.hint() for t in sig.types] == ["List[int]", "str"]


def test_values_out_of_range_or_shape_are_refused() -> None:
    i32 = parse_type("int", "cpp")
    assert render(5, i32, "cpp") == "5"
    for bad in (2**40, "5", None, 1.5):
        with pytest.raises(Unrenderable):
            render(bad, i32, "cpp")
    with pytest.raises(Unrenderable):
        render("ab", parse_type("char", "java"), "java")
    assert render('a"\n', parse_type("string", "cpp"), "cpp") == 'string("a\\"\\n")'
    assert render(2.0, parse_type("float", "cpp"), "cpp") == "2.0f"
    assert (
        render({"a": 1}, parse_type("map<string,int>", "cpp"), "cpp") == 'map<string,int>{{string("a"), 1}}'
    )


# ------------------------------------------------------------------ example parsers, per language
def test_javascript_examples() -> None:
    text = (
        "Write a JavaScript function `const longest = (strings)`\n>>> longest(['a', 'bb'])\n'bb'\n"
        ">>> longest([])\nnull\nisOk(true) == false"
    )
    assert _examples(text, "js") == [
        ("longest", [["a", "bb"]], "bb"),
        ("longest", [[]], None),
        ("isOk", [True], False),
    ]


def test_cpp_examples_with_initializer_lists() -> None:
    text = (
        '>>> has_close({1.0, 2.8, 3.0}, 0.3)\ntrue\nwords("Hi, {x}") == {"Hi,", "{x}"}\n'
        "sum_product({1, 2}) -> (3, 2)"
    )
    got = _examples(text, "cpp")
    assert got[0] == ("has_close", [[1.0, 2.8, 3.0], 0.3], True)
    assert got[1] == ("words", ["Hi, {x}"], ["Hi,", "{x}"])  # braces inside strings are text
    assert got[2][1] == [[1, 2]] and list(got[2][2]) == [3, 2]


def test_java_examples() -> None:
    text = (
        '>>> longest(Arrays.asList("a", "bb"))\nOptional[bb]\n>>> longest(List.of())\nOptional.empty\n'
        "sumIt(new ArrayList<>(Arrays.asList(1L, 2L))).equals(3L)"
    )
    assert _examples(text, "java") == [
        ("longest", [["a", "bb"]], "bb"),
        ("longest", [[]], None),
        ("sumIt", [[1, 2]], 3),
    ]
    # empty maps among a list's values; a filled Map.of(...) is not read (no example rather than a wrong one)
    assert _examples(
        '>>> keep(Arrays.asList(1, "abc", Map.of(), new HashMap<String, Integer>()))\n[1]', "java"
    ) == [("keep", [[1, "abc", {}, {}]], [1])]
    assert to_python('f(Map.of("a", 1))', "java") == 'f(Map.of("a", 1))'


def test_go_examples() -> None:
    text = '>>> Keys(map[string]int{"a": 1})\n[]string{"a"}\nFirst([]int{}) == nil\nRune(\'x\') => 120'
    assert _examples(text, "go") == [("Keys", [{"a": 1}], ["a"]), ("First", [[]], None), ("Rune", ["x"], 120)]


def test_rust_examples() -> None:
    text = 'f(vec![1, 2], "ab".to_string()) == Some(3i32)\ng(&vec![String::from("x")]) -> vec![1.5f64]'
    got = _examples(text, "rust")
    assert got[0] == ("f", [[1, 2], "ab"], 3)
    assert to_python('g(&vec![String::from("x")])', "rust") == 'g(&[("x")])'


def test_a_string_opened_with_one_quote_and_closed_with_the_other_is_mended() -> None:
    text = '>>> sort_numbers(\'three one five")\n"one three five"\n>>> encode("This is")\n\'tHKS KS"'
    assert _examples(text, "cpp") == [
        ("sort_numbers", ["three one five"], "one three five"),
        ("encode", ["This is"], "tHKS KS"),
    ]
    # balanced lines keep their quotes: the apostrophe stays inside the string
    assert to_python("f(\"it's\") == 'a'", "js") == "f(\"it's\") == 'a'"


def test_a_line_comment_before_the_result_reads_as_a_separator() -> None:
    text = 'decimal_to_binary(15)   // returns "db1111db"\nget_odd_collatz(5) returns {1, 5} // 5, 16, 8, 4, 2, 1'
    assert _examples(text, "cpp") == [
        ("decimal_to_binary", [15], "db1111db"),
        ("get_odd_collatz", [5], [1, 5]),
    ]
    assert to_python('f("a//b") // c', "js") == 'f("a//b") # c'  # not inside strings


# ------------------------------------------------------------------ planning and test programs
def test_program_plan_takes_types_from_the_response_then_the_instruction() -> None:
    isig = read_signature("`int count(vector<int> xs)`", "cpp")
    code = (
        "#include <vector>\nusing namespace std;\nint helper(int x) { return x; }\n"
        "int count(vector<int> xs) { return helper(xs.size()); }\nint main() { return count({}); }\n"
    )
    plan = program_plan(code, "cpp", ["count"], isig)
    assert (plan.style, plan.entry, plan.annotations) == ("function", "count", ["List[int]"])
    assert call_expression(plan, [[1, 2]]) == "count(vector<int>{1, 2})"
    java = program_plan("class Solution { public int f(int n) { return n; } }", "java", [], None)
    assert call_expression(java, [3]) == "cjS.f(3)"


def test_program_plan_says_why_it_cannot_run() -> None:
    plan = program_plan("int f(Widget w) { return 1; }", "cpp", ["f"], None)
    assert not plan.runnable and "cannot write values of the type of w" in plan.why
    assert "no entry point found" in program_plan("// nothing", "go", ["F"], None).why


@pytest.mark.parametrize("language", ["js", "cpp", "java", "go", "rust"])
def test_derived_test_programs_hold_markers_only(language: str) -> None:
    prog = derived_program(language, ["g0", "g1"])
    assert "@@cj_emit(g0)@@" in prog and "@@cj_emit(g1)@@" in prog


def test_cpp_map_examples_written_as_pairs_read_as_maps() -> None:
    from codejudge.ground.literals import pairs_as_map

    (e,) = mine('histogram("a b b a") == {{"a", 2}, {"b", 2}}', "cpp").examples
    assert pairs_as_map(e.expected) == {"a": 2, "b": 2}
    assert pairs_as_map([]) == {}
    assert pairs_as_map([[1, 2, 3]]) == [[1, 2, 3]]  # not pairs: left as it is


def test_go_rune_positions_of_an_expected_value_read_as_codes() -> None:
    from codejudge.ground.typed import go_chars

    ty = parse_type("map[rune]int", "go")
    assert ty is not None and go_chars({"a": 1, "b": 2}, ty) == {97: 1, 98: 2}
    runes = parse_type("[]rune", "go")
    assert runes is not None and go_chars(["x", "yz"], runes) == [120, "yz"]  # only one-character strings
    text = parse_type("map[string]int", "go")
    assert text is not None and go_chars({"a": 1}, text) == {"a": 1}


def test_cpp_type_aliases_and_any_values_are_written() -> None:
    sig = read_signature(
        "typedef std::list<boost::any> list_any;\nusing namespace std;\nvector<int> keep_ints(list_any values){",
        "cpp",
    )
    assert sig is not None and sig.types[0] is not None and sig.types[0].text == "list<boost::any>"
    # the literal C++ gives each value's type; `{}` among the elements is an empty any
    assert render(["a", 3.14, 5, [], {}], sig.types[0], "cpp") == (
        'list<boost::any>{string("a"), 3.14, 5, std::any(), std::any()}'
    )
    two = read_signature("std::any larger(std::any a, boost::any b) {", "cpp")
    assert two is not None and [t.kind for t in two.types] == ["any", "any"]  # type: ignore[union-attr]
    assert [render(v, two.types[0], "cpp") for v in (1, 2.5, True, "2,3")] == [
        "1",
        "2.5",
        "true",
        'string("2,3")',
    ]
    for bad in (2**40, None, [1], {"a": 1}):  # no one natural literal: refused, never guessed
        with pytest.raises(Unrenderable):
            render(bad, two.types[0], "cpp")
    alias = read_signature("using vi = vector<int>;\nint total(vi xs) {", "cpp")
    assert alias is not None and render([1, 2], alias.types[0], "cpp") == "vector<int>{1, 2}"  # type: ignore[arg-type]


def test_java_object_values_are_written() -> None:
    sig = read_signature(
        "public List<Integer> keepInts(List<Object> values, Map<Object, Object> m) {", "java"
    )
    assert sig is not None and sig.types[0] is not None and sig.types[1] is not None
    assert render(["a", 3.14, 5, 2**40, None, []], sig.types[0], "java") == (
        'new ArrayList<Object>(Arrays.<Object>asList("a", 3.14, 5, 1099511627776L, null, '
        "new ArrayList<Object>(Arrays.<Object>asList())))"
    )
    assert render({"a": "x", 8: "y"}, sig.types[1], "java") == (
        'new HashMap<Object, Object>() {{ put("a", "x"); put(8, "y"); }}'
    )


def test_cpp_map_parameter_from_the_statements_brace_pairs() -> None:
    ty = parse_type("map<string,string>", "cpp")
    # `{{"a","apple"}, {"a","apple"}}` reads as a list of pairs: written back as pairs, repeated key kept
    assert render([["a", "apple"], ["a", "apple"]], ty, "cpp") == (
        'map<string,string>{{string("a"), string("apple")}, {string("a"), string("apple")}}'
    )
    with pytest.raises(Unrenderable):
        render([["a", "apple", "x"]], ty, "cpp")
    with pytest.raises(Unrenderable):
        render([["a", "apple"]], parse_type("HashMap<String, String>", "java"), "java")


def test_javascript_calls_may_omit_trailing_parameters() -> None:
    js = program_plan("const sumProduct = (numbers, int) => [0, 1];", "js", ["sumProduct"], None)
    assert call_expression(js, [[]]) == "sumProduct([])"
    with pytest.raises(Unrenderable):
        call_expression(js, [[], 1, 2])
    cpp = program_plan("int f(int a, int b) { return a; }", "cpp", ["f"], None)
    with pytest.raises(Unrenderable):
        call_expression(cpp, [1])


def test_inputs_after_the_one_a_program_died_on_count_as_unrun() -> None:
    from codejudge.ground.run import Outcome, died_at

    ok, crash, hang = Outcome("ok", 1), Outcome("crash"), Outcome("timeout")
    assert died_at([ok, crash, crash, crash]) == 1  # the process died on the second input
    assert died_at([ok, hang, hang]) == 1
    assert died_at([crash, Outcome("not_run"), crash]) == 0  # an input that could not be written ran nowhere
    assert died_at([crash]) is None  # the last input: nothing after it to recover
    assert died_at([ok, crash, ok]) is None  # another process went on: each outcome is its own
    assert died_at([ok, ok]) is None


def test_members_of_a_class_or_impl_block_know_their_owner() -> None:
    cpp = (
        "class Solution {\npublic:\n    vector<int> twoSum(vector<int>& nums, const vector<int>& b, int t) {\n"
        "        return {};\n    }\n};\nint helper(int x) { return x; }\n"
    )
    member, free = signatures(cpp, "cpp")
    assert (member.name, member.owner, free.owner) == ("twoSum", "Solution", None)
    assert member.ret is not None and member.ret.text == "vector<int>"  # `public:` is no part of it
    assert [t.ref for t in member.types if t is not None] == ["&", "", ""]  # only a non-const reference
    rust = "impl Solution {\n    pub fn two_sum(nums: Vec<i32>, t: i32) -> Vec<i32> { vec![] }\n}\nfn h(x: i32) -> i32 { x }"
    assert [(s.name, s.owner) for s in signatures(rust, "rust")] == [("two_sum", "Solution"), ("h", None)]
