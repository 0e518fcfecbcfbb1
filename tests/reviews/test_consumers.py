"""The live layer, spoken to as a browser would: through the ASGI application and a session cookie."""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews import permissions
from reviews.consumers import LATE_ANNOUNCEMENTS
from reviews.enums import ThreadVisibility
from reviews.services import (
    delete_comment,
    edit_comment,
    get_or_create_thread,
    post_comment,
    remove_participant,
    resolve_thread,
)
from revmod.accounts.consumers import CLOSE_UNAVAILABLE
from revmod.accounts.models import UserSession
from revmod.asgi import application
from revmod.settings import redis_channel_layer
from tests.clients import VerifiedClient
from tests.sockets import Communicator

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("every_socket_closed"),
    pytest.mark.timeout(60),  # a socket test that hangs fails in a minute, not five
]


@pytest.fixture(autouse=True)
async def _no_announcement_outlives_the_test():
    """A late presence announcement may outlive its socket; none may outlive the test's loop and database."""
    yield
    for task in list(LATE_ANNOUNCEMENTS):
        task.cancel()
    await asyncio.gather(*LATE_ANNOUNCEMENTS, return_exceptions=True)


@pytest.fixture
def _presence_at_once(settings):
    settings.REVIEW_PRESENCE_INTERVAL = 0


def plain_session_cookie(user) -> str:
    """A session signed in with the password only."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@database_sync_to_async
def session_cookie(user) -> str:
    client = VerifiedClient()
    client.force_login(user)
    return client.cookies["sessionid"].value


@database_sync_to_async
def signed_in(user) -> VerifiedClient:
    """A browser signed in as ``user``, its session listed on the sessions page as after the sign-in form."""
    client = VerifiedClient()
    client.force_login(user)
    UserSession.objects.create(user=user, session_key=client.session.session_key)
    return client


async def connect(review, user=None, *, origin: str = "http://localhost", cookie: str | None = None):
    headers = [(b"origin", origin.encode()), (b"host", b"localhost")]
    if user is not None and cookie is None:
        cookie = await session_cookie(user)
    if cookie is not None:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = Communicator(application, f"/ws/reviews/{review.pk}/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def close_code(communicator, within: float = 1.0) -> int:
    """The code the server closes the socket with, waiting at most ``within`` seconds."""
    async with asyncio.timeout(within):
        while True:
            output = await communicator.receive_output(timeout=within)
            if output["type"] == "websocket.close":
                return output["code"]


async def next_of_type(communicator, kind: str, timeout: float = 2.0) -> dict:
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


@database_sync_to_async
def post(world, author, body, visibility=ThreadVisibility.ALL):
    thread = get_or_create_thread(world.review, question=None, visibility=visibility)
    return post_comment(thread, author=author, body=body)


async def test_two_participants_receive_each_others_comments_live(world):
    focal_point, ok_1, _ = await connect(world.review, world.focal_point)
    reviewer, ok_2, _ = await connect(world.review, world.reviewing_expert)

    await post(world, world.focal_point, "Hello from France")
    received_by_reviewer = await next_of_type(reviewer, "comment.created")
    await post(world, world.reviewing_expert, "Hello from Germany")
    own_echo = await next_of_type(focal_point, "comment.created")
    received_by_focal_point = await next_of_type(focal_point, "comment.created")

    assert (ok_1, ok_2) == (True, True)
    assert received_by_reviewer["html"] == "<p>Hello from France</p>\n"
    assert own_echo["html"] == "<p>Hello from France</p>\n"
    assert received_by_focal_point["html"] == "<p>Hello from Germany</p>\n"
    await focal_point.disconnect()
    await reviewer.disconnect()


@pytest.mark.parametrize("who", ["stranger", "other_contributor", "stakeholder", "nobody", "anonymous"])
async def test_outsiders_and_anonymous_visitors_are_refused(world, who):
    user = None if who == "anonymous" else getattr(world, who)

    _communicator, connected, code = await connect(world.review, user)

    assert connected is False
    assert code == (4401 if who == "anonymous" else 4403)


async def test_a_foreign_origin_is_refused(world):
    _communicator, connected, _code = await connect(world.review, world.focal_point, origin="https://evil.example.com")

    assert connected is False


async def test_reviewing_side_comments_never_reach_the_reviewed_side(world):
    focal_point, _, _ = await connect(world.review, world.focal_point)
    reviewer, _, _ = await connect(world.review, world.reviewing_expert)

    await post(world, world.reviewing_expert, "Only for reviewers", ThreadVisibility.REVIEWING)
    await post(world, world.reviewing_expert, "For everyone")

    reviewer_first = await next_of_type(reviewer, "comment.created")
    focal_point_first = await next_of_type(focal_point, "comment.created")
    assert reviewer_first["html"] == "<p>Only for reviewers</p>\n"
    assert focal_point_first["html"] == "<p>For everyone</p>\n"
    await focal_point.disconnect()
    await reviewer.disconnect()


async def test_a_reconnecting_client_gets_exactly_what_it_missed(world):
    seen = await post(world, world.expert, "Seen before the connection dropped")
    missed = [await post(world, world.reviewing_expert, f"Missed {index}") for index in range(3)]
    await post(world, world.reviewing_expert, "Not for you", ThreadVisibility.REVIEWING)
    communicator, _, _ = await connect(world.review, world.focal_point)

    await communicator.send_json_to({"type": "catch_up", "after": seen.change_seq})
    answer = await next_of_type(communicator, "catch_up")

    assert [item["id"] for item in answer["events"]] == [comment.pk for comment in missed]
    await communicator.disconnect()


async def catch_up(communicator, after: int) -> dict:
    await communicator.send_json_to({"type": "catch_up", "after": after})
    return await next_of_type(communicator, "catch_up")


async def test_catch_up_delivers_an_edit_a_deletion_and_a_resolve_made_while_away(world):
    kept = await post(world, world.expert, "First version")
    dropped = await post(world, world.expert, "Soon deleted")
    before, _, _ = await connect(world.review, world.focal_point)
    cursor = (await catch_up(before, 0))["cursor"]
    await before.disconnect()

    await database_sync_to_async(edit_comment)(kept, editor=world.expert, body="Second version")
    await database_sync_to_async(delete_comment)(dropped, by=world.expert)
    await database_sync_to_async(resolve_thread)(kept.thread, by=world.reviewing_expert)
    after, _, _ = await connect(world.review, world.focal_point)
    missed = await catch_up(after, cursor)

    assert [(event["type"], event.get("id", event.get("thread"))) for event in missed["events"]] == [
        ("comment.updated", kept.pk),
        ("comment.deleted", dropped.pk),
        ("thread.resolved", kept.thread_id),
    ]
    assert (missed["events"][0]["html"], missed["events"][1]["html"]) == ("<p>Second version</p>\n", "")
    assert [event["seq"] for event in missed["events"]] == [cursor + 1, cursor + 2, cursor + 3]
    assert (missed["cursor"], missed["more"]) == (cursor + 3, False)
    await after.disconnect()


async def test_catch_up_repeats_a_change_seen_live_with_the_same_payload_and_cursor(world):
    communicator, _, _ = await connect(world.review, world.focal_point)
    cursor = (await catch_up(communicator, 0))["cursor"]

    comment = await post(world, world.expert, "Arrives twice")
    live = await next_of_type(communicator, "comment.created")
    again = await catch_up(communicator, cursor)
    from_there = await catch_up(communicator, again["cursor"])

    assert live["seq"] == comment.change_seq
    assert again["events"] == [live]  # the same change number: the page shows it once
    assert (again["cursor"], from_there["events"]) == (live["seq"], [])
    await communicator.disconnect()


async def test_live_resolve_carries_its_change_number(world):
    comment = await post(world, world.expert, "Settled?")
    communicator, _, _ = await connect(world.review, world.focal_point)

    thread = await database_sync_to_async(resolve_thread)(comment.thread, by=world.reviewing_expert)
    resolved = await next_of_type(communicator, "thread.resolved")

    assert resolved == {
        "type": "thread.resolved",
        "thread": thread.pk,
        "question": None,
        "visibility": "all",
        "by": world.reviewing_expert.full_name,
        "seq": comment.change_seq + 1,
    }
    await communicator.disconnect()


async def test_socket_closes_within_a_second_when_the_participant_is_removed(world):
    communicator, connected, _ = await connect(world.review, world.expert)
    participation = await database_sync_to_async(world.review.participants.get)(user=world.expert)

    await database_sync_to_async(remove_participant)(participation)
    code = await close_code(communicator)

    assert (connected, code) == (True, 4403)


@database_sync_to_async
def deactivate_in_the_admin(world, person) -> int:
    """What the secretariat does to switch an account off: untick "active" on its admin page."""
    world.secretariat.is_staff = world.secretariat.is_superuser = True
    world.secretariat.save(update_fields=["is_staff", "is_superuser"])
    client = VerifiedClient()
    client.force_login(world.secretariat)
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "preferred_language": person.preferred_language,
        "state": person.state_id,
        "global_role": person.global_role,
        "status": person.status,
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    return client.post(reverse("admin:accounts_user_change", args=[person.pk]), data).status_code


async def test_socket_closes_within_a_second_when_the_user_is_deactivated(world):
    communicator, connected, _ = await connect(world.review, world.expert)

    status = await deactivate_in_the_admin(world, world.expert)
    code = await close_code(communicator)

    assert (status, connected, code) == (302, True, 4401)


async def test_socket_closes_within_a_second_when_its_session_is_ended_from_the_sessions_page(world):
    laptop = await signed_in(world.expert)
    phone = await signed_in(world.expert)
    on_laptop, _, _ = await connect(world.review, cookie=laptop.cookies["sessionid"].value)
    on_phone, _, _ = await connect(world.review, cookie=phone.cookies["sessionid"].value)
    await next_of_type(on_phone, "presence")

    response = await database_sync_to_async(phone.post)(
        reverse("accounts:sessions"), {"session": laptop.session.session_key}
    )
    code = await close_code(on_laptop)
    await post(world, world.focal_point, "Still here?")
    still_received = await next_of_type(on_phone, "comment.created")

    assert (response.status_code, code) == (302, 4401)
    assert still_received["html"] == "<p>Still here?</p>\n"
    await on_phone.disconnect()


async def test_event_is_not_forwarded_when_access_was_lost_without_word(world, settings):
    # As when the "access changed" message was lost: the socket's check is due before the next event.
    settings.LIVE_ACCESS_RECHECK = 0
    communicator, _, _ = await connect(world.review, world.expert)
    await database_sync_to_async(permissions.revoke_review_role)(world.expert, world.review)

    await post(world, world.focal_point, "Not for a former participant")
    received = []
    output = await communicator.receive_output(timeout=1)
    while output["type"] != "websocket.close":
        received.append(output["text"])
        output = await communicator.receive_output(timeout=1)

    assert [text for text in received if "Not for a former participant" in text] == []
    assert output == {"type": "websocket.close", "code": 4403}


@pytest.mark.usefixtures("_presence_at_once")
async def test_presence_and_typing_are_shared(world):
    focal_point, _, _ = await connect(world.review, world.focal_point)
    reviewer, _, _ = await connect(world.review, world.reviewing_expert)

    presence = await next_of_type(focal_point, "presence")
    while world.reviewing_expert.full_name not in presence["viewers"]:
        presence = await next_of_type(focal_point, "presence")
    await reviewer.send_json_to({"type": "typing", "key": "general:all", "visibility": "all", "question": None})
    typing = await next_of_type(focal_point, "typing")

    assert sorted(presence["viewers"]) == sorted([world.focal_point.full_name, world.reviewing_expert.full_name])
    assert (typing["key"], typing["user"]) == ("general:all", world.reviewing_expert.full_name)
    await focal_point.disconnect()
    await reviewer.disconnect()


async def test_a_national_contributor_receives_only_the_state_internal_discussion(world):
    contributor, connected, _ = await connect(world.review, world.contributor)
    focal_point, _, _ = await connect(world.review, world.focal_point)

    await post(world, world.reviewing_expert, "Dialogue with the reviewers")
    await post(world, world.reviewing_expert, "Only for reviewers", ThreadVisibility.REVIEWING)
    await post(world, world.focal_point, "Internal draft note", ThreadVisibility.STATE)
    received = await next_of_type(contributor, "comment.created")
    focal_point_received = [(await next_of_type(focal_point, "comment.created"))["html"] for _ in range(2)]
    await contributor.send_json_to({"type": "catch_up", "after": None})
    caught_up = await next_of_type(contributor, "catch_up")

    assert connected is True
    assert received["html"] == "<p>Internal draft note</p>\n"
    assert focal_point_received == ["<p>Dialogue with the reviewers</p>\n", "<p>Internal draft note</p>\n"]
    assert "Dialogue with the reviewers" not in str(caught_up)
    assert "Only for reviewers" not in str(caught_up)
    assert "Internal draft note" in str(caught_up)
    await contributor.disconnect()
    await focal_point.disconnect()


@pytest.mark.usefixtures("_presence_at_once")
async def test_a_national_contributor_sees_only_their_own_side_viewing_the_review(world):
    reviewer, _, _ = await connect(world.review, world.reviewing_expert)
    contributor, _, _ = await connect(world.review, world.contributor)
    first = await next_of_type(contributor, "presence")
    focal_point, _, _ = await connect(world.review, world.focal_point)

    presence = await next_of_type(contributor, "presence")
    while world.focal_point.full_name not in presence["viewers"]:
        presence = await next_of_type(contributor, "presence")
    reviewer_sees = await next_of_type(reviewer, "presence")
    while world.focal_point.full_name not in reviewer_sees["viewers"]:
        reviewer_sees = await next_of_type(reviewer, "presence")

    assert first["viewers"] == [world.contributor.full_name]
    assert sorted(presence["viewers"]) == sorted([world.contributor.full_name, world.focal_point.full_name])
    assert world.reviewing_expert.full_name in reviewer_sees["viewers"]
    assert world.contributor.full_name in reviewer_sees["viewers"]
    for communicator in (reviewer, contributor, focal_point):
        await communicator.disconnect()


async def test_typing_in_a_reviewing_side_thread_is_not_sent_to_the_reviewed_side(world):
    focal_point, _, _ = await connect(world.review, world.focal_point)
    reviewer, _, _ = await connect(world.review, world.reviewing_expert)

    await reviewer.send_json_to(
        {"type": "typing", "key": "general:reviewing", "visibility": "reviewing", "question": None}
    )

    received = []
    while not await focal_point.receive_nothing(timeout=0.5):
        received.append((await focal_point.receive_json_from())["type"])
    assert "typing" not in received
    await focal_point.disconnect()
    await reviewer.disconnect()


async def test_flooding_the_socket_is_limited_with_a_clear_error(world):
    communicator, _, _ = await connect(world.review, world.focal_point)

    for _ in range(21):
        await communicator.send_json_to({"type": "heartbeat"})
    error = await next_of_type(communicator, "error")

    assert error == {"type": "error", "code": "rate_limited"}
    await communicator.disconnect()


@pytest.mark.usefixtures("_presence_at_once")
@pytest.mark.parametrize("frame", ["[" * 50_000 + "]" * 50_000, "not json"])
async def test_a_frame_that_is_not_json_gets_an_error_and_the_socket_stays_open(world, frame):
    communicator, _, _ = await connect(world.review, world.focal_point)

    await communicator.send_to(text_data=frame)
    error = await next_of_type(communicator, "error")
    await communicator.send_json_to({"type": "heartbeat"})
    presence = await next_of_type(communicator, "presence")

    assert error == {"type": "error", "code": "bad_message"}
    assert presence["type"] == "presence"
    await communicator.disconnect()


async def test_presence_is_announced_at_most_once_per_interval(world, settings):
    settings.REVIEW_PRESENCE_INTERVAL = 60
    first, _, _ = await connect(world.review, world.focal_point)
    own_list = await next_of_type(first, "presence")
    await next_of_type(first, "presence")  # the announcement of its own arrival
    second, _, _ = await connect(world.review, world.reviewing_expert)
    second_list = await next_of_type(second, "presence")

    received = []
    while not await first.receive_nothing(timeout=0.5):
        received.append((await first.receive_json_from())["type"])

    assert own_list["viewers"] == [world.focal_point.full_name]
    assert sorted(second_list["viewers"]) == sorted([world.focal_point.full_name, world.reviewing_expert.full_name])
    assert "presence" not in received
    await first.disconnect()
    await second.disconnect()


async def test_an_arrival_inside_the_interval_reaches_the_first_viewer_when_it_ends(world, settings):
    settings.REVIEW_PRESENCE_INTERVAL = 1
    first, _, _ = await connect(world.review, world.focal_point)
    await next_of_type(first, "presence")  # its own list
    await next_of_type(first, "presence")  # the announcement of its own arrival
    second, _, _ = await connect(world.review, world.reviewing_expert)  # inside the interval: not announced now

    late = await next_of_type(first, "presence", timeout=3.0)

    assert sorted(late["viewers"]) == sorted([world.focal_point.full_name, world.reviewing_expert.full_name])
    await second.disconnect()
    await first.disconnect()


async def test_a_departure_inside_the_interval_is_announced_when_it_ends(world, settings):
    settings.REVIEW_PRESENCE_INTERVAL = 1
    first, _, _ = await connect(world.review, world.focal_point)
    await next_of_type(first, "presence")  # its own list
    await next_of_type(first, "presence")  # the announcement of its own arrival
    second, _, _ = await connect(world.review, world.reviewing_expert)
    arrival = await next_of_type(first, "presence", timeout=3.0)
    await second.disconnect()  # inside the next interval, and the socket that could announce it is gone

    departure = await next_of_type(first, "presence", timeout=3.0)

    assert sorted(arrival["viewers"]) == sorted([world.focal_point.full_name, world.reviewing_expert.full_name])
    assert departure["viewers"] == [world.focal_point.full_name]
    await first.disconnect()


async def test_the_secretariat_needs_two_factor_sign_in_for_the_live_layer_too(world):
    unverified = await database_sync_to_async(plain_session_cookie)(world.secretariat)
    headers = [
        (b"origin", b"http://localhost"),
        (b"host", b"localhost"),
        (b"cookie", f"sessionid={unverified}".encode()),
    ]
    communicator = Communicator(application, f"/ws/reviews/{world.review.pk}/", headers=headers)

    refused, code = await communicator.connect()
    verified, connected, _ = await connect(world.review, world.secretariat)
    await verified.disconnect()

    assert (refused, code) == (False, 4401)
    assert connected is True


@database_sync_to_async
def start_counting_queries() -> CaptureQueriesContext:
    # Consumers and services run their database code on one thread here: count there.
    counting = CaptureQueriesContext(connection)
    counting.__enter__()
    return counting


@database_sync_to_async
def stop_counting_queries(counting: CaptureQueriesContext) -> int:
    counting.__exit__(None, None, None)
    return len(counting)


async def queries_to_post_and_deliver(world, sockets: list, count: int) -> int:
    counting = await start_counting_queries()
    for index in range(count):
        await post(world, world.focal_point, f"Comment {index}")
        for socket in sockets:
            await next_of_type(socket, "comment.created")
    return await stop_counting_queries(counting)


@pytest.mark.parametrize("sockets", [1, 20])
async def test_forwarding_events_costs_no_query_per_socket(world, sockets):
    readers = [world.expert, world.reviewing_expert, world.observer, world.reviewing_focal_point]
    await queries_to_post_and_deliver(world, [], 1)  # the thread exists from now on
    alone = await queries_to_post_and_deliver(world, [], 5)
    open_sockets = [(await connect(world.review, readers[index % 4]))[0] for index in range(sockets)]
    for socket in open_sockets:  # until the arrivals have been announced
        while not await socket.receive_nothing(timeout=0.1):
            await socket.receive_json_from()

    with_sockets = await queries_to_post_and_deliver(world, open_sockets, 5)

    assert with_sockets == alone
    for socket in open_sockets:
        await socket.disconnect()


async def test_a_socket_is_refused_cleanly_while_the_channel_layer_cannot_be_reached(world, settings):
    """A crash in the handshake makes nginx take the worker out; a refusal lets the page try again."""
    settings.CHANNEL_LAYERS = {"default": redis_channel_layer("redis://127.0.0.1:1/0")}

    _communicator, connected, code = await connect(world.review, world.focal_point)

    assert (connected, code) == (False, CLOSE_UNAVAILABLE)
