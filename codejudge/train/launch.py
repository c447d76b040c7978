"""Entry point for ``accelerate launch`` (which needs a script or a module, not a console command).

    accelerate launch --config_file codejudge/train/accelerate/ddp.yaml -m codejudge.train.launch --config R.yaml
"""

from __future__ import annotations

import sys

from codejudge.cli import main

if __name__ == "__main__":
    sys.exit(main(["train", *sys.argv[1:]]))
