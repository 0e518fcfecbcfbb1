"""Only reviews/selectors.py reads threads and comments from the database.

Pages, the API, catch-up, live events, notifications, e-mails and exports all turn comments
into output; each must go through ``visible_comments`` / ``visible_threads`` so that one rule
decides who reads what. An export once gathered every comment of a review whoever asked:
this test fails as soon as any module queries them on its own again.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MODELS = {"Comment", "Thread", "CommentVersion"}
RELATIONS = {"comments", "threads", "replies", "versions"}
LOOKUP_PREFIXES = ("comments__", "threads__", "thread__", "replies__")
WRITES = {"create", "bulk_create", "get_or_create"}
READS = {
    "filter", "exclude", "get", "first", "last", "count", "exists", "values", "values_list", "order_by",
    "select_related", "prefetch_related", "annotate", "aggregate", "iterator", "in_bulk", "latest", "earliest",
    "only", "defer", "raw", "extra", "union", "distinct", "none",
}  # fmt: skip
TABLES = ("reviews_comment", "reviews_thread")
ALLOWED = {"reviews/selectors.py"}


def product_modules() -> list[Path]:
    apps = [path.parent for path in ROOT.glob("*/apps.py")] + [path.parent for path in ROOT.glob("revmod/*/apps.py")]
    packages = {app if app.parent == ROOT else app.parent for app in apps} | {ROOT / "revmod"}
    modules = [module for package in packages for module in package.rglob("*.py")]
    return sorted(
        module
        for module in modules
        if "migrations" not in module.parts
        and not module.relative_to(ROOT).parts[0].startswith(("devdata", "tests"))
        and str(module.relative_to(ROOT)) not in ALLOWED
    )


def offences(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            manager = node.value
            on_model = isinstance(manager.value, ast.Name) and manager.value.id in MODELS
            if (
                on_model
                and manager.attr in ("objects", "_default_manager", "_base_manager")
                and node.attr not in WRITES
            ):
                found.append(f"line {node.lineno}: {manager.value.id}.{manager.attr}.{node.attr}")
            elif manager.attr in RELATIONS and node.attr in READS:
                found.append(f"line {node.lineno}: .{manager.attr}.{node.attr}")
        if isinstance(node, ast.keyword) and node.arg and node.arg.startswith(LOOKUP_PREFIXES):
            found.append(f"line {node.lineno}: lookup {node.arg}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(LOOKUP_PREFIXES):
            found.append(f"line {node.lineno}: lookup {node.value!r}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(t in node.value for t in TABLES):
            found.append(f"line {node.lineno}: SQL on {node.value[:40]!r}")
    return found


def test_no_module_outside_the_selectors_reads_comments_or_threads():
    modules = product_modules()

    found = {
        str(module.relative_to(ROOT)): offences(module.read_text(encoding="utf-8"))
        for module in modules
        if offences(module.read_text(encoding="utf-8"))
    }

    assert len(modules) > 100  # the scan did find the product's code
    assert found == {}


def test_the_check_catches_a_direct_read():
    leaky = (
        "comments = Comment.objects.filter(thread__review=review)\n"
        "threads = review.threads.filter(visibility='reviewing')\n"
        "users = User.objects.filter(comments__thread=thread)\n"
        "rows = connection.cursor().execute('SELECT body FROM reviews_comment')\n"
    )

    assert offences(leaky) == [
        "line 1: Comment.objects.filter",
        "line 1: lookup thread__review",
        "line 2: .threads.filter",
        "line 3: lookup comments__thread",
        "line 4: SQL on 'SELECT body FROM reviews_comment'",
    ]


def test_the_check_lets_writes_and_prefetched_lists_pass():
    fine = (
        "comment = Comment.objects.create(thread=thread, body=body)\n"
        "for reply in comment.replies.all():\n"
        "    pass\n"
        "comments = selectors.visible_comments(user, review).filter(pk__gt=after)\n"
    )

    assert offences(fine) == []
