"""The translation pages: who may see them, the status pages, the side-by-side editor, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Question, Questionnaire, ReviewCycle, Section
from reviews.services import publish_questionnaire
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import sign_in_as as login
from tests.factories.reviews import published_questionnaire
from tests.questionnaires.conftest import PEOPLE, draft_questionnaire

pytestmark = pytest.mark.django_db


def urls(questionnaire) -> dict[str, str]:
    pk = questionnaire.pk
    section = questionnaire.sections.order_by("order").first()
    return {
        "status": reverse("questionnaires:translation_status", kwargs={"pk": pk}),
        "todo": reverse("questionnaires:translation_todo", kwargs={"pk": pk, "language": "ar"}),
        "edit": reverse("questionnaires:translation_edit", kwargs={"pk": pk, "language": "fr"}),
        "section": reverse(
            "questionnaires:translation_edit_section", kwargs={"pk": pk, "language": "fr", "section_pk": section.pk}
        ),
        "download": reverse("questionnaires:translation_download", kwargs={"pk": pk}),
        "upload": reverse("questionnaires:translation_upload", kwargs={"pk": pk}),
        "preview": reverse("questionnaires:translation_preview", kwargs={"pk": pk}),
    }


def french_titles(questionnaire) -> tuple:
    questionnaire = Questionnaire.objects.get(pk=questionnaire.pk)
    return questionnaire.title_fr, list(questionnaire.sections.values_list("title_fr", flat=True))


@pytest.mark.parametrize("page", ["status", "todo", "edit", "section", "download", "upload"])
def test_permission_table_of_the_translation_pages(client, world, page):
    statuses = []
    for person in PEOPLE:
        login(client, world, person)
        statuses.append(client.get(urls(world.questionnaire)[page]).status_code)

    assert dict(zip(PEOPLE, statuses, strict=True)) == {
        "secretariat": 200,
        "trainer": 404,
        "focal_point": 404,
        "expert": 404,
        "anonymous": 302,
    }


def test_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(urls(world.questionnaire)["status"])

    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", ["edit", "section"])
def test_only_the_secretariat_saves_translations(client, world, page):
    before = french_titles(world.questionnaire)
    data = {"questionnaire:title": "Piraté", "section:1:title": "Piraté"}
    statuses = []
    for person in PEOPLE[1:]:
        login(client, world, person)
        statuses.append(client.post(urls(world.questionnaire)[page], data).status_code)

    assert statuses == [404, 404, 404, 302]
    assert french_titles(world.questionnaire) == before
    assert not AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_TRANSLATED).exists()


def test_status_page_counts_missing_and_outdated_per_language(client, world):
    client.force_login(world.secretariat)

    response = client.get(urls(world.questionnaire)["status"])

    rows = {row["code"]: (row["missing"], row["outdated"]) for row in response.context["coverage"]}
    assert list(rows) == ["ar", "zh-hans", "fr", "ru", "es", "pt"]
    # The questionnaire, 2 sections, 8 questions, 2 follow-ups, 2 choice questions of 3 choices: 19 objects.
    assert rows["zh-hans"] == (19, 0)
    assert rows["ar"] == (18, 0)  # the title is in Arabic
    assert rows["fr"] == (11, 0)  # the 8 main questions are in French


def test_todo_page_lists_each_text_with_its_english_source(client, world):
    client.force_login(world.secretariat)

    response = client.get(urls(world.questionnaire)["todo"].replace("/ar/", "/fr/"))

    descriptions = [row["text"].description for row in response.context["rows"]]
    assert descriptions[:3] == ["Questionnaire · title", "Section 1 · title", "Question 1.1 · text"]
    assert "Please cite the applicable legislation." in response.content.decode()


@pytest.mark.parametrize("language", ["en", "xx", "zh"])
def test_pages_of_an_unknown_or_source_language_are_404(client, world, language):
    client.force_login(world.secretariat)

    response = client.get(reverse("questionnaires:translation_edit", args=[world.questionnaire.pk, language]))

    assert response.status_code == 404


def test_section_of_another_questionnaire_is_404(client, world, small_draft):
    client.force_login(world.secretariat)
    other = small_draft.sections.get()

    response = client.get(
        reverse("questionnaires:translation_edit_section", args=[world.questionnaire.pk, "fr", other.pk])
    )

    assert response.status_code == 404


def test_arabic_editor_writes_right_to_left_beside_the_english_source(client, world):
    client.force_login(world.secretariat)
    url = urls(world.questionnaire)["section"].replace("/fr/sections/", "/ar/sections/")

    page = client.get(url).content.decode()

    assert 'name="question:1:text"' in page
    assert 'dir="rtl" lang="ar"' in page or 'lang="ar" dir="rtl"' in page
    assert '<div class="qt-text" lang="en" dir="ltr">Question 1 (Yes or no)</div>' in page
    assert 'name="question:1:text_en"' not in page
    assert 'name="question:1:help_text"' not in page  # no English guidance: nothing to translate


def test_editor_saves_a_published_questionnaires_translation_stamps_and_audits(client, world):
    client.force_login(world.secretariat)
    url = urls(world.questionnaire)["section"]
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["section:1:title"] = "Première partie"
    data["question:1.1:text"] = "Ligne 1\r\nLigne 2"

    response = client.post(url, data)

    assert response.status_code == 302
    section = Section.objects.get(questionnaire=world.questionnaire, order=1)
    question = Question.objects.get(questionnaire=world.questionnaire, number="1.1")
    assert (section.title_fr, question.text_fr) == ("Première partie", "Ligne 1\nLigne 2")
    assert list(section.translations_updated) == ["fr"]
    entry = AuditEntry.objects.get(action=AuditAction.QUESTIONNAIRE_TRANSLATED)
    assert entry.data == {"via": "editor", "languages": ["fr"], "texts": 2}
    assert section.title_en == "Section 1"


def test_editor_resubmitting_unchanged_texts_changes_nothing(client, world):
    client.force_login(world.secretariat)
    url = urls(world.questionnaire)["section"]
    form = client.get(url).context["form"]
    data = {name: (form[name].value() or "").replace("\n", "\r\n") for name in form.fields}

    client.post(url, data)

    assert not AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_TRANSLATED).exists()
    assert list(Question.objects.exclude(translations_updated={}).values_list("number", flat=True)) == []


def test_editor_refuses_a_text_too_long_and_changes_nothing(client, world):
    client.force_login(world.secretariat)
    before = french_titles(world.questionnaire)

    response = client.post(
        urls(world.questionnaire)["edit"], {"questionnaire:title": "x" * 301, "questionnaire:introduction": "Intro"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["questionnaire:title"] == [
        "Ensure this value has at most 300 characters (it has 301)."
    ]
    assert french_titles(world.questionnaire) == before
    assert Questionnaire.objects.get(pk=world.questionnaire.pk).introduction_fr in ("", None)


def test_editor_of_a_retired_questionnaire_is_read_only(client, world):
    publish_questionnaire(draft_questionnaire())  # retires the world's questionnaire
    client.force_login(world.secretariat)
    before = french_titles(world.questionnaire)

    page = client.get(urls(world.questionnaire)["edit"])
    client.post(urls(world.questionnaire)["edit"], {"questionnaire:title": "Retiré"})

    assert page.context["editable"] is False
    assert french_titles(world.questionnaire) == before


@pytest.mark.parametrize("questions", [10, 300])
def test_section_editor_query_count_is_constant_in_questionnaire_size(
    client, secretariat, django_assert_num_queries, questions
):
    questionnaire = published_questionnaire(questions=questions, sections=1)
    client.force_login(secretariat)
    url = reverse(
        "questionnaires:translation_edit_section", args=[questionnaire.pk, "ar", questionnaire.sections.get().pk]
    )
    client.get(url)

    with django_assert_num_queries(9):
        response = client.get(url)

    assert len(response.context["form"].fields) > questions  # the title, each question, the choices


@pytest.mark.parametrize("questions", [10, 300])
@pytest.mark.parametrize("page", ["status", "todo", "edit", "download"])
def test_pages_over_the_whole_questionnaire_have_constant_query_counts(
    client, secretariat, django_assert_num_queries, questions, page
):
    questionnaire = published_questionnaire(questions=questions, sections=3)
    client.force_login(secretariat)
    url = urls(questionnaire)[page]
    client.get(url)
    expected = {"status": 9, "todo": 8, "edit": 8, "download": 7}[page]

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert response.status_code == 200


def test_cycle_form_sets_the_required_languages_in_settings_order(client, world):
    client.force_login(world.secretariat)
    the_cycle = world.review.cycle
    data = {
        "title": the_cycle.title,
        "cluster": str(the_cycle.cluster_id),
        "first_year": str(the_cycle.first_year),
        "group_count": str(the_cycle.group_count),
        "instruments": [str(pk) for pk in the_cycle.instruments.values_list("pk", flat=True)]
        or [str(world.questionnaire.instrument_id)],
        "required_languages": ["fr", "ar"],
    }

    response = client.post(reverse("reviews:cycle_edit", args=[the_cycle.pk]), data)

    assert response.status_code == 302
    assert ReviewCycle.objects.get(pk=the_cycle.pk).required_languages == ["ar", "fr"]
    detail = client.get(reverse("reviews:cycle", args=[the_cycle.pk])).content.decode()
    assert "Arabic, French" in detail


def test_cycle_form_refuses_english_as_a_required_language(client, world):
    client.force_login(world.secretariat)
    the_cycle = world.review.cycle
    data = {
        "title": the_cycle.title,
        "cluster": str(the_cycle.cluster_id),
        "first_year": str(the_cycle.first_year),
        "group_count": str(the_cycle.group_count),
        "instruments": [str(world.questionnaire.instrument_id)],
        "required_languages": ["en"],
    }

    response = client.post(reverse("reviews:cycle_edit", args=[the_cycle.pk]), data)

    assert response.status_code == 200
    assert "required_languages" in response.context["form"].errors
    assert ReviewCycle.objects.get(pk=the_cycle.pk).required_languages == []
