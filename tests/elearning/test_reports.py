from __future__ import annotations

import pytest
from django.utils import timezone

from elearning import permissions
from elearning.enums import ReportDimension
from elearning.reports import trained_headline, training_report
from tests.factories import SecretariatFactory, UserFactory, state
from tests.factories.elearning import (
    CourseFactory,
    EnrolmentFactory,
    SessionRegistrationFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def population(course):
    """Four people of three States in ``course``, and one enrolled in a course nobody here owns."""
    now = timezone.now()
    fra_fp = UserFactory(state=state("FRA"), nominated_role="focal_point", preferred_language="fr")
    egy_expert = UserFactory(state=state("EGY"), nominated_role="expert", preferred_language="ar")
    egy_fp = UserFactory(state=state("EGY"), nominated_role="focal_point", preferred_language="ar")
    bra_observer = UserFactory(state=state("BRA"), nominated_role="observer", preferred_language="pt")
    EnrolmentFactory(user=fra_fp, course=course, completed_at=now)
    EnrolmentFactory(user=egy_expert, course=course, completed_at=now)
    EnrolmentFactory(user=egy_fp, course=course)
    EnrolmentFactory(user=bra_observer, course=course, completed_at=now)
    EnrolmentFactory(course=CourseFactory(), completed_at=now)
    session = TrainingSessionFactory(course=course)
    SessionRegistrationFactory(session=session, user=egy_fp, attended=True)
    SessionRegistrationFactory(session=session, user=fra_fp, attended=False)
    return course


def rows_by_label(rows):
    return {row.label: (row.enrolled, row.completed, row.registered, row.attended) for row in rows}


def test_report_by_state_counts_enrolments_completions_and_attendance(population, trainer):
    rows = training_report(trainer, dimension=ReportDimension.STATE)

    assert rows_by_label(rows) == {"Egypt": (2, 1, 1, 1), "France": (1, 1, 1, 0), "Brazil": (1, 1, 0, 0)}


def test_report_by_role_regional_group_and_language(population, trainer):
    by_role = rows_by_label(training_report(trainer, dimension=ReportDimension.ROLE))
    by_group = rows_by_label(training_report(trainer, dimension=ReportDimension.REGIONAL_GROUP))
    by_language = rows_by_label(training_report(trainer, dimension=ReportDimension.LANGUAGE))

    assert by_role == {"Focal point": (2, 1, 2, 1), "Governmental expert": (1, 1, 0, 0), "Observer": (1, 1, 0, 0)}
    assert by_group["African Group"] == (2, 1, 1, 1)
    assert by_language == {"Arabic": (2, 1, 1, 1), "French": (1, 1, 1, 0), "Portuguese": (1, 1, 0, 0)}


def test_report_covers_only_the_trainers_courses(population, other_trainer):
    assert training_report(other_trainer, dimension=ReportDimension.COURSE) == []


def test_secretariat_report_covers_every_course(population):
    rows = training_report(SecretariatFactory(), dimension=ReportDimension.COURSE)

    assert sorted(row.enrolled for row in rows) == [1, 4]


def test_headline_counts_focal_points_and_experts_trained_and_their_countries(population, trainer):
    headline = trained_headline(trainer)

    # France's focal point and Egypt's expert completed; Egypt's focal point attended; the observer does not count.
    assert (headline.people, headline.countries) == (3, 2)


@pytest.mark.parametrize("count", [1, 5])
def test_report_page_query_count_is_constant(client, course, trainer, django_assert_num_queries, count):
    for _number in range(count):
        EnrolmentFactory(course=course, user=UserFactory(nominated_role="expert"))
        SessionRegistrationFactory(session__course=course)
    client.force_login(trainer)
    client.get("/en/learning/reports/", {"by": "state"})  # warm the content-type and session caches

    with django_assert_num_queries(8):
        client.get("/en/learning/reports/", {"by": "state"})


def test_report_csv_export(client, population, trainer):
    client.force_login(trainer)

    response = client.get("/en/learning/reports/export.csv", {"by": "state"})

    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0] == "State,Enrolled,Completed,Completion rate (%),Registered for sessions,Attended"
    assert lines[1] == "Egypt,2,1,50,1,1"


def test_report_pages_are_hidden_from_learners(client, learner):
    client.force_login(learner)

    assert client.get("/en/learning/reports/").status_code == 404
    assert client.get("/en/learning/reports/export.csv").status_code == 404


def test_report_page_shows_the_headline(client, population, trainer):
    client.force_login(trainer)

    body = client.get("/en/learning/reports/").content.decode()

    assert "3 focal points and experts from 2 countries trained" in body


def test_ownership_granted_later_widens_the_report(population, other_trainer):
    permissions.grant_course_ownership(population, other_trainer)

    assert len(training_report(other_trainer, dimension=ReportDimension.COURSE)) == 1
