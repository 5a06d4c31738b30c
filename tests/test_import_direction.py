"""Stages flow one way (docs: ARCHITECTURE.md, "One flow, one direction").

Walks every ``import`` of the package (module level and inside functions) and fails when a
stage imports a later stage or a surface. The order is the pipeline's:

    errors, grammar  <  model  <  ingest < normalize < segment < structure < extract
    <  pipeline (ingest..extract composed)  <  store  <  amend  <  consolidate  <  query
    <  rules  <  batch

Surfaces (``cli``, ``commands``, ``api``, ``web``, ``export``, ``serialize``) may import anything;
no stage may import a surface. Exceptions are listed in ``ALLOWED`` with their reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import gongbao

STAGES: list[set[str]] = [
    {"errors", "grammar"},
    {"model"},
    {"ingest"},
    {"normalize"},
    {"segment"},
    {"structure"},
    {"extract"},
    {"pipeline"},
    {"store"},
    {"amend"},
    {"consolidate"},
    {"query"},
    {"rules"},
    {"batch"},
]
SURFACES = {"cli", "commands", "api", "web", "export", "serialize"}

RANK = {name: i for i, group in enumerate(STAGES) for name in group}

#: (importing top-level module, imported top-level module) -> why it is allowed.
ALLOWED: dict[tuple[str, str], str] = {
    # store/ingest.py and store/check.py re-consolidate the works a stored decision amends,
    # inside the store's write transaction, through gongbao.consolidate (the composition of the
    # store with amend); the import is made inside the function, so store loads without amend.
    ("store", "consolidate"): "a stored decision is consolidated in the same transaction",
}

ROOT = Path(gongbao.__file__).parent


def _top(rel: Path) -> str:
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[str, int]]:
    """(top-level gongbao module, line) of every import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "gongbao":
                names = [f"gongbao.{a.name}" for a in node.names]
            elif node.module.startswith("gongbao."):
                names = [node.module]
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path}: relative import (the direction test reads absolute ones only)")
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("gongbao.")]
        out.extend((n.split(".")[1], node.lineno) for n in names)
    return out


def violations(root: Path = ROOT) -> list[str]:
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        me = _top(rel)
        if me == "__init__" or me in SURFACES:
            continue
        assert me in RANK, f"{rel}: top-level module {me!r} is neither a stage nor a surface: place it"
        for target, line in _imports(path):
            if target == me or (me, target) in ALLOWED:
                continue
            if target in SURFACES:
                found.append(f"{rel}:{line} stage {me} imports surface {target}")
            elif target not in RANK:
                found.append(f"{rel}:{line} imports unplaced module {target}")
            elif RANK[target] > RANK[me]:
                found.append(f"{rel}:{line} stage {me} imports later stage {target}")
    return found


def test_no_stage_imports_a_later_stage_or_a_surface() -> None:
    assert violations() == []


def test_the_walk_sees_a_violation(tmp_path: Path) -> None:
    """The checker itself: a stage importing a later stage is reported (so the test can fail)."""
    src = tmp_path / "segment"
    src.mkdir()
    (src / "x.py").write_text("def f():\n    from gongbao.extract.tasks import split_units\n", encoding="utf-8")
    (tmp_path / "model.py").write_text("from gongbao.grammar import forms\nimport gongbao.cli\n", encoding="utf-8")
    assert violations(tmp_path) == [
        "model.py:2 stage model imports surface cli",
        "segment/x.py:2 stage segment imports later stage extract",
    ]


def test_every_exception_is_still_needed() -> None:
    """An exception that the code no longer uses goes from ``ALLOWED``."""
    used = set()
    for path in ROOT.rglob("*.py"):
        me = _top(path.relative_to(ROOT))
        used.update((me, t) for t, _ in _imports(path) if (me, t) in ALLOWED)
    assert used == set(ALLOWED)
