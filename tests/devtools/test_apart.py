"""The pipeline never imports analysis.devtools (only scripts and tests do)."""

import ast
from pathlib import Path

import analysis

PACKAGE = Path(analysis.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_pipeline_module_imports_devtools():
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "devtools" not in path.relative_to(PACKAGE).parts
        and any(
            n == "analysis.devtools" or n.startswith("analysis.devtools.") for n in _imports(path)
        )
    )
    assert users == []
