"""The history of an answer: a citation answer's changes citation by citation, and restoring an earlier version."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.citation_diff import citation_diff
from reviews.enums import AnswerStatus, Step
from reviews.models import Answer, AnswerRevision
from reviews.services import clear_answers, save_answer
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import VerifiedClient

pytestmark = pytest.mark.django_db

PENAL_CODE = {"title": "Penal Code", "provision": "art. 2", "url": ""}
BRAZIL = {"title": "Criminal Code of Brazil", "provision": "art. 321", "url": "https://example.org/cp"}
LAW = {"title": "Law 2016-1691", "provision": "", "url": ""}


def question(world, number: str):
    return world.questionnaire.questions.get(number=number)


def history_url(world, item) -> str:
    return reverse("reviews:answer_history", kwargs={"pk": world.review.pk, "question_pk": item.pk})


def restore_url(world, item, number: int) -> str:
    return reverse("reviews:answer_restore", kwargs={"pk": world.review.pk, "question_pk": item.pk, "number": number})


def changes(old, new) -> list[tuple[str, dict[str, tuple[str, str]]]]:
    """Each citation's change and the fields that changed, (old, new)."""
    return [
        (change.change, {field.name: (field.old, field.new) for field in change.fields if field.changed})
        for change in citation_diff(old, new)
    ]


def test_a_citation_added_removed_or_kept_is_told_apart():
    assert changes([PENAL_CODE, BRAZIL], [PENAL_CODE, LAW]) == [
        ("unchanged", {}),
        ("removed", {field: (BRAZIL[field], "") for field in ("title", "provision", "url")}),
        ("added", {"title": ("", "Law 2016-1691")}),
    ]
    assert changes(None, [LAW]) == [("added", {"title": ("", "Law 2016-1691")})]
    assert changes([LAW], None) == [("removed", {"title": ("Law 2016-1691", "")})]


def test_a_changed_citation_shows_each_field_that_changed():
    amended = {"title": "Criminal Code of Brazil", "provision": "art. 322", "url": "https://example.org/cp-2024"}
    renamed = {"title": "Penal Code (consolidated)", "provision": "art. 2", "url": ""}

    assert changes([PENAL_CODE, BRAZIL], [amended, renamed]) == [
        ("changed", {"provision": ("art. 321", "art. 322"), "url": (BRAZIL["url"], "https://example.org/cp-2024")}),
        ("changed", {"title": ("Penal Code", "Penal Code (consolidated)")}),
    ]


def test_a_citation_that_only_moved_is_unchanged():
    assert changes([PENAL_CODE, BRAZIL], [BRAZIL, PENAL_CODE]) == [("unchanged", {}), ("unchanged", {})]


def test_the_history_of_a_citation_answer_shows_which_citation_changed_and_how(client, world):
    item = question(world, "7")
    save_answer(world.review, item, value=[PENAL_CODE, BRAZIL], base_revision=0, user=world.expert)
    amended = dict(BRAZIL, provision="art. 322")
    save_answer(world.review, item, value=[amended, LAW], base_revision=1, user=world.focal_point)
    client.force_login(world.focal_point)

    body = client.get(history_url(world, item)).content.decode()

    assert "[{" not in body
    assert "{&#x27;title" not in body
    latest = body.split("Revision 2 by", 1)[1].split("Revision 1 by", 1)[0]
    assert "Citation removed" in latest
    assert "<del>Penal Code</del>" in latest
    assert "Citation changed" in latest
    assert "<del>art. 321</del> <ins>art. 322</ins>" in latest
    assert "Citation added" in latest
    assert "<ins>Law 2016-1691</ins>" in latest
    assert '<dd dir="ltr">https://example.org/cp</dd>' in latest  # unchanged address, left to right in any page


def test_restoring_saves_the_old_value_as_a_new_revision(client, world):
    item = question(world, "7")
    save_answer(world.review, item, value=[PENAL_CODE], base_revision=0, user=world.expert)
    save_answer(world.review, item, value=[BRAZIL], base_revision=1, user=world.expert)
    client.force_login(world.focal_point)

    response = client.post(restore_url(world, item, 1), {"base": "2"}, follow=True)

    answer = Answer.objects.get(review=world.review, question=item)
    assert response.redirect_chain[-1][0] == history_url(world, item)
    assert (answer.revision, answer.value, answer.updated_by) == (3, [PENAL_CODE], world.focal_point)
    assert list(answer.revisions.values_list("number", flat=True)) == [3, 2, 1]
    assert "Revision 1 is restored: it is now revision 3." in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.ANSWER_SAVED, data__revision=3).count() == 1


def test_the_history_offers_to_restore_each_earlier_version_to_those_who_may_edit(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)
    client.force_login(world.contributor)

    body = client.get(history_url(world, item)).content.decode()

    assert f'action="{restore_url(world, item, 1)}"' in body
    assert f'action="{restore_url(world, item, 2)}"' not in body  # the current version
    assert 'name="base" value="2"' in body


def test_restoring_after_someone_else_saved_is_a_conflict_that_changes_nothing(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)
    save_answer(world.review, item, value="Third", base_revision=2, user=world.contributor)
    client.force_login(world.focal_point)

    response = client.post(restore_url(world, item, 1), {"base": "2"}, follow=True)

    answer = Answer.objects.get(review=world.review, question=item)
    assert (answer.revision, answer.value) == (3, "Third")
    assert "Someone saved the answer since you opened its history" in response.content.decode()


@pytest.mark.parametrize("base", ["", "two", "-1"])
def test_restoring_without_the_version_seen_changes_nothing(client, world, base):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)
    client.force_login(world.focal_point)

    response = client.post(restore_url(world, item, 1), {"base": base}, follow=True)

    assert Answer.objects.get(review=world.review, question=item).revision == 2
    assert "The page was out of date" in response.content.decode()


def test_restoring_a_cleared_answer_sends_it_back_to_drafted_as_any_edit_does(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)
    clear_answers(world.review, [item], user=world.focal_point)
    client.force_login(world.expert)

    body = client.post(restore_url(world, item, 1), {"base": "2"}, follow=True).content.decode()

    answer = Answer.objects.get(review=world.review, question=item)
    assert (answer.value, answer.status) == ("First", AnswerStatus.DRAFTED)
    assert "for the focal point to clear again" in body


def test_once_submitted_no_version_is_restored_and_none_is_offered(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)
    world.review.step = Step.FEEDBACK
    world.review.save(update_fields=["step"])
    client.force_login(world.focal_point)

    assert "Restore this version" not in client.get(history_url(world, item)).content.decode()
    assert client.post(restore_url(world, item, 1), {"base": "2"}).status_code == 403
    assert Answer.objects.get(review=world.review, question=item).value == "Second"


ALLOWED = ["focal_point", "expert", "contributor", "secretariat"]
NOT_READING = ["reviewing_expert", "reviewing_focal_point", "observer", "stranger", "other_contributor", "nobody"]


@pytest.mark.parametrize("name", ALLOWED + NOT_READING + ["stakeholder"])
def test_only_those_who_may_edit_the_answer_restore_it(client, world, name):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)
    client.force_login(getattr(world, name))

    response = client.post(restore_url(world, item, 1), {"base": "2"})

    value = Answer.objects.get(review=world.review, question=item).value
    if name in ALLOWED:
        assert (response.status_code, value) == (302, "First")
    else:
        assert (response.status_code, value) == (404, "Second")


def test_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_restored(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)

    response = client.post(restore_url(world, item, 1), {"base": "2"})

    assert response.status_code == 302
    assert "/accounts/" in response["Location"]
    assert AnswerRevision.objects.filter(answer__question=item).count() == 2


def test_restoring_is_a_post_with_its_csrf_token(world):
    item = question(world, "2")
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    save_answer(world.review, item, value="Second", base_revision=1, user=world.expert)
    plain, guarded = VerifiedClient(), VerifiedClient(enforce_csrf_checks=True)
    plain.force_login(world.focal_point)
    guarded.force_login(world.focal_point)

    assert plain.get(restore_url(world, item, 1)).status_code == 405
    assert guarded.post(restore_url(world, item, 1), {"base": "2"}).status_code == 403
    assert Answer.objects.get(review=world.review, question=item).value == "Second"


def test_a_revision_of_another_review_or_an_unknown_revision_answers_404(client, world):
    item = question(world, "2")
    save_answer(world.other_review, item, value="Egypt's", base_revision=0, user=world.stranger)
    save_answer(world.review, item, value="First", base_revision=0, user=world.expert)
    client.force_login(world.focal_point)

    assert client.post(restore_url(world, item, 2), {"base": "1"}).status_code == 404
