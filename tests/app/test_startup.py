"""The application layer is cheap to import: the models, SciPy and charts load when a
function runs (checked by the modules a fresh interpreter holds, never by timing)."""

from __future__ import annotations

import pkgutil

import pytest

import custvalue.app
from tests.cli.test_startup import HEAVY, _loaded, _modules_after

MODULES = sorted(f"custvalue.app.{m.name}" for m in pkgutil.iter_modules(custvalue.app.__path__))


def test_every_module_is_listed() -> None:
    assert {"custvalue.app.clv", "custvalue.app.values", "custvalue.app.imports"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_importing_an_app_module_imports_no_heavy_library_nor_a_front(module: str) -> None:
    modules = _modules_after(f"import {module}")
    for package in [*HEAVY, "custvalue.cli", "custvalue.clv.bgnbd", "custvalue.choice"]:
        assert not _loaded(modules, package), (module, package)
