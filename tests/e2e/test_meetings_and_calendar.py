"""Issue 16 in a browser: a dialogue videoconference across three time zones, and a personal feed.

The focal point of France (Paris) proposes a videoconference with two candidate times, one on
each side of the European change to summer time; the experts of Peru (Lima, UTC-5, no summer
time) and of Nepal (Kathmandu, UTC+5:45) and the focal point say which suit them; the focal point
fixes one. Each reads the time in their own zone and in UTC. The expert in Lima makes a personal
calendar feed; a calendar client (no session) reads it, and it parses as RFC 5545 holding the
meeting at the right instant and the review's deadline.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from meetings.models import Meeting
from reviews.enums import ParticipantRole, Step
from revmod.states.services import sync_member_states
from tests.e2e.test_answering import sign_in
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def last_sunday_of_march(year: int) -> dt.date:
    day = dt.date(year, 3, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def test_a_videoconference_across_three_zones_and_a_personal_feed(live_server, browser, artifacts_dir):
    sync_member_states()
    country_review = review(
        of="FRA", same_region="NPL", other_region="PER", questionnaire=published_questionnaire(questions=1)
    )
    country_review.step = Step.DIALOGUE
    country_review.due_at = timezone.now() + dt.timedelta(days=40)
    country_review.save(update_fields=["step", "due_at"])
    participant(country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email="paris@e2e.org", full_name="Anne")
    participant(country_review, iso3="PER", email="lima@e2e.org", full_name="Rosa")
    participant(country_review, iso3="NPL", email="kathmandu@e2e.org", full_name="Bikash")
    base = live_server.url
    # 15:00 in Paris on the Thursday before the change (UTC+1) and the Tuesday after it (UTC+2).
    change = last_sunday_of_march(timezone.now().year + 1)
    before, after = change - dt.timedelta(days=3), change + dt.timedelta(days=2)

    pages = {}
    for email in ("paris@e2e.org", "lima@e2e.org", "kathmandu@e2e.org"):
        pages[email] = browser.new_context(locale="en-GB").new_page()
        sign_in(pages[email], live_server, email)
    paris, lima, kathmandu = pages.values()

    paris.goto(f"{base}/en/meetings/reviews/{country_review.pk}/propose/")
    expect(paris.locator("main")).to_contain_text("Europe/Paris")
    paris.get_by_label("Title").fill("Dialogue on the lists of observations")
    paris.get_by_label("Kind of meeting").select_option(label="Videoconference")
    paris.get_by_label("Link to join").fill("https://meet.example.org/fra-2027")
    paris.get_by_label("Agenda").fill("1. Observations of Nepal\n2. Observations of Peru")
    paris.get_by_label("Candidate time 1").fill(f"{before.isoformat()}T15:00")
    paris.get_by_label("Candidate time 2").fill(f"{after.isoformat()}T15:00")
    paris.get_by_role("button", name="Propose").click()
    expect(paris.locator("h1")).to_have_text("Dialogue on the lists of observations")
    meeting = Meeting.objects.get()
    slot_before, slot_after = meeting.slots.order_by("starts_at")
    assert slot_before.starts_at == dt.datetime.combine(before, dt.time(14, 0), tzinfo=dt.UTC)
    assert slot_after.starts_at == dt.datetime.combine(after, dt.time(13, 0), tzinfo=dt.UTC)

    # Each answers in their own zone; the candidate times read in it, with UTC beside.
    url = f"{base}/en/meetings/{meeting.pk}/"
    answers = {paris: ("yes", "yes"), lima: ("no", "yes"), kathmandu: ("yes", "yes")}
    local_times = {paris: ("3 p.m.", "3 p.m."), lima: ("9 a.m.", "8 a.m."), kathmandu: ("7:45 p.m.", "6:45 p.m.")}
    for page, (first, second) in answers.items():
        page.goto(url)
        candidates = page.locator("#slots-title + table tbody th")
        for row, local in zip(range(2), local_times[page], strict=True):
            expect(candidates.nth(row)).to_contain_text(local)
        expect(candidates.nth(0)).to_contain_text("— 2 p.m. UTC")
        expect(candidates.nth(1)).to_contain_text("— 1 p.m. UTC")
        groups = page.locator("form[action$='/answer/'] fieldset")
        groups.nth(0).get_by_label("Suits me" if first == "yes" else "Does not suit me", exact=True).check()
        groups.nth(1).get_by_label("Suits me" if second == "yes" else "Does not suit me", exact=True).check()
        page.get_by_role("button", name="Save my answers").click()
        expect(page.locator("[role=status], .message").first).to_be_visible()
    kathmandu.screenshot(path=str(artifacts_dir / "meeting-candidates-kathmandu-en.png"), full_page=True)

    # The organiser sees who suits which time and fixes the one all three can make.
    paris.goto(url)
    after_row = paris.locator("#slots-title + table tbody tr").nth(1)
    expect(after_row.locator("td").first).to_contain_text("3")
    paris.locator("form[action$='/fix/']").get_by_label(after.strftime("%B %-d"), exact=False).check()
    paris.get_by_role("button", name="Fix this time").click()
    meeting.refresh_from_db()
    assert meeting.fixed_slot == slot_after

    expected = {paris: "3 p.m.", lima: "8 a.m.", kathmandu: "6:45 p.m."}
    zones = {paris: "UTC+2", lima: "UTC\u22125", kathmandu: "UTC+5:45"}
    for page, local in expected.items():
        page.goto(url)
        fixed = page.locator("dl.summary time").first
        expect(fixed).to_contain_text(local)
        expect(fixed).to_contain_text(zones[page])
        expect(fixed).to_contain_text("— 1 p.m. UTC")
    lima.goto(url.replace("/en/", "/ar/"))
    lima.screenshot(path=str(artifacts_dir / "meeting-fixed-lima-ar.png"), full_page=True)

    # Rosa's personal feed: made on the calendar page, read by a client that has no session.
    lima.goto(f"{base}/en/calendars/")
    lima.get_by_role("button", name="Make my feed").click()
    feed_url = lima.locator("#feed-url").input_value()
    client = browser.new_context()
    response = client.request.get(base + feed_url[feed_url.index("/calendar/") :])
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.body())
    assert calendar["VERSION"] == "2.0"
    assert calendar.get("PRODID")
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert all(event.get("DTSTAMP") for event in events.values())
    meeting_event = next(event for event in events.values() if "Dialogue on the lists" in str(event["SUMMARY"]))
    assert meeting_event.decoded("DTSTART") == dt.datetime.combine(after, dt.time(13, 0), tzinfo=dt.UTC)
    assert meeting_event.decoded("DTEND") - meeting_event.decoded("DTSTART") == dt.timedelta(minutes=60)
    deadline = events[f"review-{country_review.pk}-{Step.DIALOGUE}-deadline@revmod"]
    assert deadline.decoded("DTSTART") == timezone.localdate(country_review.due_at)
    client.close()
    for page in pages.values():
        page.context.close()
