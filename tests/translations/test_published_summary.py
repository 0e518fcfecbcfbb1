"""The published summary in every language it was translated into, listed on the public page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info

from reviews.models import Summary
from reviews.services import ensure_outputs
from tests.factories import UserFactory
from translations.enums import TranslationScope
from translations.models import Translation
from translations.services import grant_translator, mark_done, request_translation, save_translation
from translations.units import text_hash

pytestmark = pytest.mark.django_db

ORIGINAL = "France has criminalized participation in an organized criminal group."
PORTUGUESE = "A França criminalizou a participação num grupo criminoso organizado."
ARABIC = "جرّمت فرنسا المشاركة في جماعة إجرامية منظمة."


def summary_of(review, *, published: bool = True) -> Summary:
    ensure_outputs(review)
    summary = Summary.objects.get(review=review)
    summary.text = ORIGINAL
    summary.published_at = timezone.now() if published else None
    summary.save(update_fields=["text", "published_at"])
    return summary


def translate(world, review, language: str, text: str, *, done: bool = True) -> Translation:
    translator = UserFactory(state=None, email=f"summary.{language}.{review.pk}@un.test")
    grant_translator(review, email=translator.email, language=language, by=world.secretariat)
    [request] = request_translation(review, scope=TranslationScope.SUMMARY, languages=[language], by=world.secretariat)
    unit = Translation.objects.get(request=request)
    unit = save_translation(unit, text=text, base_version=unit.version, seen_hash=unit.source_hash, user=translator)
    if done:
        unit = mark_done(unit, base_version=unit.version, seen_hash=unit.source_hash, user=translator)
    return unit


def test_the_public_page_lists_each_language_a_summary_reads_in(client, world):
    summary_of(world.review)
    translate(world, world.review, "pt", PORTUGUESE)
    translate(world, world.review, "ar", ARABIC)

    page = client.get(reverse("reviews:published")).content.decode()

    assert reverse("reviews:published_summary_in", kwargs={"pk": world.review.pk, "language": "pt"}) in page
    assert reverse("reviews:published_summary_in", kwargs={"pk": world.review.pk, "language": "ar"}) in page
    assert 'hreflang="pt"' in page
    assert get_language_info("pt")["name_local"] in page
    assert get_language_info("ar")["name_local"] in page


def test_a_translated_summary_reads_in_its_language_with_direction(client, world):
    summary_of(world.review)
    translate(world, world.review, "ar", ARABIC)

    arabic = client.get(reverse("reviews:published_summary_in", kwargs={"pk": world.review.pk, "language": "ar"}))
    original = client.get(reverse("reviews:published_summary", kwargs={"pk": world.review.pk}))

    assert arabic.status_code == 200
    body = arabic.content.decode()
    assert ARABIC in body
    assert ORIGINAL not in body
    assert '<div lang="ar" dir="rtl">' in body
    assert ORIGINAL in original.content.decode()
    assert f'<div lang="{world.review.working_language}" dir="ltr">' in original.content.decode()


@pytest.mark.parametrize("case", ["not done", "outdated", "no translation", "unknown language", "unpublished"])
def test_only_confirmed_translations_of_published_summaries_are_public(client, world, case):
    summary = summary_of(world.review, published=case != "unpublished")
    unit = translate(world, world.review, "pt", PORTUGUESE, done=case != "not done")
    if case == "outdated":
        Translation.objects.filter(pk=unit.pk).update(source_hash=text_hash("an earlier text"))
    if case == "no translation":
        Translation.objects.filter(pk=unit.pk).delete()
    language = "xx" if case == "unknown language" else "pt"

    response = client.get(
        reverse("reviews:published_summary_in", kwargs={"pk": summary.review_id, "language": language})
    )
    listing = client.get(reverse("reviews:published")).content.decode()

    assert response.status_code == 404
    if case != "unknown language":  # there, the Portuguese translation is done and listed
        assert 'hreflang="pt"' not in listing


def test_another_reviews_translation_is_not_shown_under_this_summary(client, world):
    summary_of(world.review)
    summary_of(world.other_review)
    translate(world, world.other_review, "pt", "Texto do Egito")

    response = client.get(reverse("reviews:published_summary_in", kwargs={"pk": world.review.pk, "language": "pt"}))

    assert response.status_code == 404


@pytest.mark.parametrize("extra", [0, 3])
def test_the_public_page_costs_the_same_whatever_the_number_of_translated_summaries(
    client, world, django_assert_num_queries, extra
):
    from tests.factories.reviews import review  # noqa: PLC0415 - only this test makes more reviews

    reviews = [world.review, *(review(of=iso3, in_cycle=world.review.cycle) for iso3 in ["DEU", "ITA", "ESP"][:extra])]
    for each in reviews:
        summary_of(each)
        translate(world, each, "pt", PORTUGUESE)

    with django_assert_num_queries(3):
        page = client.get(reverse("reviews:published")).content.decode()

    assert page.count('hreflang="pt"') == len(reviews)
