from __future__ import annotations

import pytest

from elearning import permissions
from elearning.enums import CourseState
from tests.factories import SecretariatFactory, UserFactory
from tests.factories.elearning import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_trainer_edits_the_courses_they_were_given_and_no_other(course, trainer, other_trainer):
    assert permissions.can_edit_course(trainer, course) is True
    assert permissions.can_edit_course(other_trainer, course) is False
    assert list(permissions.courses_editable_by(other_trainer)) == []


def test_secretariat_edits_every_course(course):
    assert permissions.can_edit_course(SecretariatFactory(), course) is True


def test_a_learner_holding_the_permission_is_still_no_editor(course):
    learner = UserFactory()
    permissions.grant_course_ownership(course, learner)

    assert permissions.can_edit_course(learner, course) is False


def test_grant_and_revoke_ownership(course, trainer, other_trainer):
    permissions.grant_course_ownership(course, other_trainer)
    granted = permissions.can_edit_course(other_trainer, course)
    owners = list(permissions.course_owners(course))

    permissions.revoke_course_ownership(course, other_trainer)

    assert granted is True
    assert owners == [other_trainer, trainer]
    assert permissions.can_edit_course(other_trainer, course) is False
    assert list(permissions.course_owners(course)) == [trainer]


def test_learner_never_sees_a_draft_course(learner, trainer):
    draft = CourseFactory(status=CourseState.DRAFT)
    permissions.grant_course_ownership(draft, trainer)

    assert permissions.can_view_course(learner, draft) is False
    assert permissions.can_view_course(trainer, draft) is True


def test_archived_course_stays_visible_to_those_who_took_it(learner):
    archived = CourseFactory(status=CourseState.ARCHIVED)
    before = permissions.can_view_course(learner, archived)
    EnrolmentFactory(user=learner, course=archived)

    assert before is False
    assert permissions.can_view_course(learner, archived) is True
