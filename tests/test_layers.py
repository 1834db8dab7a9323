"""The dependency rule (docs/architecture.md): layers, the store, and no import cycles.

Every module's imports are read with ``ast`` — module level, inside functions and under
``TYPE_CHECKING`` — and the rule is checked on the graph of modules and of packages
(imports under ``TYPE_CHECKING`` count for layers and the store, not for cycles).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

import custvalue

ROOT = Path(custvalue.__file__).parent

#: layer of each top-level part (lower layers never import higher ones)
LAYERS: dict[str, int] = {
    # core: messages, errors, checks and formatting, used everywhere
    "custvalue": 0,
    "custvalue._validation": 0,
    "custvalue.exceptions": 0,
    "custvalue.formatting": 0,
    "custvalue.output": 0,
    "custvalue.spreadsheets": 0,
    "custvalue.i18n": 0,
    "custvalue.interrupts": 0,
    # data: reading files, the importer and the store
    "custvalue.data": 1,
    # analysis: computations on frames
    "custvalue.value": 2,
    "custvalue.segmentation": 2,
    "custvalue.clv": 2,
    "custvalue.cva": 2,
    "custvalue.delivered": 2,
    "custvalue.choice": 2,
    "custvalue.satisfaction": 2,
    "custvalue.loyalty": 2,
    "custvalue.service": 2,  # complaints: the working calendar, SLA clocks, the workflow
    "custvalue.card": 2,  # the member card: points and stored-value ledger, tiers
    "custvalue.retention": 2,  # retention economics what-if, cohorts, win-back ranking
    "custvalue.referral": 2,  # the referral programme and the doubling plan
    "custvalue.notices": 2,  # proactive notices: templates, rendering, SMTP
    "custvalue.figures": 2,
    # the application layer: what a command and a page do, once (docs/web.md §1)
    "custvalue.app": 3,
    "custvalue.demo": 3,  # the demo company's data and its generators
    # the fronts
    "custvalue.cli": 4,
    "custvalue.web": 4,
    "custvalue.__main__": 4,  # python -m custvalue
}
ANALYSIS = 2
#: the store: the modules that open, define or write the database
STORE = frozenset(
    {
        "custvalue.data",  # re-exports the database and the importer
        "custvalue.data.db",
        "custvalue.data.pool",
        "custvalue.data.schema",
        "custvalue.data.importing",
        "custvalue.data.storing",
        "custvalue.data.writer",
    }
)
#: the only analysis modules that may import the store: each package's store module
ANALYSIS_STORE_MODULES = frozenset(
    {
        "custvalue.value.store",  # ledger_from_db: the ledger aggregated in the database
        "custvalue.clv.store",  # fitted models saved and loaded
        "custvalue.cva.store",  # survey tables stored and loaded
    }
)

#: the fronts: they parse, call one function of custvalue.app and render (docs/web.md §1)
FRONTS = ("custvalue.cli", "custvalue.web")
#: the only store modules a front imports, and why: the CLI opens the store named by
#: --db (cli/common.open_db) and, after Ctrl-C, checks what the command's writes left
#: (cli/outcome); the web layer opens a connection per request (web/store); everything
#: else reaches the store through custvalue.app
FRONT_STORE_IMPORTS: dict[str, frozenset[str]] = {
    "custvalue.cli.common": frozenset({"custvalue.data.db"}),
    "custvalue.cli.outcome": frozenset({"custvalue.data.writer"}),
    "custvalue.web.store": frozenset({"custvalue.data.db", "custvalue.data.pool"}),
}
#: SQL in a string literal of a front (upper-case keywords, as the project writes SQL)
SQL = re.compile(
    r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE|DROP\s+TABLE"
    r"|ALTER\s+TABLE|FROM|WHERE|GROUP\s+BY|ORDER\s+BY)\s"
)

#: Today's violations, exactly (the test fails when one appears AND when one disappears,
#: so this list is kept exact; it empties as the work below is merged).
KNOWN_VIOLATIONS: frozenset[str] = frozenset()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """Ids of the import nodes under ``if TYPE_CHECKING:`` (never run)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", "")
            if name == "TYPE_CHECKING":
                found.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return found


def _imported_names(path: Path, name: str) -> dict[str, bool]:
    """Every ``custvalue`` name imported anywhere in the file (absolute or relative) ->
    whether it is imported only for type checking."""
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    typing_only = _type_checking_nodes(tree)
    found: dict[str, bool] = {}

    def add(imported: str, node: ast.AST) -> None:
        if imported == "custvalue" or imported.startswith("custvalue."):
            found[imported] = found.get(imported, True) and id(node) in typing_only

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # ``from pkg import name`` names a submodule or something inside pkg;
            # _graph resolves it to the nearest module
            for alias in node.names:
                add(f"{module}.{alias.name}", node)
    return found


def _graphs() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Module -> the custvalue modules it imports: all of them, and those run (not only
    under ``TYPE_CHECKING``)."""
    files = {_module_name(p): p for p in ROOT.rglob("*.py")}
    every: dict[str, set[str]] = {}
    run: dict[str, set[str]] = {}
    for name, path in files.items():
        every[name], run[name] = set(), set()
        for imported, typing_only in _imported_names(path, name).items():
            while imported not in files:  # pkg.module.name -> pkg.module
                imported = imported.rsplit(".", 1)[0]
            if imported != name:
                every[name].add(imported)
                if not typing_only:
                    run[name].add(imported)
    return every, run


def _part(module: str) -> str:
    """The top-level part of ``module`` that :data:`LAYERS` names."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def violations(
    graph: Mapping[str, set[str]], run: Mapping[str, set[str]] | None = None
) -> set[str]:
    """Every break of the rule, as a short sentence: layers and the store on ``graph``
    (every import), cycles on ``run`` (the imports that run; default ``graph``)."""
    run = graph if run is None else run
    found: set[str] = set()
    for module, targets in graph.items():
        for target in targets:
            if LAYERS[_part(target)] > LAYERS[_part(module)]:
                found.add(f"layer: {module} -> {target}")
            if (
                LAYERS[_part(module)] == ANALYSIS
                and target in STORE
                and module not in ANALYSIS_STORE_MODULES
            ):
                found.add(f"store: {module} -> {target}")
    # a cycle through two layers always has an upward import (a layer break above);
    # the analysis packages, one layer, must not import each other in a cycle either
    packages: dict[str, set[str]] = {}
    for module, targets in run.items():
        if LAYERS[_part(module)] == ANALYSIS:
            packages.setdefault(_part(module), set()).update(
                _part(t)
                for t in targets
                if LAYERS[_part(t)] == ANALYSIS and _part(t) != _part(module)
            )
    found.update(f"package cycle: {' <-> '.join(c)}" for c in _cycles(packages))
    found.update(f"module cycle: {' <-> '.join(c)}" for c in _cycles(run))
    return found


@pytest.fixture(scope="module")
def graphs() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    return _graphs()


@pytest.fixture(scope="module")
def graph(graphs: tuple[dict[str, set[str]], dict[str, set[str]]]) -> dict[str, set[str]]:
    return graphs[0]


def test_every_module_has_a_layer(graph: dict[str, set[str]]) -> None:
    assert {_part(m) for m in graph} <= set(LAYERS), "name the layer of a new part in LAYERS"
    assert ANALYSIS_STORE_MODULES <= set(graph) and STORE <= set(graph)


def test_the_store_list_is_complete(graph: dict[str, set[str]]) -> None:
    """A data module that imports the database is a store module (listed in STORE)."""
    data = {m for m in graph if _part(m) == "custvalue.data"}
    assert {m for m in data if "custvalue.data.db" in graph[m]} - {"custvalue.data.db"} <= STORE


def test_the_dependency_rule(graphs: tuple[dict[str, set[str]], dict[str, set[str]]]) -> None:
    found = violations(*graphs)
    new = sorted(found - KNOWN_VIOLATIONS)
    gone = sorted(KNOWN_VIOLATIONS - found)
    assert not new, f"new violations of docs/architecture.md: {new}"
    assert not gone, f"fixed, remove from KNOWN_VIOLATIONS: {gone}"


def test_the_graph_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    package = tmp_path / "custvalue" / "cva"
    package.mkdir(parents=True)
    source = (
        "from typing import TYPE_CHECKING\nfrom . import survey\nfrom ..data import db\n"
        "if TYPE_CHECKING:\n    from custvalue.value.ledger import Ledger\n"
        "def f():\n    from custvalue.delivered.files import x\n    import custvalue.clv.store\n"
    )
    (package / "store.py").write_text(source, encoding="utf-8")
    names = _imported_names(package / "store.py", "custvalue.cva.store")
    assert names == {
        "custvalue.cva.survey": False,
        "custvalue.data.db": False,
        "custvalue.value.ledger.Ledger": True,
        "custvalue.delivered.files.x": False,
        "custvalue.clv.store": False,
    }


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"custvalue.cva.survey": {"custvalue.cli.render"}}, "layer"),
        ({"custvalue.segmentation.rfm": {"custvalue.data.db"}}, "store"),
        ({"custvalue.figures.cva": {"custvalue.data.importing"}}, "store"),
        (
            {"custvalue.clv.a": {"custvalue.value.b"}, "custvalue.value.b": {"custvalue.clv.c"}},
            "package cycle",
        ),
        (
            {"custvalue.clv.a": {"custvalue.clv.b"}, "custvalue.clv.b": {"custvalue.clv.a"}},
            "module cycle",
        ),
    ],
)
def test_each_rule_catches_its_break(graph: dict[str, set[str]], expected: str) -> None:
    assert any(v.startswith(f"{expected}:") for v in violations(graph))


def test_type_only_imports_count_for_layers_but_not_for_cycles() -> None:
    every = {
        "custvalue.clv.a": {"custvalue.clv.b"},
        "custvalue.clv.b": {"custvalue.clv.a", "custvalue.data.db"},
    }
    run = {"custvalue.clv.a": {"custvalue.clv.b"}, "custvalue.clv.b": set()}
    assert violations(every, run) == {"store: custvalue.clv.b -> custvalue.data.db"}


def test_allowed_imports_pass() -> None:
    allowed = {
        "custvalue.cva.store": {"custvalue.data.db", "custvalue.cva.survey"},
        "custvalue.cva.survey": {"custvalue.data.tables", "custvalue.exceptions"},
        "custvalue.cli.value": {"custvalue.value.store", "custvalue.data.db"},
        "custvalue.demo.loading": {"custvalue.data.importing", "custvalue.cva.store"},
        "custvalue.value.store": {"custvalue.data.db"},
    }
    assert violations(allowed) == set()


def _front_modules() -> dict[str, Path]:
    files = {_module_name(p): p for p in ROOT.rglob("*.py")}
    return {m: p for m, p in files.items() if _part(m) in FRONTS}


def front_store_imports(graph: Mapping[str, set[str]]) -> set[str]:
    """Every import of the store by a front beyond :data:`FRONT_STORE_IMPORTS`."""
    return {
        f"{module} -> {target}"
        for module, targets in graph.items()
        if _part(module) in FRONTS
        for target in targets
        if target in STORE and target not in FRONT_STORE_IMPORTS.get(module, frozenset())
    }


def sql_literals(source: str) -> list[str]:
    """The string literals of ``source`` (f-strings included) that hold SQL."""
    tree = ast.parse(source)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value)
    ]


def test_the_fronts_reach_the_store_only_through_the_application_layer(
    graph: dict[str, set[str]],
) -> None:
    assert front_store_imports(graph) == set()
    assert set(FRONT_STORE_IMPORTS) <= set(graph)


def test_the_fronts_hold_no_sql() -> None:
    modules = _front_modules()
    assert "custvalue.cli.imports" in modules
    found = {m: sql_literals(p.read_text(encoding="utf-8")) for m, p in modules.items()}
    assert {m: s for m, s in found.items() if s} == {}


def test_the_front_rules_catch_their_breaks() -> None:
    graph = {
        "custvalue.cli.value": {"custvalue.data.db", "custvalue.app.values"},
        "custvalue.cli.common": {"custvalue.data.db"},
        "custvalue.app.values": {"custvalue.data.db"},
    }
    assert front_store_imports(graph) == {"custvalue.cli.value -> custvalue.data.db"}
    assert sql_literals('db.frame(f"SELECT id FROM {table}")') != []
    assert sql_literals('db.execute("DELETE FROM imports")') != []
    assert sql_literals('x = "Select the wave"; y = "from a file"') == []
    assert any(
        v.startswith("layer:")
        for v in violations({"custvalue.app.values": {"custvalue.cli.render"}})
    )
