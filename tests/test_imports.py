"""The import rules of docs/architecture.md, read from the source with `ast`:
- a feature (appeals/, consultations/, dialogue/, follow/, opendata/, rating/, telegram/) is
  imported only from its own folder and its plugin module (plugins/<feature>.py); the core
  (core/) imports nothing of the portal but itself;
- an import inside a function carries a comment (on its line or the line above) saying why;
- no import cycles between the portal's modules."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "ckanext.transparency"
ROOT = Path(__file__).resolve().parent.parent / "ckanext" / "transparency"
FEATURES = ("appeals", "consultations", "dialogue", "follow", "opendata", "rating", "telegram")


def _modules(root: Path = ROOT) -> dict[str, Path]:
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join((PACKAGE,) + parts)] = path
    return found


class _Imports(ast.NodeVisitor):
    """(line, target module, inside a function) of every import of the portal's modules."""

    def __init__(self, module: str, is_package: bool, known: set[str]):
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.depth = 0
        self.found: list[tuple[int, str, bool]] = []

    def _function(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If):
        if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            self.generic_visit(node)

    def _add(self, line: int, target: str):
        if target == PACKAGE or target.startswith(PACKAGE + "."):
            self.found.append((line, target, self.depth > 0))

    def visit_Import(self, node: ast.Import):
        for alias in node.names:
            self._add(node.lineno, alias.name)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = self.package.split(".")
            package = package[:len(package) - node.level + 1]
            base = ".".join(package + ([node.module] if node.module else []))
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            self._add(node.lineno, submodule if submodule in self.known else base)
        self.generic_visit(node)


def _graph(root: Path = ROOT) -> dict[str, tuple[Path, list[tuple[int, str, bool]]]]:
    modules = _modules(root)
    graph = {}
    for name, path in modules.items():
        visitor = _Imports(name, path.name == "__init__.py", set(modules))
        visitor.visit(ast.parse(path.read_text(), str(path)))
        graph[name] = (path, visitor.found)
    return graph


def _feature(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[2] in FEATURES else None


def layer_violations(graph) -> list[str]:
    found = []
    for module, (path, imports) in graph.items():
        own = _feature(module)
        for line, target, _inside in imports:
            feature = _feature(target)
            if module.startswith(f"{PACKAGE}.core") and not target.startswith(f"{PACKAGE}.core"):
                found.append(f"{path}:{line}: the core imports {target}")
            elif feature and feature != own and module != f"{PACKAGE}.plugins.{feature}":
                found.append(f"{path}:{line}: {module} imports the feature {target}")
    return found


def _commented(lines: list[str], line: int) -> bool:
    return "#" in lines[line - 1] or lines[line - 2].strip().startswith("#")


def uncommented_function_imports(root: Path = ROOT) -> list[str]:
    """Every import inside a function (of any module, the portal's or not) without a comment."""
    found = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source, str(path))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)) \
                        and not _commented(lines, inner.lineno):
                    found.append(f"{path}:{inner.lineno}: import inside {node.name}()")
    return sorted(set(found))


def cycles(graph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    edges = {m: sorted({t for _l, t, _i in imports if t in graph and t != m})
             for m, (_p, imports) in graph.items()}
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_features_are_imported_only_from_their_folder_and_plugin():
    assert layer_violations(_graph()) == []


def test_every_import_inside_a_function_says_why():
    assert uncommented_function_imports() == []


def test_there_are_no_import_cycles():
    assert cycles(_graph()) == []


def test_the_checks_catch_what_they_forbid(tmp_path):
    """Each rule fails on a package that breaks it (so the checks above can fail)."""
    for folder in ("core", "appeals", "dialogue", "demo"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "core" / "jobs.py").write_text("from ckanext.transparency.appeals import a\n")
    (tmp_path / "appeals" / "a.py").write_text("from ..dialogue import b\n")
    (tmp_path / "dialogue" / "b.py").write_text(
        "def f():\n    from ckanext.transparency.appeals import a\n")
    (tmp_path / "demo" / "loader.py").write_text("from ckanext.transparency.dialogue import b\n")
    graph = _graph(tmp_path)
    assert [v.split(": ", 1)[1] for v in sorted(layer_violations(graph))] == [
        "ckanext.transparency.appeals.a imports the feature ckanext.transparency.dialogue.b",
        "the core imports ckanext.transparency.appeals.a",
        "ckanext.transparency.demo.loader imports the feature ckanext.transparency.dialogue.b",
        "ckanext.transparency.dialogue.b imports the feature ckanext.transparency.appeals.a"]
    assert cycles(graph) == [["ckanext.transparency.appeals.a", "ckanext.transparency.dialogue.b"]]
    assert [v.rsplit(": ", 1)[1] for v in uncommented_function_imports(tmp_path)] == [
        "import inside f()"]
