"""Writing a questionnaire: drafts, their sections and questions, their order, and publishing them.

Only drafts change; a published version is immutable and the reviews that answer it keep it.
Every change is in the audit trail, and an English text that changes stamps the time, so the
translation pages show which translations it left outdated (revmod.core.translation_status).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from questionnaires.permissions import can_author
from questionnaires.services.translations import TranslationsIncomplete, incomplete_translations, required_languages_for
from questionnaires.services.versions import mark_changed
from reviews.enums import AnswerKind, QuestionnaireStatus
from reviews.models import Article, Choice, Cluster, Instrument, Question, Questionnaire, Section
from reviews.questionnaire_io import (
    CHOICE_KINDS,
    export_questionnaire,
    import_questionnaire,
    parse_questionnaire_text,
)
from reviews.services import publish_questionnaire as publish_version
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.translation_status import (
    SOURCE_LANGUAGE,
    localized,
    snapshot,
    stamp_changed_languages,
    translated_fields,
)

UP, DOWN = "up", "down"
# Orders being changed are first moved above every order in use: (questionnaire, order) is unique.
SHIFT = 1_000_000


@dataclass
class Problem:
    """What stops a questionnaire from being published: where, which field, and why."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} · {self.field}: {self.message}"


class AuthoringError(ReviewError):
    """A change the questionnaire's rules refuse; names the field it is about."""

    def __init__(self, message: str, *, field: str = "") -> None:
        self.field = field
        super().__init__(message)


class QuestionnaireIncomplete(ReviewError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(
            ngettext(
                "The questionnaire cannot be published yet: %(count)d problem to solve.",
                "The questionnaire cannot be published yet: %(count)d problems to solve.",
                count,
            )
            % {"count": count}
        )


def question_label(question: Question) -> str:
    return _("Question %(number)s") % {"number": question.number}


def _check_allowed(questionnaire: Questionnaire, by) -> None:
    if not can_author(by):
        raise ReviewError(_("Only the secretariat authors questionnaires."))
    if not questionnaire.is_editable:
        raise ReviewError(_("A published questionnaire does not change: make a new version of it."))


def _edited(questionnaire: Questionnaire, *, by, data: dict) -> None:
    """Every edit of a draft: its audit entry, and a new version stamp for the editor once it commits."""
    mark_changed(questionnaire)
    record(AuditAction.QUESTIONNAIRE_EDITED, actor=by, target=questionnaire, data=data)


def _save_texts(instance, fields: list[str], *, created: bool) -> None:
    """Save, stamping the languages whose text changed (here: English, the source).

    The forms set the English columns; the plain column follows them, whatever language
    the author's pages are in.
    """
    with translation.override(SOURCE_LANGUAGE):
        for name in translated_fields(type(instance)):
            setattr(instance, name, getattr(instance, localized(name, SOURCE_LANGUAGE)))
    before = None if created else snapshot(type(instance).objects.get(pk=instance.pk))
    stamp_changed_languages(instance, before=before)
    instance.save(update_fields=None if created else [*fields, "translations_updated"])


# --- questionnaires ----------------------------------------------------------------------


def next_version(cluster: Cluster, instrument: Instrument) -> int:
    latest = Questionnaire.objects.filter(cluster=cluster, instrument=instrument).aggregate(Max("version"))
    return (latest["version__max"] or 0) + 1


@transaction.atomic
def create_questionnaire(
    *, cluster: Cluster, instrument: Instrument, title: str, introduction: str = "", by
) -> Questionnaire:
    if not can_author(by):
        raise ReviewError(_("Only the secretariat authors questionnaires."))
    questionnaire = Questionnaire(
        cluster=cluster,
        instrument=instrument,
        version=next_version(cluster, instrument),
        status=QuestionnaireStatus.DRAFT,
        title_en=title,
        introduction_en=introduction,
    )
    _save_texts(questionnaire, [], created=True)
    record(AuditAction.QUESTIONNAIRE_CREATED, actor=by, target=questionnaire, data={"version": questionnaire.version})
    return questionnaire


@transaction.atomic
def create_new_version(questionnaire: Questionnaire, *, by) -> Questionnaire:
    """A draft copy of a version, with every text and translation, numbered after the latest."""
    if not can_author(by):
        raise ReviewError(_("Only the secretariat authors questionnaires."))
    data = export_questionnaire(questionnaire)
    data["version"] = next_version(questionnaire.cluster, questionnaire.instrument)
    with translation.override(SOURCE_LANGUAGE):
        copy = import_questionnaire(data)
    record(
        AuditAction.QUESTIONNAIRE_CREATED,
        actor=by,
        target=copy,
        data={"version": copy.version, "from_version": questionnaire.version},
    )
    return copy


@transaction.atomic
def import_draft(text: str, *, by) -> Questionnaire:
    """A draft from a file in the format the download gives; the first error stops it and nothing is saved."""
    if not can_author(by):
        raise ReviewError(_("Only the secretariat authors questionnaires."))
    with translation.override(SOURCE_LANGUAGE):
        questionnaire = import_questionnaire(parse_questionnaire_text(text))
    record(
        AuditAction.QUESTIONNAIRE_CREATED,
        actor=by,
        target=questionnaire,
        data={"version": questionnaire.version, "imported": True},
    )
    return questionnaire


@transaction.atomic
def save_details(questionnaire: Questionnaire, *, by) -> Questionnaire:
    """Save the title and introduction the form set (in English, the source)."""
    _check_allowed(questionnaire, by)
    _save_texts(questionnaire, ["title_en", "introduction_en"], created=False)
    _edited(questionnaire, by=by, data={"changed": "details"})
    return questionnaire


# --- sections ----------------------------------------------------------------------------


@transaction.atomic
def save_section(section: Section, *, by) -> Section:
    """Create the section at the end of the questionnaire, or save the form's changes to it."""
    questionnaire = section.questionnaire
    _check_allowed(questionnaire, by)
    if section.article is not None and section.article.instrument_id != questionnaire.instrument_id:
        raise AuthoringError(_("The article must be one of the questionnaire's instrument."), field="article")
    created = section.pk is None
    if created:
        latest = questionnaire.sections.aggregate(Max("order"))["order__max"] or 0
        section.order = latest + 1
    _save_texts(section, ["title_en", "article"], created=created)
    _edited(questionnaire, by=by, data={"section": section.pk, "created": created, "title": section.title_en})
    return section


@transaction.atomic
def delete_section(section: Section, *, by) -> None:
    questionnaire = section.questionnaire
    _check_allowed(questionnaire, by)
    _edited(questionnaire, by=by, data={"deleted_section": section.title_en, "questions": section.questions.count()})
    section.delete()
    _renumber_sections(questionnaire, list(questionnaire.sections.order_by("order")))
    _renumber_questions(questionnaire)


@transaction.atomic
def move_section(section: Section, *, direction: str, by) -> None:
    questionnaire = section.questionnaire
    _check_allowed(questionnaire, by)
    sections = list(questionnaire.sections.order_by("order"))
    _renumber_sections(questionnaire, _moved(sections, section, direction))
    _renumber_questions(questionnaire)
    _edited(questionnaire, by=by, data={"moved_section": section.pk})


def _renumber_sections(questionnaire: Questionnaire, ordered: list[Section]) -> None:
    questionnaire.sections.update(order=F("order") + SHIFT)
    for position, section in enumerate(ordered, start=1):
        section.order = position
    Section.objects.bulk_update(ordered, ["order"])


def _moved(items: list, item, direction: str) -> list:
    index = next(position for position, candidate in enumerate(items) if candidate.pk == item.pk)
    target = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= target < len(items):
        return items
    items = list(items)
    items[index], items[target] = items[target], items[index]
    return items


# --- questions ---------------------------------------------------------------------------


@transaction.atomic
def save_question(question: Question, *, choices: list[tuple[str, str]], by) -> Question:
    """Create the question at the end of its section (or of its parent's follow-ups), or save it.

    ``choices`` are (key, English label) pairs in their order; a choice keeps its translations
    while its key stays. Every rule is checked before anything is written.
    """
    questionnaire = question.questionnaire
    _check_allowed(questionnaire, by)
    _validate_question(question, choices)
    created = question.pk is None
    if created:
        question.order = (questionnaire.questions.aggregate(Max("order"))["order__max"] or 0) + 1
    elif question.parent_id:
        question.section_id = Question.objects.values_list("section_id", flat=True).get(pk=question.parent_id)
    _save_texts(
        question,
        [
            "number",
            "kind",
            "required",
            "asks_assistance_needs",
            "text_en",
            "help_text_en",
            "parent",
            "condition",
            "section",
        ],
        created=created,
    )
    if not created:
        question.follow_ups.update(section_id=question.section_id)
    _save_choices(question, choices if question.kind in CHOICE_KINDS else [])
    _renumber_questions(questionnaire)
    _edited(questionnaire, by=by, data={"question": question.number, "created": created, "kind": question.kind})
    return question


def _validate_question(question: Question, choices: list[tuple[str, str]]) -> None:
    questionnaire = question.questionnaire
    duplicate = questionnaire.questions.filter(number=question.number).exclude(pk=question.pk).exists()
    if duplicate:
        raise AuthoringError(
            _("Question %(number)s exists already in this questionnaire: give another number.")
            % {"number": question.number},
            field="number",
        )
    if question.section.questionnaire_id != questionnaire.pk:
        raise AuthoringError(_("The section is not one of this questionnaire."), field="section")
    if question.parent is not None:
        _validate_follow_up(question, question.parent)
    elif question.condition:
        raise AuthoringError(_("Only a follow-up question has a condition."), field="condition")
    _validate_choices(question, choices)


def _validate_follow_up(question: Question, parent: Question) -> None:
    if parent.questionnaire_id != question.questionnaire_id:
        raise AuthoringError(_("A follow-up belongs to a question of the same questionnaire."), field="parent")
    ancestor: Question | None = parent
    while ancestor is not None:
        if ancestor.pk == question.pk:
            raise AuthoringError(_("A question cannot follow up on itself or its own follow-ups."), field="parent")
        ancestor = ancestor.parent
    offered = answers_of(parent)
    if question.condition not in offered:
        raise AuthoringError(
            _("“%(condition)s” is not an answer of question %(number)s; use one of: %(answers)s.")
            % {"condition": question.condition, "number": parent.number, "answers": ", ".join(offered) or "—"},
            field="condition",
        )


def _validate_choices(question: Question, choices: list[tuple[str, str]]) -> None:
    if question.kind in CHOICE_KINDS and len(choices) < 2:
        raise AuthoringError(_("A question with choices needs at least two choices."), field="choices")
    keys = [key for key, _label in choices]
    for key, label in choices:
        if not key or slugify(key) != key:
            raise AuthoringError(
                _("The choice key “%(key)s” may hold only letters, digits, - and _.") % {"key": key}, field="choices"
            )
        if not label.strip():
            raise AuthoringError(_("The choice “%(key)s” needs a label.") % {"key": key}, field="choices")
    if len(set(keys)) != len(keys):
        raise AuthoringError(_("Each choice needs a key of its own."), field="choices")
    if question.pk and question.kind != AnswerKind.YES_NO:
        offered = set(keys) if question.kind in CHOICE_KINDS else set()
        orphans = list(question.follow_ups.exclude(condition__in=offered).values_list("number", flat=True))
        if orphans:
            raise AuthoringError(
                _("Follow-up questions %(numbers)s depend on an answer this question would no longer offer.")
                % {"numbers": ", ".join(orphans)},
                field="kind",
            )


def answers_of(question: Question) -> list[str]:
    """The answers a follow-up of this question may be conditioned on."""
    if question.kind == AnswerKind.YES_NO:
        return ["yes", "no"]
    if question.kind in CHOICE_KINDS:
        return list(question.choices.values_list("key", flat=True))
    return []


def _save_choices(question: Question, choices: list[tuple[str, str]]) -> None:
    existing = {choice.key: choice for choice in question.choices.all()}
    question.choices.exclude(key__in=[key for key, _label in choices]).delete()
    for order, (key, label) in enumerate(choices):
        choice = existing.get(key) or Choice(question=question, key=key)
        created = choice.pk is None
        if not created and choice.label_en == label and choice.order == order:
            continue
        choice.order, choice.label_en = order, label
        _save_texts(choice, ["order", "label_en"], created=created)


@transaction.atomic
def delete_question(question: Question, *, by) -> None:
    questionnaire = question.questionnaire
    _check_allowed(questionnaire, by)
    _edited(questionnaire, by=by, data={"deleted_question": question.number})
    question.delete()
    _renumber_questions(questionnaire)


def siblings_of(question: Question) -> list[Question]:
    return list(
        Question.objects.filter(
            questionnaire_id=question.questionnaire_id, section_id=question.section_id, parent_id=question.parent_id
        ).order_by("order")
    )


@transaction.atomic
def move_question(question: Question, *, direction: str, by) -> None:
    """One place up or down among the questions of the same section and parent (its follow-ups go along)."""
    questionnaire = question.questionnaire
    _check_allowed(questionnaire, by)
    _renumber_questions(questionnaire, siblings=_moved(siblings_of(question), question, direction))
    _edited(questionnaire, by=by, data={"moved_question": question.number})


@transaction.atomic
def reorder_questions(section: Section, *, ids: list[int], parent: Question | None = None, by) -> None:
    """Put the questions of a section (or the follow-ups of ``parent``) in the order given, as dragged."""
    questionnaire = section.questionnaire
    _check_allowed(questionnaire, by)
    siblings = {
        question.pk: question
        for question in Question.objects.filter(section=section, parent=parent, questionnaire=questionnaire)
    }
    if sorted(ids) != sorted(siblings):
        raise AuthoringError(_("The new order must list each question of the section once."), field="order")
    _renumber_questions(questionnaire, siblings=[siblings[pk] for pk in ids])
    _edited(questionnaire, by=by, data={"reordered_section": section.pk})


def _renumber_questions(questionnaire: Questionnaire, *, siblings: list[Question] | None = None) -> None:
    """Number every question 1, 2, 3… in reading order: sections, then each question before its follow-ups.

    ``siblings`` (questions of one section and parent) take the places they held, in the new order.
    """
    questions = list(Question.objects.filter(questionnaire=questionnaire).order_by("order"))
    rank = {question.pk: question.order for question in questions}
    if siblings:
        slots = sorted(rank[question.pk] for question in siblings)
        rank.update({question.pk: slot for question, slot in zip(siblings, slots, strict=True)})
    section_order = dict(questionnaire.sections.values_list("pk", "order"))
    children: dict[int | None, list[Question]] = {}
    for question in sorted(questions, key=lambda question: (section_order[question.section_id], rank[question.pk])):
        children.setdefault(question.parent_id, []).append(question)
    ordered: list[Question] = []

    def visit(question: Question) -> None:
        ordered.append(question)
        for child in children.get(question.pk, []):
            visit(child)

    for question in children.get(None, []):
        visit(question)
    changed = [question for position, question in enumerate(ordered, start=1) if question.order != position]
    if not changed:
        return
    Question.objects.filter(pk__in=[question.pk for question in changed]).update(order=F("order") + SHIFT)
    for position, question in enumerate(ordered, start=1):
        question.order = position
    Question.objects.bulk_update(changed, ["order"])


# --- articles ----------------------------------------------------------------------------


@transaction.atomic
def save_article_links(article: Article, *, questionnaire: Questionnaire, by) -> Article:
    """The legislative guide and SHERLOC links the form set on an article of the questionnaire's instrument."""
    _check_allowed(questionnaire, by)
    if article.instrument_id != questionnaire.instrument_id:
        raise AuthoringError(_("The article must be one of the questionnaire's instrument."), field="article")
    article.save(update_fields=["guide_url", "sherloc_url"])
    _edited(
        questionnaire,
        by=by,
        data={"article": article.number, "guide_url": article.guide_url, "sherloc_url": article.sherloc_url},
    )
    return article


# --- publishing --------------------------------------------------------------------------


def problems_of(questionnaire: Questionnaire) -> list[Problem]:
    """Everything that stops this draft from being published, in reading order."""
    problems = []
    sections = list(questionnaire.sections.order_by("order"))
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("order"))
    if not sections:
        problems.append(Problem(_("Questionnaire"), _("sections"), _("It needs at least one section.")))
    asked = {question.section_id for question in questions}
    for section in sections:
        if section.pk not in asked:
            where = _("Section %(order)s") % {"order": section.order}
            problems.append(Problem(where, _("questions"), _("It has no question yet.")))
    by_id = {question.pk: question for question in questions}
    for question in questions:
        if question.kind in CHOICE_KINDS and len(question.choices.all()) < 2:
            problems.append(
                Problem(question_label(question), _("choices"), _("A question with choices needs at least two."))
            )
        parent = by_id.get(question.parent_id) if question.parent_id else None
        if parent is not None and question.condition not in _offered(parent):
            problems.append(
                Problem(
                    question_label(question),
                    _("condition"),
                    _("“%(condition)s” is not an answer of question %(number)s.")
                    % {"condition": question.condition, "number": parent.number},
                )
            )
    return problems


def _offered(question: Question) -> list[str]:
    """answers_of, from the prefetched choices."""
    if question.kind == AnswerKind.YES_NO:
        return ["yes", "no"]
    return [choice.key for choice in question.choices.all()] if question.kind in CHOICE_KINDS else []


@transaction.atomic
def publish(questionnaire: Questionnaire, *, by) -> Questionnaire:
    """Publish the draft once it is complete, and complete in every language its cycles require."""
    _check_allowed(questionnaire, by)
    problems = problems_of(questionnaire)
    if problems:
        raise QuestionnaireIncomplete(problems)
    missing = incomplete_translations(questionnaire, required_languages_for(questionnaire))
    if any(missing.values()):
        raise TranslationsIncomplete(missing)
    publish_version(questionnaire)
    mark_changed(questionnaire)
    record(AuditAction.QUESTIONNAIRE_PUBLISHED, actor=by, target=questionnaire, data={"version": questionnaire.version})
    return questionnaire
