"""Kept for callers of ``codejudge.judge.extract``: the extractor lives in ``codejudge.extract``.

>>> extract_code("Sure!\\n```python\\ndef f(x):\\n    return x\\n```\\nDone.")
'def f(x):\\n    return x\\n'
"""

from __future__ import annotations

from codejudge.extract import Extraction, code_blocks, extract, extract_code

__all__ = ["Extraction", "code_blocks", "extract", "extract_code"]
