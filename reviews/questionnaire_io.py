"""Import and export of questionnaires in the format of docs/questionnaire-format.md."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from reviews.enums import AnswerKind, QuestionnaireStatus
from reviews.models import Article, Choice, Cluster, Instrument, Question, Questionnaire, Section

FORMAT = "revmod-questionnaire/1"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CHOICE_KINDS = {AnswerKind.SINGLE_CHOICE, AnswerKind.MULTIPLE_CHOICE}


class QuestionnaireFileError(ValueError):
    """A questionnaire file that cannot be imported; the message names the line and the field."""

    def __init__(self, message: str, *, line: int | None = None, field: str = "") -> None:
        self.line, self.field, self.message = line, field, message
        where = f"line {line}" if line else "file"
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


class LineDict(dict):
    """A mapping that remembers the lines of the file it and each of its keys started on."""

    line: int | None = None
    key_lines: dict | None = None


class LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _value in node.value}
        return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping)


def parse_questionnaire_text(text: str) -> LineDict:
    try:
        data = yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        message = str(error.problem)
        if error.context and error.context_mark:
            message += f" ({error.context} on line {error.context_mark.line + 1})"
        raise QuestionnaireFileError(message, line=mark.line + 1 if mark else None) from error
    if not isinstance(data, dict):
        raise QuestionnaireFileError("the file must hold a mapping with format, cluster, instrument, ...")
    return data if isinstance(data, LineDict) else LineDict(data)


@dataclass
class _Reader:
    """Reads one mapping of the file, naming its line and path in every error."""

    data: dict
    path: str

    @property
    def line(self) -> int | None:
        return getattr(self.data, "line", None)

    def fail(self, key: str, message: str) -> QuestionnaireFileError:
        key_lines = getattr(self.data, "key_lines", None) or {}
        line = key_lines.get(key, self.line)
        return QuestionnaireFileError(message, line=line, field=f"{self.path}.{key}".lstrip("."))

    def get(self, key: str, expected: type | tuple[type, ...], *, required: bool = True, default: Any = None) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                raise self.fail(key, "is missing")
            return default
        value = self.data[key]
        if not isinstance(value, expected) or (isinstance(value, bool) and bool not in _as_tuple(expected)):
            names = " or ".join(kind.__name__ for kind in _as_tuple(expected))
            raise self.fail(key, f"must be {names}, not {type(value).__name__}")
        return value

    def text(self, key: str, *, required: bool = True) -> dict[str, str]:
        value = self.get(key, dict, required=required, default={})
        if not value:
            return {}
        unknown = sorted(set(value) - set(LANGUAGE_CODES))
        if unknown:
            raise self.fail(key, f"unknown language {', '.join(unknown)} (use {', '.join(LANGUAGE_CODES)})")
        if not str(value.get("en") or "").strip():
            raise self.fail(key, "needs an English text (en)")
        return {code: str(text).strip() for code, text in value.items() if text is not None}

    def url(self, key: str) -> str:
        value = str(self.get(key, str, required=False, default="")).strip()
        if value and not (value.startswith(("https://", "http://")) and len(value) <= 500 and " " not in value):
            raise self.fail(key, "must be a web address starting with https:// (at most 500 characters)")
        return value

    def child(self, key: str, index: int, item: Any) -> _Reader:
        if not isinstance(item, dict):
            raise self.fail(f"{key}[{index}]", "must be a mapping")
        return _Reader(item, f"{self.path}.{key}[{index}]".lstrip("."))


def _as_tuple(expected: type | tuple[type, ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


def _columns(field: str, texts: dict[str, str]) -> dict[str, str]:
    columns = {f"{field}_{code.replace('-', '_')}": texts.get(code, "") for code in LANGUAGE_CODES}
    return columns | {field: texts.get("en", "")}


@transaction.atomic
def import_questionnaire(data: dict) -> Questionnaire:
    """Create a draft questionnaire from parsed file data; all or nothing."""
    root = _Reader(data, "")
    if root.get("format", str) != FORMAT:
        raise root.fail("format", f"must be {FORMAT}")
    cluster_number = root.get("cluster", int)
    cluster = Cluster.objects.filter(number=cluster_number).first()
    if cluster is None:
        raise root.fail("cluster", f"there is no cluster {cluster_number}")
    code = root.get("instrument", str)
    instrument = Instrument.objects.filter(code=code).first()
    if instrument is None:
        raise root.fail(
            "instrument", f"{code!r} is not one of {', '.join(Instrument.objects.values_list('code', flat=True))}"
        )
    version = root.get("version", int)
    if Questionnaire.objects.filter(cluster=cluster, instrument=instrument, version=version).exists():
        raise root.fail("version", f"version {version} of this questionnaire exists already; use a new number")
    questionnaire = Questionnaire.objects.create(
        cluster=cluster,
        instrument=instrument,
        version=version,
        status=QuestionnaireStatus.DRAFT,
        **_columns("title", root.text("title")),
        **_columns("introduction", root.text("introduction", required=False)),
    )
    articles = _import_articles(root, instrument, cluster)
    state = {"order": 0, "numbers": set()}
    sections = root.get("sections", list)
    if not sections:
        raise root.fail("sections", "needs at least one section")
    for index, item in enumerate(sections):
        reader = root.child("sections", index, item)
        article_number = reader.get("article", (str, int), required=False)
        if article_number is not None and str(article_number) not in articles:
            raise reader.fail("article", f"article {article_number} is not listed under articles")
        section = Section.objects.create(
            questionnaire=questionnaire,
            order=index + 1,
            article=articles.get(str(article_number)) if article_number is not None else None,
            **_columns("title", reader.text("title")),
        )
        questions = reader.get("questions", list)
        for position, question in enumerate(questions):
            _import_question(reader.child("questions", position, question), questionnaire, section, None, state)
    return questionnaire


def _import_articles(root: _Reader, instrument: Instrument, cluster: Cluster) -> dict[str, Article]:
    articles = {}
    for index, item in enumerate(root.get("articles", list, required=False, default=[])):
        reader = root.child("articles", index, item)
        number = str(reader.get("number", (str, int)))
        links = {key: reader.url(key) for key in ("guide_url", "sherloc_url") if key in reader.data}
        article, _created = Article.objects.update_or_create(
            instrument=instrument, number=number, defaults=_columns("title", reader.text("title")) | links
        )
        article.clusters.add(cluster)
        articles[number] = article
    return articles


def _import_question(
    reader: _Reader, questionnaire: Questionnaire, section: Section, parent: Question | None, state: dict
) -> None:
    number = str(reader.get("number", (str, int)))
    if number in state["numbers"]:
        raise reader.fail("number", f"question {number} appears twice")
    state["numbers"].add(number)
    kind = reader.get("kind", str)
    if kind not in AnswerKind.values:
        raise reader.fail("kind", f"{kind!r} is not one of {', '.join(AnswerKind.values)}")
    condition = ""
    if parent is not None:
        condition = str(reader.get("condition", (str, bool)))
        condition = {"True": "yes", "False": "no"}.get(condition, condition)
        allowed = (
            {"yes", "no"} if parent.kind == AnswerKind.YES_NO else set(parent.choices.values_list("key", flat=True))
        )
        if condition not in allowed:
            raise reader.fail("condition", f"{condition!r} is not an answer of question {parent.number}")
    state["order"] += 1
    question = Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        parent=parent,
        condition=condition,
        number=number,
        order=state["order"],
        kind=kind,
        required=reader.get("required", bool, required=False, default=True),
        asks_assistance_needs=reader.get("assistance_needs", bool, required=False, default=False),
        **_columns("text", reader.text("text")),
        **_columns("help_text", reader.text("help", required=False)),
    )
    choices = reader.get("choices", list, required=False, default=[])
    if kind in CHOICE_KINDS and not choices:
        raise reader.fail("choices", f"a {kind} question needs choices")
    if choices and kind not in CHOICE_KINDS:
        raise reader.fail("choices", f"a {kind} question has no choices")
    keys = set()
    for index, item in enumerate(choices):
        choice_reader = reader.child("choices", index, item)
        key = str(choice_reader.get("key", (str, int)))
        if slugify(key) != key or key in keys:
            raise choice_reader.fail("key", f"{key!r} must be a unique slug (letters, digits, - and _)")
        keys.add(key)
        Choice.objects.create(question=question, key=key, order=index, **_columns("label", choice_reader.text("label")))
    for index, item in enumerate(reader.get("follow_ups", list, required=False, default=[])):
        _import_question(reader.child("follow_ups", index, item), questionnaire, section, question, state)


def _texts(obj: Any, field: str) -> dict[str, str]:
    texts = {code: getattr(obj, f"{field}_{code.replace('-', '_')}") for code in LANGUAGE_CODES}
    return {code: text for code, text in texts.items() if text}


def export_questionnaire(questionnaire: Questionnaire) -> dict:
    """The questionnaire as file data; ``import_questionnaire`` reads it back."""
    sections = list(questionnaire.sections.select_related("article").order_by("order"))
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("order"))
    children: dict[int | None, list[Question]] = {}
    for question in questions:
        children.setdefault(question.parent_id, []).append(question)

    def question_data(question: Question) -> dict:
        item: dict[str, Any] = {"number": question.number}
        if question.parent_id:
            item["condition"] = question.condition
        item |= {"kind": question.kind, "required": question.required}
        if question.asks_assistance_needs:
            item["assistance_needs"] = True
        item["text"] = _texts(question, "text")
        if question.help_text_en:
            item["help"] = _texts(question, "help_text")
        if question.kind in CHOICE_KINDS:
            item["choices"] = [{"key": c.key, "label": _texts(c, "label")} for c in question.choices.all()]
        if children.get(question.pk):
            item["follow_ups"] = [question_data(child) for child in children[question.pk]]
        return item

    articles = {section.article for section in sections if section.article}
    data: dict[str, Any] = {
        "format": FORMAT,
        "cluster": questionnaire.cluster.number,
        "instrument": questionnaire.instrument.code,
        "version": questionnaire.version,
        "title": _texts(questionnaire, "title"),
    }
    if questionnaire.introduction_en:
        data["introduction"] = _texts(questionnaire, "introduction")
    data["articles"] = [
        {"number": article.number, "title": _texts(article, "title")}
        | {key: getattr(article, key) for key in ("guide_url", "sherloc_url") if getattr(article, key)}
        for article in sorted(articles, key=lambda article: (len(article.number), article.number))
    ]
    data["sections"] = []
    for section in sections:
        item: dict[str, Any] = {"title": _texts(section, "title")}
        if section.article:
            item["article"] = section.article.number
        item["questions"] = [question_data(q) for q in children.get(None, []) if q.section_id == section.pk]
        data["sections"].append(item)
    return data


def dump_questionnaire(data: dict, *, as_json: bool = False) -> str:
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
