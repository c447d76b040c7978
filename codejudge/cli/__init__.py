"""Thin command line: one module per command, each ``add_arguments`` + ``run``.

``main(argv) -> int`` is testable in-process. Exit codes follow pre-commit:
0 clean, 1 findings or a failed verdict, 2 usage error, 3 internal error,
130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from codejudge import __version__
from codejudge.errors import CodejudgeError

# command -> (module, one-line help). Modules are imported only when used so
# that `codejudge analyze` never pays for torch or the docker SDK.
COMMANDS: dict[str, tuple[str, str]] = {
    "sandbox": ("codejudge.cli.sandbox", "run code in the sandbox; doctor; build-image"),
    "eval": ("codejudge.cli.eval", "evaluate samples (humaneval, mbpp) or judges (judge)"),
    "analyze": ("codejudge.cli.analyze", "tag mistakes in Python files"),
    "rule": ("codejudge.cli.rule", "print the documentation of a rule code"),
    "judge": ("codejudge.cli.judge", "grounded pairwise or single-answer judgments"),
    "serve": ("codejudge.cli.serve", "serve a local model as an OpenAI-compatible endpoint"),
    "data": ("codejudge.cli.data", "build judge training data (synthesize, import, sample)"),
    "train": ("codejudge.cli.train", "train a judge: LoRA SFT -> sample -> DPO (RISE-Judge)"),
    "review": ("codejudge.cli.review", "diff-aware review of a change (pre-commit, CI, PRs)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="codejudge", description="Grounded judgments of code: sandboxed tests, mistake tags, LLM judges."
    )
    parser.add_argument("--version", action="version", version=f"codejudge {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module_name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Two-phase parse: find the command word first (without letting argparse act
    # on --help yet), then let that command's module add its own arguments.
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser()
    if command is None or command not in COMMANDS:
        try:
            parser.parse_args(argv)  # prints help/version or a usage error
        except SystemExit as exc:
            return int(exc.code or 0)
        parser.print_help()
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    module.add_arguments(subparsers.choices[command])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`codejudge rule CJ701 | head -3`): nothing is wrong, nothing more to
        # say; point stdout at devnull so the interpreter's final flush does not raise again
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # stdout is not a real file (captured in tests)
            pass
        return 141  # 128 + SIGPIPE, as a shell reports a command its pipe reader closed
    except CodejudgeError as exc:
        print(f"codejudge: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - a bug in codejudge: one line, the traceback in a file
        where = _write_traceback(command)
        print(
            f"codejudge: internal error ({type(exc).__name__}: {str(exc)[:300]}); this is a bug in "
            f"codejudge, please report it with the traceback written to {where}",
            file=sys.stderr,
        )
        return 3


def _write_traceback(command: str) -> str:
    """Write the current exception's traceback to a temp file; returns its path (or why not)."""
    import tempfile
    import traceback

    try:
        fd, path = tempfile.mkstemp(prefix=f"codejudge-{command}-", suffix=".traceback.txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"codejudge {__version__}, python {sys.version.split()[0]}, argv {sys.argv!r}\n")
            fh.write(traceback.format_exc())
        return path
    except OSError as err:  # nowhere to write: fall back to stderr
        traceback.print_exc()
        return f"<stderr above: could not write a file: {err}>"


def console_main() -> None:
    sys.exit(main())
