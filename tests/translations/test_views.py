"""Every translation address with everyone: translators of this review and of another, both sides, the secretariat."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from reviews.services import ensure_outputs
from tests.factories import UserFactory
from tests.translations.conftest import observations_request
from translations.enums import TranslationScope, TranslationStatus
from translations.models import Translation, TranslationRequest, TranslatorGrant

pytestmark = pytest.mark.django_db

WORLD = (
    "secretariat",
    "focal_point",
    "expert",
    "reviewing_expert",
    "reviewing_focal_point",
    "observer",
    "contributor",
    "other_contributor",
    "stranger",
    "stakeholder",
    "nobody",
)
DESK = ("translator", "colleague", "elsewhere")
PEOPLE = (*WORLD, *DESK, "anonymous")


def person(desk, who: str):
    return getattr(desk, who) if who in DESK else getattr(desk.world, who)


def sign_in_as(client, desk, who: str) -> None:
    if who != "anonymous":
        client.force_login(person(desk, who))


def refused_to_anonymous(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def outcome(response) -> int | str:
    return "login" if refused_to_anonymous(response) else response.status_code


def unit(request: TranslationRequest) -> Translation:
    return request.translations.get()


def posted(translation: Translation, text: str, **extra) -> dict:
    return {"text": text, "version": translation.version, "seen": translation.source_hash, **extra}


JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_editor_of_section_one_opens_for_its_translator_and_the_secretariat_only(client, desk, who):
    sign_in_as(client, desk, who)

    response = client.get(reverse("translations:editor", args=[desk.section_one.pk]))

    expected = 200 if who in ("translator", "secretariat") else "login" if who == "anonymous" else 404
    assert outcome(response) == expected


@pytest.mark.parametrize("who", PEOPLE)
def test_saving_and_history_of_a_unit_answer_404_to_all_but_its_translator_and_the_secretariat(client, desk, who):
    translation = unit(desk.section_one)
    sign_in_as(client, desk, who)

    saved = client.post(reverse("translations:save", args=[translation.pk]), posted(translation, "Olá"), **JSON)
    history = client.get(reverse("translations:history", args=[translation.pk]))

    expected = 200 if who in ("translator", "secretariat") else "login" if who == "anonymous" else 404
    assert (outcome(saved), outcome(history)) == (expected, expected)
    assert Translation.objects.get(pk=translation.pk).text == ("Olá" if expected == 200 else "")


def test_a_translator_assigned_section_one_reads_nothing_of_section_two(client, desk):
    other = unit(desk.section_two)
    client.force_login(desk.translator)

    pages = [
        client.get(reverse("translations:editor", args=[desk.section_two.pk])),
        client.get(reverse("translations:history", args=[other.pk])),
        client.post(reverse("translations:save", args=[other.pk]), posted(other, "Não"), **JSON),
    ]

    assert [page.status_code for page in pages] == [404, 404, 404]
    assert b"Penal Code" not in b"".join(page.content for page in pages)


def test_a_translator_sees_nothing_of_the_review_itself(client, desk, world):
    client.force_login(desk.translator)
    review, questionnaire = world.review, world.questionnaire
    question = desk.text_question
    addresses = [
        reverse("reviews:detail", args=[review.pk]),
        reverse("reviews:questionnaire", args=[review.pk, questionnaire.pk]),
        reverse("reviews:answer_section", args=[review.pk, questionnaire.pk, 1]),
        reverse("reviews:answer_history", args=[review.pk, question.pk]),
        reverse("reviews:discussion", args=[review.pk]),
        reverse("reviews:question_discussion", args=[review.pk, question.pk]),
        reverse("reviews:outputs", args=[review.pk]),
        reverse("reviews:participants", args=[review.pk]),
        reverse("translations:review", args=[review.pk]),
    ]

    ensure_outputs(review)
    summary = review.summary
    codes = [client.get(address).status_code for address in addresses]
    codes.append(client.post(reverse("reviews:export_review", args=[review.pk]), {"format": "pdf"}).status_code)
    codes.append(
        client.get(reverse("reviews:export_output", args=[review.pk, "summary", summary.pk, "pdf"])).status_code
    )
    codes.append(client.post(reverse("reviews:post_comment", args=[review.pk]), {"body": "Hi"}).status_code)
    listed = client.get(reverse("reviews:list"))

    assert codes == [404] * (len(addresses) + 3)
    assert world.review.state.name not in listed.content.decode()


def test_a_translator_gets_404_from_the_api(desk, world):
    client = APIClient()
    client.force_authenticate(desk.translator)

    codes = [
        client.get(f"/api/v1/reviews/{world.review.pk}/").status_code,
        client.get(f"/api/v1/reviews/{world.review.pk}/answers/").status_code,
        client.get(f"/api/v1/reviews/{world.review.pk}/comments/").status_code,
    ]
    listed = client.get("/api/v1/reviews/").json()

    assert codes == [404, 404, 404]
    assert listed["count"] == 0


@pytest.mark.parametrize("who", PEOPLE)
def test_the_queue_shows_each_translator_their_own_requests(client, desk, who):
    sign_in_as(client, desk, who)

    response = client.get(reverse("translations:queue"))

    if who == "anonymous":
        assert refused_to_anonymous(response)
        return
    shown = [item.pk for item in response.context["requests"]]
    expected = {"translator": [desk.section_one.pk], "colleague": [desk.section_two.pk]}.get(who, [])
    assert (response.status_code, shown) == (200, expected)


def test_the_queue_shows_status_language_and_due_date(client, desk):
    desk.section_one.due_date = "2027-01-15"
    desk.section_one.save(update_fields=["due_date"])
    client.force_login(desk.translator)

    page = client.get(reverse("translations:queue")).content.decode()

    assert "Portuguese" in page
    assert "0 of 1 text done" in page
    assert "01/15/2027" in page or "2027" in page


@pytest.mark.parametrize("size", [1, 5])
def test_the_queue_costs_the_same_queries_for_one_or_five_requests(
    client, desk, world, size, django_assert_num_queries
):
    for index in range(size - 1):
        request = TranslationRequest.objects.create(
            review=world.review,
            scope=TranslationScope.SUMMARY,
            language="pt",
            requested_by=world.secretariat,
            translator=desk.translator,
        )
        Translation.objects.create(
            request=request,
            review=world.review,
            language="pt",
            answer=unit(desk.section_one).answer,
            part=f"extra:{index}",
            source_hash="x",
            status=TranslationStatus.OUTDATED,
        )
    client.force_login(desk.translator)

    with django_assert_num_queries(8):
        response = client.get(reverse("translations:queue"))

    assert len(response.context["requests"]) == size
    assert sum(len(rows) for rows in response.context["outdated"].values()) == size - 1


def test_the_queue_shows_what_changed_in_the_source_of_an_outdated_translation(
    client, desk, world, django_capture_on_commit_callbacks
):
    from reviews.services import save_answer  # noqa: PLC0415

    translation = unit(desk.section_one)
    client.force_login(desk.translator)
    client.post(reverse("translations:save", args=[translation.pk]), posted(translation, "Feito", done="1"))
    with django_capture_on_commit_callbacks(execute=True):
        save_answer(
            world.review, desk.text_question, value="The old penal code applies.", base_revision=1, user=world.expert
        )

    page = client.get(reverse("translations:queue")).content.decode()

    assert "<ins>old</ins>" in page
    assert "1 outdated" in page


@pytest.mark.parametrize("size", [1, 5])
def test_the_editor_costs_the_same_queries_for_one_or_five_units(client, desk, world, size, django_assert_num_queries):
    request = observations_request(world, desk, size)
    client.force_login(desk.translator)

    with django_assert_num_queries(9):
        response = client.get(reverse("translations:editor", args=[request.pk]))

    assert len(response.context["rows"]) == size


def test_autosave_answers_json_and_a_stale_version_is_a_plain_conflict(client, desk):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)
    address = reverse("translations:save", args=[translation.pk])

    first = client.post(address, posted(translation, "Primeira"), **JSON)
    stale = client.post(address, posted(translation, "Minha versão"), **JSON)

    assert first.json() == {
        "status": "saved",
        "version": 1,
        "message": "Saved",
        "translation_status": TranslationStatus.IN_PROGRESS,
        "translation_status_label": "In progress",
    }
    assert stale.status_code == 409
    assert (stale.json()["theirs"], stale.json()["mine"], stale.json()["version"]) == ("Primeira", "Minha versão", 1)
    assert Translation.objects.get(pk=translation.pk).text == "Primeira"


def test_without_the_script_a_conflict_shows_both_texts_and_keeps_mine(client, desk):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)
    address = reverse("translations:save", args=[translation.pk])
    client.post(address, posted(translation, "Primeira"))

    response = client.post(address, posted(translation, "Minha versão"))
    page = response.content.decode()

    assert response.status_code == 409
    assert "Primeira</blockquote>" in page
    assert ">Minha versão</textarea>" in page


def test_save_and_mark_done_from_the_form(client, desk):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)

    response = client.post(reverse("translations:save", args=[translation.pk]), posted(translation, "Feito", done="1"))

    assert response.status_code == 302
    assert Translation.objects.get(pk=translation.pk).status == TranslationStatus.DONE


def test_marking_an_empty_translation_done_is_refused_plainly(client, desk):
    translation = unit(desk.section_one)
    client.force_login(desk.translator)

    response = client.post(
        reverse("translations:save", args=[translation.pk]), posted(translation, "", done="1"), **JSON
    )

    assert (response.status_code, response.json()["message"]) == (400, "Write the translation before marking it done.")
    assert Translation.objects.get(pk=translation.pk).status == TranslationStatus.REQUESTED


def test_the_editor_shows_the_source_diff_of_an_outdated_translation_escaped(
    client, desk, world, django_capture_on_commit_callbacks
):
    from reviews.services import save_answer  # noqa: PLC0415

    translation = unit(desk.section_one)
    client.force_login(desk.translator)
    client.post(reverse("translations:save", args=[translation.pk]), posted(translation, "Feito", done="1"))
    with django_capture_on_commit_callbacks(execute=True):
        save_answer(
            world.review,
            desk.text_question,
            value="The <b>new</b> penal code applies.",
            base_revision=1,
            user=world.expert,
        )

    page = client.get(reverse("translations:editor", args=[desk.section_one.pk])).content.decode()

    assert "<ins>&lt;b&gt;new&lt;/b&gt;</ins>" in page
    assert "Outdated" in page


# --- The review's translations page ------------------------------------------------------

REVIEW_PAGE = {"secretariat", "focal_point", "reviewing_focal_point"}


@pytest.mark.parametrize("who", PEOPLE)
def test_the_reviews_translations_page_opens_for_the_secretariat_and_the_focal_points(client, desk, who):
    sign_in_as(client, desk, who)

    response = client.get(reverse("translations:review", args=[desk.world.review.pk]))

    expected = 200 if who in REVIEW_PAGE else "login" if who == "anonymous" else 404
    assert outcome(response) == expected


def test_a_reviewing_focal_point_follows_only_their_own_states_requests(client, desk, world):
    client.force_login(world.reviewing_focal_point)

    response = client.get(reverse("translations:review", args=[world.review.pk]))

    assert list(response.context["requests"]) == []
    assert [value for value, _label in response.context["request_form"].fields["scope"].choices] == [
        "feedback",
        "observations",
    ]


@pytest.mark.parametrize("who", PEOPLE)
def test_requesting_a_section(client, desk, who):
    sign_in_as(client, desk, who)
    section = desk.section_one.section
    before = TranslationRequest.objects.count()

    response = client.post(
        reverse("translations:request", args=[desk.world.review.pk]),
        {"scope": "section", "section": section.pk, "languages": ["fr", "ar"], "due_date": "2027-02-01"},
    )

    made = TranslationRequest.objects.count() - before
    if who in ("secretariat", "focal_point"):
        assert (response.status_code, made) == (302, 2)
    elif who == "reviewing_focal_point":
        assert (response.status_code, made) == (400, 0)  # not their State's texts: the form refuses the scope
    else:
        assert (outcome(response), made) == ("login" if who == "anonymous" else 404, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"scope": "section", "languages": ["fr"]}, "Choose what to translate."),
        ({"scope": "section", "section": 1, "languages": []}, "This field is required."),
        ({"scope": "everything", "languages": ["fr"]}, "Select a valid choice."),
        ({"scope": "questionnaire", "questionnaire": "x", "languages": ["fr"]}, "Select a valid choice."),
        ({"scope": "section", "section": 1, "languages": ["en"]}, "Select a valid choice."),
        ({"scope": "summary", "languages": ["fr"]}, "Nothing here is left to translate into French"),
        ({"scope": "section", "section": 1, "languages": ["fr"], "due_date": "soon"}, "Enter a valid date."),
    ],
)
def test_bad_requests_say_what_is_wrong_and_create_nothing(client, desk, world, data, message):
    ensure_outputs(world.review)
    if data.get("section") == 1:
        data = {**data, "section": desk.section_one.section.pk}
    client.force_login(world.secretariat)
    before = TranslationRequest.objects.count()

    response = client.post(reverse("translations:request", args=[world.review.pk]), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert TranslationRequest.objects.count() == before


def test_bad_input_is_said_in_the_users_language(client, desk, world):
    client.force_login(world.secretariat)

    response = client.post(
        reverse("translations:request", args=[world.review.pk]),
        {"scope": "section", "languages": ["pt"]},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 400
    assert response.context["request_form"].errors["section"] != ["Choose what to translate."]


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_secretariat_names_translators(client, desk, who):
    sign_in_as(client, desk, who)
    newcomer = UserFactory(state=None, email="newcomer@un.test")

    response = client.post(
        reverse("translations:grant", args=[desk.world.review.pk]), {"email": newcomer.email, "language": "ar"}
    )

    granted = TranslatorGrant.objects.filter(user=newcomer).exists()
    if who == "secretariat":
        assert (response.status_code, granted) == (302, True)
    else:
        expected = "login" if who == "anonymous" else 404
        assert (outcome(response), granted) == (expected, False)


def test_naming_an_unknown_address_says_so(client, desk, world):
    client.force_login(world.secretariat)

    response = client.post(
        reverse("translations:grant", args=[world.review.pk]), {"email": "ghost@un.test", "language": "ar"}
    )

    assert response.status_code == 400
    assert "No active account has the address ghost@un.test." in response.content.decode()


def test_ending_a_grant_closes_the_editor_to_the_translator(client, desk, world):
    grant = desk.translator.translator_grants.get()
    client.force_login(world.secretariat)
    client.post(reverse("translations:revoke", args=[world.review.pk, grant.pk]))
    client.force_login(desk.translator)

    response = client.get(reverse("translations:editor", args=[desk.section_one.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["secretariat", "focal_point", "translator", "colleague", "anonymous"])
def test_only_the_secretariat_gives_a_request_to_a_translator(client, desk, who):
    sign_in_as(client, desk, who)

    response = client.post(
        reverse("translations:assign", args=[desk.section_one.pk]), {"translator": desk.colleague.pk}
    )

    desk.section_one.refresh_from_db()
    if who == "secretariat":
        assert (response.status_code, desk.section_one.translator) == (302, desk.colleague)
    else:
        assert (outcome(response), desk.section_one.translator) == (
            "login" if who == "anonymous" else 404,
            desk.translator,
        )


def test_a_request_is_given_only_to_a_translator_of_its_language(client, desk, world):
    client.force_login(world.secretariat)

    client.post(reverse("translations:assign", args=[desk.section_one.pk]), {"translator": desk.elsewhere.pk})

    desk.section_one.refresh_from_db()
    assert desk.section_one.translator == desk.translator


def test_the_editor_reads_right_to_left_in_arabic(client, desk):
    client.force_login(desk.translator)

    response = client.get(f"/ar/translations/requests/{desk.section_one.pk}/")

    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_a_reviewing_focal_point_chooses_among_their_own_states_outputs_only(client, desk, world):
    ensure_outputs(world.review)
    client.force_login(world.reviewing_focal_point)

    form = client.get(reverse("translations:review", args=[world.review.pk])).context["request_form"]

    assert [str(feedback.reviewing_state) for feedback in form.fields["feedback"].queryset] == [
        str(world.reviewing_focal_point.state)
    ]
    assert "section" not in form.fields
