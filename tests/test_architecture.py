"""The house plan (docs/architecture.md), held by walking ``src/``'s imports with ``ast``.

- no import loop among modules;
- no upward import: a module imports only from its own package and from layers below its own;
- the front ends (``cli.py``, ``server/``) import nothing of newsfold's but ``api``, ``views``,
  ``records`` and ``errors`` (and the CLI the server, which its ``serve`` command starts);
- no function over 80 lines, no module over 500.

Each failure lists every offender, so that one run says all that is wrong.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = SRC / "newsfold"

# Layers, lowest first: a module may import its own unit and any unit of a lower layer. A unit
# is a top-level module or package of newsfold. The stages are layered in pipeline order.
LAYERS: list[set[str]] = [
    {"memo"},  # plain helpers that import nothing of newsfold
    {"errors", "records", "dates"},  # the currency every stage takes and returns
    {"read"},  # files -> pages
    {"extract"},  # pages -> articles
    {"match"},  # articles -> copy groups
    {"stories"},  # copy groups -> stories
    {"store"},  # rows and SQL, no algorithms
    {"steps", "pipeline"},  # the per-batch steps both engines run, and the stages' description
    {"run", "engine"},  # the engines: local orchestrator and pool, Spark
    {"views"},  # stored records as the CLI and the reader show them
    {"api"},  # the one front door
    {"cli", "server", "events", "embed", "spark", "ingest", "__init__"},  # front ends, old paths
]
FRONT_ENDS = {"cli", "server"}
FRONT_DOOR = {"api", "views", "records", "errors"}
ALLOWED_EXTRA = {("cli", "server")}  # ``newsfold serve`` starts the server
# Old module paths the README documents for user code: thin re-exports of their new homes.
OLD_PATHS = {"events", "embed", "spark", "ingest"}

MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _imports(name: str, path: Path) -> set[str]:
    """The newsfold modules ``name`` imports, anywhere in it (inside functions and
    ``TYPE_CHECKING`` blocks too: a loop through them is still a loop in the plan)."""
    here = name if _is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for a in node.names:
                sub = f"{target}.{a.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _unit(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(unit: str) -> int:
    for i, units in enumerate(LAYERS):
        if unit in units:
            return i
    raise AssertionError(f"newsfold.{unit} is in no layer of tests/test_architecture.py")


def _loops() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    loops: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                loops.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return loops


def test_no_import_loop() -> None:
    loops = _loops()
    assert not loops, "import loops:\n" + "\n".join(" <-> ".join(c) for c in loops)


def test_every_module_is_in_a_layer() -> None:
    for name in MODULES:
        _layer(_unit(name))


def test_no_upward_import() -> None:
    bad = []
    for name, targets in sorted(GRAPH.items()):
        unit = _unit(name)
        for t in sorted(targets):
            other = _unit(t)
            if (
                other != unit
                and _layer(other) >= _layer(unit)
                and (unit, other) not in ALLOWED_EXTRA
            ):
                bad.append(f"{name} -> {t}")
    assert not bad, "upward imports:\n" + "\n".join(bad)


def test_front_ends_use_only_the_front_door() -> None:
    bad = []
    for name, targets in sorted(GRAPH.items()):
        unit = _unit(name)
        if unit not in FRONT_ENDS:
            continue
        for t in sorted(targets):
            other = _unit(t)
            if other != unit and other not in FRONT_DOOR and (unit, other) not in ALLOWED_EXTRA:
                bad.append(f"{name} -> {t}")
    assert not bad, "front ends reaching past the front door:\n" + "\n".join(bad)


def test_nothing_imports_the_old_paths() -> None:
    """The re-exports are for user code; newsfold itself imports the new homes."""
    bad = [
        f"{name} -> {t}"
        for name, targets in sorted(GRAPH.items())
        for t in sorted(targets)
        if _unit(t) in OLD_PATHS and _unit(name) not in OLD_PATHS
    ]
    assert not bad, "imports of the old paths:\n" + "\n".join(bad)


def test_no_long_function_or_module() -> None:
    bad = []
    for name, path in sorted(MODULES.items()):
        text = path.read_text("utf-8")
        n = len(text.splitlines())
        if n > MAX_MODULE_LINES:
            bad.append(f"{name}: module of {n} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    bad.append(f"{name}.{node.name}: function of {length} lines")
    assert not bad, "too long:\n" + "\n".join(bad)


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("newsfold", ["fold", "extract", "extract_text", "compare", "open_store", "Article"]),
        ("newsfold.events", ["assign_events", "similarities", "EventUnit"]),
        ("newsfold.embed", ["load_embedder"]),
        ("newsfold.ingest", ["Limits"]),
        ("newsfold.spark", ["fold"]),
    ],
)
def test_documented_paths_still_import(module: str, names: list[str]) -> None:
    """The README's import paths keep working for user code."""
    mod = importlib.import_module(module)
    for n in names:
        assert hasattr(mod, n), f"{module}.{n}"


def test_the_walk_sees_imports() -> None:
    """The checks above are only as good as the walk: it must see relative, absolute and
    in-function imports."""
    assert "newsfold.records" in GRAPH["newsfold.match.copies"]
    assert "newsfold.match.compare" in GRAPH["newsfold.match.copies"]
    assert "newsfold.api" in GRAPH["newsfold.cli.folding"]
    assert any(
        t.startswith("newsfold.server") for t in GRAPH["newsfold.cli.serving"]
    )  # in a function
