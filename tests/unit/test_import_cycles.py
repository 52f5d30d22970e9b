"""No module of the app imports, at run time, a module that imports it back (directly or
through others): the layers stay a tree a newcomer can read from the bottom up."""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.find_modules_directly_imported_by(module):
            if not other.startswith("assets_desktop"):
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group: list[str] = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module.startswith("assets_desktop") and module not in index:
            visit(module)
    return found


def test_no_import_cycles_at_run_time() -> None:
    graph = grimp.build_graph("assets_desktop", exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("assets_desktop.a", "assets_desktop.b", "assets_desktop.c"):
        graph.add_module(name)
    graph.add_import(importer="assets_desktop.a", imported="assets_desktop.b")
    graph.add_import(importer="assets_desktop.b", imported="assets_desktop.a")
    graph.add_import(importer="assets_desktop.b", imported="assets_desktop.c")
    assert _cycles(graph) == [["assets_desktop.a", "assets_desktop.b"]]
