"""Every error code is written in both languages, raised, and asserted by a test.

The package and the tests are read with ``ast``:

*Raised codes* are the message codes of custvalue's exceptions (:class:`CustValueError`
and every subclass defined in the package, found by walking the class definitions):

- the first argument of a call to such a class (``DataValidationError("clv.bad_unit")``),
  also through a parameter that holds the class (``error=ImportFileError``);
- the code a subclass fixes in its ``__init__`` (``super().__init__("table.bad_rows")``);
- the class's ``default_code`` where a call or ``raise`` gives none.

A code that is not a literal is resolved: a conditional, a local variable, a loop over a
literal table (``for mask, code in checks``), a function that returns the code, and a
helper that takes the code as a parameter (``self._fail("segment.x")``: its callers'
arguments are the codes). A construction whose code cannot be resolved fails the test, so
no code escapes the check.

*Asserted codes* are string constants in a test's ``assert`` statement, in the ``match=`` of
``pytest.raises``, or the key of ``refused(capsys, key, ...)`` (tests/cli/helpers.py, which
asserts exit 1 and that key). A name in those places is resolved the same way: its
``pytest.mark.parametrize`` values, a loop over a literal, the callers of a test helper.

*Error-code catalog keys* are the catalog keys the package uses for nothing but an error:
keys it does not name as a string constant outside the catalogs and that no constant or
f-string prefix ending in ``.`` or ``_`` (``f"col.{name}"``, ``"cva.zone_"``) builds —
labels, row reasons and help texts are named that way, an error code only where it is
raised. Such a key that is not raised is a dead message.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import custvalue
from custvalue.i18n import _catalog

PACKAGE = Path(custvalue.__file__).parent
ROOT = PACKAGE.parent
TESTS = ROOT / "tests"
THIS = Path(__file__).resolve()
BASE = "CustValueError"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")

Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.Module


@dataclass(eq=False)
class Module:
    """One parsed file with the scope (function or module) of every node."""

    path: Path
    tree: ast.Module
    scope: dict[ast.AST, Scope] = field(default_factory=dict)
    parent: dict[ast.AST, ast.AST] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Module:
        module = cls(path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
        module._index(module.tree, module.tree)
        return module

    def _index(self, node: ast.AST, scope: Scope) -> None:
        for child in ast.iter_child_nodes(node):
            self.scope[child] = scope
            self.parent[child] = node
            inner = (
                child
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                else scope
            )
            self._index(child, inner)

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"

    def walk(self) -> Iterator[ast.AST]:
        return ast.walk(self.tree)


def _modules(folder: Path) -> list[Module]:
    return [
        Module.read(p)
        for p in sorted(folder.rglob("*.py"))
        if not p.name.startswith("_catalog_") and p.resolve() != THIS
    ]


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _params(scope: Scope) -> list[str]:
    if isinstance(scope, ast.Module):
        return []
    a = scope.args
    return [p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs)]


def _positional(scope: Scope) -> list[str]:
    if isinstance(scope, ast.Module):
        return []
    return [p.arg for p in (*scope.args.posonlyargs, *scope.args.args)]


@dataclass(frozen=True)
class Forward:
    """A code that is the value of parameter ``param`` of function ``func``."""

    module: Module
    func: ast.FunctionDef | ast.AsyncFunctionDef
    param: str


@dataclass(frozen=True)
class Loop:
    """A name bound by ``for target in iterable`` (read when the name is looked up)."""

    target: ast.expr
    iterable: ast.expr


class Opaque(ast.expr):
    """An element of a loop or table that is not a literal (reported as unresolved)."""

    def __init__(self, node: ast.AST) -> None:
        super().__init__()
        self.node = node


@dataclass
class Found:
    """Codes with where they come from; what could not be resolved."""

    codes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    forwards: set[tuple[Forward, str]] = field(default_factory=set)  # (forward, site)
    unresolved: list[str] = field(default_factory=list)


class Resolver:
    """The string values an expression can take, read from the source of ``modules``."""

    def __init__(self, modules: list[Module]) -> None:
        self.modules = modules
        self.functions: dict[str, list[tuple[Module, ast.FunctionDef | ast.AsyncFunctionDef]]]
        self.functions = defaultdict(list)
        for module in modules:
            for node in module.walk():
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.functions[node.name].append((module, node))
        self._bound: dict[Scope, dict[str, list[ast.AST | str | Loop]]] = {}
        self._calls: dict[str, list[tuple[Module, ast.Call]]] = defaultdict(list)
        self._names: dict[str, list[tuple[Module, ast.Name]]] = defaultdict(list)
        for module in modules:
            for node in module.walk():
                if isinstance(node, ast.Call) and (name := _name(node.func)):
                    self._calls[name].append((module, node))
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                    self._names[node.id].append((module, node))

    def values(
        self,
        expr: ast.AST,
        module: Module,
        site: str,
        found: Found,
        seen: frozenset[int] = frozenset(),
    ) -> None:
        """Add the constants ``expr`` can be (at ``site``) to ``found``."""
        if id(expr) in seen:
            return
        seen = seen | {id(expr)}
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            found.codes[expr.value].add(site)
        elif isinstance(expr, Opaque):
            found.unresolved.append(f"{site}: {ast.unparse(expr.node)}")
        elif isinstance(expr, ast.IfExp):
            self.values(expr.body, module, site, found, seen)
            self.values(expr.orelse, module, site, found, seen)
        elif isinstance(expr, ast.BoolOp):
            for value in expr.values:
                self.values(value, module, site, found, seen)
        elif isinstance(expr, ast.Name):
            self._name(expr, module, site, found, seen)
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
            defs = [d for d in self.functions.get(expr.func.id, []) if d[0] is module]
            if not defs:
                found.unresolved.append(f"{site}: {ast.unparse(expr)}")
            for mod, func in defs:
                for node in ast.walk(func):
                    if isinstance(node, ast.Return) and mod.scope.get(node) is func:
                        self.values(node.value or Opaque(node), mod, site, found, seen)
        elif isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name):
            table = self._assigned(expr.value, module)
            for value in table:
                if isinstance(value, ast.Dict):
                    for item in value.values:
                        self.values(item, module, site, found, seen)
                else:
                    found.unresolved.append(f"{site}: {ast.unparse(expr)}")
        else:
            found.unresolved.append(f"{site}: {ast.unparse(expr)}")

    def _name(
        self, expr: ast.Name, module: Module, site: str, found: Found, seen: frozenset[int]
    ) -> None:
        scope = module.scope[expr]
        sources = list(self._bindings(expr.id, scope, module))
        while not sources and not isinstance(scope, ast.Module):
            scope = module.scope[scope]  # a closure: a name of the enclosing function
            sources = list(self._bindings(expr.id, scope, module))
        if not sources:
            found.unresolved.append(f"{site}: {expr.id}")
        for source in sources:
            if isinstance(source, ast.AST):
                self.values(source, module, site, found, seen)
            elif isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.forwards.add((Forward(module, scope, expr.id), site))
            else:
                found.unresolved.append(f"{site}: {expr.id} (a lambda's parameter)")

    def _bindings(self, name: str, scope: Scope, module: Module) -> list[ast.AST | str]:
        """What ``name`` is bound to in ``scope``: assigned values, loop elements, ``"param"``."""
        if scope not in self._bound:
            self._bound[scope] = self._bind(scope, module)
        out: list[ast.AST | str] = []
        for binding in self._bound[scope].get(name, []):
            if isinstance(binding, Loop):
                out.extend(self._loop(name, binding.target, binding.iterable, module))
            else:
                out.append(binding)
        return out

    def _bind(self, scope: Scope, module: Module) -> dict[str, list[ast.AST | str | Loop]]:
        bound: dict[str, list[ast.AST | str | Loop]] = defaultdict(list)
        for param in _params(scope):
            bound[param].append("param")
        for node in ast.walk(scope):
            if node is scope or module.scope.get(node) is not scope:
                continue
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        bound[target.id].append(node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
                if isinstance(node.target, ast.Name) and node.value:
                    bound[node.target.id].append(node.value)
            elif isinstance(node, (ast.For, ast.comprehension)):
                targets = node.target.elts if isinstance(node.target, ast.Tuple) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        bound[target.id].append(Loop(node.target, node.iter))
        return bound

    def _loop(
        self, name: str, target: ast.AST, iterable: ast.AST, module: Module
    ) -> Iterator[ast.AST]:
        """The elements a loop gives ``name`` when it runs over a literal table."""
        if isinstance(target, ast.Name):
            position: int | None = None
            if target.id != name:
                return
        elif isinstance(target, ast.Tuple):
            names = [_name(e) if isinstance(e, ast.Name) else None for e in target.elts]
            if name not in names:
                return
            position = names.index(name)
        else:
            return
        for table in self._tables(iterable, module):
            for element in table:
                if position is None:
                    yield element
                elif isinstance(element, ast.Tuple) and position < len(element.elts):
                    yield element.elts[position]
                else:
                    yield Opaque(element)

    def _tables(self, iterable: ast.AST, module: Module) -> Iterator[list[ast.expr]]:
        if isinstance(iterable, (ast.List, ast.Tuple, ast.Set)):
            yield list(iterable.elts)
        elif isinstance(iterable, ast.BinOp) and isinstance(iterable.op, ast.Add):
            yield from self._tables(iterable.left, module)
            yield from self._tables(iterable.right, module)
        elif isinstance(iterable, ast.Name):
            for value in self._assigned(iterable, module) or [Opaque(iterable)]:
                yield from self._tables(value, module)
        elif (
            isinstance(iterable, ast.Call)
            and isinstance(iterable.func, ast.Attribute)
            and iterable.func.attr in ("items", "keys", "values")
        ):
            for value in self._assigned(iterable.func.value, module) or [Opaque(iterable)]:
                if not isinstance(value, ast.Dict):
                    yield [Opaque(iterable)]
                else:
                    pairs = [
                        ast.Tuple(elts=[k, v], ctx=ast.Load())
                        for k, v in zip(value.keys, value.values, strict=True)
                        if k is not None
                    ]
                    yield {
                        "items": pairs,
                        "keys": [p.elts[0] for p in pairs],
                        "values": [p.elts[1] for p in pairs],
                    }[iterable.func.attr]
        else:
            yield [iterable if isinstance(iterable, Opaque) else Opaque(iterable)]

    def _assigned(self, name: ast.AST, module: Module) -> list[ast.expr]:
        if not isinstance(name, ast.Name):
            return []
        scope: Scope = module.scope[name]
        while True:
            values = [b for b in self._bindings(name.id, scope, module) if isinstance(b, ast.expr)]
            if values or isinstance(scope, ast.Module):
                return values
            scope = module.scope[scope]

    def forwarded(self, found: Found) -> None:
        """Resolve codes passed through parameters: the callers' arguments, to a fixpoint."""
        done: set[Forward] = set()
        while pending := {f for f, _ in found.forwards if f not in done}:
            for forward in pending:
                done.add(forward)
                self.forward(forward, found)
        found.forwards = set()

    def forward(self, forward: Forward, found: Found) -> None:
        """The arguments the callers of ``forward.func`` give its parameter."""
        calls = list(self.calls(forward))
        for module, call in calls:
            arg = self.argument(call, forward)
            self.values(arg or Opaque(call), module, module.where(call), found)
        if not calls:
            sites = sorted(s for f, s in found.forwards if f == forward)
            found.unresolved.extend(f"{s}: {forward.param} (no caller)" for s in sites)
        for module, use in self.passed(forward):
            found.unresolved.append(
                f"{module.where(use)}: {forward.func.name} is passed on; its calls under "
                "another name are not read (call it by its name, or give the code as a literal)"
            )

    def passed(self, forward: Forward) -> Iterator[tuple[Module, ast.Name]]:
        """Uses of the function as a value, except as an argument to a parameter of the
        same name (``_numbers(..., bad)`` with ``def _numbers(..., bad)``: called as
        ``bad(...)`` there too)."""
        name = forward.func.name
        home = forward.module.scope[forward.func]
        for module, node in self._names.get(name, []):
            if not self._is(node, module, home):
                continue
            parent = module.parent.get(node)
            if isinstance(parent, ast.Call) and parent.func is node:
                continue
            if isinstance(parent, ast.keyword) and parent.arg == name:
                continue
            if isinstance(parent, ast.Call) and node in parent.args:
                index = parent.args.index(node)
                callee = _name(parent.func) or ""
                targets = [
                    _positional(f)[index : index + 1]
                    for m, f in self.functions[callee]
                    if m is module
                ]
                if targets and all(t == [name] for t in targets):
                    continue
            yield module, node

    def calls(self, forward: Forward) -> Iterator[tuple[Module, ast.Call]]:
        """The calls of ``forward.func``: by its name where it is defined or imported, or as
        a method or module attribute anywhere."""
        name = forward.func.name
        for module, call in self._calls.get(name, []):
            if isinstance(call.func, ast.Attribute) or module is forward.module:
                yield module, call
            elif any(
                isinstance(n, ast.ImportFrom) and any(a.name == name for a in n.names)
                for n in module.tree.body
            ):
                yield module, call

    def _is(self, node: ast.Name, module: Module, home: Scope) -> bool:
        """Whether ``node`` names the function defined in scope ``home`` (not a local of the
        same name, nor a name of another module that does not import it)."""
        scope = module.scope[node]
        while not self._bindings(node.id, scope, module):
            if scope is home:
                return True
            if isinstance(scope, ast.Module):
                return isinstance(home, ast.Module) and any(
                    isinstance(n, ast.ImportFrom) and any(a.name == node.id for a in n.names)
                    for n in scope.body
                )
            scope = module.scope[scope]
        return False

    def argument(self, call: ast.Call, forward: Forward) -> ast.expr | None:
        for keyword in call.keywords:
            if keyword.arg == forward.param:
                return keyword.value
        positional = _positional(forward.func)
        if positional and positional[0] in ("self", "cls") and isinstance(call.func, ast.Attribute):
            positional = positional[1:]
        if forward.param in positional:
            index = positional.index(forward.param)
            if index < len(call.args) and not isinstance(call.args[index], ast.Starred):
                return call.args[index]
        defaults = _defaults(forward.func)
        return defaults.get(forward.param)


def _defaults(func: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr]:
    a = func.args
    positional = [*a.posonlyargs, *a.args]
    out = dict(
        zip(
            [p.arg for p in positional[len(positional) - len(a.defaults) :]],
            a.defaults,
            strict=True,
        )
    )
    out.update(
        {p.arg: d for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None}
    )
    return out


# -- the package: exception classes and the codes they are raised with -----------------------


@dataclass
class ErrorClass:
    """An exception class of the package and how its instances get their code."""

    default: str  # default_code (inherited)
    fixed: str | None  # the code its __init__ always passes on, else the first argument


def _error_classes(modules: list[Module]) -> dict[str, ErrorClass]:
    defs = [(m, n) for m in modules for n in m.walk() if isinstance(n, ast.ClassDef)]
    classes: dict[str, ErrorClass] = {}
    grown = True
    while grown:
        grown = False
        for module, node in defs:
            if node.name in classes:
                continue
            bases = [classes[b] for b in map(_name, node.bases) if b in classes]
            if not bases and node.name != BASE:
                continue
            parent = bases[0] if bases else None
            default, fixed = (parent.default, parent.fixed) if parent else ("", None)
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and any(
                    _name(t) == "default_code" for t in stmt.targets
                ):
                    assert isinstance(stmt.value, ast.Constant), module.where(stmt)
                    default = stmt.value.value
                if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__" and parent:
                    fixed = _init_code(stmt, module)
            classes[node.name] = ErrorClass(str(default), fixed)
            grown = True
    return classes


def _init_code(init: ast.FunctionDef, module: Module) -> str | None:
    """The code a subclass's ``__init__`` passes to ``super().__init__``: a literal, or
    ``None`` when it passes its own first parameter on."""
    for node in ast.walk(init):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__init__"
            and isinstance(node.func.value, ast.Call)
            and _name(node.func.value.func) == "super"
        ):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return first.value
            if isinstance(first, ast.Name) and _positional(init)[1:2] == [first.id]:
                return None
            raise AssertionError(
                f"{module.where(node)}: the code of super().__init__ is not a literal"
            )
    raise AssertionError(f"{module.where(init)}: __init__ does not call super().__init__")


def _class_params(func: Scope, classes: dict[str, ErrorClass]) -> dict[str, ErrorClass]:
    """Parameters that hold an exception class (``error: type[X] = X``)."""
    if isinstance(func, (ast.Module, ast.Lambda)):
        return {}
    out: dict[str, ErrorClass] = {}
    defaults = _defaults(func)
    for param in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs):
        default = defaults.get(param.arg)
        names = [_name(n) for n in ast.walk(param.annotation)] if param.annotation else []
        names.append(_name(default) if default is not None else None)
        for name in names:
            if name in classes:
                out[param.arg] = classes[name]
    return out


@cache
def raised() -> Found:
    """Every code the package raises, with the places it is raised from."""
    modules = _modules(PACKAGE)
    classes = _error_classes(modules)
    resolver = Resolver(modules)
    found = Found()
    for module in modules:
        for node in module.walk():
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Name):
                cls = classes.get(node.exc.id)
                if cls is not None:
                    found.codes[cls.fixed or cls.default].add(module.where(node))
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            cls = classes.get(name or "")
            if cls is None and isinstance(node.func, ast.Name):
                cls = _class_params(module.scope[node], classes).get(node.func.id)
            if cls is None:
                continue
            site = module.where(node)
            if cls.fixed is not None:
                found.codes[cls.fixed].add(site)
            elif not node.args:  # the code is positional-only: none given is the default
                found.codes[cls.default].add(site)
            elif isinstance(node.args[0], ast.Starred):
                found.unresolved.append(f"{site}: {ast.unparse(node)}")
            else:
                resolver.values(node.args[0], module, site, found)
    resolver.forwarded(found)
    return found


# -- the tests: codes asserted -----------------------------------------------------------------


class SuiteResolver(Resolver):
    """Also reads the ``pytest.mark.parametrize`` values of a test's parameters."""

    def forward(self, forward: Forward, found: Found) -> None:
        rows = dict(self._parametrized(forward.func, forward.module))
        if forward.param in rows:
            for value in rows[forward.param]:
                self.values(value, forward.module, forward.module.where(value), found)
        else:
            super().forward(forward, found)

    def _parametrized(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, module: Module
    ) -> Iterator[tuple[str, list[ast.expr]]]:
        for decorator in func.decorator_list:
            if not (isinstance(decorator, ast.Call) and _name(decorator.func) == "parametrize"):
                continue
            names_node, values_node = decorator.args[:2]
            if isinstance(names_node, ast.Constant):
                names = [n.strip() for n in str(names_node.value).split(",")]
            else:
                assert isinstance(names_node, (ast.Tuple, ast.List))
                names = [str(n.value) for n in names_node.elts if isinstance(n, ast.Constant)]
            rows = []
            for table in self._tables(values_node, module):
                for row in table:
                    if isinstance(row, ast.Call) and _name(row.func) == "param":
                        row = ast.Tuple(elts=list(row.args), ctx=ast.Load())
                        row = row if len(names) > 1 else row.elts[0]
                    rows.append(row)
            for i, name in enumerate(names):
                if len(names) == 1:
                    yield name, rows
                else:
                    yield (
                        name,
                        [r.elts[i] for r in rows if isinstance(r, ast.Tuple) and i < len(r.elts)],
                    )


def _checked(node: ast.AST) -> Iterator[ast.expr]:
    """The expressions ``node`` asserts: an assert's test, a ``match=``, a refusal's key."""
    if isinstance(node, ast.Assert):
        yield node.test
    elif isinstance(node, ast.Call):
        name = _name(node.func)
        if name == "raises":
            yield from (k.value for k in node.keywords if k.arg == "match")
        elif name == "refused" and len(node.args) > 1:
            yield node.args[1]


def _leaves(expr: ast.expr) -> Iterator[ast.expr]:
    """The constants and names inside ``expr`` (what a comparison compares)."""
    for node in ast.walk(expr):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node
        elif isinstance(node, ast.Name):
            yield node


@cache
def asserted() -> Found:
    """Every string the tests assert, with the places it is asserted in."""
    modules = _modules(TESTS)
    resolver = SuiteResolver(modules)
    found = Found()
    for module in modules:
        for node in module.walk():
            for expr in _checked(node):
                for leaf in _leaves(expr):
                    sub = Found()
                    resolver.values(leaf, module, module.where(leaf), sub)
                    for code, sites in sub.codes.items():
                        found.codes[code] |= sites
                    found.forwards |= sub.forwards
    resolver.forwarded(found)
    return found


# -- the catalogs ------------------------------------------------------------------------------


@cache
def referenced() -> tuple[set[str], set[str]]:
    """String constants of the package outside the catalogs, and key prefixes it builds."""
    constants: set[str] = set()
    prefixes: set[str] = set()
    for module in _modules(PACKAGE):
        for node in module.walk():
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
                if "." in node.value and node.value.endswith((".", "_")):
                    prefixes.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                if isinstance(head, ast.Constant) and "." in str(head.value):
                    prefixes.add(str(head.value))
    # the workbench's templates call t("key") and build keys as t("web.role_" ~ role)
    for template in sorted(PACKAGE.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        constants.update(re.findall(r"""t\(\s*["']([\w.]+)["']""", text))
        prefixes.update(re.findall(r"""t\(\s*["']([\w.]+[._])["']\s*~""", text))
    return constants, prefixes


def _format_sites(sites: Iterable[str]) -> str:
    ordered = sorted(sites)
    more = f" (+{len(ordered) - 3} more)" if len(ordered) > 3 else ""
    return ", ".join(ordered[:3]) + more


def _report(title: str, codes: dict[str, set[str]]) -> str:
    lines = [f"{len(codes)} {title}:"]
    lines += [
        f"  {code}  raised at {_format_sites(sites)}" for code, sites in sorted(codes.items())
    ]
    return "\n".join(lines)


# -- the checks --------------------------------------------------------------------------------


def test_every_code_is_resolved() -> None:
    found = raised()
    assert not found.unresolved, (
        "codes that are not literals and cannot be resolved:\n  "
        + "\n  ".join(sorted(found.unresolved))
    )
    assert len(found.codes) > 100  # the reader finds the codes (a sanity check of this test)


def test_every_raised_code_has_an_english_and_a_chinese_message() -> None:
    catalog = _catalog()
    missing = {c: s for c, s in raised().codes.items() if c not in catalog}
    untranslated = {
        c: s
        for c, s in raised().codes.items()
        if c in catalog and not (catalog[c][0].strip() and CJK.search(catalog[c][1]))
    }
    assert not missing, _report("codes raised without a message in the catalogs", missing)
    assert not untranslated, _report("codes without an English and a Chinese text", untranslated)


def test_every_raised_code_is_asserted_by_a_test() -> None:
    tested = asserted()
    unasserted = {c: s for c, s in raised().codes.items() if c not in tested.codes}
    assert not unasserted, _report(
        "codes raised that no test asserts (assert, pytest.raises(match=), refused(capsys, key))",
        unasserted,
    )


def test_every_error_message_is_raised() -> None:
    constants, prefixes = referenced()
    codes = raised().codes
    dead = sorted(
        key
        for key in _catalog()
        if key not in codes
        and key not in constants
        and not any(key.startswith(p) for p in prefixes)
    )
    assert not dead, f"{len(dead)} catalog messages nothing raises or shows:\n  " + "\n  ".join(
        dead
    )
