"""Telling a pair's language when the row names none (``codejudge.extract.detect``)."""

from __future__ import annotations

import pytest

from codejudge.extract.detect import detect_language

UNTAGGED = {
    "python": "Here you go:\n\ndef total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n",
    "js": "Try this:\n\nfunction total(xs) {\n  let s = 0;\n  for (const x of xs) s += x;\n  return s;\n}\n",
    "cpp": "Like so:\n\n#include <vector>\nint total(std::vector<int> xs) {\n    int s = 0;\n    for (int x : xs) s += x;\n    return s;\n}\n",
    "java": "Here:\n\npublic class Main {\n    public static int total(int[] xs) {\n        int s = 0;\n        for (int x : xs) s += x;\n        return s;\n    }\n}\n",
    "go": "Here:\n\nfunc Total(xs []int) int {\n    s := 0\n    for _, x := range xs {\n        s += x\n    }\n    return s\n}\n",
    "rust": "Here:\n\nfn total(xs: &[i32]) -> i32 {\n    let mut s = 0;\n    for x in xs {\n        s += x;\n    }\n    s\n}\n",
}


@pytest.mark.parametrize("language", sorted(UNTAGGED))
def test_untagged_code_is_read_as_its_language(language: str) -> None:
    got, why = detect_language("Sum the numbers of a list.", [UNTAGGED[language], UNTAGGED[language]])
    assert (got, why) == (language, f"the answers' code reads as {language}")


def test_fence_tags_win_by_majority() -> None:
    aside = "In JS:\n```js\nconst f = (a, b) => a + b;\n```\nIn Python:\n```python\ndef f(a, b):\n    return a + b\n```"
    other = "```py\ndef f(a, b):\n    return a - b\n```"
    assert detect_language("Write f(a, b).", [aside, other]) == (
        "python",
        "the answers' code blocks are tagged python",
    )


@pytest.mark.parametrize(
    ("instruction", "language"),
    [
        ("Write a Rust function that adds two numbers.", "rust"),
        ("Implement this in C++ please.", "cpp"),
        ("Write a Go function Add(a, b int) int.", "go"),
        ("Solve it in Golang.", "go"),
        ("Write a Java method that adds two numbers.", "java"),
        ("Write a JavaScript function that adds.", "js"),
    ],
)
def test_the_instruction_naming_one_language_decides_without_tags(instruction: str, language: str) -> None:
    assert detect_language(instruction, ["I would add them.", ""]) == (
        language,
        f"the instruction names {language}",
    )


def test_go_the_verb_and_two_named_languages_say_nothing() -> None:
    assert detect_language("Go through the list and add the numbers.", ["Add them."])[0] == "python"
    assert detect_language("Convert this Java code to Rust.", ["No code here."]) == (
        "python",
        "no language named, no tagged code block and no other language reads the code: Python assumed",
    )
