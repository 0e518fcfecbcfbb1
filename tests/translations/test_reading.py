"""Reading a review in a translation: the choice, the pages that show it, and who may choose."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from reviews import text_overlays
from reviews.models import Feedback
from reviews.services import ensure_outputs, get_or_create_thread, post_comment, save_answer
from tests.translations.test_views import PEOPLE, outcome, sign_in_as
from translations.enums import TranslationScope
from translations.models import ReadingChoice, Translation
from translations.reading import TranslationOverlays
from translations.services import mark_done, request_translation, save_translation
from translations.units import source_text, text_hash

pytestmark = pytest.mark.django_db

PT_TEXT = "O código penal aplica-se."


def finish(translation_row: Translation, text: str) -> Translation:
    """The translator writes the text and marks it done, as the editor does."""
    translation_row = Translation.objects.select_related("request", "answer").get(pk=translation_row.pk)
    digest = text_hash(source_text(translation_row))
    user = translation_row.request.translator
    saved = save_translation(
        translation_row, text=text, base_version=translation_row.version, seen_hash=digest, user=user
    )
    return mark_done(saved, base_version=saved.version, seen_hash=digest, user=user)


def text_unit(desk) -> Translation:
    return Translation.objects.get(answer__question=desk.text_question, language="pt")


def read_url(desk) -> str:
    world = desk.world
    return reverse("reviews:questionnaire", kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk})


def choose(client, desk, language: str):
    url = reverse("reviews:choose_reading", kwargs={"pk": desk.world.review.pk})
    return client.post(url, {"language": language, "next": read_url(desk)})


# Who may see the review may choose how to read it; the others, translators included, get 404.
CHOOSES = {
    "secretariat": 302,
    "focal_point": 302,
    "expert": 302,
    "reviewing_expert": 302,
    "reviewing_focal_point": 302,
    "observer": 302,
    "contributor": 302,
    "anonymous": "login",
}


@pytest.mark.parametrize("who", PEOPLE)
def test_choosing_the_reading_language_is_for_who_sees_the_review(client, desk, who):
    finish(text_unit(desk), PT_TEXT)
    sign_in_as(client, desk, who)

    response = choose(client, desk, "pt")

    assert outcome(response) == CHOOSES.get(who, 404)
    chosen = ReadingChoice.objects.filter(review=desk.world.review).values_list("language", flat=True)
    assert list(chosen) == (["pt"] if CHOOSES.get(who) == 302 else [])


@pytest.mark.parametrize("who", ["translator", "colleague", "elsewhere", "stranger", "stakeholder", "anonymous"])
def test_the_pages_read_in_translation_stay_closed_to_who_may_not_see_the_review(client, desk, who):
    finish(text_unit(desk), PT_TEXT)
    ReadingChoice.objects.create(user=desk.world.expert, review=desk.world.review, language="pt")
    sign_in_as(client, desk, who)
    world = desk.world

    for url in (
        read_url(desk),
        reverse("reviews:detail", kwargs={"pk": world.review.pk}),
        reverse("reviews:outputs", kwargs={"pk": world.review.pk}),
    ):
        response = client.get(url)
        assert outcome(response) == ("login" if who == "anonymous" else 404)
        assert PT_TEXT not in response.content.decode()


def test_the_read_page_shows_the_chosen_translation_and_says_what_is_not_translated(client, desk):
    finish(text_unit(desk), PT_TEXT)
    client.force_login(desk.world.expert)
    assert choose(client, desk, "pt").status_code == 302

    body = client.get(read_url(desk)).content.decode()

    assert f'<div class="read-text" lang="pt" dir="ltr"><p>{PT_TEXT}</p></div>' in body
    assert "Translation into Português" in body
    original = text_overlays.language_label(desk.world.review.working_language)
    assert f"Not translated into Português yet — original in {original}" in body  # the citation's title
    assert "Penal Code" in body
    assert "The penal code applies." not in body


def test_the_original_is_the_default_and_can_be_chosen_again(client, desk):
    finish(text_unit(desk), PT_TEXT)
    client.force_login(desk.world.expert)

    assert PT_TEXT not in client.get(read_url(desk)).content.decode()
    choose(client, desk, "pt")
    assert PT_TEXT in client.get(read_url(desk)).content.decode()
    choose(client, desk, "")
    body = client.get(read_url(desk)).content.decode()

    assert PT_TEXT not in body
    assert "The penal code applies." in body


def test_a_language_the_review_has_no_translation_in_is_refused(client, desk):
    finish(text_unit(desk), PT_TEXT)
    client.force_login(desk.world.expert)

    choose(client, desk, "ru")

    assert not ReadingChoice.objects.exists()
    assert "The penal code applies." in client.get(read_url(desk)).content.decode()


def test_a_draft_is_not_offered_to_readers(client, desk):
    unit = text_unit(desk)
    digest = text_hash(source_text(unit))
    save_translation(unit, text=PT_TEXT, base_version=0, seen_hash=digest, user=desk.translator)
    client.force_login(desk.world.expert)

    choose(client, desk, "pt")

    assert not ReadingChoice.objects.exists()
    assert PT_TEXT not in client.get(read_url(desk)).content.decode()


def test_a_translation_done_after_the_page_was_cached_shows_at_once(client, desk):
    finish(text_unit(desk), PT_TEXT)
    law = Translation.objects.get(answer__question=desk.law_question, language="pt")
    client.force_login(desk.world.expert)
    choose(client, desk, "pt")
    client.get(read_url(desk))

    finish(law, "Código Penal")
    body = client.get(read_url(desk)).content.decode()

    assert "Código Penal" in body
    assert "Not translated into Português yet" not in body


def test_an_outdated_translation_says_so_and_links_the_original_at_once(
    client, desk, django_capture_on_commit_callbacks
):
    finish(text_unit(desk), PT_TEXT)
    world = desk.world
    client.force_login(world.expert)
    choose(client, desk, "pt")
    client.get(read_url(desk))

    with django_capture_on_commit_callbacks(execute=True):
        save_answer(
            world.review, desk.text_question, value="The penal code applies widely.", base_revision=1, user=world.expert
        )
    body = client.get(read_url(desk)).content.decode()

    assert PT_TEXT in body
    assert "outdated: the original changed since" in body
    assert "The penal code applies widely." in body  # in the disclosure of the original
    assert '<details class="reading-original">' in body


def test_the_outputs_show_the_feedback_in_the_chosen_translation(client, desk):

    world = desk.world
    ensure_outputs(world.review)
    feedback = Feedback.objects.filter(review=world.review).first()
    feedback.text = "Good answers."
    feedback.save(update_fields=["text"])
    [request] = request_translation(
        world.review, scope=TranslationScope.FEEDBACK, feedback=feedback, languages=["pt"], by=world.secretariat
    )
    request.translator = desk.translator
    request.save(update_fields=["translator"])
    finish(request.translations.get(), "Boas respostas.")
    client.force_login(world.secretariat)
    choose(client, desk, "pt")

    body = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).content.decode()

    assert '<div class="read-text" lang="pt" dir="ltr"><p>Boas respostas.</p></div>' in body


@pytest.mark.parametrize("translated", [1, 2])
def test_the_page_read_in_translation_runs_the_same_queries_whatever_is_translated(
    client, desk, django_assert_num_queries, translated
):
    finish(text_unit(desk), PT_TEXT)
    if translated == 2:
        finish(Translation.objects.get(answer__question=desk.law_question, language="pt"), "Código Penal")
    client.force_login(desk.world.expert)
    choose(client, desk, "pt")
    client.get(read_url(desk))
    cache.clear()

    # The original's page and three more: the languages offered, the reader's choice, the translations.
    with django_assert_num_queries(16):
        client.get(read_url(desk))
    with django_assert_num_queries(12):
        body = client.get(read_url(desk)).content.decode()

    assert body.count('lang="pt" dir="ltr"') == translated


def test_without_a_provider_every_page_reads_the_original(client, desk):
    finish(text_unit(desk), PT_TEXT)
    ReadingChoice.objects.create(user=desk.world.expert, review=desk.world.review, language="pt")
    client.force_login(desk.world.expert)
    text_overlays.unregister_provider()
    try:
        body = client.get(read_url(desk)).content.decode()
        refused = choose(client, desk, "pt")
    finally:
        text_overlays.register_provider(TranslationOverlays())

    assert PT_TEXT not in body
    assert "The penal code applies." in body
    assert refused.status_code == 302


def test_a_comment_is_marked_with_the_language_it_was_written_in(client, desk):
    world = desk.world
    thread = get_or_create_thread(world.review, question=desk.text_question, visibility="all")
    with translation.override("ar"):
        comment = post_comment(thread, author=world.expert, body="تعليق")
    client.force_login(world.expert)

    body = client.get(
        reverse("reviews:question_discussion", kwargs={"pk": world.review.pk, "question_pk": desk.text_question.pk})
    ).content.decode()

    assert comment.language == "ar"
    assert '<div class="comment__body" lang="ar" dir="rtl">' in body
    assert 'class="comment__language" lang="ar"' in body
