"""Technical assistance needs: saved with answers and observations, shown to readers, in exports, across reviews."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from coordination.services import assign
from reviews import selectors
from reviews.answer_values import NeedInput
from reviews.documents import gather, question_paragraphs
from reviews.enums import AnswerStatus, AssistancePriority, ObservationCategory, OutputStatus, Step
from reviews.models import (
    Answer,
    Article,
    AssistanceCategory,
    AssistanceNeed,
    CountryReview,
    ObservationList,
    Question,
)
from reviews.questionnaire_io import export_questionnaire, import_questionnaire
from reviews.services import AnswerConflict, ReviewError, add_observation, clear_answers, ensure_outputs, save_answer
from reviews.services.assistance import rename_assistance_category
from reviews.services.exports import cycle_answer_rows
from tests.factories.reviews import cycle, participant, published_questionnaire, questionnaire_data, review

pytestmark = pytest.mark.django_db


def category(code: str) -> AssistanceCategory:
    return AssistanceCategory.objects.get(code=code)


def article5() -> Article:
    return Article.objects.get(instrument__code="untoc", number="5")


def asking(world) -> Question:
    """Question 2 (free text) of the world's questionnaire asks for needs."""
    question = world.questionnaire.questions.get(number="2")
    question.asks_assistance_needs = True
    question.save(update_fields=["asks_assistance_needs"])
    return question


def need(code: str = "training", *, article: Article | None = None, priority: str = "high", text: str = ""):
    return NeedInput(
        category=str(category(code).pk), article=str(article.pk) if article else "", priority=priority, text=text
    )


def stored(answer_or_question) -> list[tuple[str, str | None, str, str]]:
    needs = AssistanceNeed.objects.filter(answer__question=answer_or_question).order_by("order")
    return [(n.category.code, n.article.number if n.article else None, n.priority, n.text) for n in needs]


# --- the taxonomy as seeded -------------------------------------------------------------------


def test_seven_categories_are_seeded_with_names_in_every_language():
    categories = list(AssistanceCategory.objects.order_by("position"))

    assert [c.code for c in categories] == [
        "legislative-drafting",
        "institution-building",
        "training",
        "equipment",
        "international-cooperation",
        "data-and-research",
        "other",
    ]
    for language in ("en", "fr", "es", "ru", "zh_hans", "ar", "pt"):
        assert all(getattr(c, f"name_{language}") for c in categories)
    with translation.override("fr"):
        assert str(category("training")) == "Formation"


# --- needs saved with the answer ----------------------------------------------------------------


def test_needs_are_saved_with_the_answer_as_one_new_revision(world):
    question = asking(world)

    answer = save_answer(
        world.review,
        question,
        value="We need help.",
        base_revision=0,
        user=world.focal_point,
        needs=[need(article=article5(), text="Judges"), need("equipment", priority="low"), NeedInput()],
    )

    assert answer.revision == 1
    assert stored(question) == [("training", "5", "high", "Judges"), ("equipment", None, "low", "")]


def test_changing_only_the_needs_is_a_revision_that_takes_back_the_clearance(world):
    question = asking(world)
    save_answer(world.review, question, value="Text", base_revision=0, user=world.focal_point, needs=[need()])
    clear_answers(world.review, [question], user=world.focal_point)

    answer = save_answer(
        world.review, question, value="Text", base_revision=1, user=world.expert, needs=[need("other")]
    )

    assert (answer.revision, answer.status, answer.clearance_withdrawn) == (2, AnswerStatus.DRAFTED, True)
    assert stored(question) == [("other", None, "high", "")]


def test_the_same_needs_again_store_nothing_new(world):
    question = asking(world)
    save_answer(world.review, question, value="Text", base_revision=0, user=world.focal_point, needs=[need()])

    answer = save_answer(world.review, question, value="Text", base_revision=1, user=world.expert, needs=[need()])

    assert answer.revision == 1
    assert answer.revisions.count() == 1


def test_needs_saved_from_an_old_revision_are_a_conflict_and_change_nothing(world):
    question = asking(world)
    save_answer(world.review, question, value="Text", base_revision=0, user=world.focal_point, needs=[need()])

    with pytest.raises(AnswerConflict):
        save_answer(world.review, question, value="Text", base_revision=0, user=world.expert, needs=[need("other")])

    assert stored(question) == [("training", None, "high", "")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (NeedInput(text="No category"), "Choose a category for each need of technical assistance."),
        (NeedInput(category="999999"), "Choose a category for each need of technical assistance."),
        (NeedInput(category="PLACEHOLDER", article="999999"), "Choose the article among those of the instrument"),
        (NeedInput(category="PLACEHOLDER", priority="urgent"), "Choose a priority: high, medium or low."),
        (NeedInput(category="PLACEHOLDER", text="x" * 2001), "A need is described in at most 2000 characters."),
    ],
)
def test_a_wrong_need_is_refused_and_nothing_is_saved(world, row, message):
    question = asking(world)
    if row.category == "PLACEHOLDER":
        row = NeedInput(str(category("training").pk), row.article, row.priority, row.text)

    with pytest.raises(ReviewError, match=message):
        save_answer(world.review, question, value="Text", base_revision=0, user=world.focal_point, needs=[row])

    assert not Answer.objects.filter(question=question).exists()


def test_a_question_that_does_not_ask_refuses_needs(world):
    question = world.questionnaire.questions.get(number="2")

    with pytest.raises(ReviewError, match="does not ask for technical assistance needs"):
        save_answer(world.review, question, value="Text", base_revision=0, user=world.focal_point, needs=[need()])


def test_a_deactivated_category_is_kept_on_a_need_that_has_it_but_not_offered_for_new_ones(world):
    question = asking(world)
    save_answer(world.review, question, value="Text", base_revision=0, user=world.focal_point, needs=[need()])
    AssistanceCategory.objects.filter(code="training").update(is_active=False)

    kept = save_answer(
        world.review, question, value="Text", base_revision=1, user=world.focal_point, needs=[need(), need("other")]
    )
    other = asking(world).questionnaire.questions.get(number="5")
    other.asks_assistance_needs = True
    other.save()

    assert kept.revision == 2
    with pytest.raises(ReviewError):
        save_answer(world.review, other, value="3", base_revision=0, user=world.focal_point, needs=[need()])


@pytest.mark.parametrize("person", ["observer", "reviewing_expert", "stranger", "other_contributor"])
def test_only_those_who_answer_save_needs(world, person):
    question = asking(world)

    with pytest.raises(ReviewError):
        save_answer(world.review, question, value="Text", base_revision=0, user=getattr(world, person), needs=[need()])

    assert not AssistanceNeed.objects.exists()


# --- the answer editor ------------------------------------------------------------------------


def section_url(world) -> str:
    return reverse(
        "reviews:answer_section",
        kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk, "section": 1},
    )


def section_post(question: Question, rows: list[NeedInput], *, revision: int = 0, remove=()) -> dict:
    name = f"q{question.pk}"
    return {
        name: "Our needs",
        f"{name}-rev": str(revision),
        f"{name}-needs": "1",
        f"{name}-need-category": [row.category for row in rows],
        f"{name}-need-article": [row.article for row in rows],
        f"{name}-need-priority": [row.priority or "medium" for row in rows],
        f"{name}-need-text": [row.text for row in rows],
        f"{name}-need-remove": [str(index) for index in remove],
    }


def test_the_editor_shows_a_labelled_row_for_a_new_need(client, world):
    asking(world)
    client.force_login(world.focal_point)

    page = client.get(section_url(world)).content.decode()

    assert page.count('class="need-row"') == 1
    assert "Technical assistance needs" in page
    assert '<option value="{}">Training</option>'.format(category("training").pk) in page
    assert "Article 5" in page or "art. 5" in page


@pytest.mark.parametrize("person", ["focal_point", "expert", "contributor"])
def test_the_state_under_review_saves_needs_with_the_section_without_javascript(client, world, person):
    question = asking(world)
    if person == "contributor":  # a national contributor answers the section the focal point gave them
        assign(world.review, sections=[question.section], assignee=world.contributor, user=world.focal_point)
    client.force_login(getattr(world, person))

    response = client.post(section_url(world), section_post(question, [need(text="Judges"), NeedInput()]))

    assert response.status_code == 302
    assert stored(question) == [("training", None, "high", "Judges")]
    page = client.get(section_url(world)).content.decode()
    assert page.count('class="need-row"') == 2  # the saved need and a new blank row
    assert "Judges" in page


def test_a_ticked_remove_box_takes_the_need_out(client, world):
    question = asking(world)
    save_answer(
        world.review, question, value="Our needs", base_revision=0, user=world.focal_point,
        needs=[need(), need("other")],
    )  # fmt: skip
    client.force_login(world.focal_point)

    client.post(section_url(world), section_post(question, [need(), need("other")], revision=1, remove=[0]))

    assert stored(question) == [("other", None, "high", "")]


def test_a_wrong_need_in_the_editor_says_why_keeps_what_was_typed_and_saves_nothing(client, world):
    question = asking(world)
    client.force_login(world.focal_point)

    response = client.post(section_url(world), section_post(question, [NeedInput(text="Typed but no category")]))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Choose a category for each need of technical assistance." in page
    assert "Typed but no category" in page
    assert not AssistanceNeed.objects.exists()
    assert not Answer.objects.filter(question=question).exists()


def autosave_url(world, question) -> str:
    return reverse("reviews:save_answer", kwargs={"pk": world.review.pk, "question_pk": question.pk})


def test_autosave_sends_the_needs_with_the_answer(client, world):
    question = asking(world)
    client.force_login(world.expert)

    response = client.post(autosave_url(world, question), section_post(question, [need("equipment")]))

    assert response.status_code == 200
    assert response.json()["revision"] == 1
    assert stored(question) == [("equipment", None, "high", "")]


def test_autosave_of_a_wrong_need_is_refused_with_its_reason(client, world):
    question = asking(world)
    client.force_login(world.expert)

    response = client.post(autosave_url(world, question), section_post(question, [NeedInput(text="?")]))

    assert response.status_code == 400
    assert response.json()["message"] == "Choose a category for each need of technical assistance."


@pytest.mark.parametrize(
    ("person", "status"),
    [("observer", 403), ("reviewing_expert", 403), ("stranger", 404), ("other_contributor", 404),
     ("stakeholder", 404), ("nobody", 404)],
)  # fmt: skip
def test_autosave_of_needs_by_anyone_else_is_refused(client, world, person, status):
    question = asking(world)
    client.force_login(getattr(world, person))

    response = client.post(autosave_url(world, question), section_post(question, [need()]))

    assert response.status_code == status
    assert not AssistanceNeed.objects.exists()


def test_an_anonymous_visitor_saves_no_need(client, world):
    question = asking(world)

    response = client.post(autosave_url(world, question), section_post(question, [need()]))

    assert response.status_code == 302
    assert not AssistanceNeed.objects.exists()


# --- the read page ------------------------------------------------------------------------------


def read_url(world) -> str:
    return reverse("reviews:questionnaire", kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk})


@pytest.fixture
def with_needs(world):
    question = asking(world)
    save_answer(
        world.review, question, value="Our needs", base_revision=0, user=world.focal_point,
        needs=[need(article=article5(), text="Training of judges"), need("equipment", priority="low")],
    )  # fmt: skip
    return world


@pytest.mark.parametrize("person", ["focal_point", "expert", "contributor", "secretariat"])
def test_the_state_under_review_reads_its_needs_on_the_questionnaire_page(client, with_needs, person):
    client.force_login(getattr(with_needs, person))

    page = client.get(read_url(with_needs)).content.decode()

    assert "Training of judges" in page
    assert "Equipment" in page


@pytest.mark.parametrize("person", ["reviewing_expert", "observer"])
def test_the_reviewing_side_reads_the_needs_once_submitted_and_not_before(client, with_needs, person):
    client.force_login(getattr(with_needs, person))
    assert client.get(read_url(with_needs)).status_code == 404

    with_needs.review.submitted_at = timezone.now()
    with_needs.review.step = Step.FEEDBACK
    with_needs.review.save(update_fields=["submitted_at", "step"])

    assert "Training of judges" in client.get(read_url(with_needs)).content.decode()


@pytest.mark.parametrize("person", ["stranger", "other_contributor", "stakeholder", "nobody"])
def test_people_outside_the_review_never_read_its_needs(client, with_needs, person):
    client.force_login(with_needs.focal_point)
    client.get(read_url(with_needs))  # cached for the review's own readers
    client.force_login(getattr(with_needs, person))

    response = client.get(read_url(with_needs))

    assert response.status_code == 404
    assert "Training of judges" not in response.content.decode()


def test_renaming_a_category_shows_on_the_cached_page(client, with_needs, django_capture_on_commit_callbacks):
    client.force_login(with_needs.focal_point)
    client.get(read_url(with_needs))

    with django_capture_on_commit_callbacks(execute=True):
        rename_assistance_category(
            category("equipment"), names={"en": "Tools and equipment"}, by=with_needs.secretariat
        )

    assert "Tools and equipment" in client.get(read_url(with_needs)).content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_the_questionnaire_page_runs_the_same_queries_whatever_the_number_of_needs(
    client, world, django_assert_num_queries, count
):
    question = asking(world)
    save_answer(
        world.review, question, value="Needs", base_revision=0, user=world.focal_point,
        needs=[need(article=article5(), text=f"Need {n}") for n in range(count)],
    )  # fmt: skip
    client.force_login(world.focal_point)
    cache.clear()

    with django_assert_num_queries(18):
        page = client.get(read_url(world)).content.decode()

    assert page.count("Need ") == count


# --- observations -------------------------------------------------------------------------------


@pytest.fixture
def at_observations(world):
    world.review.step = Step.OBSERVATIONS
    world.review.submitted_at = timezone.now()
    world.review.save(update_fields=["step", "submitted_at"])
    ensure_outputs(world.review)
    return world


def germany_list(world) -> ObservationList:
    return ObservationList.objects.get(review=world.review, reviewing_state__iso3="DEU")


def test_an_observation_of_assistance_records_its_need(client, at_observations):
    world = at_observations
    client.force_login(world.reviewing_expert)
    url = reverse("reviews:observation_add", kwargs={"pk": world.review.pk, "list_pk": germany_list(world).pk})

    client.post(
        url,
        {
            "category": ObservationCategory.ASSISTANCE,
            "text": "Judges need training on electronic evidence.",
            "need_category": category("training").pk,
            "need_article": article5().pk,
            "need_priority": "high",
        },
    )

    item = germany_list(world).items.get()
    assert [(n.category.code, n.article.number, n.priority) for n in item.assistance_needs.all()] == [
        ("training", "5", "high")
    ]
    page = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).content.decode()
    assert "Training" in page


def test_an_observation_of_assistance_without_its_kind_is_refused_and_nothing_added(client, at_observations):
    world = at_observations
    client.force_login(world.reviewing_expert)
    url = reverse("reviews:observation_add", kwargs={"pk": world.review.pk, "list_pk": germany_list(world).pk})

    response = client.post(url, {"category": ObservationCategory.ASSISTANCE, "text": "Needs training."}, follow=True)

    assert "Choose the category of technical assistance this observation is about." in response.content.decode()
    assert not germany_list(world).items.exists()


def test_another_kind_of_observation_records_no_need(at_observations):
    world = at_observations
    add_observation(
        germany_list(world), category=ObservationCategory.GAP, text="A gap", need=need(), user=world.reviewing_expert
    )

    assert not AssistanceNeed.objects.exists()


def test_a_stranger_cannot_add_a_need_to_another_reviews_list(client, at_observations):
    world = at_observations
    client.force_login(world.stranger)
    url = reverse("reviews:observation_add", kwargs={"pk": world.review.pk, "list_pk": germany_list(world).pk})

    response = client.post(url, {"category": "assistance", "text": "x", "need_category": category("training").pk})

    assert response.status_code == 404
    assert not AssistanceNeed.objects.exists()


# --- across reviews -------------------------------------------------------------------------------


def many_reviews(count: int) -> None:
    questionnaire = published_questionnaire(questions=2, sections=1)
    question = questionnaire.questions.get(number="2")
    question.asks_assistance_needs = True
    question.save()
    the_cycle = cycle(title="Needs")
    for iso3 in ["FRA", "EGY", "JPN", "KEN", "MEX"][:count]:
        country_review = review(of=iso3, same_region="DEU", other_region="BRA", questionnaire=questionnaire,
                                in_cycle=the_cycle)  # fmt: skip
        author = participant(country_review, iso3=iso3)
        save_answer(country_review, question, value="x", base_revision=0, user=author, needs=[need(article=article5())])
        ensure_outputs(country_review)
        observation_list = ObservationList.objects.filter(review=country_review).first()
        country_review.step = Step.OBSERVATIONS
        country_review.submitted_at = timezone.now()
        country_review.save()
        reviewer = participant(country_review, iso3=observation_list.reviewing_state.iso3)
        add_observation(observation_list, category=ObservationCategory.ASSISTANCE, text="y",
                        need=need("equipment"), user=reviewer)  # fmt: skip


@pytest.mark.parametrize("count", [1, 5])
def test_assistance_needs_for_reads_needs_with_their_review_state_and_region_in_one_query(
    django_assert_num_queries, count
):
    many_reviews(count)
    with django_assert_num_queries(1):
        needs = list(selectors.assistance_needs_for(CountryReview.objects.all()))
        rows = [
            (n.category.name, n.article.number if n.article else "", n.review.state.iso3,
             n.review.state.regional_group, n.review.cycle.cluster.number, n.get_priority_display())
            for n in needs
        ]  # fmt: skip

    assert len(rows) == 2 * count
    assert {row[0] for row in rows} == {"Training", "Equipment"}


def test_assistance_needs_for_keeps_to_the_reviews_given_and_to_what_was_agreed_when_asked(world):
    many_reviews(2)

    france = CountryReview.objects.filter(state__iso3="FRA", cycle__title="Needs")
    needs = selectors.assistance_needs_for(france)
    agreed = selectors.assistance_needs_for(france, agreed_only=True)

    assert {n.review.state.iso3 for n in needs} == {"FRA"}
    assert needs.count() == 2
    assert [n.category.code for n in agreed] == ["training"]  # the list of observations is not locked yet
    ObservationList.objects.filter(review__in=france).update(status=OutputStatus.LOCKED)
    assert selectors.assistance_needs_for(france, agreed_only=True).count() == 2


# --- exports and questionnaire files ---------------------------------------------------------------


def test_the_review_documents_list_the_needs_under_the_answer(with_needs):
    with translation.override("fr"):
        document = gather(with_needs.review, reader=with_needs.focal_point, include_threads=False, progress=print)
        question = next(
            q for view in document.questionnaires for part in view.sections for q in part.questions if q.number == "2"
        )
        paragraphs = question_paragraphs(question)

    first, second = question.need_lines  # the category in the document's language, the need as typed
    assert first.startswith("Formation · ")
    assert first.endswith(" · Training of judges")
    assert second.startswith("Équipement · ")
    assert paragraphs[-2:] == [f"• {line}" for line in question.need_lines]


def test_the_cycle_spreadsheet_has_the_needs_beside_the_answer(with_needs):
    rows = list(cycle_answer_rows(with_needs.review.cycle))
    column = rows[0].index("Technical assistance needs")
    answered = next(row for row in rows[1:] if row[3] == "2")

    assert answered[column].splitlines() == ["Training · High · art. 5 · Training of judges", "Equipment · Low"]


def test_a_questionnaire_file_carries_which_questions_ask_for_needs():
    data = questionnaire_data(questions=2, sections=1)
    data["sections"][0]["questions"][1]["assistance_needs"] = True

    imported = import_questionnaire(data)
    exported = export_questionnaire(imported)

    assert [q.asks_assistance_needs for q in imported.questions.order_by("order") if q.parent_id is None] == [
        False,
        True,
    ]
    assert exported["sections"][0]["questions"][1]["assistance_needs"] is True
    assert "assistance_needs" not in exported["sections"][0]["questions"][0]


def test_the_priorities_read_high_medium_low():
    assert AssistancePriority.values == ["high", "medium", "low"]
