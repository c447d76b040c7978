"""The program of the pre-push test job (``hooks.run_affected_tests``), run inside the sandbox
as a ``stdio`` job's source, never imported by codejudge: standard library only until it
imports the pytest it unpacked.

Its stdin is one JSON object: ``site`` and ``project`` (base64 zips of pytest's own packages
and of the project's files), ``args`` (extra pytest arguments) and ``tests`` (test files).
It unpacks both into the sandbox's private ``/work``, runs ``pytest.main`` there and prints
one JSON line: ``{"exit": pytest's exit code, "report": the last 60 lines of its report}``.
"""

import base64
import contextlib
import io
import json
import os
import sys
import zipfile


def main() -> None:
    spec = json.loads(sys.stdin.read())
    for part in ("site", "project"):
        zipfile.ZipFile(io.BytesIO(base64.b64decode(spec[part]))).extractall("/work/" + part)
    sys.path[:0] = ["/work/site", "/work/project"]
    os.chdir("/work/project")
    import pytest  # the unpacked copy, first on sys.path

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = pytest.main(
            ["-p", "no:cacheprovider", "-q", "--color=no", "-rfE", *spec["args"], *spec["tests"]]
        )
    print(json.dumps({"exit": int(code), "report": "\n".join(buf.getvalue().splitlines()[-60:])}))


if __name__ == "__main__":  # a stdio job's source runs as __main__
    main()
