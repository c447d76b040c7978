"""``codejudge rule CODE``: print a rule's documentation (from its module docstring)."""

from __future__ import annotations

import argparse

from codejudge.analyze.rules import RULES, get_rule
from codejudge.analyze.taxonomy import mistake_codes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="rule code (CJ702) or name (index-at-len)")
    parser.add_argument("--all", action="store_true", help="list every code with its summary")


def run(args: argparse.Namespace) -> int:
    if args.all or not args.code:
        for code, entry in mistake_codes().items():
            mark = "" if code in RULES or entry["kind"] != "rule" else " (missing)"
            print(f"{code}  {entry['kind']:<8} {entry['category']:<20} {entry['name']}{mark}")
        return 0
    codes = mistake_codes()
    key = args.code.strip().upper()
    if key in codes and codes[key]["kind"] != "rule":  # dynamic and syntax codes have no module
        e = codes[key]
        print(f"{e['name']} ({key})\n\n{e['kind']} tag, category {e['category']}: {e['summary']}")
        return 0
    rule = get_rule(args.code)
    print(rule.doc)
    return 0
