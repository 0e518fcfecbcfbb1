"""Comments are written in a small Markdown subset and shown as sanitized HTML."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "span": {"class"}}
MENTION = re.compile(r"@\[([^\]\[<>\n]{1,100})\]")

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "heading", "lheading", "hr", "table"], ignoreInvalid=True
)


def _drop_empty_links(element: str, attribute: str, value: str) -> str | None:
    # markdown-it turns a link it refuses (javascript:, data:, nothing) into href="": drop it.
    if element == "a" and attribute == "href" and not value.strip():
        return None
    return value


def render_comment(body: str) -> str:
    """Markdown to HTML that can hold no script, style, event handler or foreign scheme."""
    html = nh3.clean(
        _markdown.render(body),
        tags=ALLOWED_TAGS - {"span"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        attribute_filter=_drop_empty_links,
    )
    html = MENTION.sub(lambda match: f'<span class="mention">@{match.group(1)}</span>', html)
    # A last pass with the span allowed: the mention markup must survive, nothing else may appear.
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


def mentioned_names(body: str) -> set[str]:
    return {name.strip().casefold() for name in MENTION.findall(body)}
