"""The tree tells the pipeline: the domain package imports nothing from Prefect, each stage
imports only the shared top level and the stages before it, and nothing imports flows/ or
bench/."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ROOT / "circular"

#: The stages in the order the data flows through them.
STAGES = ("contacts", "letters", "sending", "replies", "followups", "web")
#: Packages that may use any stage.
FREE = ("cli", "sandbox")
#: The shared top level: at most this many modules besides the packages.
MAX_TOP_MODULES = 8


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # ``from circular import letters`` names a module too
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize(
    "path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: str(p.relative_to(DOMAIN))
)
def test_domain_module_does_not_import_prefect(path: Path) -> None:
    offending = {m for m in _imported_modules(path) if m == "prefect" or m.startswith("prefect.")}
    assert not offending, f"{path} imports {sorted(offending)}: keep Prefect in flows/"


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "circular" and parts[1] in STAGES + FREE:
        return parts[1]
    return None


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(DOMAIN.rglob("*.py")) if p.relative_to(DOMAIN).parts[0] in STAGES],
    ids=lambda p: str(p.relative_to(DOMAIN)),
)
def test_stage_imports_only_earlier_stages(path: Path) -> None:
    own = path.relative_to(DOMAIN).parts[0]
    allowed = set(STAGES[: STAGES.index(own) + 1])
    wrong = {
        m
        for m in _imported_modules(path)
        if (stage := _stage_of(m)) is not None and stage not in allowed
    }
    assert not wrong, (
        f"{path.relative_to(ROOT)} (stage {own}) imports {sorted(wrong)}: a stage imports only "
        f"the shared top level and the stages before it ({' → '.join(STAGES)})"
    )


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(DOMAIN.glob("*.py"))],
    ids=lambda p: p.name,
)
def test_shared_top_level_imports_no_stage(path: Path) -> None:
    wrong = {m for m in _imported_modules(path) if _stage_of(m) in STAGES}
    assert not wrong, f"{path.relative_to(ROOT)} is shared by every stage and imports {wrong}"


@pytest.mark.parametrize(
    "path",
    _python_files("circular", "flows", "demo"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_nothing_imports_flows_or_bench(path: Path) -> None:
    """Only the tests reach into flows/ and bench/; the flows share their own ``flows.common``."""
    top = path.relative_to(ROOT).parts[0]
    banned = {"bench"} | ({"flows"} - {top})
    wrong = {m for m in _imported_modules(path) if m.split(".")[0] in banned}
    assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"


def test_the_tree_shows_the_stages() -> None:
    packages = {p.name for p in DOMAIN.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(STAGES) | set(FREE), packages
    modules = sorted(p.name for p in DOMAIN.glob("*.py"))
    assert len(modules) <= MAX_TOP_MODULES, modules
    for stage in STAGES:
        doc = importlib.import_module(f"circular.{stage}").__doc__ or ""
        assert len(doc.split()) >= 20, f"circular/{stage}/__init__.py needs a docstring"


@pytest.mark.parametrize(
    "old",
    [
        "circular.mime",
        "circular.smtp_sender",
        "circular.inbox",
        "circular.replies.replies",
        "circular.followups.followups",
        "circular.letter_context",
        "flows.demo",
    ],
)
def test_old_module_paths_no_longer_import(old: str) -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(old)
