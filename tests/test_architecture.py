"""How the package hangs together, read from its source with `ast`:
dependencies run one way (no import circle; the engine-free modules never
import MkDocs or the modules that drive it), and no module keeps a build's
state in a module-level name."""

from __future__ import annotations

import ast

import pytest

from support import ROOT

PACKAGE = ROOT / "scripts" / "report_site"
# The modules that drive the engine (MkDocs or ProperDocs). Everything else
# is plain Python an engine-facing module calls into, never the other way.
ENGINE_FACING = {"mkdocs_plugin", "publish", "offline_edition", "steps"}
ENGINE_PACKAGES = {"mkdocs", "properdocs", "material"}


def modules() -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for path in sorted(PACKAGE.glob("*.py")) if path.stem != "__init__"}


def imports(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(modules of our package, other top-level packages) that a module
    imports anywhere, inside functions too."""
    ours: set[str] = set()
    others: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level > 0 or (node.module or "").split(".")[0] == "report_site":
                inside = (node.module or "").removeprefix("report_site").lstrip(".")
                if inside:
                    ours.add(inside.split(".")[0])
                else:  # from . import a, b
                    ours.update(alias.name for alias in node.names)
            else:
                others.add((node.module or "").split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "report_site" and len(parts) > 1:
                    ours.add(parts[1])
                else:
                    others.add(parts[0])
    return ours, others


def import_graph() -> dict[str, set[str]]:
    return {name: imports(tree)[0] for name, tree in modules().items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle (as a path that returns to its start), or None."""
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str] | None:
        if name in path:
            return path[path.index(name):] + [name]
        if name in done:
            return None
        for imported in sorted(graph.get(name, ())):
            cycle = visit(imported, path + [name])
            if cycle:
                return cycle
        done.add(name)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def test_the_cycle_finder_finds_circles():
    """The test below is only as good as this: a circle through three modules, and none."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_import_reader_sees_every_form_of_import():
    tree = ast.parse("from . import a, b\nfrom .c import x\nimport report_site.d\nfrom report_site.e import y\n"
                     "import mkdocs.plugins\ndef f():\n    from material import z\n")
    assert imports(tree) == ({"a", "b", "c", "d", "e"}, {"mkdocs", "material"})


def test_no_import_circle_among_our_modules():
    graph = import_graph()
    assert len(graph) > 20, "the package was not read"
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


@pytest.mark.parametrize("name", sorted(set(modules()) - ENGINE_FACING))
def test_engine_free_modules_never_import_the_engine_or_its_adapter(name):
    ours, others = imports(modules()[name])
    assert others.isdisjoint(ENGINE_PACKAGES), f"{name} imports {sorted(others & ENGINE_PACKAGES)}"
    assert ours.isdisjoint(ENGINE_FACING), f"{name} imports the engine-facing {sorted(ours & ENGINE_FACING)}"


def test_the_engine_facing_list_names_real_modules():
    assert set(modules()) >= ENGINE_FACING
    assert any(imports(modules()[name])[1] & ENGINE_PACKAGES for name in ENGINE_FACING)


MUTATING_METHODS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
                    "discard"}


def module_state_problems(tree: ast.Module) -> list[str]:
    """Ways a module could carry state from one build to the next: `global`,
    assigning to a name of another module, or changing a module-level
    container from inside a function."""
    imported_modules = {alias.asname or alias.name.split(".")[0]
                        for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
                        for alias in node.names}
    containers = {target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                  for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                  if isinstance(target, ast.Name)}
    problems = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                problems.append(f"line {node.lineno}: global {', '.join(node.names)}")
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id in imported_modules:
                    problems.append(f"line {node.lineno}: sets {target.value.id}.{target.attr}")
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                        and target.value.id in containers:
                    problems.append(f"line {node.lineno}: changes the module-level {target.value.id}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in containers \
                    and node.func.attr in MUTATING_METHODS:
                problems.append(f"line {node.lineno}: {node.func.value.id}.{node.func.attr}()")
    return problems


def test_the_state_reader_finds_module_state():
    tree = ast.parse("import x\nSTATE = None\nSEEN = {}\n"
                     "def f():\n    global STATE\n    STATE = 1\n"
                     "def g():\n    x.STATE = 2\n    SEEN['a'] = 1\n    SEEN.setdefault('b', 2)\n")
    assert len(module_state_problems(tree)) == 4


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_keeps_build_state(name):
    """A build's state lives on objects made for that build (the plugin's
    SiteBuild, the model); a second build in the same process cannot reach
    the first one's through a module."""
    assert module_state_problems(modules()[name]) == []
