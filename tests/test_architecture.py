"""The domain package imports nothing from Prefect: flows/ composes it, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parent.parent / "circular"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: str(p.relative_to(DOMAIN))
)
def test_domain_module_does_not_import_prefect(path: Path) -> None:
    offending = {m for m in _imported_modules(path) if m == "prefect" or m.startswith("prefect.")}
    assert not offending, f"{path} imports {sorted(offending)}: keep Prefect in flows/"
    assert not any(m == "flows" or m.startswith("flows.") for m in _imported_modules(path)), (
        f"{path} imports flows/: the domain must not depend on the orchestration layer"
    )
