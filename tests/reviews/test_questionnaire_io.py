from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from reviews.enums import QuestionnaireStatus
from reviews.models import Question, Questionnaire
from reviews.questionnaire_io import (
    QuestionnaireFileError,
    dump_questionnaire,
    export_questionnaire,
    import_questionnaire,
    parse_questionnaire_text,
)
from reviews.services import ReviewError, publish_questionnaire
from tests.factories.reviews import questionnaire_data

pytestmark = pytest.mark.django_db

BROKEN = """format: revmod-questionnaire/1
cluster: 1
instrument: untoc
version: 3
title: {en: Broken}
sections:
  - title: {en: One}
    questions:
      - number: "1"
        kind: yes_no
        text: {en: Fine}
      - number: "2"
        kind: yesno
        text: {en: Wrong kind}
"""


def test_import_creates_a_draft_with_sections_questions_choices_and_follow_ups():
    questionnaire = import_questionnaire(questionnaire_data(questions=7, sections=2))

    assert questionnaire.status == QuestionnaireStatus.DRAFT
    assert questionnaire.sections.count() == 2
    assert questionnaire.questions.filter(parent__isnull=True).count() == 7
    follow_up = questionnaire.questions.get(number="1.1")
    assert (follow_up.parent.number, follow_up.condition, follow_up.kind) == ("1", "yes", "legislation")
    assert list(questionnaire.questions.get(number="3").choices.values_list("key", flat=True)) == [
        "fully",
        "partly",
        "not",
    ]
    assert questionnaire.questions.get(number="1").text_fr == "Question 1"


def test_export_then_import_gives_the_same_file():
    original = import_questionnaire(questionnaire_data(questions=7, version=10))
    exported = export_questionnaire(original)

    copy = import_questionnaire(parse_questionnaire_text(dump_questionnaire(exported | {"version": 11})))

    assert export_questionnaire(copy) == exported | {"version": 11}


def test_a_bad_file_names_the_line_and_field_and_imports_nothing():
    with pytest.raises(QuestionnaireFileError) as error:
        import_questionnaire(parse_questionnaire_text(BROKEN))

    assert str(error.value) == (
        "line 13: sections[0].questions[1].kind: 'yesno' is not one of "
        "yes_no, text, single_choice, multiple_choice, number, date, legislation"
    )
    assert Questionnaire.objects.count() == 0
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), "file: title: is missing"),
        (lambda d: d.update(cluster=9), "cluster: there is no cluster 9"),
        (lambda d: d.update(instrument="xyz"), "instrument: 'xyz' is not one of untoc, tip, som, firearms"),
        (lambda d: d["sections"][0]["questions"][0].update(text={"fr": "Sans anglais"}), "needs an English text (en)"),
        (lambda d: d["sections"][0]["questions"][0].update(text={"en": "x", "de": "y"}), "unknown language de"),
        (
            lambda d: d["sections"][0]["questions"][0]["follow_ups"][0].update(condition="maybe"),
            "'maybe' is not an answer of question 1",
        ),
        (lambda d: d["sections"][1]["questions"][0].update(number="1"), "question 1 appears twice"),
        (lambda d: d["sections"][0].update(article="99"), "article 99 is not listed under articles"),
    ],
)
def test_each_kind_of_mistake_gets_a_clear_error(change, message):
    data = questionnaire_data(questions=8, sections=2)
    change(data)

    with pytest.raises(QuestionnaireFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_questionnaire(data)
    assert Questionnaire.objects.count() == 0


def test_a_syntax_error_names_the_line():
    with pytest.raises(QuestionnaireFileError, match=r"^line 4: .*flow sequence on line 3\)$"):
        parse_questionnaire_text("format: x\ncluster: 1\ntitle: [unclosed\n")


def test_publishing_retires_the_previous_version_and_only_drafts_publish():
    first = publish_questionnaire(import_questionnaire(questionnaire_data(version=1)))
    second = publish_questionnaire(import_questionnaire(questionnaire_data(version=2)))

    first.refresh_from_db()
    assert (first.status, second.status) == (QuestionnaireStatus.RETIRED, QuestionnaireStatus.PUBLISHED)
    with pytest.raises(ReviewError):
        publish_questionnaire(second)


def test_import_and_export_commands_round_trip(tmp_path):
    source = tmp_path / "q.yaml"
    source.write_text(dump_questionnaire(questionnaire_data(questions=5, version=5)), encoding="utf-8")

    call_command("import_questionnaire", str(source), "--publish")
    questionnaire = Questionnaire.objects.get(version=5)
    call_command("export_questionnaire", str(questionnaire.pk), str(tmp_path / "out.json"))

    assert questionnaire.status == QuestionnaireStatus.PUBLISHED
    assert '"format": "revmod-questionnaire/1"' in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_import_command_reports_a_bad_file_clearly(tmp_path):
    source = tmp_path / "broken.yaml"
    source.write_text(BROKEN, encoding="utf-8")

    with pytest.raises(CommandError, match=r"broken.yaml: line 13: sections\[0\].questions\[1\].kind"):
        call_command("import_questionnaire", str(source))


def test_the_demo_cluster_one_questionnaire_is_complete_in_seven_languages():
    path = Path(settings.BASE_DIR) / "devdata" / "demo" / "content" / "questionnaires" / "cluster1_untoc.yaml"
    data = parse_questionnaire_text(path.read_text(encoding="utf-8"))

    def texts(node):
        if isinstance(node, dict):
            if "en" in node and all(isinstance(value, str) for value in node.values()):
                yield node
            else:
                for value in node.values():
                    yield from texts(value)
        elif isinstance(node, list):
            for value in node:
                yield from texts(value)

    questionnaire = import_questionnaire(data)
    languages = {code for code, _name in settings.LANGUAGES}
    incomplete = [text["en"][:40] for text in texts(data) if set(text) != languages]
    articles = set(questionnaire.sections.exclude(article=None).values_list("article__number", flat=True))

    assert questionnaire.questions.count() >= 40
    assert incomplete == []
    assert articles == {"5", "6", "8", "10", "15", "23"}
