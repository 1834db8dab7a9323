"""Start-up cost, checked by structure (which modules a fresh process imports), never by
timing: the CLI imports a command's heavy libraries only when that command runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ["scipy", "plotly", "openpyxl", "fastexcel", "xlsxwriter"]


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _loaded(modules: set[str], package: str) -> bool:
    return package in modules or any(m.startswith(package + ".") for m in modules)


def test_importing_the_cli_imports_no_heavy_library() -> None:
    modules = _modules_after("import custvalue.cli.main")
    for package in [*HEAVY, "polars", "duckdb", "numpy", "custvalue.choice", "custvalue.clv"]:
        assert not _loaded(modules, package), package


def test_the_main_help_imports_no_command_module() -> None:
    modules = _modules_after(
        "import contextlib, io\n"
        "from custvalue.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--help']) == 0"
    )
    commands = {m for m in modules if m.startswith("custvalue.cli.")}
    assert commands <= {
        "custvalue.cli.main",
        "custvalue.cli.framework",
        "custvalue.cli.linebreak",
    }, commands
    for package in [*HEAVY, "polars", "duckdb"]:
        assert not _loaded(modules, package), package


@pytest.mark.parametrize(
    "module",
    [
        "custvalue.cli.value",
        "custvalue.cli.segments",
        "custvalue.cli.demo",
        "custvalue.cli.imports",
        "custvalue.cli.delivered",
        "custvalue.cli.choice",
    ],
)
def test_everyday_commands_import_no_scipy_or_plotly(module: str) -> None:
    modules = _modules_after(f"import {module}")
    for package in HEAVY:
        assert not _loaded(modules, package), (module, package)


def test_light_parts_of_analysis_packages_stay_light() -> None:
    modules = _modules_after("import custvalue.choice.rule, custvalue.clv.summary")
    assert not _loaded(modules, "scipy")
    # the names are still there, imported on first use
    modules = _modules_after("from custvalue.choice import ConditionalLogit")
    assert _loaded(modules, "scipy")


def test_a_lazy_package_still_refuses_unknown_names() -> None:
    import custvalue.clv

    with pytest.raises(AttributeError, match="nosuch"):
        _ = custvalue.clv.nosuch  # type: ignore[attr-defined]
    assert custvalue.clv.BetaGeoModel.__name__ == "BetaGeoModel"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("startup") / "demo.db")
    _modules_after(
        "import contextlib, io\n"
        "from custvalue.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {path!r}, 'demo', '--no-serve', '--customers', '60']) == 0"
    )
    assert Path(path).exists()
    return path


@pytest.mark.parametrize("command", [["value", "--top", "10"], ["rfm"], ["tiers"], ["report"]])
def test_everyday_commands_read_the_store_without_pyarrow_or_numpy(
    demo_db: str, command: list[str]
) -> None:
    """DuckDB hands results to Polars through the Arrow C stream: no pyarrow, no NumPy."""
    modules = _modules_after(
        "import contextlib, io\n"
        "from custvalue.cli.main import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    assert main(['--db', {demo_db!r}, *{command!r}]) == 0\n"
        "assert out.getvalue().strip()"
    )
    assert _loaded(modules, "custvalue.value"), command
    for package in [*HEAVY, "pyarrow", "numpy"]:
        assert not _loaded(modules, package), (command, package)
