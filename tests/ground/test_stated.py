"""Properties the instruction states (``codejudge.ground.stated``): when a claim is read, and the checks."""

from __future__ import annotations

import pytest

from codejudge.ground.mine import mine
from codejudge.ground.plan import instruction_signature
from codejudge.ground.run import Outcome
from codejudge.ground.stated import (
    ascending,
    ascending_claim,
    ascending_tests,
    inverse_claim,
    inverse_tests,
    one_of_claim,
    one_of_tests,
)


def _claim(text: str):  # noqa: ANN202 - Claim | None
    return ascending_claim(text, mine(text).examples)


@pytest.mark.parametrize(
    "text",
    [
        "Return sorted unique elements in a list.\n>>> unique([5, 3, 5, 2])\n[2, 3, 5]",
        "Return sorted unique common elements for two lists.\n>>> common([1, 4], [4, 1])\n[1, 4]",
        "Write a function to sort a list of elements using comb sort.\nassert comb_sort([5, 15, 3]) == [3, 5, 15]",
        "Write a function to sort the given array by using shell sort.\nassert shell_sort([12, 2]) == [2, 12]",
        "The function returns the words in ascending order.\nf('b a') == ['a', 'b']",
    ],
)
def test_ascending_claim_read_when_words_and_examples_agree(text: str) -> None:
    claim = _claim(text)
    assert claim is not None and claim.rule == "ascending" and "ascending" in claim.prop
    assert "assert" not in claim.quote and ">>>" not in claim.quote  # the sentence, not the example


@pytest.mark.parametrize(
    "text",
    [
        "Return sorted elements.\n>>> f([3, 1])\n[3, 1]",  # the example contradicts the words
        "Return sorted elements.\n>>> f([3])\n[3]",  # no example shows an order (one item)
        "Return sorted elements.",  # no example at all
        "Return a list of words sorted by length.\n>>> f('a bb')\n['a', 'bb']",  # keyed order
        "Write a function to sort a list of tuples by the second item.\nassert f([3, 1]) == [1, 3]",
        "Return the list sorted in ascending order if the sum is odd, in descending order otherwise.\n"
        ">>> f([1, 2])\n[1, 2]",  # conditional order
        "Given a sorted list, return the missing numbers.\nassert f([1, 3, 5]) == [2, 4]",  # the input is sorted
        "Return the pairs, sorted.\n>>> f([1, 2])\n[(1, 2), (2, 1)]",  # not a list of numbers or strings
    ],
)
def test_ascending_claim_stays_silent_when_anything_is_unclear(text: str) -> None:
    assert _claim(text) is None


def test_ascending_check_and_the_tests_it_makes() -> None:
    assert (
        ascending([1, 2, 2]) and ascending(("a", "b")) and not ascending([2, 1]) and not ascending(["b", "a"])
    )
    assert (
        ascending([2, "a"]) and ascending(None) and ascending([[2], [1]])
    )  # not orderable plainly: no claim
    claim = _claim("Return sorted unique elements.\n>>> unique([3, 1])\n[1, 3]")
    outs = {0: Outcome("ok", [1, 2, 3]), 1: Outcome("ok", [3, 1, 2])}
    [t] = ascending_tests(claim, "unique([3, 1, 2])", "mutation of example 1", False, outs, "g0")
    assert (t.source, t.passed, t.edge) == ("property", {0: True, 1: False}, False)
    assert "Return sorted unique elements." in t.prop
    # both sorted, both unsorted, or a crash (another property's business): no test from this rule
    assert ascending_tests(claim, "x", "o", False, {0: Outcome("ok", [1]), 1: Outcome("ok", [2])}, "g1") == []
    assert (
        ascending_tests(claim, "x", "o", False, {0: Outcome("ok", [2, 1]), 1: Outcome("ok", [3, 1])}, "g2")
        == []
    )
    assert (
        ascending_tests(claim, "x", "o", False, {0: Outcome("ok", [2, 1]), 1: Outcome("error")}, "g3") == []
    )


CYCLIC = '''Complete the following Python function.

```python
def encode_cyclic(s: str):
    """returns encoded string by cycling groups of three characters."""
    groups = [s[(3 * i):min((3 * i + 3), len(s))] for i in range((len(s) + 2) // 3)]
    groups = [(group[1:] + group[0]) if len(group) == 3 else group for group in groups]
    return "".join(groups)


def decode_cyclic(s: str):
    """
    takes as input string encoded with encode_cyclic function. Returns decoded string.
    """
```'''


def test_inverse_claim_from_a_given_encoder_and_the_stub_is_the_entry_point() -> None:
    sig = instruction_signature(CYCLIC)
    assert sig is not None and sig.name == "decode_cyclic"  # not the helper the instruction gives in full
    claim = inverse_claim(CYCLIC, "decode_cyclic")
    assert (
        claim is not None and claim.encoder == "encode_cyclic" and "def encode_cyclic" in claim.encoder_source
    )
    assert "encoded with encode_cyclic" in claim.quote and "decode_cyclic" not in claim.encoder_source
    assert inverse_claim(CYCLIC.replace("encoded with", "made by"), "decode_cyclic") is None  # not stated
    assert (
        inverse_claim("Decode strings encoded with encode_cyclic.", "decode_cyclic") is None
    )  # no code given
    assert inverse_claim(CYCLIC, "encode_cyclic") is None


def test_inverse_tests_compare_with_the_original_input() -> None:
    claim = inverse_claim(CYCLIC, "decode_cyclic")
    outs = {
        0: [Outcome("ok", "abcd"), Outcome("ok", "xy")],
        1: [Outcome("error", exception="ValueError: length", deliberate=True), Outcome("ok", "xy")],
    }
    tests = inverse_tests(
        claim,
        "decode_cyclic",
        ["abcd", "xy"],
        [Outcome("ok", "bcad"), Outcome("ok", "xy")],
        outs,
        [False, False],
    )
    [t] = tests  # "xy" does not separate them
    assert (t.source, t.passed, t.expected) == ("property", {0: True, 1: False}, "abcd")
    assert t.input == "decode_cyclic('bcad')" and "encode_cyclic('abcd')" in t.origin
    assert (
        inverse_tests(
            claim,
            "decode_cyclic",
            ["a"],
            [Outcome("error")],
            {0: [Outcome("ok", "a")], 1: [Outcome("ok", "b")]},
            [False],
        )
        == []
    )


def test_ascending_claim_silent_when_another_sentence_keys_the_order() -> None:
    text = (
        "Return the resulted list with a sorted order. The order of the list should be ascending by length of "
        "each word.\n>>> list_sort(['ab', 'a', 'aaa', 'cd'])\n['ab', 'cd']"
    )
    assert _claim(text) is None


# --------------------------------------------------------------------------- one-of
def test_one_of_reads_the_quoted_strings_every_return_names() -> None:
    text = "Return 'Yes' if there's a way to make a good string, and return 'No' otherwise."
    claim = one_of_claim(text, [], "str")
    assert claim is not None and claim.values == ("No", "Yes")
    c2 = one_of_claim("returns 'Yes' if the name is valid, and 'No' otherwise.", [], "str")
    assert c2 is not None and c2.values == ("No", "Yes")


@pytest.mark.parametrize(
    ("text", "returns"),
    [
        ("Return 'NO' if it is impossible, otherwise return the resulting string.", "str"),  # not closed
        ("Return 'Yes' if the list is sorted.", "str"),  # one value only
        ("Return 'Yes' if there's a way, and return 'No' otherwise.", "bool"),  # not a string return
        ("Return 'Yes' if there's a way, and return 'No' otherwise.", None),  # no type, no example
    ],
)
def test_one_of_stays_silent_without_a_closed_set_of_strings(text: str, returns: str | None) -> None:
    assert one_of_claim(text, [], returns) is None


def test_one_of_needs_the_examples_to_agree() -> None:
    text = 'Return "YES" if the length is prime, otherwise return "NO".\n'
    assert one_of_claim(
        text + 'f((1, 2), (2, 3)) ==> "NO"', mine(text + 'f((1, 2), (2, 3)) ==> "NO"').examples
    )
    assert one_of_claim(text + 'f(1) ==> "maybe"', mine(text + 'f(1) ==> "maybe"').examples) is None


def test_one_of_tests_separate_only_where_one_answer_leaves_the_set() -> None:
    claim = one_of_claim("Return 'Yes' if ok, and return 'No' otherwise.", [], "str")
    assert claim is not None
    (t,) = one_of_tests(
        claim, "f(1)", "random", False, {0: Outcome("ok", "Yes"), 1: Outcome("ok", "yes")}, "g0"
    )
    assert t.passed == {0: True, 1: False} and t.source == "property"
    assert (
        one_of_tests(claim, "f(1)", "r", False, {0: Outcome("ok", "No"), 1: Outcome("ok", "Yes")}, "g0") == []
    )
