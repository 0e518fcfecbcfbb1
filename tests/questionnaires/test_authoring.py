"""Questionnaire authoring: the rules of its services, its pages, who may use them, and their cost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from questionnaires.services import authoring
from questionnaires.services.translations import TranslationsIncomplete
from reviews.enums import AnswerKind, QuestionnaireStatus
from reviews.models import Article, Choice, Cluster, Instrument, Question, Questionnaire, Section
from reviews.questionnaire_io import dump_questionnaire, export_questionnaire, import_questionnaire
from reviews.services import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.core.translation_status import TranslationStatus, language_status, snapshot, stamp_changed_languages
from tests.clients import sign_in_as, without_csrf_tokens
from tests.factories import SecretariatFactory, TrainerFactory
from tests.factories.reviews import cycle, questionnaire_data

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "anonymous")


@pytest.fixture
def author(db):
    return SecretariatFactory()


@pytest.fixture
def draft(author):
    questionnaire = authoring.create_questionnaire(
        cluster=Cluster.objects.get(number=2),
        instrument=Instrument.objects.get(code="untoc"),
        title="Cluster II self-assessment",
        by=author,
    )
    section = authoring.save_section(
        Section(questionnaire=questionnaire, title_en="International cooperation"), by=author
    )
    return questionnaire, section


def new_question(questionnaire, section, number, *, kind=AnswerKind.YES_NO, parent=None, condition="", choices=(), by):
    question = Question(
        questionnaire=questionnaire,
        section=section,
        number=number,
        kind=kind,
        text_en=f"Question {number}?",
        parent=parent,
        condition=condition,
    )
    return authoring.save_question(question, choices=list(choices), by=by)


def numbers_in_order(questionnaire) -> list[str]:
    return list(questionnaire.questions.order_by("order").values_list("number", flat=True))


# --- services ----------------------------------------------------------------------------


def test_a_new_questionnaire_is_a_draft_numbered_after_the_latest_version(author):
    import_questionnaire(questionnaire_data(cluster=2, version=4))

    questionnaire = authoring.create_questionnaire(
        cluster=Cluster.objects.get(number=2), instrument=Instrument.objects.get(code="untoc"), title="New", by=author
    )

    assert (questionnaire.version, questionnaire.status) == (5, QuestionnaireStatus.DRAFT)
    assert AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_CREATED, actor=author).count() == 1


def test_the_english_source_is_written_whatever_language_the_author_reads(draft, author):
    questionnaire, section = draft
    with translation.override("fr"):
        question = new_question(questionnaire, section, "1", by=author)

    question.refresh_from_db()
    assert (question.text_en, question.text_fr) == ("Question 1?", None)


def test_a_follow_up_comes_right_after_its_question_and_moves_with_it(draft, author):
    questionnaire, section = draft
    first = new_question(questionnaire, section, "1", by=author)
    second = new_question(questionnaire, section, "2", by=author)
    new_question(questionnaire, section, "1.1", kind=AnswerKind.LEGISLATION, parent=first, condition="yes", by=author)

    assert numbers_in_order(questionnaire) == ["1", "1.1", "2"]
    authoring.move_question(second, direction=authoring.UP, by=author)
    assert numbers_in_order(questionnaire) == ["2", "1", "1.1"]
    authoring.move_question(second, direction=authoring.UP, by=author)  # already first: nothing moves
    assert numbers_in_order(questionnaire) == ["2", "1", "1.1"]
    assert list(questionnaire.questions.order_by("order").values_list("order", flat=True)) == [1, 2, 3]


def test_sections_move_and_their_questions_follow(draft, author):
    questionnaire, first_section = draft
    second_section = authoring.save_section(Section(questionnaire=questionnaire, title_en="Extradition"), by=author)
    new_question(questionnaire, first_section, "1", by=author)
    new_question(questionnaire, second_section, "2", by=author)

    authoring.move_section(second_section, direction=authoring.UP, by=author)

    assert list(questionnaire.sections.values_list("title_en", flat=True)) == [
        "Extradition",
        "International cooperation",
    ]
    assert numbers_in_order(questionnaire) == ["2", "1"]


def test_a_drag_puts_the_questions_in_the_order_given_and_nothing_else(draft, author):
    questionnaire, section = draft
    questions = [new_question(questionnaire, section, str(number), by=author) for number in (1, 2, 3)]

    authoring.reorder_questions(section, ids=[questions[2].pk, questions[0].pk, questions[1].pk], by=author)
    assert numbers_in_order(questionnaire) == ["3", "1", "2"]
    with pytest.raises(authoring.AuthoringError):
        authoring.reorder_questions(section, ids=[questions[0].pk], by=author)
    assert numbers_in_order(questionnaire) == ["3", "1", "2"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"number": "1"}, "number"),
        ({"condition": "maybe"}, "condition"),
        ({"kind": AnswerKind.SINGLE_CHOICE, "choices": [("only", "Only one")]}, "choices"),
        ({"kind": AnswerKind.SINGLE_CHOICE, "choices": [("a b", "Spaced"), ("c", "C")]}, "choices"),
        ({"kind": AnswerKind.SINGLE_CHOICE, "choices": [("a", "A"), ("a", "Again")]}, "choices"),
        ({"parent": None, "condition": "yes"}, "condition"),
    ],
)
def test_a_question_the_rules_refuse_names_the_field_and_changes_nothing(draft, author, change, field):
    questionnaire, section = draft
    parent = new_question(questionnaire, section, "1", by=author)
    values = {"number": "1.1", "kind": AnswerKind.TEXT, "parent": parent, "condition": "yes", "choices": []} | change
    choices = values.pop("choices")
    before = numbers_in_order(questionnaire)

    with pytest.raises(authoring.AuthoringError) as refused:
        authoring.save_question(
            Question(questionnaire=questionnaire, section=section, text_en="Follow-up", **values),
            choices=choices,
            by=author,
        )

    assert refused.value.field == field
    assert numbers_in_order(questionnaire) == before


def test_a_choice_keeps_its_translations_while_its_key_stays(draft, author):
    questionnaire, section = draft
    question = new_question(
        questionnaire,
        section,
        "1",
        kind=AnswerKind.SINGLE_CHOICE,
        choices=[("fully", "Fully"), ("no", "No")],
        by=author,
    )
    Choice.objects.filter(question=question, key="fully").update(label_fr="Entièrement")

    question.refresh_from_db()
    authoring.save_question(question, choices=[("no", "Not at all"), ("fully", "Fully")], by=author)

    choices = list(question.choices.order_by("order").values_list("key", "label_en", "label_fr"))
    assert choices == [("no", "Not at all", None), ("fully", "Fully", "Entièrement")]


def test_changing_the_english_leaves_the_translation_outdated(draft, author):
    questionnaire, section = draft
    question = new_question(questionnaire, section, "1", by=author)
    before = snapshot(question)
    question.text_fr = "Question 1 ?"
    stamp_changed_languages(question, before=before)
    question.save()
    assert language_status(question, "fr") == TranslationStatus.UP_TO_DATE

    question.text_en = "Is the offence established?"
    authoring.save_question(question, choices=[], by=author)

    question.refresh_from_db()
    assert language_status(question, "fr") == TranslationStatus.OUTDATED


def test_publishing_lists_every_problem_and_publishes_nothing_until_they_are_solved(draft, author):
    questionnaire, section = draft
    authoring.save_section(Section(questionnaire=questionnaire, title_en="Empty"), by=author)
    new_question(questionnaire, section, "1", by=author)

    with pytest.raises(authoring.QuestionnaireIncomplete) as refused:
        authoring.publish(questionnaire, by=author)

    assert [problem.field for problem in refused.value.problems] == ["questions"]
    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireStatus.DRAFT


def test_a_published_version_does_not_change_and_a_new_version_copies_it(draft, author):
    questionnaire, section = draft
    question = new_question(questionnaire, section, "1", by=author)
    Question.objects.filter(pk=question.pk).update(text_fr="Question 1 ?")
    authoring.publish(questionnaire, by=author)

    with pytest.raises(ReviewError):
        new_question(questionnaire, section, "2", by=author)
    copy = authoring.create_new_version(questionnaire, by=author)

    assert (copy.version, copy.status) == (questionnaire.version + 1, QuestionnaireStatus.DRAFT)
    assert list(copy.questions.values_list("number", "text_en", "text_fr")) == [("1", "Question 1?", "Question 1 ?")]
    assert questionnaire.questions.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_PUBLISHED, actor=author).count() == 1


def test_the_file_of_an_authored_questionnaire_reads_back_the_same(draft, author):
    questionnaire, section = draft
    article = Article.objects.create(instrument=questionnaire.instrument, number="27", title_en="Law enforcement")
    section.article = article
    authoring.save_section(section, by=author)
    article.guide_url, article.sherloc_url = "https://www.unodc.org/guide#5", "https://sherloc.unodc.org/art5"
    authoring.save_article_links(article, questionnaire=questionnaire, by=author)
    parent = new_question(questionnaire, section, "1", by=author)
    new_question(questionnaire, section, "1.1", kind=AnswerKind.LEGISLATION, parent=parent, condition="yes", by=author)
    data = export_questionnaire(questionnaire)

    copy = authoring.import_draft(dump_questionnaire(data | {"version": 9}), by=author)

    assert export_questionnaire(copy) == data | {"version": 9}
    assert data["articles"][0]["sherloc_url"] == "https://sherloc.unodc.org/art5"


def test_only_the_secretariat_authors(draft, world):
    questionnaire, section = draft
    for person in (world.focal_point, world.expert, TrainerFactory()):
        with pytest.raises(ReviewError):
            new_question(questionnaire, section, "1", by=person)
    assert questionnaire.questions.count() == 0


# --- pages -------------------------------------------------------------------------------


def authored(author, *, questions: int = 4) -> Questionnaire:
    """A draft with follow-ups and choices, made through the services."""
    cluster, instrument = Cluster.objects.get(number=3), Instrument.objects.get(code="untoc")
    data = questionnaire_data(questions=questions, sections=2, cluster=3)
    data["version"] = authoring.next_version(cluster, instrument)
    return authoring.import_draft(dump_questionnaire(data), by=author)


PAGES = [
    # (name, method, needs a question or section, post data, statuses for PEOPLE)
    ("list", "get", None, None, (200, 404, 404, 404, 302)),
    ("create", "get", None, None, (200, 404, 404, 404, 302)),
    ("create", "post", None, "new", (302, 404, 404, 404, 302)),
    ("import", "get", None, None, (200, 404, 404, 404, 302)),
    ("edit", "get", "q", None, (200, 404, 404, 404, 302)),
    ("edit", "post", "q", {"title_en": "Renamed"}, (302, 404, 404, 404, 302)),
    ("section_create", "post", "q", {"new-section-title_en": "More"}, (302, 404, 404, 404, 302)),
    ("section_edit", "get", "s", None, (200, 404, 404, 404, 302)),
    ("row_action", "post", "q", "down:section", (302, 404, 404, 404, 302)),
    ("row_action", "post", "q", "delete:section", (302, 404, 404, 404, 302)),
    ("question_create", "get", "q", None, (200, 404, 404, 404, 302)),
    ("question_edit", "get", "question", None, (200, 404, 404, 404, 302)),
    ("row_action", "post", "q", "down:question", (302, 404, 404, 404, 302)),
    ("row_action", "post", "q", "delete:question", (302, 404, 404, 404, 302)),
    ("preview", "get", "q", None, (200, 404, 404, 404, 302)),
    ("download", "get", "q", None, (200, 404, 404, 404, 302)),
    ("new_version", "post", "q", {}, (302, 404, 404, 404, 302)),
    ("publish", "post", "q", {}, (302, 404, 404, 404, 302)),
]


@pytest.mark.parametrize("page", PAGES, ids=[f"{page[0]}-{page[1]}-{page[3]}" for page in PAGES])
def test_permission_table_of_the_authoring_pages(client, world, page):
    name, method, target, data, expected = page
    statuses, counts = [], []
    for person in PEOPLE:
        questionnaire = authored(world.secretariat)
        section = questionnaire.sections.order_by("order").first()
        question = questionnaire.questions.order_by("order").first()
        kwargs = {
            None: {},
            "q": {"pk": questionnaire.pk},
            "s": {"pk": questionnaire.pk, "section_pk": section.pk},
            "question": {"pk": questionnaire.pk, "question_pk": question.pk},
        }[target]
        sign_in_as(client, world, person)
        url = reverse(f"questionnaires:{name}", kwargs=kwargs)
        if isinstance(data, str) and data.endswith(("section", "question")):
            data = {"action": f"{data}:{(section if data.endswith('section') else question).pk}"}
        elif data == "new":
            data = {"cluster": Cluster.objects.get(number=4).pk, "instrument": Instrument.objects.get(code="tip").pk}
            data |= {"title": "Cluster IV"}
        before = (
            Questionnaire.objects.count(),
            Question.objects.count(),
            Section.objects.count(),
            list(Question.objects.order_by("pk").values_list("order", flat=True)),
        )
        response = client.post(url, data) if method == "post" else client.get(url)
        statuses.append(response.status_code)
        after = (
            Questionnaire.objects.count(),
            Question.objects.count(),
            Section.objects.count(),
            list(Question.objects.order_by("pk").values_list("order", flat=True)),
        )
        counts.append(before == after)

    assert tuple(statuses) == expected
    assert counts[1:] == [True, True, True, True]  # nobody but the secretariat changed anything


def test_the_reorder_endpoint_is_for_the_secretariat_only(client, world):
    questionnaire = authored(world.secretariat)
    section = questionnaire.sections.order_by("order").first()
    ids = list(
        questionnaire.questions.filter(section=section, parent=None).order_by("order").values_list("pk", flat=True)
    )
    url = reverse("questionnaires:questions_reorder", kwargs={"pk": questionnaire.pk, "section_pk": section.pk})
    statuses = []
    for person in PEOPLE:
        sign_in_as(client, world, person)
        response = client.post(url, {"ids": ids[::-1]}, content_type="application/json")
        statuses.append(response.status_code)
        if person == "secretariat":
            assert response.json()["status"] == "saved"
            ids = ids[::-1]

    first_ids = questionnaire.questions.filter(section=section, parent=None).order_by("order")
    assert list(first_ids.values_list("pk", flat=True)) == ids
    assert statuses == [200, 404, 404, 404, 302]


def test_a_bad_order_is_refused_with_a_clear_error(client, world):
    questionnaire = authored(world.secretariat)
    section = questionnaire.sections.order_by("order").first()
    client.force_login(world.secretariat)
    url = reverse("questionnaires:questions_reorder", kwargs={"pk": questionnaire.pk, "section_pk": section.pk})

    response = client.post(url, b"not json", content_type="application/json")
    partial = client.post(url, {"ids": [1]}, content_type="application/json")

    assert response.status_code == partial.status_code == 400
    assert partial.json()["message"] == "The new order must list each question of the section once."


def test_a_refused_question_form_names_the_question_and_the_field_and_keeps_what_was_typed(client, world):
    questionnaire = authored(world.secretariat)
    question = questionnaire.questions.get(number="3")  # one choice
    client.force_login(world.secretariat)
    url = reverse("questionnaires:question_edit", kwargs={"pk": questionnaire.pk, "question_pk": question.pk})
    data = {
        "section": question.section_id,
        "number": "3",
        "kind": AnswerKind.SINGLE_CHOICE,
        "required": "on",
        "text_en": "Typed and kept",
        "choices": "only: Only one",
    }

    response = client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Question 3 is not saved: correct the fields marked below." in page
    assert 'href="#id_choices">Choices</a>: A question with choices needs at least two choices.' in page
    assert "Typed and kept" in page
    question.refresh_from_db()
    assert question.text_en != "Typed and kept"


def test_a_follow_up_is_added_through_the_form(client, world):
    questionnaire = authored(world.secretariat)
    parent = questionnaire.questions.get(number="3")
    client.force_login(world.secretariat)
    data = {
        "section": parent.section_id,
        "parent": parent.pk,
        "condition": "partly",
        "number": "3.1",
        "kind": AnswerKind.TEXT,
        "text_en": "What is missing?",
    }

    response = client.post(reverse("questionnaires:question_create", kwargs={"pk": questionnaire.pk}), data)

    follow_up = questionnaire.questions.get(number="3.1")
    assert response.status_code == 302
    assert (follow_up.parent_id, follow_up.condition, follow_up.required) == (parent.pk, "partly", False)
    assert follow_up.order == parent.order + 1


def test_the_preview_shows_the_section_as_a_focal_point_sees_it_and_saves_nothing(client, world):
    questionnaire = authored(world.secretariat)
    client.force_login(world.secretariat)
    url = reverse("questionnaires:preview", kwargs={"pk": questionnaire.pk})

    page = client.get(url).content.decode()

    follow_up = questionnaire.questions.get(number="1.1")
    assert f'data-parent="{follow_up.parent_id}" data-condition="yes"' in page
    assert "question--hidden" in page  # the follow-up waits for a "yes"
    assert "data-save-url" not in page
    assert '<form class="answer-form" data-preview>' in page


def test_a_bad_file_names_its_line_and_imports_nothing(client, world):
    client.force_login(world.secretariat)
    text = "format: revmod-questionnaire/1\ncluster: 1\ninstrument: nowhere\nversion: 3\n"
    upload = SimpleUploadedFile("q.yaml", text.encode(), content_type="application/yaml")

    response = client.post(reverse("questionnaires:import"), {"file": upload})

    assert response.status_code == 400
    assert "line 3: instrument: &#x27;nowhere&#x27; is not one of" in response.content.decode()
    assert Questionnaire.objects.filter(cluster__number=1, version=3).count() == 0


def test_the_download_reads_back_through_the_import_page(client, world):
    questionnaire = authored(world.secretariat)
    client.force_login(world.secretariat)
    text = client.get(reverse("questionnaires:download", kwargs={"pk": questionnaire.pk})).content.decode()
    upload = SimpleUploadedFile("q.yaml", text.replace(f"version: {questionnaire.version}", "version: 77").encode())

    response = client.post(reverse("questionnaires:import"), {"file": upload})

    copy = Questionnaire.objects.get(cluster=questionnaire.cluster, version=77)
    assert response.status_code == 302
    assert export_questionnaire(copy) == export_questionnaire(questionnaire) | {"version": 77}


def test_the_answering_page_links_the_articles_guide_and_sherloc(client, world):
    article = world.questionnaire.sections.order_by("order").first().article
    Article.objects.filter(pk=article.pk).update(sherloc_url="https://sherloc.unodc.org/art5")
    client.force_login(world.focal_point)
    url = reverse(
        "reviews:answer_section",
        kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk, "section": 1},
    )

    page = client.get(url).content.decode()

    assert '<a href="https://sherloc.unodc.org/art5" rel="noopener" target="_blank">SHERLOC</a>' in page


# --- cost --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["edit", "preview"])
def test_the_authoring_pages_cost_the_same_at_10_and_300_questions(client, author, django_assert_num_queries, name):
    small, large = authored(author, questions=10), authored(author, questions=300)
    client.force_login(author)
    client.get(reverse("questionnaires:list"))  # the session is warm

    for questionnaire in (small, large):
        url = reverse(f"questionnaires:{name}", kwargs={"pk": questionnaire.pk})
        with django_assert_num_queries(QUERIES[name]):
            first = client.get(url)
        with django_assert_num_queries(CACHED_QUERIES[name]):
            again = client.get(url)
        assert (first.status_code, again.status_code) == (200, 200)
        assert without_csrf_tokens(first.content.decode()) == without_csrf_tokens(again.content.decode())


def test_the_editor_shows_an_edit_at_once(client, author, django_capture_on_commit_callbacks):
    questionnaire = authored(author, questions=10)
    question = questionnaire.questions.order_by("order").first()
    client.force_login(author)
    url = reverse("questionnaires:edit", kwargs={"pk": questionnaire.pk})
    client.get(url)

    question.text_en = "A question changed just now"
    with django_capture_on_commit_callbacks(execute=True):
        authoring.save_question(question, choices=[(c.key, c.label_en) for c in question.choices.all()], by=author)

    assert "A question changed just now" in client.get(url).content.decode()


QUERIES = {"edit": 14, "preview": 8}
CACHED_QUERIES = {"edit": 9, "preview": 8}


def test_an_action_that_is_not_the_editors_changes_nothing(client, world):
    questionnaire = authored(world.secretariat)
    before = numbers_in_order(questionnaire)
    client.force_login(world.secretariat)
    url = reverse("questionnaires:row_action", kwargs={"pk": questionnaire.pk})

    responses = [client.post(url, {"action": action}, follow=True) for action in ("sideways:question:1", "up:x:", "")]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert "That action is not one of the editor&#x27;s." in responses[0].content.decode()
    assert numbers_in_order(questionnaire) == before


def test_the_list_of_questionnaires_costs_the_same_for_1_and_5(client, author, django_assert_num_queries):
    client.force_login(author)
    authored(author)
    client.get(reverse("questionnaires:list"))
    with django_assert_num_queries(5):
        client.get(reverse("questionnaires:list"))
    for _ in range(4):
        authored(author)
    with django_assert_num_queries(5):
        response = client.get(reverse("questionnaires:list"))

    assert response.content.decode().count('href="/en/questionnaires/') >= 5


def test_publishing_waits_for_every_language_an_open_cycle_requires(draft, author):
    questionnaire, section = draft
    question = new_question(questionnaire, section, "1", by=author)
    the_cycle = cycle(cluster=2)
    the_cycle.required_languages = ["fr"]
    the_cycle.save()

    with pytest.raises(TranslationsIncomplete) as refused:
        authoring.publish(questionnaire, by=author)
    assert refused.value.missing == {
        "fr": ["Questionnaire · title: missing", "Section 1 · title: missing", "Question 1 · text: missing"]
    }
    for instance, field in ((questionnaire, "title"), (section, "title"), (question, "text")):
        before = snapshot(instance)
        setattr(instance, f"{field}_fr", "Traduit")
        stamp_changed_languages(instance, before=before)
        instance.save()
    authoring.publish(questionnaire, by=author)

    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireStatus.PUBLISHED


def test_an_author_ticks_that_a_question_asks_for_technical_assistance_needs(client, world):
    questionnaire = authored(world.secretariat)
    question = questionnaire.questions.get(number="2")
    client.force_login(world.secretariat)
    url = reverse("questionnaires:question_edit", kwargs={"pk": questionnaire.pk, "question_pk": question.pk})
    assert "Ask for technical assistance needs" in client.get(url).content.decode()
    data = {
        "section": question.section_id,
        "number": "2",
        "kind": question.kind,
        "required": "on",
        "asks_assistance_needs": "on",
        "text_en": question.text_en,
    }

    response = client.post(url, data)

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.asks_assistance_needs
