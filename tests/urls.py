"""Every URL of the project, for tests that must cover pages added later too."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver


def every_page(resolver=None, prefix="") -> list[tuple[str, str]]:
    """(name, path) of every URL pattern of the project, arguments filled with 1."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            nested = every_page(pattern, prefix + route.replace("^", "").replace("$", ""))
            found += [(namespace + name if name else name, path) for name, path in nested]
        elif isinstance(pattern, URLPattern):
            path = prefix + route
            if "format" in path:  # the API's ".json" variants of the same views
                continue
            path = re.sub(r"<(?:int:)?[a-z_]+>", "1", path).replace("<str:what>", "overview")
            path = re.sub(r"<[^>]+>", "x", path)
            if "(" in path or "\\" in path:  # regular-expression routes (admin, API) are covered by their prefixes
                continue
            found.append((pattern.name or "", "/" + path.replace("^", "").replace("$", "")))
    return found
