"""The comments of a thread page rendered at the cost of a string each, not of a template.

Rendering a comment cost more than reading it (dates in the reader's language, badges,
forms, the template machinery), so a long thread's page grew with its length. Now:

- the head of a comment (opening tag, meta line, body) is the same for every reader who
  may see it, in one language and time zone: it is kept in the cache;
- the controls (edit, delete, reply forms) differ by reader and carry the request's CSRF
  token: each kind is rendered once for the request, with stand-ins for the comment's
  number and text, then filled in for each comment (as the page's <template> does for a
  comment that arrives live);
- a comment's list item is joined from these pieces (render_items), with no template of its own.

Why the cache and not a column: the head differs by language and time zone, and the body's
markup is already stored (``Comment.body_html``). Why versioned keys and not deletions: the
key holds the comment's change number, which every edit, deletion or answer to a request for
clarification moves forward (catch-up depends on it), so a changed comment is never served
from an old entry, whatever code path changed it; the old entry simply expires. Resolving a
thread changes no head (only whether reply boxes show, decided per request); the one part of
a head that depends on the answer (a comment on an earlier revision) is in its key, and so is
the author's name.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from reviews.models import Answer, Comment, Thread

HEAD_SECONDS = 24 * 3600
COMMENT_MARK = "__comment__"  # the comment's number in a rendered control; the same stand-in the live page uses
BODY_MARK = "__comment_body__"  # its text, in the edit form


def _late(comment: Comment, answer: Answer | None) -> bool:
    return answer is not None and comment.answer_revision is not None and answer.revision > comment.answer_revision


def head_key(comment: Comment, *, late: bool) -> str:
    author = zlib.crc32(comment.author.full_name.encode())  # a renamed author shows the new name
    zone = timezone.get_current_timezone_name()
    language = translation.get_language()
    return f"comment-head:{comment.pk}:{comment.change_seq}:{language}:{zone}:{int(late)}:{author}"


def _heads(comments: list[Comment], *, answer: Answer | None) -> dict[int, str]:
    """Each comment's head by its number: one cache read for all, rendering only those missing."""
    wanted = {}
    for comment in comments:
        late = _late(comment, answer)
        wanted[head_key(comment, late=late)] = (comment, late)
    found = cache.get_many(list(wanted))
    missing = {}
    heads = {}
    for key, (comment, late) in wanted.items():
        html = found.get(key)
        if html is None:
            html = missing[key] = render_to_string(
                "reviews/discussion/_comment_head.html", {"comment": comment, "late": late}
            )
        heads[comment.pk] = html
    if missing:
        cache.set_many(missing, HEAD_SECONDS)
    return heads


@dataclass
class Controls:
    """The controls of one reader on one thread, rendered once with stand-ins, filled in per comment."""

    request: HttpRequest
    context: dict
    edit_url: str
    delete_url: str

    def __post_init__(self) -> None:
        self._kinds: dict[tuple[str, bool], str] = {}

    def _rendered(self, template: str, *, mine: bool) -> str:
        if (template, mine) not in self._kinds:
            stand_in = {
                "pk": COMMENT_MARK,
                "author_id": self.request.user.pk if mine else None,
                "body": BODY_MARK,
                "edit_url": self.edit_url,
                "delete_url": self.delete_url,
            }
            self._kinds[(template, mine)] = render_to_string(
                template, {**self.context, "comment": stand_in}, request=self.request
            )
        return self._kinds[(template, mine)]

    def _fill(self, template: str, comment: Comment, *, mine: bool = False) -> str:
        # The number first: the text, filled in last, is never searched for a stand-in.
        rendered = self._rendered(template, mine=mine)
        return rendered.replace(COMMENT_MARK, str(comment.pk)).replace(BODY_MARK, escape(comment.body))

    def actions(self, comment: Comment) -> str:
        if comment.is_deleted:
            return ""
        mine = comment.author_id == self.request.user.pk
        return self._fill("reviews/discussion/_comment_actions.html", comment, mine=mine)

    def reply_box(self, comment: Comment, thread: Thread) -> str:
        if comment.is_deleted or thread.is_resolved:
            return ""
        return self._fill("reviews/discussion/_reply_box.html", comment)


def render_items(thread: Thread, top: Iterable[Comment], *, answer: Answer | None, controls: Controls | None) -> None:
    """Set ``item_html`` on each top-level comment: head, controls, the replies (head and controls), reply box."""
    top = list(top)
    every = [item for comment in top for item in (comment, *comment.replies.all())]
    heads = _heads(every, answer=answer)
    for comment in top:
        parts = [heads[comment.pk], controls.actions(comment) if controls else ""]
        parts.append(f'<ol class="replies" data-replies="{comment.pk}">')
        for reply in comment.replies.all():
            parts += [heads[reply.pk], controls.actions(reply) if controls else "", "</li>"]
        parts += ["</ol>", controls.reply_box(comment, thread) if controls else "", "</li>"]
        comment.item_html = mark_safe("".join(parts))  # noqa: S308 - our templates' output; texts escaped
