"""The secretariat's page of categories of technical assistance: only the secretariat, bad input changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Answer, AssistanceCategory, AssistanceNeed
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.factories.reviews import cycle, participant, published_questionnaire, review

pytestmark = pytest.mark.django_db

LIST = reverse("reviews:assistance_categories")
NAMES = {"en": "Victim support", "fr": "Aide aux victimes", "ar": "دعم الضحايا", "zh_hans": "被害人支助"}


def codes() -> list[str]:
    return list(AssistanceCategory.objects.order_by("position", "pk").values_list("code", flat=True))


def action(category: AssistanceCategory, do: str) -> tuple[str, dict]:
    return reverse("reviews:assistance_category_action", kwargs={"pk": category.pk}), {"do": do}


def in_use(code: str) -> AssistanceNeed:
    questionnaire = published_questionnaire(questions=2, sections=1)
    question = questionnaire.questions.get(number="2")
    question.asks_assistance_needs = True
    question.save()
    country_review = review(of="KEN", questionnaire=questionnaire, in_cycle=cycle())
    participant(country_review, iso3="KEN")
    answer = Answer.objects.create(review=country_review, question=question)
    return AssistanceNeed.objects.create(answer=answer, category=AssistanceCategory.objects.get(code=code))


def test_the_secretariat_sees_every_category_in_order_with_its_use(client, world):
    in_use("training")
    client.force_login(world.secretariat)

    response = client.get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Legislative drafting") < page.index("Training") < page.index("Other")
    assert page.count('value="delete"') == 6  # not for Training, which a need uses


def test_the_list_is_linked_from_the_overview(client, world):
    client.force_login(world.secretariat)

    assert LIST in client.get(reverse("reviews:overview")).content.decode()


@pytest.mark.parametrize(
    "person", ["focal_point", "expert", "observer", "reviewing_expert", "stranger", "contributor", "stakeholder"]
)
def test_everyone_else_gets_404_and_changes_nothing(client, world, person):
    client.force_login(getattr(world, person))
    training = AssistanceCategory.objects.get(code="training")

    pages = [
        client.get(LIST),
        client.post(LIST, NAMES),
        client.get(reverse("reviews:assistance_category", kwargs={"pk": training.pk})),
        client.post(reverse("reviews:assistance_category", kwargs={"pk": training.pk}), {"en": "Renamed"}),
        client.post(*action(training, "delete")),
        client.post(*action(training, "deactivate")),
    ]

    assert [page.status_code for page in pages] == [404] * 6
    training.refresh_from_db()
    assert (training.name_en, training.is_active, len(codes())) == ("Training", True, 7)


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    assert client.get(LIST).status_code == 302
    assert client.post(LIST, NAMES).status_code == 302
    assert len(codes()) == 7


def test_the_secretariat_adds_a_category_named_in_several_languages(client, world):
    client.force_login(world.secretariat)

    response = client.post(LIST, NAMES)

    assert response.status_code == 302
    added = AssistanceCategory.objects.get(code="victim-support")
    assert (added.name_fr, added.name_ar, added.name_zh_hans, added.name_ru) == (
        "Aide aux victimes",
        "دعم الضحايا",
        "被害人支助",
        None,
    )
    assert codes()[-1] == "victim-support"
    assert AuditEntry.objects.filter(action=AuditAction.ASSISTANCE_CATEGORIES_CHANGED).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fr": "Sans anglais"}, "This field is required."),
        ({"en": "Training"}, "A category with this English name exists already."),
        ({"en": "x" * 201}, "Ensure this value has at most 200 characters"),
    ],
)
def test_a_wrong_new_category_says_why_and_adds_nothing(client, world, data, message):
    client.force_login(world.secretariat)

    response = client.post(LIST, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert len(codes()) == 7


def test_the_secretariat_renames_a_category_in_each_language(client, world):
    training = AssistanceCategory.objects.get(code="training")
    client.force_login(world.secretariat)
    url = reverse("reviews:assistance_category", kwargs={"pk": training.pk})
    assert 'value="Formation"' in client.get(url).content.decode()

    response = client.post(url, {"en": "Training and mentoring", "fr": "Formation et tutorat"})

    assert response.status_code == 302
    training.refresh_from_db()
    assert (training.code, training.name_en, training.name_fr, training.name_es) == (
        "training",
        "Training and mentoring",
        "Formation et tutorat",
        None,
    )


def test_a_rename_without_english_is_refused_and_changes_nothing(client, world):
    training = AssistanceCategory.objects.get(code="training")
    client.force_login(world.secretariat)

    response = client.post(reverse("reviews:assistance_category", kwargs={"pk": training.pk}), {"fr": "Formation 2"})

    assert response.status_code == 400
    training.refresh_from_db()
    assert (training.name_en, training.name_fr) == ("Training", "Formation")


def test_an_unknown_category_is_404(client, world):
    client.force_login(world.secretariat)

    assert client.get(reverse("reviews:assistance_category", kwargs={"pk": 99999})).status_code == 404


def test_the_secretariat_moves_categories_up_and_down(client, world):
    client.force_login(world.secretariat)
    training = AssistanceCategory.objects.get(code="training")

    client.post(*action(training, "up"))
    assert codes()[:3] == ["legislative-drafting", "training", "institution-building"]
    client.post(*action(training, "down"))
    client.post(*action(training, "down"))
    assert codes()[2:4] == ["equipment", "training"]
    client.post(*action(AssistanceCategory.objects.get(code="other"), "down"))  # the last stays last
    assert codes()[-1] == "other"


def test_a_category_in_use_is_deactivated_not_deleted(client, world):
    need = in_use("training")
    client.force_login(world.secretariat)
    training = AssistanceCategory.objects.get(code="training")

    refused = client.post(*action(training, "delete"), follow=True)
    client.post(*action(training, "deactivate"))

    assert "This category is in use: deactivate it instead" in refused.content.decode()
    training.refresh_from_db()
    need.refresh_from_db()
    assert (training.is_active, need.category_id) == (False, training.pk)
    client.post(*action(training, "activate"))
    training.refresh_from_db()
    assert training.is_active


def test_an_unused_category_is_deleted(client, world):
    client.force_login(world.secretariat)

    client.post(*action(AssistanceCategory.objects.get(code="equipment"), "delete"))

    assert "equipment" not in codes()


def test_an_unknown_action_says_so_and_changes_nothing(client, world):
    client.force_login(world.secretariat)

    response = client.post(*action(AssistanceCategory.objects.get(code="other"), "explode"), follow=True)

    assert "Choose what to do with the category." in response.content.decode()
    assert len(codes()) == 7


@pytest.mark.parametrize("extra", [0, 5])
def test_the_list_runs_the_same_queries_at_7_and_12_categories(client, world, django_assert_num_queries, extra):
    for number in range(extra):
        AssistanceCategory.objects.create(code=f"extra-{number}", name=f"Extra {number}", position=10 + number)
    client.force_login(world.secretariat)

    # The session, the user and their roles, the categories with their use, the audit of the request.
    with django_assert_num_queries(8):
        response = client.get(LIST)

    assert response.content.decode().count("<tr>") == 7 + extra + 1
