"""Many repair variants of one solution in ONE sandbox job.

The job's source is a small dispatcher that carries the original source and each variant's
byte edits; its entry point ``__cj_variant__(i, *args)`` builds variant ``i`` on first use
(in a fresh namespace, so variants cannot see each other's globals) and calls it. A test of
the job is (variant, original test): its id is ``"<i>:<test id>"`` and its arguments are the
original ones with ``i`` in front; expected outputs stay in the trusted parent, which judges
every record as for any other job. A variant that raises or runs past ``slow_s`` answers no
further test of the job (its later tests fail at once), so one looping edit costs one time
limit, not one per test; variant 0, by convention the unedited solution, only stops after a
time limit, so its results measure it.

>>> job = variants_job("j", "def f(x):\\n    return x\\n", [((), "")], "f", [])   # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
from typing import Any, cast

from codejudge.resources import program_source
from codejudge.sandbox.base import Equality, Job
from codejudge.types import ExecResult, TestCase
from codejudge.values import decode, encode

ENTRY = "__cj_variant__"

# The job's source: a real module (dispatcher.py) followed by this job's settings.
DISPATCHER_PARTS = ("analyze", "repair", "dispatcher.py")


def dispatcher(
    base: str,
    edits: list[tuple[tuple[int, int, str], ...]],
    call: str,
    adapter: str = "",
    slow_s: float = 0.5,
) -> str:
    """Source of the dispatcher for ``edits`` (one tuple of byte changes per variant)."""
    as_bytes = [[(s, e, new.encode("utf-8")) for s, e, new in changes] for changes in edits]
    return program_source(
        *DISPATCHER_PARTS,
        _CJ_BASE=base.encode("utf-8"),
        _CJ_ADAPTER=("\n\n" + adapter) if adapter else "",
        _CJ_EDITS=as_bytes,
        _CJ_CALL=call,
        _CJ_SLOW=slow_s,
    )


def _prepend(index: int, args: Any) -> Any:
    """Tagged ``[index, *args]``; a plain JSON list of args encodes as itself."""
    if isinstance(args, list):
        return [index, *args]
    return encode([index, *decode(args)])


def variants_job(
    job_id: str,
    base: str,
    edits: list[tuple[tuple[int, int, str], ...]],
    call: str,
    tests: list[TestCase],
    adapter: str = "",
    equality: str = "python",
    slow_s: float = 0.5,
    timeouts: dict[str, float] | None = None,
    own: dict[int, list[TestCase]] | None = None,
) -> Job:
    """One job running every variant on ``tests`` (variant-major order); a variant in ``own`` runs
    its own tests instead (a predicate-switching variant answers the one probe it flips for)."""
    cases = []
    for i in range(len(edits)):
        for t in (own or {}).get(i, tests):
            cases.append(
                dataclasses.replace(
                    t,
                    id=f"{i}:{t.id}",
                    args=_prepend(i, t.args if t.args is not None else []),
                    timeout_s=(timeouts or {}).get(t.id, t.timeout_s),
                )
            )
    return Job(
        id=job_id,
        kind="function",
        source=dispatcher(base, edits, call, adapter, slow_s),
        tests=cases,
        entry_point=ENTRY,
        equality=cast(Equality, equality),  # a str here; Job checks the value
    )


def passing_variants(result: ExecResult, n_variants: int, n_tests: int) -> list[int]:
    """Variants whose every test passed."""
    ok = [0] * n_variants
    for t in result.tests:
        i = int(t.id.split(":", 1)[0])
        if t.passed and 0 <= i < n_variants:
            ok[i] += 1
    return [i for i, n in enumerate(ok) if n == n_tests]
