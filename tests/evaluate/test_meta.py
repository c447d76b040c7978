"""Meta-evaluation metrics on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from codejudge.evaluate import meta


def test_accuracy_counts_ties_and_errors_half() -> None:
    assert meta.accuracy(["A", "B", "tie", None], ["A", "A", "A", "A"]) == pytest.approx(2 / 4)
    assert meta.accuracy(["tie", "A"], ["tie", "tie"]) == 0.5  # with a tie label only a tie is right


def test_random_order_is_seeded_and_picks_one_order_per_pair() -> None:
    assert meta.random_orders(20, seed=3) == meta.random_orders(20, seed=3)
    assert meta.random_orders(20, seed=3) != meta.random_orders(20, seed=4)
    # Always "A" as given, always "B" once swapped back: right in one order only.
    both = [("A", "B")] * 200
    acc = meta.random_order_accuracy(both, ["A"] * 200, seed=0)
    keep = sum(meta.random_orders(200, seed=0))
    assert acc == keep / 200 and 0.35 < acc < 0.65


def test_combine_orders_follows_judgebench() -> None:
    assert meta.combine_orders("A", "A") == "A"
    assert meta.combine_orders("A", "tie") == "A"
    assert meta.combine_orders(None, "B") == "B"
    assert meta.combine_orders("A", "B") == "tie"
    assert meta.both_order_accuracy([("A", "A"), ("A", "tie"), ("A", "B"), (None, None)], ["A"] * 4) == 0.5


def test_position_consistency_and_preference() -> None:
    both = [("A", "A"), ("A", "B"), ("tie", "tie"), (None, None)]
    assert meta.position_consistency(both) == 0.5
    # A judge that always answers "A" whatever the order: first-position rate 1.
    raw = ["A", "A", "A", "A"]
    assert meta.position_preference(raw) == {"first": 1.0, "second": 0.0, "tie": 0.0, "none": 0.0}


def test_kappa_and_f1() -> None:
    labels = ["A", "A", "B", "B", "tie", "tie"]
    assert meta.cohen_kappa(labels, labels) == 1.0
    assert meta.macro_f1(labels, labels) == 1.0
    preds = ["A", "B", "B", "B", "tie", "A"]
    # observed 4/6; chance: win 2/6*2/6 + lose 3/6*2/6 + tie 1/6*2/6 = 1/3
    assert meta.cohen_kappa(preds, labels) == pytest.approx((4 / 6 - 1 / 3) / (1 - 1 / 3))
    # F1 win: tp1 fp1 fn1 -> .5 ; lose: tp2 fp1 fn0 -> .8 ; tie: tp1 fp0 fn1 -> 2/3
    assert meta.macro_f1(preds, labels) == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    with pytest.raises(ValueError, match="3 decisions for 2 labels"):
        meta.accuracy(["A"] * 3, ["A"] * 2)


def test_bootstrap_ci_is_seeded_and_brackets_the_mean() -> None:
    values = [1.0] * 70 + [0.0] * 30
    lo, hi = meta.bootstrap_ci(values, seed=1)
    assert (lo, hi) == meta.bootstrap_ci(values, seed=1)
    assert lo < 0.7 < hi and hi - lo < 0.25
    assert all(math.isnan(x) for x in meta.bootstrap_ci([]))


def test_report_per_subset() -> None:
    both = [("A", "A"), ("B", "A"), ("A", "A"), ("tie", "tie")]
    rep = meta.report(both, ["A", "A", "A", "A"], ["x", "x", "y", "y"], n_boot=50)
    assert rep["overall"]["n"] == 4 and set(rep["subsets"]) == {"x", "y"}
    assert rep["subsets"]["x"]["position_consistency"] == 0.5
    assert rep["subsets"]["y"]["both_order_accuracy"] == 0.5
