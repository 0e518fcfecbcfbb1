from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from reviews.enums import ParticipantRole, Step
from reviews.models import CountryReview, Draw
from reviews.services import add_participant, get_or_create_thread, post_comment, save_answer
from tests.clients import without_csrf_tokens
from tests.factories import UserFactory, state
from tests.factories.reviews import cycle, review

pytestmark = pytest.mark.django_db


def section_url(world, section: int = 1) -> str:
    return reverse(
        "reviews:answer_section",
        kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk, "section": section},
    )


def question(world, number: str):
    return world.questionnaire.questions.get(number=number)


def reviews_for(user, count: int) -> None:
    the_cycle = cycle(title=f"Cycle for {count}")
    partners = ["DEU", "ITA", "ESP", "NLD", "BEL", "AUT"]
    for index in range(count):
        country_review = review(of=partners[index], same_region="FRA", other_region="BRA", in_cycle=the_cycle)
        add_participant(country_review, user=user, role=ParticipantRole.EXPERT)


@pytest.mark.parametrize("count", [1, 5])
def test_my_reviews_runs_the_same_queries_for_1_and_5_reviews(client, django_assert_num_queries, count):
    expert = UserFactory(state=state("FRA"))
    reviews_for(expert, count)
    client.force_login(expert)

    with django_assert_num_queries(8):
        response = client.get(reverse("reviews:list"))

    assert response.status_code == 200
    assert response.content.decode().count('href="/en/reviews/') == count + 1


@pytest.mark.parametrize("count", [1, 5])
def test_overview_runs_the_same_queries_for_1_and_5_reviews(client, secretariat, django_assert_num_queries, count):
    reviews_for(UserFactory(state=state("FRA")), count)
    client.force_login(secretariat)

    with django_assert_num_queries(15):
        response = client.get(reverse("reviews:overview"))

    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row"><a href="/en/reviews/') == count


def test_my_reviews_says_what_is_waiting_on_the_person(client, world):
    client.force_login(world.focal_point)

    body = client.get(reverse("reviews:list")).content.decode()

    assert "Answer and submit the questionnaire" in body


def test_overview_lists_late_reviews_first_and_filters(client, world):
    CountryReview.objects.filter(pk=world.other_review.pk).update(due_at=timezone.now() - timezone.timedelta(days=3))
    client.force_login(world.secretariat)

    everything = client.get(reverse("reviews:overview")).content.decode()
    africa = client.get(reverse("reviews:overview"), {"regional_group": "african"}).content.decode()
    injected = client.get(reverse("reviews:overview"), {"q": "' OR 1=1 --"})

    assert everything.index("Egypt") < everything.index("France")
    assert "Egypt" in africa
    assert "France" not in africa
    assert injected.status_code == 200
    assert "No review matches these filters." in injected.content.decode()


def test_section_page_shows_the_questions_with_a_save_address_each(client, world):
    client.force_login(world.expert)

    body = client.get(section_url(world)).content.decode()

    item = question(world, "1")
    assert f'data-save-url="/en/reviews/{world.review.pk}/answers/{item.pk}/"' in body
    assert f'name="q{item.pk}-rev" value="0"' in body


def test_autosave_saves_and_returns_the_new_revision(client, world):
    item = question(world, "2")
    client.force_login(world.expert)

    response = client.post(
        reverse("reviews:save_answer", kwargs={"pk": world.review.pk, "question_pk": item.pk}),
        {f"q{item.pk}": "Our law covers it.", f"q{item.pk}-rev": "0"},
    )

    assert response.status_code == 200
    assert response.json() == {
        "status": "saved",
        "revision": 1,
        "message": "Saved",
        "answer_status": "drafted",
        "answer_status_label": "Drafted",
    }


def test_autosave_conflict_returns_both_versions_information(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="The focal point's version", base_revision=0, user=world.focal_point)
    client.force_login(world.expert)

    response = client.post(
        reverse("reviews:save_answer", kwargs={"pk": world.review.pk, "question_pk": item.pk}),
        {f"q{item.pk}": "The expert's version", f"q{item.pk}-rev": "0"},
    )

    assert response.status_code == 409
    body = response.json()
    assert (body["status"], body["revision"], body["theirs"]) == ("conflict", 1, "The focal point's version")
    assert body["by"] == world.focal_point.full_name


def test_autosave_with_a_bad_value_explains_the_problem(client, world):
    item = question(world, "5")
    client.force_login(world.expert)

    response = client.post(
        reverse("reviews:save_answer", kwargs={"pk": world.review.pk, "question_pk": item.pk}),
        {f"q{item.pk}": "many", f"q{item.pk}-rev": "0"},
    )

    assert response.status_code == 400
    assert response.json() == {"status": "error", "message": "Enter a number."}


def test_section_form_conflict_keeps_what_was_typed_and_shows_the_other_version(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="Saved meanwhile by the focal point", base_revision=0, user=world.focal_point)
    client.force_login(world.expert)

    response = client.post(section_url(world), {f"q{item.pk}": "Typed by the expert", f"q{item.pk}-rev": "0"})

    body = response.content.decode()
    assert response.status_code == 409
    assert "Typed by the expert</textarea>" in body
    assert "Saved meanwhile by the focal point" in body
    assert f'name="q{item.pk}-rev" value="1"' in body

    merged = client.post(section_url(world), {f"q{item.pk}": "Merged text", f"q{item.pk}-rev": "1"})
    assert merged.status_code == 302
    assert item.answers.get(review=world.review).value == "Merged text"


def test_section_form_saves_every_kind_of_answer(client, world):
    items = {number: question(world, number) for number in ["1", "2", "3", "4", "5", "6", "7"]}
    data = {f"q{q.pk}-rev": "0" for q in items.values()}
    data |= {
        f"q{items['1'].pk}": "yes",
        f"q{items['2'].pk}": "Text",
        f"q{items['3'].pk}": "partly",
        f"q{items['4'].pk}": ["fully", "not"],
        f"q{items['5'].pk}": "3,5",
        f"q{items['6'].pk}": "2025-01-31",
        f"q{items['7'].pk}-title": ["Penal Code", ""],
        f"q{items['7'].pk}-provision": ["art. 2", ""],
        f"q{items['7'].pk}-url": ["", ""],
    }
    client.force_login(world.expert)

    first = client.post(section_url(world, 1), data)
    second = client.post(section_url(world, 2), data)

    assert (first.status_code, second.status_code) == (302, 302)
    saved = {number: item.answers.get(review=world.review).value for number, item in items.items()}
    assert saved == {
        "1": "yes",
        "2": "Text",
        "3": "partly",
        "4": ["fully", "not"],
        "5": 3.5,
        "6": "2025-01-31",
        "7": [{"title": "Penal Code", "provision": "art. 2", "url": ""}],
    }


def test_history_shows_a_readable_diff_between_revisions(client, world):
    item = question(world, "2")
    save_answer(world.review, item, value="The law punishes participation", base_revision=0, user=world.expert)
    save_answer(
        world.review, item, value="The new law punishes participation severely", base_revision=1, user=world.focal_point
    )
    client.force_login(world.focal_point)

    body = client.get(
        reverse("reviews:answer_history", kwargs={"pk": world.review.pk, "question_pk": item.pk})
    ).content.decode()

    assert "<ins>new</ins>" in body
    assert "<ins>severely</ins>" in body
    assert "Revision 2 by" in body


def test_submit_page_lists_what_is_missing(client, world):
    client.force_login(world.focal_point)

    response = client.post(reverse("reviews:submit", kwargs={"pk": world.review.pk}))

    body = response.content.decode()
    assert response.status_code == 400
    assert "The questionnaire cannot be submitted yet" in body
    first = question(world, "1")
    assert f'href="/en/reviews/{world.review.pk}/questionnaires/{world.questionnaire.pk}/#question-{first.pk}"' in body


def test_question_without_translation_says_it_fell_back_to_english(client, world):
    client.force_login(world.expert)

    french = client.get("/fr" + section_url(world)[3:]).content.decode()
    russian = client.get("/ru" + section_url(world)[3:]).content.decode()

    # Section 1 holds questions 1 to 4 and the follow-up 1.1; only 1 to 4 have a French text.
    assert "Question 1 " in french
    assert french.count('class="fallback-note"') == 1
    assert russian.count('class="fallback-note"') == 5


def test_secretariat_adds_and_removes_participants(client, world):
    newcomer = UserFactory(state=state("BRA"), email="new.bra@test.org")
    client.force_login(world.secretariat)
    url = reverse("reviews:participants", kwargs={"pk": world.review.pk})

    added = client.post(url, {"email": "New.Bra@test.org", "role": "expert"})
    unknown = client.post(url, {"email": "nobody@test.org", "role": "expert"})
    participant = world.review.participants.get(user=newcomer)
    removed = client.post(
        reverse("reviews:remove_participant", kwargs={"pk": world.review.pk, "participant_pk": participant.pk})
    )

    assert added.status_code == 302
    assert "No account has this e-mail address" in unknown.content.decode()
    assert removed.status_code == 302
    participant.refresh_from_db()
    assert participant.is_active is False


def test_secretariat_moves_a_review_from_its_page(client, world):
    client.force_login(world.secretariat)

    client.post(reverse("reviews:move", kwargs={"pk": world.review.pk}), {"to_step": "feedback", "note": "Ready"})
    refused = client.post(
        reverse("reviews:move", kwargs={"pk": world.review.pk}), {"to_step": "finalized"}, follow=True
    )

    world.review.refresh_from_db()
    assert world.review.step == Step.FEEDBACK
    assert "cannot go from" in refused.content.decode()


def test_secretariat_draws_lots_from_the_page(client, secretariat):
    the_cycle = cycle(title="Cycle drawn from the page")
    client.force_login(secretariat)

    response = client.post(reverse("reviews:draw"), {"cycle": the_cycle.pk, "seed": "123"})

    assert response.status_code == 302
    assert Draw.objects.get(cycle=the_cycle).seed == 123
    result = client.get(response["Location"]).content.decode()
    assert "<code>123</code>" in result


def test_questionnaire_page_links_each_question_to_its_discussion_and_history(client, world):
    question = world.questionnaire.questions.get(number="2")
    save_answer(world.review, question, value="Text", base_revision=0, user=world.expert)
    thread = get_or_create_thread(world.review, question=question, visibility="all")
    post_comment(thread, author=world.expert, body="A note")
    client.force_login(world.focal_point)

    body = client.get(
        reverse("reviews:questionnaire", kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk})
    ).content.decode()

    assert (
        f'href="/en/reviews/{world.review.pk}/questions/{question.pk}/discussion/">Discussion (1 comment)</a>' in body
    )
    assert f'href="/en/reviews/{world.review.pk}/answers/{question.pk}/history/">1 revision</a>' in body


@pytest.mark.parametrize("questions", [6, 30])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_questionnaire_page_query_count_does_not_grow_with_questions(
    client, django_assert_num_queries, questions, language
):
    from tests.factories.reviews import participant, published_questionnaire  # noqa: PLC0415

    questionnaire = published_questionnaire(questions=questions, sections=3)
    country_review = review(of="FRA", questionnaire=questionnaire, in_cycle=cycle(), step=Step.SAQ_DRAFTING)
    expert = participant(country_review, iso3="FRA")
    for item in questionnaire.questions.filter(kind="text"):
        save_answer(country_review, item, value="Answered", base_revision=0, user=expert)
    thread = get_or_create_thread(country_review, question=questionnaire.questions.get(number="1"), visibility="all")
    post_comment(thread, author=expert, body="A remark")
    client.force_login(expert)
    url = f"/{language}/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/"
    client.get(url)  # warm the content-type and session caches
    cache.clear()

    with django_assert_num_queries(14):  # rendering the questions, answers and their evidence files
        body = client.get(url).content.decode()
    # The same again, served from the cache: the outline (sections, questions, answers) and the languages
    # the review may be read in give the keys.
    with django_assert_num_queries(11):
        again = client.get(url).content.decode()
    assert without_csrf_tokens(again) == without_csrf_tokens(body)

    assert body.count("Answered") == questionnaire.questions.filter(kind="text").count()
    assert ("Discussion (1 comment)" in body) == (language == "en")
    assert ("Discussion (1 commentaire)" in body) == (language == "fr")
    # The factory gives the main questions a French text ("Question 1"), not the follow-ups or sections.
    assert ('<span class="q-number">1</span> Question 1</h3>' in body) == (language == "fr")
    assert ('class="fallback-note"' in body) == (language == "fr")


@pytest.mark.parametrize("extra", [0, 4])
def test_review_page_query_count_does_not_grow_with_participants_and_steps(
    client, world, django_assert_num_queries, extra
):
    for index in range(extra):
        add_participant(
            world.review,
            user=UserFactory(state=state("DEU"), full_name=f"Extra Expert {index}"),
            role=ParticipantRole.EXPERT,
        )
    client.force_login(world.focal_point)
    url = f"/en/reviews/{world.review.pk}/"
    client.get(url)

    # One loads the deadline extensions, one the focal point's own participation; the meetings section
    # loads the meetings and the State whose time zone they are shown in.
    with django_assert_num_queries(15):
        body = client.get(url).content.decode()

    assert all(f"Extra Expert {index}" in body for index in range(extra))
