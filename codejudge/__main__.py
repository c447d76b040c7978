"""``python -m codejudge ...``: the same command line as the ``codejudge`` script.

Also what launchers that need a module rather than a console script run, e.g.
``accelerate launch -m codejudge train --config recipes/tiny-cpu.yaml``.
"""

from __future__ import annotations

import sys

from codejudge.cli import main

if __name__ == "__main__":
    sys.exit(main())
