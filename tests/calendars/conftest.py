from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar

from reviews.enums import ParticipantRole
from reviews.models import CountryReview
from reviews.services import add_participant
from tests.factories import UserFactory, state
from tests.factories.elearning import SessionRegistrationFactory, TrainingSessionFactory
from tests.factories.reviews import cycle, review

FRANCE_DUE = dt.datetime(2026, 5, 20, 12, 0, tzinfo=dt.UTC)
EGYPT_DUE = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def deadlines(world):
    """Both reviews of the world get a deadline: France's on 20 May, Egypt's on 10 June."""
    CountryReview.objects.filter(pk=world.review.pk).update(due_at=FRANCE_DUE)
    CountryReview.objects.filter(pk=world.other_review.pk).update(due_at=EGYPT_DUE)
    return world


def feed_path_on(page: str) -> str:
    """The feed's path, read from the page that showed its address once."""
    match = re.search(r'value="https?://[^/"]+(/calendar/[^"]+\.ics)"', page)
    assert match, "the page shows no feed address"
    return match.group(1)


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


OTHER_STATES = ["ITA", "ESP", "PRT", "NLD", "BEL", "POL", "AUT", "SWE", "FIN", "IRL"]


def expert_in_reviews(count: int):
    """A German expert in ``count`` reviews of one cycle, each with a deadline."""
    expert = UserFactory(state=state("DEU"))
    the_cycle = cycle()
    for index, iso3 in enumerate(OTHER_STATES[:count]):
        country_review = review(of=iso3, in_cycle=the_cycle)
        CountryReview.objects.filter(pk=country_review.pk).update(
            due_at=dt.datetime(2026, 7, 1 + index, 9, tzinfo=dt.UTC)
        )
        add_participant(country_review, user=expert, role=ParticipantRole.EXPERT)
    return expert


def registered_in_sessions(user, count: int) -> None:
    for index in range(count):
        starts = dt.datetime(2026, 9, 1 + index, 8, tzinfo=dt.UTC)
        session = TrainingSessionFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
        SessionRegistrationFactory(session=session, user=user)
