"""The ``.ics`` download of one training session: for whoever sees it on the sessions page, 404 for others."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from elearning.enums import CourseState
from tests.factories import StakeholderFactory, UserFactory
from tests.factories.elearning import CourseFactory, SessionRegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

STARTS = dt.datetime(2027, 3, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def session(course):
    return TrainingSessionFactory(
        course=course, title_en="Live", title_fr="En direct", location="https://meet.example.org/live", starts_at=STARTS
    )


def download(client, user, session):
    client.force_login(user)
    return client.get(f"/en/learning/sessions/{session.pk}/calendar.ics")


def only_event(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    return event


def test_a_registrant_downloads_the_session_with_its_link(client, session, learner):
    SessionRegistrationFactory(session=session, user=learner)

    response = download(client, learner, session)

    event = only_event(response)
    assert response["Content-Disposition"] == f'attachment; filename="training-session-{session.pk}.ics"'
    assert event.decoded("DTSTART") == STARTS
    assert str(event["SUMMARY"]) == "Training session: Live"
    assert str(event["LOCATION"]) == "https://meet.example.org/live"
    assert str(event["UID"]) == f"training-session-{session.pk}@revmod"


def test_the_download_speaks_the_language_of_the_page(client, session, learner):
    client.force_login(learner)

    event = only_event(client.get(f"/fr/learning/sessions/{session.pk}/calendar.ics"))

    assert "En direct" in str(event["SUMMARY"])


def test_someone_not_registered_gets_the_time_but_not_the_link(client, session, stranger):
    event = only_event(download(client, stranger, session))

    assert "LOCATION" not in event


def test_the_trainer_of_the_course_gets_the_link(client, session, trainer):
    event = only_event(download(client, trainer, session))

    assert str(event["LOCATION"]) == "https://meet.example.org/live"


def test_a_session_of_a_draft_course_answers_404_to_a_learner(client, learner, other_trainer):
    hidden = TrainingSessionFactory(course=CourseFactory(status=CourseState.DRAFT))

    assert download(client, learner, hidden).status_code == 404
    assert download(client, other_trainer, hidden).status_code == 404


def test_a_stakeholder_gets_a_public_session_as_listed_to_them_without_its_link(client, session):
    """Published courses are open to every signed-in person; the download follows the sessions page."""
    stakeholder = StakeholderFactory()
    client.force_login(stakeholder)
    listed = client.get("/en/learning/sessions/").content.decode()

    event = only_event(download(client, stakeholder, session))

    assert "Live" in listed
    assert "LOCATION" not in event


def test_a_missing_session_answers_404(client, learner):
    client.force_login(learner)

    assert client.get("/en/learning/sessions/999999/calendar.ics").status_code == 404


def test_an_anonymous_visitor_is_asked_to_sign_in(client, session):
    response = client.get(f"/en/learning/sessions/{session.pk}/calendar.ics")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")


def test_the_sessions_page_links_each_session_to_its_download(client, session):
    client.force_login(UserFactory())

    body = client.get("/en/learning/sessions/").content.decode()

    assert f'href="/en/learning/sessions/{session.pk}/calendar.ics"' in body
