"""Schema-driven fuzzing of the JSON API (schemathesis): no generated request may cause a server error.

Every operation of /api/schema/ is called through the WSGI application with requests that
schemathesis draws from the schema, valid ones and invalid ones, first with any ids and then
with the ids of real objects the person may reach, as a focal point and as a reviewing expert
holding personal API tokens. A 5xx answer fails the test with the request that caused it.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.generation import GenerationMode

from reviews.enums import ThreadVisibility
from reviews.services import get_or_create_thread, post_comment
from tests.factories.elearning import CourseFactory, EnrolmentFactory, LessonFactory, build_quiz

pytestmark = pytest.mark.django_db

EXAMPLES = 12


@pytest.fixture
def wsgi_app():
    """The WSGI application, without closing the test's database connection after each request.

    Django's handler closes old connections when a request starts and ends; on PostgreSQL that
    would end the test's transaction. The test client disconnects those signals the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def schema(world, wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)


@pytest.fixture
def real_ids(world):
    course = CourseFactory(title_en="Taking part", is_onboarding=True)
    LessonFactory(module__course=course)
    build_quiz(course, questions=2)
    EnrolmentFactory(user=world.focal_point, course=course)
    thread = get_or_create_thread(world.review, question=None, visibility=ThreadVisibility.ALL)
    post_comment(thread, author=world.focal_point, body="First **comment**")
    return {
        "/api/v1/reviews/": world.review.pk,
        "/api/v1/questionnaires/": world.questionnaire.pk,
        "/api/v1/cycles/": world.review.cycle_id,
        "/api/v1/courses/": course.pk,
        "question_id": world.questionnaire.questions.get(number="2").pk,
    }


def pinned(path: str, real_ids: dict) -> dict:
    ids = {}
    if "{id}" in path:
        ids["id"] = next(value for prefix, value in real_ids.items() if path.startswith(prefix))
    if "{question_id}" in path:
        ids["question_id"] = real_ids["question_id"]
    return ids


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_the_schema_lists_every_api_area(schema):
    paths = {operation.path for operation in operations(schema)}
    assert {"/api/v1/reviews/{id}/answers/{question_id}/", "/api/v1/courses/{id}/", "/api/v1/questionnaires/"} <= paths
    assert {"/api/v1/cycles/{id}/", "/api/v1/questionnaires/{id}/document/"} <= paths


@pytest.mark.parametrize("person", ["focal_point", "reviewing_expert"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_generated_request_causes_a_server_error(world, schema, real_ids, person, mode):
    headers = {"Authorization": f"Token {Token.objects.create(user=getattr(world, person)).key}"}
    failures = []
    calls = 0

    for operation in operations(schema):
        for path_parameters in (None, pinned(operation.path, real_ids) or None):

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
            def call(case):
                nonlocal calls
                calls += 1
                response = case.call(headers=headers)
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} {case.as_curl_command(headers=headers)}")

            try:
                call()
            except Unsatisfiable:
                # Nothing in this operation can be made invalid (e.g. a list without parameters).
                assert mode == GenerationMode.NEGATIVE

    assert calls > 100
    assert failures == []
