"""The import graph of the whole tree has no circle, module by module.

lint-imports checks the layering contracts (pyproject.toml); this test looks at every
module's runtime imports, function-level ones included, and fails on any strongly
connected group of modules. Imports under ``if TYPE_CHECKING`` never run and are left out.
"""

from __future__ import annotations

import grimp

PACKAGES = (
    "revmod",
    "reviews",
    "questionnaires",
    "coordination",
    "meetings",
    "stakeholders",
    "elearning",
    "calendars",
    "insights",
    "translations",
    "devdata",
)


def import_circles(graph) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    circles = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return circles


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)

    assert len(graph.modules) > 150
    assert import_circles(graph) == []


def test_import_circles_finds_a_circle_of_three():
    graph = grimp.ImportGraph()
    for importer, imported in (("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")):
        graph.add_import(importer=importer, imported=imported)

    assert import_circles(graph) == [["a", "b", "c"]]
