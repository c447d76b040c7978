"""A candidate plus a test program, as one sandbox job with outputs-only verdicts.

>>> job = program_job("c1", "js", "const add = (a, b) => a + b;",
...                   "const t = () => {\\n  console.assert(add(1, 2) === 3)\\n}\\nt()\\n", "add")
>>> job.kind, [t.kind for t in job.tests], job.equality
('program', ['call'], 'strict')
"""

from __future__ import annotations

import functools
from typing import cast

from codejudge.extract import assemble_program
from codejudge.problems.testprograms import Conversion, convert
from codejudge.sandbox.base import Equality, Job


@functools.lru_cache(maxsize=2048)
def cached_conversion(
    language: str, test_program: str, entry_point: str, declaration: str = ""
) -> Conversion:
    """``convert``, once per distinct test program (the tests are shared by every answer; do not mutate)."""
    return convert(language, test_program, entry_point, declaration)


def program_job(
    job_id: str,
    language: str,
    code: str,
    test_program: str,
    entry_point: str | None,
    header: str = "",
    stop_on_first_failure: bool = False,
) -> Job:
    """The ``program`` job running ``code`` against ``test_program``.

    ``header``: the dataset's declaration (its includes/imports/uses; Go: its import
    block) for the candidate file. The answer's own ``main`` is removed when the test
    program has one, as HumanEvalPack's harness requires.
    """
    conv = cached_conversion(language, test_program, entry_point or "", header)
    assembly = assemble_program(code, language, test_program, header, entry_point=entry_point)
    return Job(
        id=job_id,
        kind="program",
        language=language,
        source=assembly.solution,
        tests=list(conv.tests),
        entry_point=entry_point,
        stop_on_first_failure=stop_on_first_failure,
        test_program=conv.test_program,
        residual_program=conv.residual_program,
        equality=cast(Equality, conv.equality),  # a str here; Job checks the value
        meta={
            "conversion": conv.summary(),
            "assembly": {"stripped": assembly.stripped, "added": assembly.added},
        },
    )
