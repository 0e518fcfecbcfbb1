"""A stakeholder sees not one byte of a review: every review URL of the project answers them 404.

Walks the URL patterns of every app that serves a review, a questionnaire, a thread, an answer,
an output, an evidence file or a meeting, and of the API, with the real ids of a review full of
content, so pages added later are probed too. A stakeholder who sent input on the review is
probed as well as one who did not.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from reviews.enums import ObservationCategory, Step, ThreadVisibility
from reviews.models import ExportJob, Feedback, Observation, ObservationList
from reviews.services import add_evidence, ensure_outputs, get_or_create_thread, post_comment, save_answer
from stakeholders.models import ReviewConsultation, StakeholderInput

pytestmark = pytest.mark.django_db

ANSWER = "Our penal code punishes participation in an organized criminal group"
SHARED = "A comment the two sides share"
REVIEWING = "Only the reviewers: the answer looks weak"
STATE = "Inside France only: check with the ministry"
FEEDBACK = "Germany's feedback on the answers"
OBSERVATION = "A gap in the protection of witnesses"
SECRETS = [ANSWER, SHARED, REVIEWING, STATE, FEEDBACK, OBSERVATION]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The apps whose pages show a review or something of one; the API's routes of the same.
REVIEW_NAMESPACES = ("reviews", "coordination", "questionnaires", "meetings")
API_BASENAMES = ("review-", "questionnaire-", "cycle-")
# The published summaries (in their original and their translations), public by design.
PUBLIC = {"reviews:published", "reviews:published_summary", "reviews:published_summary_in"}


@pytest.fixture
def full_review(people):
    """The review of France with an answer, an evidence file, threads of every audience and its outputs."""
    review = people.review
    question = review.questionnaires.get().questions.filter(kind="text").order_by("order").first()
    answer = save_answer(review, question, value=ANSWER, base_revision=0, user=people.expert)
    evidence = add_evidence(
        review,
        question,
        upload=SimpleUploadedFile("law.pdf", PDF),
        title="Penal code",
        language="fr",
        user=people.expert,
    )
    review.step = Step.DIALOGUE
    review.submitted_at = timezone.now()
    review.save(update_fields=["step", "submitted_at"])
    threads = {}
    for visibility, on, body, author in (
        (ThreadVisibility.ALL, question, SHARED, people.reviewing_expert),
        (ThreadVisibility.REVIEWING, None, REVIEWING, people.reviewing_expert),
        (ThreadVisibility.STATE, None, STATE, people.focal_point),
    ):
        thread = get_or_create_thread(review, question=on, visibility=visibility)
        threads[visibility] = post_comment(thread, author=author, body=body)
    ensure_outputs(review)
    feedback = Feedback.objects.filter(review=review).first()
    feedback.text = FEEDBACK
    feedback.save(update_fields=["text"])
    observations = ObservationList.objects.filter(review=review).first()
    item = Observation.objects.create(observation_list=observations, category=ObservationCategory.GAP, text=OBSERVATION)
    job = ExportJob.objects.create(review=review, requested_by=people.focal_point, format="pdf", language="en")
    consultation = ReviewConsultation.objects.create(review=review, is_open=True, changed_by=people.focal_point)
    StakeholderInput.objects.create(author=people.stakeholder, review=review, organisation="Friends", text="Input")
    people.ids = {
        "review": review.pk,
        "cycle": review.cycle_id,
        "questionnaire": review.questionnaires.get().pk,
        "question_pk": question.pk,
        "question_id": question.pk,
        "section": question.section.order,
        "evidence_pk": evidence.pk,
        "thread_pk": threads[ThreadVisibility.REVIEWING].thread_id,
        "comment_pk": threads[ThreadVisibility.REVIEWING].pk,
        "participant_pk": review.participants.get(user=people.focal_point).pk,
        "feedback_pk": feedback.pk,
        "list_pk": observations.pk,
        "item_pk": item.pk,
        "job_pk": job.pk,
        "cycle_pk": review.cycle_id,
        "answer": answer.pk,
    }
    people.consultation = consultation
    return people


def patterns(resolver=None, namespace: str = "", prefix: str = ""):
    """(view name, route text, keyword names) of every URL pattern under ``resolver``."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names = set(pattern.pattern.regex.groupindex)
            yield f"{namespace}{pattern.name}", route, names


def keywords(view: str, route: str, names: set[str], ids: dict) -> dict | None:
    """The real ids of the full review for a pattern's keywords; None for a pattern to leave out."""
    if "format" in names:
        return None  # the API's ".json" twins of the same views
    values = {}
    for name in names:
        if name == "pk":
            if view.startswith("questionnaires:") or view.startswith("questionnaire-"):
                values[name] = ids["questionnaire"]
            elif "cycles/" in route or view.startswith("cycle-"):
                values[name] = ids["cycle"]
            else:
                values[name] = ids["review"]
        elif name == "questionnaire_pk":
            values[name] = ids["questionnaire"]
        elif name == "what":
            values[name] = "overview"
        elif name == "extension":
            values[name] = "csv"
        else:
            # Every id a route of these apps takes; an unknown one (a later app's) gets the review's.
            values[name] = ids.get(name, ids["review"])
    return values


def review_pages(ids: dict) -> list[tuple[str, str]]:
    found = []
    for view, route, names in patterns():
        in_review_app = view.split(":")[0] in REVIEW_NAMESPACES and ":" in view
        in_api = route.startswith("api/") and view.startswith(API_BASENAMES)
        if view in PUBLIC or not names or not (in_review_app or in_api):
            continue
        values = keywords(view, route, names, ids)
        if values is not None:
            found.append((view, reverse(view, kwargs=values)))
    return sorted(set(found))


def leaked(response) -> list[str]:
    # Reading a stream to its end closes it through the test client; response.close() would
    # fire request_finished, which closes the test's database connection on PostgreSQL.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", "replace")
    return [secret for secret in SECRETS if secret in text]


def status_of(client, path: str) -> int:
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.mark.parametrize("who", ["stakeholder", "second_stakeholder"])
def test_every_review_url_answers_a_stakeholder_404(client, full_review, who):
    client.force_login(getattr(full_review, who))
    pages = review_pages(full_review.ids)
    page_views = [path for view, path in pages if not path.startswith("/api/")]

    let_through = {}
    for _view, path in pages:
        if path.startswith("/api/"):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            if response.status_code not in (404, 405) or leaked(response):
                let_through[f"{method.upper()} {path}"] = (response.status_code, leaked(response))

    assert len(page_views) > 60
    assert let_through == {}


@pytest.mark.parametrize("who", ["stakeholder", "second_stakeholder"])
def test_every_review_endpoint_of_the_api_answers_a_stakeholder_404(full_review, who):
    api = APIClient()
    api.force_authenticate(getattr(full_review, who))
    endpoints = [path for _view, path in review_pages(full_review.ids) if path.startswith("/api/")]

    let_through = {}
    for path in endpoints:
        for method in ("get", "post", "put"):
            response = getattr(api, method)(path, {}, format="json")
            if response.status_code not in (404, 405) or leaked(response):
                let_through[f"{method.upper()} {path}"] = (response.status_code, leaked(response))
    listing = api.get("/api/v1/reviews/")

    assert len(endpoints) >= 5
    assert let_through == {}
    assert listing.status_code == 200
    assert listing.json()["results"] == [] if isinstance(listing.json(), dict) else listing.json() == []


def test_the_probe_is_real_a_participant_reaches_the_same_pages(client, full_review):
    """The walk above must be able to fail: the reviewing expert opens the pages the stakeholder cannot."""
    client.force_login(full_review.reviewing_expert)
    opened = [
        path
        for _view, path in review_pages(full_review.ids)
        if not path.startswith("/api/") and status_of(client, path) == 200
    ]
    reviewing_thread = client.get(reverse("reviews:discussion", args=[full_review.review.pk])).content.decode()

    assert len(opened) > 5
    assert REVIEWING in reviewing_thread


def test_my_reviews_lists_nothing_for_a_stakeholder(client, full_review):
    client.force_login(full_review.stakeholder)

    response = client.get(reverse("reviews:list"))

    assert response.context["reviews"] == []
    assert leaked(response) == []


@pytest.mark.parametrize(
    "name", ["core:dashboard", "stakeholders:home", "stakeholders:consultation", "notifications:centre"]
)
def test_a_stakeholders_own_pages_show_nothing_of_the_review(client, full_review, name):
    client.force_login(full_review.stakeholder)
    args = [full_review.consultation.pk] if name == "stakeholders:consultation" else []

    response = client.get(reverse(name, args=args))

    text = response.content.decode()
    assert response.status_code == 200
    assert leaked(response) == []
    names = [
        full_review.focal_point.full_name,
        full_review.expert.full_name,
        full_review.reviewing_expert.full_name,
        full_review.contributor.full_name,
    ]
    assert [name for name in names if name in text] == []
    assert reverse("reviews:detail", args=[full_review.review.pk]) not in text
    assert "Penal code" not in text


def test_a_stakeholders_navigation_leads_to_no_review_page(client, full_review):
    client.force_login(full_review.stakeholder)

    page = client.get(reverse("core:dashboard")).content.decode()

    assert reverse("reviews:list") not in page
    assert reverse("stakeholders:home") in page
