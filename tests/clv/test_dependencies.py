"""The analysis modules take frames and return frames: only ``clv/store.py`` reads the
store, and reading saved scores does not load the models (nor scipy)."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

PACKAGE = Path(str(files("custvalue")))
STORE_SIDE = {"store.py"}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path) -> set[str]:
    """Modules imported when ``path`` runs (imports for the type checker only left out)."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = {
        id(inner) for node in ast.walk(tree) if _type_checking(node) for inner in ast.walk(node)
    }
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((PACKAGE / "clv").glob("*.py")) if p.name not in STORE_SIDE]
    + [PACKAGE / "value" / "potential.py", PACKAGE / "value" / "firm.py"],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_analysis_modules_do_not_import_the_store_or_the_cli(path: Path) -> None:
    imported = _imports(path)
    forbidden = {
        name
        for name in imported
        if name.startswith(("custvalue.data", "custvalue.cli", "custvalue.clv.store"))
    }
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}"


def test_reading_saved_scores_does_not_load_scipy() -> None:
    code = (
        "import sys, custvalue.clv.store, custvalue.value, custvalue.cli.value; "
        "print('scipy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    )
    assert done.stdout.strip() == "False"


def test_the_package_names_still_load_the_models() -> None:
    from custvalue import clv

    assert clv.BetaGeoModel.name == "bgnbd" and callable(clv.summarize)
    with pytest.raises(AttributeError):
        clv.NoSuchModel  # noqa: B018
