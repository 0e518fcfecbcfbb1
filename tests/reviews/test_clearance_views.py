"""Clearance from the pages: mark ready, clear, return, the warning when an edit takes a clearance back, submit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.enums import AnswerStatus, Step
from reviews.models import Answer
from reviews.services import clear_answers, save_answer
from tests.reviews.test_services import answer_all_required

pytestmark = pytest.mark.django_db


def status_url(world, section: int = 1) -> str:
    return reverse(
        "reviews:answer_status",
        kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk, "section": section},
    )


def section_url(world, section: int = 1) -> str:
    return reverse(
        "reviews:answer_section",
        kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk, "section": section},
    )


def question(world, number: str):
    return world.questionnaire.questions.prefetch_related("choices").get(number=number)


DRAFTS = {"yes_no": "yes", "text": "A draft.", "single_choice": "fully", "multiple_choice": ["partly"]}


def drafted(world, number: str = "2", *, by=None) -> Answer:
    item = question(world, number)
    return save_answer(world.review, item, value=DRAFTS[item.kind], base_revision=0, user=by or world.contributor)


def status_of(world, number: str = "2") -> str:
    return Answer.objects.get(review=world.review, question=question(world, number)).status


def test_contributor_marks_a_draft_ready_and_the_focal_point_clears_it(client, world):
    answer = drafted(world)
    client.force_login(world.contributor)

    response = client.post(status_url(world), {"do": f"ready:{answer.question_id}"})

    assert response.status_code == 302
    assert response["Location"] == section_url(world) + f"#question-{answer.question_id}"
    assert status_of(world) == AnswerStatus.READY
    client.force_login(world.focal_point)
    client.post(status_url(world), {"do": f"clear:{answer.question_id}"})
    assert status_of(world) == AnswerStatus.CLEARED
    page = client.get(section_url(world)).content.decode()
    assert f"cleared by {world.focal_point.full_name}" in page
    assert 'class="badge badge--cleared" data-answer-status>Cleared<' in page


@pytest.mark.parametrize(
    "who",
    ["contributor", "expert", "observer", "reviewing_expert", "other_contributor", "stranger", "nobody", "secretariat"],
)
def test_only_the_reviewed_states_focal_point_clears(client, world, who):
    answer = drafted(world)
    client.force_login(getattr(world, who))

    response = client.post(status_url(world), {"do": f"clear:{answer.question_id}"})

    assert response.status_code == 404
    assert status_of(world) == AnswerStatus.DRAFTED


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("focal_point", 302),
        ("expert", 302),
        ("contributor", 302),
        ("observer", 404),
        ("reviewing_expert", 404),
        ("other_contributor", 404),
        ("stranger", 404),
        ("nobody", 404),
    ],
)
def test_marking_ready_is_for_those_who_answer(client, world, who, expected):
    answer = drafted(world)
    client.force_login(getattr(world, who))

    response = client.post(status_url(world), {"do": f"ready:{answer.question_id}"})

    assert response.status_code == expected
    assert status_of(world) == (AnswerStatus.READY if expected == 302 else AnswerStatus.DRAFTED)


def test_anonymous_visitor_is_sent_to_sign_in_and_nothing_changes(client, world):
    answer = drafted(world)

    response = client.post(status_url(world), {"do": f"ready:{answer.question_id}"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/?next=")
    assert status_of(world) == AnswerStatus.DRAFTED


def test_a_whole_section_is_cleared_and_returned_leaving_empty_answers_alone(client, world):
    drafted(world, "2")
    drafted(world, "3")
    client.force_login(world.focal_point)

    client.post(status_url(world), {"do": "clear"})

    assert (status_of(world, "2"), status_of(world, "3")) == (AnswerStatus.CLEARED, AnswerStatus.CLEARED)
    assert not Answer.objects.filter(review=world.review, question=question(world, "1")).exists()
    response = client.post(status_url(world), {"do": "return"}, follow=True)
    assert (status_of(world, "2"), status_of(world, "3")) == (AnswerStatus.DRAFTED, AnswerStatus.DRAFTED)
    assert "2 answers are back in drafting." in response.content.decode()


def test_an_empty_answer_cannot_be_cleared_and_says_why(client, world):
    item = question(world, "1")
    client.force_login(world.focal_point)

    response = client.post(status_url(world), {"do": f"clear:{item.pk}"}, follow=True)

    assert "1 of these questions has no answer to clear." in response.content.decode()
    assert not Answer.objects.filter(review=world.review, question=item).exists()


def test_an_unknown_action_or_a_question_of_another_section_answers_404(client, world):
    answer = drafted(world)
    client.force_login(world.focal_point)

    assert client.post(status_url(world), {"do": "publish"}).status_code == 404
    assert client.post(status_url(world, section=2), {"do": f"clear:{answer.question_id}"}).status_code == 404
    assert status_of(world) == AnswerStatus.DRAFTED


def test_an_edit_of_a_cleared_answer_sends_it_back_and_says_so_on_the_section_page(client, world):
    answer = drafted(world)
    clear_answers(world.review, [answer.question], user=world.focal_point)
    client.force_login(world.contributor)
    name = f"q{answer.question_id}"

    response = client.post(section_url(world), {f"{name}-rev": answer.revision, name: "A better draft."}, follow=True)

    assert status_of(world) == AnswerStatus.DRAFTED
    assert "Answer 2 was cleared: your change sends it back to drafted" in response.content.decode()


def test_autosave_of_a_cleared_answer_says_the_clearance_is_taken_back(client, world):
    answer = drafted(world)
    clear_answers(world.review, [answer.question], user=world.focal_point)
    client.force_login(world.expert)

    response = client.post(
        reverse("reviews:save_answer", kwargs={"pk": world.review.pk, "question_pk": answer.question_id}),
        {f"q{answer.question_id}-rev": answer.revision, f"q{answer.question_id}": "Changed."},
    )

    body = response.json()
    assert (body["answer_status"], body["answer_status_label"]) == ("drafted", "Drafted")
    assert body["message"].startswith("Answer 2 was cleared")


def test_submit_page_lists_answers_not_cleared_and_clears_them_for_the_focal_point(client, world):
    answer_all_required(world, world.contributor, cleared=False)
    client.force_login(world.focal_point)
    url = reverse("reviews:submit", kwargs={"pk": world.review.pk})

    page = client.get(url).content.decode()
    refused = client.post(url)

    assert "Required answers not cleared yet" in page
    assert "Clear these" in page
    assert refused.status_code == 400
    client.post(url, {"do": "clear"})
    assert client.post(url).status_code == 302
    world.review.refresh_from_db()
    assert world.review.step == Step.FEEDBACK


def test_section_page_shows_clearance_buttons_by_role(client, world):
    drafted(world)
    client.force_login(world.contributor)
    contributor_page = client.get(section_url(world)).content.decode()
    client.force_login(world.focal_point)
    focal_page = client.get(section_url(world)).content.decode()

    assert 'value="ready"' in contributor_page
    assert 'value="clear"' not in contributor_page
    assert 'value="clear"' in focal_page
    assert 'value="return"' in focal_page
