from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reviews.enums import Step
from reviews.services import move_review, remove_participant, save_answer
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.audit.services import record
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_sign_in_failure_and_sign_out_are_recorded_with_the_address(client):
    user = UserFactory(email="ana@example.org")

    client.post(
        "/en/accounts/sign-in/", {"username": "ana@example.org", "password": "wrong"}, REMOTE_ADDR="203.0.113.5"
    )
    client.post(
        "/en/accounts/sign-in/", {"username": "ana@example.org", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    client.post("/en/accounts/sign-out/")

    assert actions() == [AuditAction.SIGN_IN_FAILED, AuditAction.SIGNED_IN, AuditAction.SIGNED_OUT]
    failed = AuditEntry.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert (failed.actor, failed.actor_email, failed.ip_address) == (None, "ana@example.org", "203.0.113.5")
    assert "wrong" not in str(failed.data)
    assert AuditEntry.objects.get(action=AuditAction.SIGNED_IN).actor == user


def test_password_change_is_recorded(client, person):
    client.force_login(person)

    client.post(
        "/en/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new passphrase",
            "new_password2": "a brand new passphrase",
        },
    )

    assert AuditAction.PASSWORD_CHANGED in actions()


def test_review_changes_are_recorded_with_the_review(world):
    question = world.questionnaire.questions.get(number="2")

    save_answer(world.review, question, value="Text", base_revision=0, user=world.expert)
    remove_participant(world.review.participants.get(user=world.observer), by=world.secretariat)
    move_review(world.review, to_step=Step.FEEDBACK, user=world.secretariat)

    entries = AuditEntry.objects.filter(review_id=world.review.pk).order_by("pk")
    assert [entry.action for entry in entries][-3:] == [
        AuditAction.ANSWER_SAVED,
        AuditAction.PARTICIPANT_REMOVED,
        AuditAction.STEP_CHANGED,
    ]
    answer_entry = entries.get(action=AuditAction.ANSWER_SAVED)
    assert (answer_entry.actor, answer_entry.data) == (world.expert, {"question": "2", "revision": 1})


def test_entries_cannot_be_changed_or_deleted():
    entry = record(AuditAction.LOTS_DRAWN, data={"seed": 1})

    entry.data = {"seed": 2}
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).data == {"seed": 1}


@pytest.mark.parametrize(("who", "status"), [("secretariat", 200), ("person", 404), ("anonymous", 302)])
def test_only_the_secretariat_reads_the_trail(client, secretariat, person, who, status):
    if who != "anonymous":
        client.force_login(secretariat if who == "secretariat" else person)

    assert client.get(reverse("accounts:audit_trail")).status_code == status


def test_trail_filters_by_review_and_person(client, world):
    save_answer(
        world.review, world.questionnaire.questions.get(number="2"), value="A", base_revision=0, user=world.expert
    )
    save_answer(
        world.other_review,
        world.questionnaire.questions.get(number="2"),
        value="B",
        base_revision=0,
        user=world.stranger,
    )
    client.force_login(world.secretariat)

    by_review = client.get(
        reverse("accounts:audit_trail"), {"review": world.review.pk, "action": "answer_saved"}
    ).content.decode()
    by_person = client.get(reverse("accounts:audit_trail"), {"person": world.stranger.email}).content.decode()
    injected = client.get(reverse("accounts:audit_trail"), {"person": "' OR '1'='1"})

    assert by_review.count("<td>Answer saved</td>") == 1
    assert world.stranger.email in by_person
    assert world.expert.email not in by_person
    assert "No entry matches these filters." in injected.content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_trail_query_count_does_not_grow(client, secretariat, django_assert_num_queries, count):
    for index in range(count):
        record(AuditAction.LOTS_DRAWN, actor=secretariat, data={"seed": index})
    client.force_login(secretariat)

    with django_assert_num_queries(9):
        response = client.get(reverse("accounts:audit_trail"))

    assert response.content.decode().count("<td>Lots drawn</td>") == count


def test_changing_a_persons_rights_in_the_admin_is_recorded(client, secretariat):
    person = UserFactory(email="promoted@example.org", state=None)
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save()
    client.force_login(secretariat)
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "preferred_language": "en",
        "state": "",
        "global_role": "trainer",
        "status": "active",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }

    response = client.post(f"/en/admin/accounts/user/{person.pk}/change/", data)

    entry = AuditEntry.objects.get(action=AuditAction.PERMISSIONS_CHANGED)
    assert response["Location"] == "/en/admin/accounts/user/"
    assert (entry.actor, entry.target_repr, entry.data["global_role"]) == (secretariat, str(person), "trainer")
