"""The focal point brings in national contributors; contributors never reach the dialogue or the outputs."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from reviews import permissions
from reviews.enums import ParticipantRole, ThreadVisibility
from reviews.models import Participant
from reviews.services import add_participant, get_or_create_thread, post_comment
from revmod.accounts.enums import AccountStatus
from tests.factories import UserFactory, state

pytestmark = pytest.mark.django_db


def page(world) -> str:
    return reverse("coordination:contributors", kwargs={"pk": world.review.pk})


def test_focal_point_invites_a_new_person_who_takes_part_once_approved(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page(world), {"email": "justice@fra.example", "full_name": "Jeanne Justice", "preferred_language": "fr"}
        )

    assert response.status_code == 302
    participant = Participant.objects.get(review=world.review, user__email="justice@fra.example")
    assert (participant.role, participant.side, participant.user.state.iso3) == ("contributor", "reviewed", "FRA")
    assert participant.user.status == AccountStatus.INVITED
    assert not permissions.can_view(participant.user, world.review)  # access starts with approval
    assert [message.to for message in mail.outbox] == [["justice@fra.example"]]


def test_a_person_of_another_state_is_refused_without_saying_which(client, world):
    UserFactory(state=state("BRA"), email="someone@bra.example")
    client.force_login(world.focal_point)

    response = client.post(page(world), {"email": "someone@bra.example", "full_name": "X", "preferred_language": "en"})

    assert response.status_code == 400
    assert "This person cannot be a national contributor of France." in response.content.decode()
    assert not Participant.objects.filter(review=world.review, user__email="someone@bra.example").exists()


def test_an_expert_already_named_is_not_turned_into_a_contributor(client, world):
    client.force_login(world.focal_point)

    response = client.post(page(world), {"email": world.expert.email, "full_name": "X", "preferred_language": "en"})

    assert response.status_code == 400
    assert Participant.objects.get(review=world.review, user=world.expert, is_active=True).role == "expert"


def test_bad_input_is_refused_in_the_users_language_and_kept(client, world):
    client.force_login(world.focal_point)

    response = client.post(
        "/fr" + page(world)[3:], {"email": "not-an-address", "full_name": "Jeanne", "preferred_language": "fr"}
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Saisissez une adresse e-mail valide." in body
    assert 'value="Jeanne"' in body


@pytest.mark.parametrize(
    "who",
    ["expert", "contributor", "observer", "reviewing_expert", "reviewing_focal_point", "other_contributor", "stranger",
     "nobody", "secretariat"],
)  # fmt: skip
def test_only_the_reviewed_focal_point_manages_contributors(client, world, who):
    client.force_login(getattr(world, who))
    participant = Participant.objects.get(review=world.review, user=world.contributor)

    listing = client.get(page(world))
    removal = client.post(
        reverse("coordination:remove_contributor", kwargs={"pk": world.review.pk, "participant_pk": participant.pk})
    )

    assert (listing.status_code, removal.status_code) == (404, 404)
    participant.refresh_from_db()
    assert participant.is_active


def test_anonymous_visitor_is_sent_to_sign_in(client, world):
    assert client.get(page(world))["Location"].startswith("/en/accounts/sign-in/")


def test_focal_point_lets_a_contributor_go_and_access_ends(client, world):
    participant = Participant.objects.get(review=world.review, user=world.contributor)
    client.force_login(world.focal_point)

    listing = client.get(page(world)).content.decode()
    client.post(
        reverse("coordination:remove_contributor", kwargs={"pk": world.review.pk, "participant_pk": participant.pk})
    )

    assert world.contributor.email in listing
    participant.refresh_from_db()
    assert not participant.is_active
    assert not permissions.can_view(world.contributor, world.review)


def test_contributors_page_query_count_is_the_same_for_1_and_5(client, world, django_assert_num_queries):
    client.force_login(world.focal_point)
    client.get(page(world))
    with django_assert_num_queries(7):
        client.get(page(world))
    for index in range(4):
        user = UserFactory(state=state("FRA"), email=f"c{index}@fra.example")
        add_participant(world.review, user=user, role=ParticipantRole.CONTRIBUTOR, by=world.focal_point)
    with django_assert_num_queries(7):
        body = client.get(page(world)).content.decode()
    assert body.count("fra.example") == 4


def test_a_contributor_reads_the_questionnaire_and_state_threads_but_not_the_dialogue(client, world):
    dialogue = get_or_create_thread(world.review, question=None, visibility=ThreadVisibility.ALL)
    post_comment(dialogue, author=world.reviewing_expert, body="What the reviewing side asks")
    internal = get_or_create_thread(world.review, question=None, visibility=ThreadVisibility.STATE)
    post_comment(internal, author=world.focal_point, body="Between us, the ministry")
    client.force_login(world.contributor)

    review_page = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()
    discussion = client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk})).content.decode()
    outputs = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk}))
    api_outputs = client.get(f"/api/v1/reviews/{world.review.pk}/outputs/")
    mentions = client.get(reverse("reviews:mention_candidates", kwargs={"pk": world.review.pk}), {"q": "e"}).json()

    assert "Between us, the ministry" in discussion
    assert "What the reviewing side asks" not in discussion
    assert (outputs.status_code, api_outputs.status_code) == (404, 404)
    assert "Outputs of the review" not in review_page
    assert world.reviewing_expert.full_name not in review_page
    assert {item["state"] for item in mentions["results"]} <= {"France"}


def test_the_reviewing_side_never_reads_state_internal_threads(client, world):
    internal = get_or_create_thread(world.review, question=None, visibility=ThreadVisibility.STATE)
    post_comment(internal, author=world.contributor, body="Draft talk inside France")

    for who in ("reviewing_expert", "reviewing_focal_point", "observer", "stranger"):
        client.force_login(getattr(world, who))
        response = client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk}))
        assert response.status_code in (200, 404)
        assert "Draft talk inside France" not in response.content.decode()
    client.force_login(world.expert)
    assert (
        "Draft talk inside France"
        in client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk})).content.decode()
    )


def test_live_delivery_follows_the_same_rules_for_state_internal_threads(world):
    def audiences(user) -> set[tuple[str, bool]]:
        return set(permissions.readable_audiences(user, world.review))

    assert audiences(world.contributor) == {("state", False), ("state", True)}
    assert ("state", True) in audiences(world.focal_point)
    assert ("all", True) in audiences(world.focal_point)
    assert all(visibility != "state" for visibility, _on in audiences(world.reviewing_expert))
    assert all(visibility != "state" for visibility, _on in audiences(world.observer))
    assert audiences(world.other_contributor) == set()
    assert audiences(world.stranger) == set()
