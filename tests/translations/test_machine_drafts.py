"""Machine drafts in the translation editor, against a small server that speaks LibreTranslate's HTTP API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.libretranslate import LibreTranslate, running_service
from tests.translations.conftest import observations_request
from tests.translations.test_views import JSON, PEOPLE, outcome, posted, sign_in_as, unit
from translations import services
from translations.enums import TranslationScope, TranslationStatus
from translations.models import Translation, TranslationRevision
from translations.services import request_translation

pytestmark = pytest.mark.django_db

MARKER = "Machine draft — check and confirm"


@pytest.fixture
def provider(settings):
    with running_service() as address:
        settings.MACHINE_TRANSLATION_URL = address
        settings.MACHINE_TRANSLATION_API_KEY = "secret-key"
        settings.MACHINE_TRANSLATION_TIMEOUT = 5
        yield address


def drafts_url(request) -> str:
    return reverse("translations:machine_drafts", args=[request.pk])


def draft_url(translation) -> str:
    return reverse("translations:machine_draft", args=[translation.pk])


def test_with_a_provider_the_editor_offers_drafts_of_the_empty_texts(client, desk, provider):
    client.force_login(desk.translator)

    page = client.get(reverse("translations:editor", args=[desk.section_one.pk])).content.decode()

    assert drafts_url(desk.section_one) in page
    assert draft_url(unit(desk.section_one)) in page
    assert "1 text has no translation yet." in page


def test_without_a_provider_there_is_no_button_and_the_posts_answer_404(client, desk, settings):
    settings.MACHINE_TRANSLATION_URL = ""
    translation = unit(desk.section_one)
    client.force_login(desk.translator)

    page = client.get(reverse("translations:editor", args=[desk.section_one.pk])).content.decode()
    posts = [client.post(drafts_url(desk.section_one)), client.post(draft_url(translation), posted(translation, ""))]

    assert "machine-draft" not in page
    assert "Machine draft" not in page
    assert [post.status_code for post in posts] == [404, 404]
    assert Translation.objects.get(pk=translation.pk).text == ""


def test_a_provider_that_does_not_reach_the_target_language_offers_nothing(client, desk, world, provider):
    [request] = request_translation(
        world.review,
        scope=TranslationScope.SECTION,
        section=desk.section_one.section,
        languages=["ru"],
        by=world.secretariat,
    )
    client.force_login(world.secretariat)

    page = client.get(reverse("translations:editor", args=[request.pk])).content.decode()
    response = client.post(drafts_url(request))

    assert drafts_url(request) not in page
    assert response.status_code == 404
    assert LibreTranslate.requests == []


def test_drafting_the_empty_texts_fills_them_marked_as_machine_drafts(client, desk, provider):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)

    response = client.post(drafts_url(desk.section_one), follow=True)

    drafted = Translation.objects.get(pk=translation.pk)
    assert (drafted.text, drafted.machine_draft, drafted.status) == (
        "[pt] The penal code applies.",
        True,
        TranslationStatus.IN_PROGRESS,
    )
    assert (drafted.version, drafted.translator) == (1, desk.translator)
    revision = TranslationRevision.objects.get(translation=drafted)
    assert (revision.number, revision.text, revision.author, revision.machine_draft) == (
        1,
        "[pt] The penal code applies.",
        desk.translator,
        True,
    )
    page = response.content.decode()
    assert "1 machine draft written: check it and confirm it." in page
    assert f"data-machine-marker>{MARKER}" in page
    assert LibreTranslate.requests[0]["source"] == "en"
    assert LibreTranslate.requests[0]["target"] == "pt"


def test_a_machine_draft_never_replaces_a_text_a_person_wrote(client, desk, world, provider):
    request = observations_request(world, desk, 3)
    _first, second, _third = request.translations.order_by("order")
    client.force_login(desk.translator)
    client.post(reverse("translations:save", args=[second.pk]), posted(second, "Observação escrita"))

    client.post(drafts_url(request))

    texts = list(request.translations.order_by("order").values_list("text", "machine_draft"))
    assert texts == [("[pt] Observation 0", True), ("Observação escrita", False), ("[pt] Observation 2", True)]
    assert LibreTranslate.requests[0]["q"] == ["Observation 0", "Observation 2"]
    # One unit alone, already written: nothing is asked, nothing changes.
    response = client.post(draft_url(second), posted(Translation.objects.get(pk=second.pk), ""), **JSON)
    assert response.status_code == 409
    assert len(LibreTranslate.requests) == 1


def test_one_unit_is_drafted_for_the_script_in_json(client, desk, provider):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)

    response = client.post(draft_url(translation), posted(translation, ""), **JSON)

    assert response.status_code == 200
    assert response.json() == {
        "status": "drafted",
        "text": "[pt] The penal code applies.",
        "version": 1,
        "message": "Machine draft written: check it and confirm it.",
        "translation_status": "in_progress",
        "translation_status_label": "In progress",
    }


def test_without_the_script_one_unit_is_drafted_and_the_editor_comes_back(client, desk, provider):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)

    response = client.post(draft_url(translation), posted(translation, ""))

    assert response.status_code == 302
    assert response.url.endswith(f"#unit-{translation.pk}")
    assert Translation.objects.get(pk=translation.pk).machine_draft is True


def test_the_marker_stays_until_the_translator_saves_or_marks_done(client, desk, world, provider):
    request = observations_request(world, desk, 2)
    first, second = request.translations.order_by("order")
    client.force_login(desk.translator)
    client.post(drafts_url(request))
    first.refresh_from_db()
    second.refresh_from_db()

    client.post(reverse("translations:save", args=[first.pk]), posted(first, first.text + " (revista)"), **JSON)
    client.post(reverse("translations:save", args=[second.pk]), posted(second, second.text, done="1"), **JSON)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.machine_draft, first.status) == (False, TranslationStatus.IN_PROGRESS)
    assert (second.machine_draft, second.status) == (False, TranslationStatus.DONE)
    page = client.get(reverse("translations:editor", args=[request.pk])).content.decode()
    assert "data-machine-marker>" not in page
    history = client.get(reverse("translations:history", args=[first.pk])).content.decode()
    assert history.count(f"data-machine-marker>{MARKER}") == 1  # the machine's version, not the translator's


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ((429, b'{"error": "Too many requests"}'), "The translation service is busy; try again in a minute."),
        ((403, b'{"error": "Invalid API key"}'), "refused the platform&#x27;s key"),
        ((200, b'{"translatedText": []}'), "answered something it should not have"),
    ],
)
def test_a_provider_error_is_said_plainly_and_changes_nothing(client, desk, provider, answer, message):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)
    LibreTranslate.answer = answer

    response = client.post(drafts_url(desk.section_one), follow=True)

    assert message in response.content.decode()
    assert Translation.objects.get(pk=translation.pk).text == ""
    assert not TranslationRevision.objects.filter(translation=translation).exists()


def test_a_provider_error_speaks_the_translators_language_in_json(client, desk, provider):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)
    LibreTranslate.answer = (429, b"{}")

    response = client.post(f"/fr/translations/units/{translation.pk}/machine-draft", posted(translation, ""), **JSON)

    assert response.status_code == 502
    assert "service de traduction" in response.json()["message"]
    assert Translation.objects.get(pk=translation.pk).text == ""


def test_an_unreachable_provider_shows_no_button(client, desk, settings):
    settings.MACHINE_TRANSLATION_URL = "http://127.0.0.1:9"
    settings.MACHINE_TRANSLATION_TIMEOUT = 2
    client.force_login(desk.translator)

    page = client.get(reverse("translations:editor", args=[desk.section_one.pk])).content.decode()

    assert "Machine draft" not in page


def test_a_whole_questionnaire_is_drafted_a_batch_per_press(client, desk, world, provider, monkeypatch):
    monkeypatch.setattr(services, "MACHINE_BATCH", 2)
    request = observations_request(world, desk, 3)
    client.force_login(desk.translator)

    first = client.post(drafts_url(request), follow=True).content.decode()
    second = client.post(drafts_url(request), follow=True).content.decode()

    assert "2 machine drafts written" in first
    assert "1 more empty text: ask for machine drafts again." in first
    assert "1 machine draft written" in second
    assert not request.translations.filter(text="").exists()


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_requests_translator_and_the_secretariat_ask_for_drafts(client, desk, provider, who):
    translation = unit(desk.section_one)
    sign_in_as(client, desk, who)

    whole = client.post(drafts_url(desk.section_one))
    one = client.post(draft_url(translation), posted(translation, ""), **JSON)

    expected = "login" if who == "anonymous" else 404
    if who in ("translator", "secretariat"):
        assert (outcome(whole), outcome(one)) == (302, 409)  # the whole drafted it, so the one finds it filled
        assert Translation.objects.get(pk=translation.pk).machine_draft is True
    else:
        assert (outcome(whole), outcome(one)) == (expected, expected)
        assert Translation.objects.get(pk=translation.pk).text == ""
        assert LibreTranslate.requests == []


@pytest.mark.parametrize("size", [1, 5])
def test_drafting_costs_the_same_queries_for_one_or_five_units(  # noqa: PLR0917 - fixtures
    client, desk, world, provider, size, django_assert_num_queries
):
    request = observations_request(world, desk, size)
    client.force_login(desk.translator)
    client.get(reverse("translations:editor", args=[request.pk]))  # the provider's languages are now cached

    with django_assert_num_queries(11):
        client.post(drafts_url(request))

    assert request.translations.filter(machine_draft=True).count() == size
