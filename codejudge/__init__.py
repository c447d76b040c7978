"""codejudge: grounded judgments of code.

Layers (data flows one way): problems -> sandbox -> analyze -> judge ->
evaluate | data -> train | review. The CLI is the only module that knows them all.
"""

from __future__ import annotations

__version__ = "0.1.0"
