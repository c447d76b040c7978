from __future__ import annotations

from codejudge.judge.extract import code_blocks, extract_code


def test_bare_code_is_returned_unchanged() -> None:
    assert extract_code("def f():\n    return 1\n") == "def f():\n    return 1\n"


def test_block_defining_entry_point_wins_over_longer_usage_block() -> None:
    md = (
        "Solution:\n```python\ndef add(a, b):\n    return a + b\n```\n"
        "Usage:\n```python\nprint(add(1, 2))\nprint(add(3, 4))\nprint(add(5, 6))\nprint(add(7, 8))\n```\n"
    )
    assert extract_code(md, entry_point="add") == "def add(a, b):\n    return a + b\n"


def test_blocks_in_other_languages_are_skipped() -> None:
    md = "```bash\npip install numpy scipy pandas matplotlib\n```\n```py\nx = 1\n```"
    assert extract_code(md) == "x = 1\n"
    assert code_blocks(md)[0][0] == "bash"


def test_tilde_fences_and_info_string_attributes() -> None:
    assert extract_code("~~~python title=a.py\ny = 2\n~~~") == "y = 2\n"


def test_js_entry_point_detection() -> None:
    md = "```js\nconsole.log(f(1))\n```\n```javascript\nconst f = (x) => {\n  return x;\n}\n```"
    assert extract_code(md, language="js", entry_point="f").startswith("const f")
