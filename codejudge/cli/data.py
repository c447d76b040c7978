"""``codejudge data``: build judge training data.

codejudge data synthesize --problems humanevalplus --samples S.eval_results.json --out data/judge
codejudge data import-cuf CodeUltraFeedback.jsonl --out data/cuf
codejudge data sample --data data/judge --llm transformers:runs/j/merged --n 4 --out data/rise
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from codejudge.cli.flags import add_sandbox_flags
from codejudge.errors import ConfigError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--out", required=True, help="output folder (rows, card.json, README.md)")
        p.add_argument("--seed", type=int, default=0, help="seed for splits and sampling")
        p.add_argument("--heldout-fraction", type=float, default=0.2, help="share of problems held out")
        p.add_argument("--no-swap", action="store_true", help="one answer order per pair (default: both)")
        p.add_argument(
            "--skip-bad", action="store_true", help="skip malformed input rows (reported) instead of failing"
        )

    p = sub.add_parser("synthesize", help="execution-labelled pairs from problems with tests + a reference")
    p.add_argument(
        "--problems",
        required=True,
        help="humaneval | humanevalplus | mbppplus | jsonl:PATH | toy:N (tiny arithmetic set)",
    )
    p.add_argument("--problems-path", default=None, help="dataset file for the named problem set")
    p.add_argument(
        "--samples",
        action="append",
        default=[],
        help="LLM samples: evalplus *.eval_results.json or JSONL {problem_id, code} (repeatable)",
    )
    add_sandbox_flags(p, deprecated_unsafe=True)
    p.add_argument("--limit", type=int, default=0, help="only the first N problems (0 = all)")
    p.add_argument("--max-tests", type=int, default=20, help="tests run per candidate")
    p.add_argument("--max-pairs", type=int, default=4, help="pairs kept per problem")
    p.add_argument("--mutants", type=int, default=8, help="mutants of the reference tried per problem")
    common(p)

    p = sub.add_parser("import-cuf", help="CodeUltraFeedback-format JSONL -> judge pairs + policy DPO rows")
    p.add_argument("input", help="CodeUltraFeedback JSONL file")
    common(p)

    p = sub.add_parser(
        "sample", help="RISE-style: sample judgments, keep correct ones, pair correct vs incorrect"
    )
    p.add_argument("--data", required=True, help="folder with pairs.jsonl (from synthesize or import-cuf)")
    p.add_argument("--llm", required=True, help="transformers:PATH | openai:URL")
    p.add_argument("--model", default=None, help="model name for openai backends")
    p.add_argument("--n", type=int, default=4, help="judgments sampled per pair and order")
    p.add_argument("--temperature", type=float, default=0.8, help="sampling temperature")
    p.add_argument("--max-new-tokens", type=int, default=512, help="generation budget per judgment")
    p.add_argument("--limit", type=int, default=0, help="only the first N pairs (0 = all)")
    common(p)


def _problems(spec: str, path: str | None) -> tuple[list[Any], dict[str, list[Any]]]:
    if spec.startswith("toy:"):
        from codejudge.data.toy import toy_problems

        return toy_problems(int(spec.split(":", 1)[1]))
    from codejudge import problems as problems_pkg

    if not hasattr(problems_pkg, "load"):
        raise ConfigError("problem loaders are not installed in this build (codejudge.problems.load)")
    name, _, inline = spec.partition(":")
    return problems_pkg.load(name, path=inline or path), {}


def run(args: argparse.Namespace) -> int:
    from codejudge.data.build import build_dataset

    bad: list[str] = []
    out = Path(args.out)
    if args.action == "synthesize":
        from codejudge.data.synthesize import load_samples, synthesize
        from codejudge.sandbox import get_executor

        problems, samples = _problems(args.problems, args.problems_path)
        if args.limit:
            problems = problems[: args.limit]
        for s in args.samples:
            for pid, cands in load_samples(s, args.skip_bad, bad).items():
                samples.setdefault(pid, []).extend(cands)
        options = {"unsafe": True} if args.backend == "local" and args.unsafe_local else {}
        executor = get_executor(args.backend, **options)
        try:
            pairs = synthesize(
                problems,
                samples,
                executor,
                progress=True,
                max_tests=args.max_tests,
                max_pairs=args.max_pairs,
                mutants=args.mutants,
                seed=args.seed,
            )
        finally:
            executor.close()
        sources = [args.problems] + [Path(s).name for s in args.samples]
        card = build_dataset(
            pairs,
            out,
            sources,
            swap=not args.no_swap,
            heldout_fraction=args.heldout_fraction,
            seed=args.seed,
            extra={"skipped_rows": bad} if bad else None,
        )
    elif args.action == "import-cuf":
        from codejudge.data.cuf import import_cuf
        from codejudge.jsonl import write_jsonl

        imported = import_cuf(args.input, args.skip_bad, bad, seed=args.seed)
        out.mkdir(parents=True, exist_ok=True)
        write_jsonl(out / "policy_dpo.jsonl", imported.policy)
        card = build_dataset(
            imported.pairs,
            out,
            [Path(args.input).name],
            swap=not args.no_swap,
            heldout_fraction=args.heldout_fraction,
            seed=args.seed,
            extra={
                "policy_dpo.jsonl rows": len(imported.policy),
                "import_check": imported.check.to_dict(),
                **({"skipped_rows": bad} if bad else {}),
            },
        )
        print("\n".join(imported.check.lines()))
    else:
        from codejudge.data.rise import sample_judgments
        from codejudge.judge.llm import get_llm

        kind = args.llm.partition(":")[0]
        budget = {"max_new_tokens" if kind == "transformers" else "max_tokens": args.max_new_tokens}
        llm = get_llm(args.llm, model=args.model, temperature=args.temperature, **budget)
        if llm is None:
            raise ConfigError("--llm none cannot sample judgments: use transformers:PATH or openai:URL")
        card = sample_judgments(
            Path(args.data) / "pairs.jsonl",
            llm,
            out,
            n=args.n,
            limit=args.limit,
            swap=not args.no_swap,
            heldout_fraction=args.heldout_fraction,
            seed=args.seed,
            skip_bad=args.skip_bad,
        )
    for name, info in card["files"].items():
        print(f"{out / name}: {info['rows']} rows, labels {info['labels'] or '-'}")
    for line in bad:
        print(f"skipped: {line}")
    return 0
