"""Code out of chat answers, in Python, JavaScript, C++, Java, Go and Rust.

A lower layer (it needs only tree-sitter and ``codejudge.languages``), so the
sandbox, the loaders, the judge and the evaluators can all call it.

- ``extract(answer, language, entry_point, strip_main=, add_imports=, java_class=)``
  -> ``Extraction``: the code, the blocks used and why, what was stripped or
  added, or the reason no code was found.
- ``extract_code(answer, language, entry_point)`` -> str: the code alone, unchanged.
- ``assemble_program(code, language, test_program, header=)`` -> ``Assembly``: the
  solution made to fit a test program (the answer's ``main`` removed, the
  dataset's headers added), for execution paths.

>>> extract("Here you go:\\n```js\\nconst add = (a, b) => a + b;\\nconsole.log(add(1, 2));\\n```",
...         "JavaScript", "add", strip_main=True).code
'const add = (a, b) => a + b;\\n'
"""

from __future__ import annotations

from codejudge.extract.answer import Block, Extraction, code_blocks, extract, extract_code
from codejudge.extract.assemble import Assembly, assemble_program, header_imports

__all__ = [
    "Assembly",
    "Block",
    "Extraction",
    "assemble_program",
    "code_blocks",
    "extract",
    "extract_code",
    "header_imports",
]
