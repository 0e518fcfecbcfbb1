"""Stakeholders register themselves, verify their address, and the secretariat approves or refuses them."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from revmod.accounts.enums import AccountStatus, GlobalRole
from revmod.accounts.middleware import needs_two_factor
from revmod.accounts.services import activation_url
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from stakeholders.models import DialogueApplication, StakeholderProfile
from tests.clients import without_csrf_tokens
from tests.factories import state
from tests.factories.accounts import PASSWORD
from tests.factories.stakeholders import dialogue, stakeholder
from tests.stakeholders.conftest import EVERYONE, sign_in

pytestmark = pytest.mark.django_db

User = get_user_model()


def form(**changes) -> dict:
    return {
        "full_name": "Amina Diallo",
        "email": "Amina@Justice-Ngo.test",
        "password": "a long and unusual passphrase 42",
        "preferred_language": "fr",
        "organisation": "Justice Sans Frontières",
        "kind": "ngo",
        "country": state("SEN").pk,
        "area_of_work": "Protection des victimes de la traite",
    } | changes


def registered(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stakeholders:register"), form(**changes))
    return response


def test_registering_makes_an_unverified_stakeholder_of_no_state_and_mails_a_link_in_their_language(
    client, db, django_capture_on_commit_callbacks
):
    response = registered(client, django_capture_on_commit_callbacks)

    person = User.objects.get(email="amina@justice-ngo.test")
    profile = StakeholderProfile.objects.get(user=person)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert (person.global_role, person.status, person.is_active, person.state) == (
        GlobalRole.STAKEHOLDER,
        AccountStatus.UNVERIFIED,
        False,
        None,
    )
    assert (profile.organisation, profile.kind, profile.country.iso3) == ("Justice Sans Frontières", "ngo", "SEN")
    assert [message.to for message in mail.outbox] == [["amina@justice-ngo.test"]]
    assert "/fr/stakeholders/verify/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action=AuditAction.STAKEHOLDER_REGISTERED, target_id=str(person.pk)).count() == 1


def test_registering_with_an_address_that_has_an_account_answers_the_same_and_changes_nothing(
    client, world, django_capture_on_commit_callbacks
):
    fresh = registered(client, django_capture_on_commit_callbacks, email="new@ngo.test")
    mail.outbox.clear()
    before = User.objects.count()

    taken = registered(client, django_capture_on_commit_callbacks, email=world.focal_point.email.upper())

    world.focal_point.refresh_from_db()
    assert taken.status_code == fresh.status_code == 200
    assert without_csrf_tokens(taken.content.decode()).replace(world.focal_point.email, "X") == (
        without_csrf_tokens(fresh.content.decode()).replace("new@ngo.test", "X")
    )
    assert User.objects.count() == before
    assert world.focal_point.global_role == GlobalRole.NONE
    assert not StakeholderProfile.objects.filter(user=world.focal_point).exists()
    assert [message.to for message in mail.outbox] == [[world.focal_point.email]]
    assert "already has an account" in mail.outbox[0].body


def test_registering_again_before_verifying_sends_a_new_link_and_keeps_the_first_profile(
    client, db, django_capture_on_commit_callbacks
):
    registered(client, django_capture_on_commit_callbacks)
    registered(client, django_capture_on_commit_callbacks, organisation="Someone Else Entirely")

    person = User.objects.get(email="amina@justice-ngo.test")
    assert person.stakeholder_profile.organisation == "Justice Sans Frontières"
    assert len(mail.outbox) == 2
    assert all("/stakeholders/verify/" in message.body for message in mail.outbox)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not an address"}, "email"),
        ({"password": "short"}, "password"),
        ({"kind": "government"}, "kind"),
        ({"country": "999999"}, "country"),
        ({"organisation": ""}, "organisation"),
        ({"preferred_language": "xx"}, "preferred_language"),
    ],
)
def test_registering_with_bad_input_says_what_is_wrong_and_creates_nothing(client, db, changes, field):
    response = client.post(reverse("stakeholders:register"), form(**changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.filter(global_role=GlobalRole.STAKEHOLDER).count() == 0
    assert mail.outbox == []


def test_registering_is_paused_for_an_address_after_the_hourly_limit(client, db, settings):
    settings.STAKEHOLDER_REGISTRATIONS_PER_HOUR = 2
    answers = [
        client.post(reverse("stakeholders:register"), form(email=f"p{index}@ngo.test")).status_code
        for index in range(3)
    ]
    other_address = client.post(
        reverse("stakeholders:register"), form(email="other@ngo.test"), REMOTE_ADDR="192.0.2.9"
    ).status_code

    assert answers == [200, 200, 429]
    assert other_address == 200
    assert set(User.objects.filter(global_role=GlobalRole.STAKEHOLDER).values_list("email", flat=True)) == {
        "p0@ngo.test",
        "p1@ngo.test",
        "other@ngo.test",
    }


def test_a_signed_in_person_is_sent_to_the_dashboard(client, world):
    client.force_login(world.focal_point)

    response = client.get(reverse("stakeholders:register"))

    assert (response.status_code, response["Location"]) == (302, reverse("core:dashboard"))


def verification_path(message) -> str:
    return re.search(r"/fr/stakeholders/verify/\S+/", message.body).group(0)


def test_the_link_asks_for_a_click_then_verifies_once(client, db, django_capture_on_commit_callbacks):
    registered(client, django_capture_on_commit_callbacks)
    path = verification_path(mail.outbox[0])
    person = User.objects.get(email="amina@justice-ngo.test")

    opened = client.get(path)
    person.refresh_from_db()
    status_after_opening = person.status
    confirmed = client.post(path)
    person.refresh_from_db()
    again = client.post(path)

    assert opened.status_code == 200
    assert status_after_opening == AccountStatus.UNVERIFIED
    assert confirmed.status_code == 200
    assert person.status == AccountStatus.PENDING_APPROVAL
    assert person.is_active is False
    assert again.status_code == 400


@pytest.mark.parametrize("path", ["/en/stakeholders/verify/MQ/bad-token/", "/en/stakeholders/verify/zzzz/1-2/"])
def test_a_bad_link_verifies_nothing(client, db, path, django_capture_on_commit_callbacks):
    registered(client, django_capture_on_commit_callbacks)

    response = client.post(path)

    assert response.status_code == 400
    assert User.objects.get(email="amina@justice-ngo.test").status == AccountStatus.UNVERIFIED


def test_a_link_for_an_invited_person_is_not_a_stakeholder_verification(client, world):
    invited = User.objects.create_user("invited@example.org", None, full_name="Invited", status=AccountStatus.INVITED)
    path = (
        activation_url(invited)
        .replace("http://127.0.0.1:8000", "")
        .replace("/accounts/activate/", "/stakeholders/verify/")
    )

    assert client.post(path).status_code == 400


def test_signing_in_waits_for_the_secretariats_approval(db):
    waiting = stakeholder(waiting=True, email="waiting@ngo.test")

    response = Client().post(reverse("accounts:login"), {"username": waiting.email, "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


# --- Approval ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_secretariat_sees_who_awaits_approval(client, people, who):
    sign_in(client, people, who)

    response = client.get(reverse("stakeholders:approvals"))

    if who == "secretariat":
        assert response.status_code == 200
        assert [person.pk for person in response.context["waiting"]] == [people.waiting_stakeholder.pk]
    elif who in ("anonymous", "waiting_stakeholder"):
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_secretariat_approves(client, people, who):
    sign_in(client, people, who)

    response = client.post(
        reverse("stakeholders:decide_stakeholder", args=[people.waiting_stakeholder.pk]), {"decision": "approve"}
    )

    people.waiting_stakeholder.refresh_from_db()
    assert response.status_code == (302 if who in ("secretariat", "anonymous", "waiting_stakeholder") else 404)
    expected = AccountStatus.ACTIVE if who == "secretariat" else AccountStatus.PENDING_APPROVAL
    assert people.waiting_stakeholder.status == expected


def test_approval_lets_the_stakeholder_sign_in_with_the_normal_sign_in_and_tells_them(
    client, people, django_capture_on_commit_callbacks
):
    waiting = people.waiting_stakeholder
    waiting.preferred_language = "es"
    waiting.save(update_fields=["preferred_language"])
    client.force_login(people.secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("stakeholders:decide_stakeholder", args=[waiting.pk]), {"decision": "approve"})
    waiting.refresh_from_db()
    signing_in = Client().post(reverse("accounts:login"), {"username": waiting.email, "password": PASSWORD})

    assert (waiting.status, waiting.is_active) == (AccountStatus.ACTIVE, True)
    assert waiting.stakeholder_profile.approved_by == people.secretariat
    assert waiting.stakeholder_profile.approved_at is not None
    assert [message.to for message in mail.outbox] == [[waiting.email]]
    assert "/es/accounts/sign-in/" in mail.outbox[0].body
    assert signing_in.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.ACCOUNT_APPROVED, target_id=str(waiting.pk)).count() == 1


def test_refusal_suspends_the_registration_and_tells_the_stakeholder(
    client, people, django_capture_on_commit_callbacks
):
    waiting = people.waiting_stakeholder
    client.force_login(people.secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("stakeholders:decide_stakeholder", args=[waiting.pk]), {"decision": "refuse"})
    waiting.refresh_from_db()

    assert (waiting.status, waiting.is_active) == (AccountStatus.SUSPENDED, False)
    assert waiting.stakeholder_profile.refused_at is not None
    assert [message.to for message in mail.outbox] == [[waiting.email]]
    assert AuditEntry.objects.filter(action=AuditAction.STAKEHOLDER_REFUSED, target_id=str(waiting.pk)).count() == 1


def test_an_unknown_decision_changes_nothing(client, people):
    client.force_login(people.secretariat)

    client.post(reverse("stakeholders:decide_stakeholder", args=[people.waiting_stakeholder.pk]), {"decision": "x"})

    people.waiting_stakeholder.refresh_from_db()
    assert people.waiting_stakeholder.status == AccountStatus.PENDING_APPROVAL


def test_an_approved_stakeholder_cannot_be_decided_again(client, people):
    client.force_login(people.secretariat)

    response = client.post(
        reverse("stakeholders:decide_stakeholder", args=[people.stakeholder.pk]), {"decision": "refuse"}
    )

    people.stakeholder.refresh_from_db()
    assert response.status_code == 404
    assert people.stakeholder.status == AccountStatus.ACTIVE


def test_the_people_page_of_the_accounts_leaves_the_stakeholders_to_their_own_page(client, people):
    client.force_login(people.secretariat)

    response = client.get(reverse("accounts:people"))

    assert people.waiting_stakeholder not in list(response.context["people"])


@pytest.mark.parametrize("size", [1, 5])
def test_the_approvals_page_costs_the_same_queries_for_one_or_many(client, people, size, django_assert_num_queries):
    for index in range(size - 1):
        stakeholder(waiting=True, email=f"w{index}@ngo.test")
    client.force_login(people.secretariat)

    with django_assert_num_queries(8):
        response = client.get(reverse("stakeholders:approvals"))

    assert len(response.context["waiting"]) == size


def test_stakeholders_are_not_held_to_two_factor_sign_in(people, settings):
    settings.OTP_REQUIRED_FOR_ALL = False

    assert needs_two_factor(people.stakeholder) is False
    settings.OTP_REQUIRED_FOR_ALL = True
    assert needs_two_factor(people.stakeholder) is True


def test_the_secretariats_dashboard_counts_the_stakeholders_awaiting_approval(client, people):
    client.force_login(people.secretariat)

    page = client.get(reverse("core:dashboard")).content.decode()

    assert "1 stakeholder awaits approval" in page
    assert reverse("stakeholders:approvals") in page


def test_a_stakeholders_dashboard_shows_their_dialogues_and_applications(client, people):
    made = dialogue(by=people.secretariat, title="Open dialogue on firearms")
    DialogueApplication.objects.create(dialogue=made, stakeholder=people.stakeholder, motivation="m")
    client.force_login(people.stakeholder)

    page = client.get(reverse("core:dashboard")).content.decode()

    assert "Open dialogue on firearms" in page
    assert "Awaiting a decision" in page
