"""The live layer of a review page: comments as they happen, presence and typing.

A socket authenticates with the session and is authorised through permissions.py when it
joins; it checks again when a service says the person's access changed, and before
forwarding or handling anything once its last check is old (revmod.accounts.consumers). It
only forwards: all writes go through the HTTP views and services, which publish events
after the commit.
"""

from __future__ import annotations

import asyncio
import time

from channels.db import database_sync_to_async
from django.conf import settings
from django.core.cache import cache

from reviews import permissions, selectors
from reviews.enums import ThreadVisibility
from reviews.events import presence_group, review_group, review_message
from reviews.models import CountryReview
from reviews.services import presence
from reviews.services.threads import as_cursor, catch_up_message
from revmod.accounts.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, PersonalConsumer, is_verified_user

RATE_LIMIT = 20  # messages a client may send ...
RATE_WINDOW = 10.0  # ... in this many seconds

# Announcements due at the end of a presence interval. A task may outlive the socket that
# started it (a departure is announced after the socket has gone): the set holds it until done.
LATE_ANNOUNCEMENTS: set[asyncio.Task] = set()


class ReviewConsumer(PersonalConsumer):
    async def connect(self) -> None:
        self.joined: list[str] = []
        self.audiences: list[tuple[str, bool]] = []
        self.sent: list[float] = []
        if not await is_verified_user(self.scope):
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.review_id = int(self.scope["url_route"]["kwargs"]["pk"])
        if await database_sync_to_async(self.check_review_access)() is not None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.join(self.audiences)
        await self.join_personal_groups()
        await self.accept()
        await self.touch_presence()
        await self.send_json({"type": "presence", "viewers": await self.viewers(whole_review=self.whole_review)})
        await self.announce_presence()

    async def disconnect(self, code) -> None:
        for group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        await self.leave_personal_groups()
        if getattr(self, "review_id", None) is not None:
            await self.forget_presence()
            await self.announce_presence()

    async def receive_json(self, content, **kwargs) -> None:
        if not self.within_rate():
            await self.send_json({"type": "error", "code": "rate_limited"})
            return
        if not await self.still_allowed():
            return
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "catch_up":
            await self.send_json(await self.catch_up(content.get("after")))
        elif kind == "typing" and (content.get("visibility"), bool(content.get("question"))) in self.audiences:
            group = review_group(self.review_id, content["visibility"], on_questions=bool(content.get("question")))
            payload = {
                "type": "typing",
                "key": str(content.get("key", ""))[:40],
                "user": self.scope["user"].full_name,
                "user_id": self.scope["user"].pk,
            }
            await self.channel_layer.group_send(group, review_message(group, payload))
        elif kind == "heartbeat":
            await self.touch_presence()
            await self.announce_presence()
        else:
            await self.send_json({"type": "error", "code": "unknown_message"})

    async def review_event(self, event) -> None:
        # Checked in this order: a recheck may leave groups whose messages are still queued.
        if await self.still_allowed() and event.get("group") in self.joined:
            await self.send_json(event["payload"])

    async def notification_event(self, event) -> None:
        """The person's group also carries the unread count: the page's notification socket shows it."""

    # --- access --------------------------------------------------------------------------

    def check_access(self) -> int | None:
        code = super().check_access()
        return code if code is not None else self.check_review_access()

    def check_review_access(self) -> int | None:
        """Which audiences of the review the person may read now (in a thread with database access)."""
        user = self.scope["user"]
        permissions.forget_cached_permissions(user)
        review = CountryReview.objects.filter(pk=self.review_id).first()
        self.audiences = permissions.readable_audiences(user, review) if review else []
        self.whole_review = (ThreadVisibility.ALL.value, False) in self.audiences
        return None if self.audiences else CLOSE_FORBIDDEN

    async def after_recheck(self) -> None:
        await self.join(self.audiences)

    # --- helpers -------------------------------------------------------------------

    def within_rate(self) -> bool:
        now = time.monotonic()
        self.sent = [moment for moment in self.sent if now - moment < RATE_WINDOW]
        if len(self.sent) >= RATE_LIMIT:
            return False
        self.sent.append(now)
        return True

    async def join(self, audiences: list[tuple[str, bool]]) -> None:
        wanted = [review_group(self.review_id, visibility, on_questions=place) for visibility, place in audiences]
        if audiences:
            wanted.append(presence_group(self.review_id, whole_review=self.whole_review))
        for group in set(self.joined) - set(wanted):
            await self.channel_layer.group_discard(group, self.channel_name)
        for group in set(wanted) - set(self.joined):
            await self.channel_layer.group_add(group, self.channel_name)
        self.joined = wanted

    @database_sync_to_async
    def catch_up(self, after) -> dict:
        review = CountryReview.objects.get(pk=self.review_id)
        return catch_up_message(selectors.comments_after(self.scope["user"], review, as_cursor(after)))

    @database_sync_to_async
    def touch_presence(self) -> None:
        presence.record_presence(channel_name=self.channel_name, review_id=self.review_id, user=self.scope["user"])

    @database_sync_to_async
    def forget_presence(self) -> None:
        presence.forget_presence(channel_name=self.channel_name)

    @database_sync_to_async
    def viewers(self, *, whole_review: bool) -> list[str]:
        presence.prune_presence(self.review_id)
        return selectors.viewers_of(self.review_id, reviewed_side_only=not whole_review)

    async def announce_presence(self) -> None:
        """Tell everyone who is viewing; at most once per PRESENCE_INTERVAL seconds per review.

        Without the limit, every arrival would message every viewer: a page open in many
        browsers at once would cost the square of their number.
        """
        interval = settings.REVIEW_PRESENCE_INTERVAL
        if interval and not await cache.aadd(f"presence-announced:{self.review_id}", 1, timeout=interval):
            await self.announce_when_the_interval_ends(interval)
            return
        await self.send_presence()

    async def announce_when_the_interval_ends(self, interval: int) -> None:
        """A change inside the interval is announced once at its end, so nobody's list stays stale.

        One socket of the review (on any worker: the key is in the shared cache) takes the task,
        and the task runs to its end even if that socket leaves meanwhile: it reads who is
        viewing when it fires, so a departure is announced like an arrival.
        """
        if await cache.aadd(f"presence-pending:{self.review_id}", 1, timeout=interval + 1):
            task = asyncio.get_running_loop().create_task(self.announce_later(interval))
            LATE_ANNOUNCEMENTS.add(task)
            task.add_done_callback(LATE_ANNOUNCEMENTS.discard)

    async def announce_later(self, interval: int) -> None:
        try:
            await asyncio.sleep(interval)
            await cache.aset(f"presence-announced:{self.review_id}", 1, timeout=interval)
        finally:
            await cache.adelete(f"presence-pending:{self.review_id}")
        await self.send_presence()

    async def send_presence(self) -> None:
        lists = await self.both_viewer_lists()
        for whole_review, viewers in lists.items():
            group = presence_group(self.review_id, whole_review=whole_review)
            await self.channel_layer.group_send(group, review_message(group, {"type": "presence", "viewers": viewers}))

    @database_sync_to_async
    def both_viewer_lists(self) -> dict[bool, list[str]]:
        """Who is viewing, for those who read the dialogue and for the State's own people: one pruning."""
        presence.prune_presence(self.review_id)
        return {
            whole_review: selectors.viewers_of(self.review_id, reviewed_side_only=not whole_review)
            for whole_review in (True, False)
        }
