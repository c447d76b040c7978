"""A few static security checks the judge uses as evidence for "security" criteria.

Deliberately small and exact: each check names a call that runs or loads
untrusted data as code. The analyzer's mistake rules are about correctness; these
are about safety, so they live with the judge.

>>> [f.code for f in security_findings("import os\\nos.system('ls ' + name)")]
['CJS003']
>>> security_findings("import yaml\\nyaml.load(s, Loader=yaml.SafeLoader)")
[]
"""

from __future__ import annotations

import ast

from codejudge.types import Finding, Location

# code -> (dotted call name or None for a custom test, message)
CHECKS: dict[str, str] = {
    "CJS001": "eval() runs a string as code",
    "CJS002": "exec() runs a string as code",
    "CJS003": "os.system() runs a shell command",
    "CJS004": "subprocess call with shell=True runs a shell command",
    "CJS005": "pickle.loads()/load() can run code from untrusted data",
    "CJS006": "yaml.load() without a safe Loader can build arbitrary objects",
}

_SUBPROCESS = {"run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"}
_SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _code_for(call: ast.Call) -> str | None:
    name = _dotted(call.func)
    last = name.rsplit(".", 1)[-1]
    kw = {k.arg: k.value for k in call.keywords if k.arg}
    if name in ("eval", "builtins.eval"):
        return "CJS001"
    if name in ("exec", "builtins.exec"):
        return "CJS002"
    if name in ("os.system", "system", "os.popen"):
        return "CJS003"
    if name.startswith("subprocess.") and last in _SUBPROCESS or name in _SUBPROCESS:
        shell = kw.get("shell")
        if last in ("getoutput", "getstatusoutput"):
            return "CJS004"
        if isinstance(shell, ast.Constant) and shell.value is True:
            return "CJS004"
    if name in ("pickle.loads", "pickle.load", "cPickle.loads", "dill.loads", "marshal.loads"):
        return "CJS005"
    if name in ("yaml.load", "yaml.load_all", "yaml.unsafe_load"):
        loader = kw.get("Loader") or (call.args[1] if len(call.args) > 1 else None)
        if (
            name == "yaml.unsafe_load"
            or loader is None
            or _dotted(loader).rsplit(".", 1)[-1] not in _SAFE_LOADERS
        ):
            return "CJS006"
    return None


def security_findings(source: str, path: str = "<string>") -> list[Finding]:
    """Security findings in Python ``source``; code that does not parse has none."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            code = _code_for(node)
            if code:
                out.append(
                    Finding(
                        code=code,
                        category="security",
                        message=CHECKS[code],
                        location=Location(path, node.lineno, node.col_offset + 1),
                        severity="error",
                    )
                )
    return sorted(out, key=lambda f: (f.location.line, f.location.column) if f.location else (0, 0))
