"""Technical-assistance needs: the secretariat's taxonomy, and the needs recorded with answers and observations."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reviews.answer_values import CleanNeed, NeedInput
from reviews.enums import AssistancePriority
from reviews.models import (
    Answer,
    Article,
    AssistanceCategory,
    AssistanceNeed,
    CountryReview,
    Question,
    Questionnaire,
)
from reviews.questionnaire_versions import mark_changed
from reviews.services.errors import ReviewError
from revmod.accounts.permissions import is_secretariat
from revmod.audit.enums import AuditAction
from revmod.audit.services import record

MAX_NEEDS = 20
MAX_NEED_TEXT = 2000
LANGUAGE_COLUMNS = [code.replace("-", "_") for code, _name in settings.LANGUAGES]


# --- the taxonomy -----------------------------------------------------------------------------


def _check_secretariat(user) -> None:
    if not is_secretariat(user):
        raise ReviewError(_("Only the secretariat maintains the categories of technical assistance."))


def _clean_names(names: dict[str, str]) -> dict[str, str]:
    """The name in each language (column suffix -> text); English is required."""
    cleaned = {language: (names.get(language) or "").strip() for language in LANGUAGE_COLUMNS}
    if not cleaned["en"]:
        raise ReviewError(_("Give the category a name in English."))
    if any(len(name) > 200 for name in cleaned.values()):
        raise ReviewError(_("A name has at most 200 characters."))
    return cleaned


def _taxonomy_changed(by, data: dict) -> None:
    """Names show inside cached answers: every questionnaire asking for needs is rendered again."""
    for questionnaire_id in (
        Question.objects.filter(asks_assistance_needs=True).values_list("questionnaire_id", flat=True).distinct()
    ):
        mark_changed(Questionnaire(pk=questionnaire_id))
    record(AuditAction.ASSISTANCE_CATEGORIES_CHANGED, actor=by, data=data)


@transaction.atomic
def create_assistance_category(*, names: dict[str, str], by) -> AssistanceCategory:
    """A new category at the end of the list, its code made from its English name."""
    _check_secretariat(by)
    cleaned = _clean_names(names)
    code = slugify(cleaned["en"])[:40] or "category"
    if AssistanceCategory.objects.filter(code=code).exists():
        raise ReviewError(_("A category with this English name exists already."))
    position = (AssistanceCategory.objects.aggregate(Max("position"))["position__max"] or 0) + 1
    category = AssistanceCategory(code=code, position=position, name=cleaned["en"])
    for language, name in cleaned.items():
        setattr(category, f"name_{language}", name or None)
    category.save()
    _taxonomy_changed(by, {"created": code})
    return category


@transaction.atomic
def rename_assistance_category(category: AssistanceCategory, *, names: dict[str, str], by) -> AssistanceCategory:
    _check_secretariat(by)
    cleaned = _clean_names(names)
    for language, name in cleaned.items():
        setattr(category, f"name_{language}", name or None)
    category.save(update_fields=[f"name_{language}" for language in LANGUAGE_COLUMNS])
    _taxonomy_changed(by, {"renamed": category.code})
    return category


@transaction.atomic
def move_assistance_category(category: AssistanceCategory, *, up: bool, by) -> None:
    """Swap the category with its neighbour above or below; at either end nothing moves."""
    _check_secretariat(by)
    ordered = list(AssistanceCategory.objects.select_for_update().order_by("position", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == category.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    AssistanceCategory.objects.bulk_update(ordered, ["position"])
    _taxonomy_changed(by, {"moved": category.code})


@transaction.atomic
def set_assistance_category_active(category: AssistanceCategory, *, active: bool, by) -> AssistanceCategory:
    """An inactive category is offered for no new need; the needs that have it keep it."""
    _check_secretariat(by)
    category.is_active = active
    category.save(update_fields=["is_active"])
    _taxonomy_changed(by, {"activated" if active else "deactivated": category.code})
    return category


@transaction.atomic
def delete_assistance_category(category: AssistanceCategory, *, by) -> None:
    _check_secretariat(by)
    if category.needs.exists():
        raise ReviewError(_("This category is in use: deactivate it instead, so the needs recorded keep it."))
    code = category.code
    category.delete()
    _taxonomy_changed(by, {"deleted": code})


# --- needs ------------------------------------------------------------------------------------


def clean_needs(
    question: Question, rows: list[NeedInput], *, current: Sequence[AssistanceNeed] = ()
) -> list[CleanNeed]:
    """The needs to store with an answer to ``question``, or ReviewError saying what is wrong.

    Blank rows are dropped. A category no longer active stays allowed on a need that has it already.
    """
    rows = [row for row in rows if not row.is_blank]
    if not rows:
        return []
    if not question.asks_assistance_needs:
        raise ReviewError(_("This question does not ask for technical assistance needs."))
    if len(rows) > MAX_NEEDS:
        raise ReviewError(_("At most %(max)d needs of technical assistance per answer.") % {"max": MAX_NEEDS})
    kept = {need.category_id for need in current}
    categories = set(AssistanceCategory.objects.filter(is_active=True).values_list("pk", flat=True)) | kept
    articles = set(
        Article.objects.filter(instrument__questionnaires=question.questionnaire_id).values_list("pk", flat=True)
    )
    return [_clean_need(row, categories=categories, articles=articles) for row in rows]


def _clean_need(row: NeedInput, *, categories: set[int], articles: set[int]) -> CleanNeed:
    if not row.category.isdigit() or int(row.category) not in categories:
        raise ReviewError(_("Choose a category for each need of technical assistance."))
    article = int(row.article) if row.article.isdigit() else None
    if row.article and article not in articles:
        raise ReviewError(_("Choose the article among those of the instrument, or none."))
    priority = row.priority or AssistancePriority.MEDIUM
    if priority not in AssistancePriority.values:
        raise ReviewError(_("Choose a priority: high, medium or low."))
    text = row.text.strip()
    if len(text) > MAX_NEED_TEXT:
        raise ReviewError(_("A need is described in at most %(max)d characters.") % {"max": MAX_NEED_TEXT})
    return CleanNeed(int(row.category), article, priority, text)


def clean_observation_need(review: CountryReview, row: NeedInput) -> CleanNeed:
    """The need an observation of category "technical assistance need" records; its category is required."""
    if not row.category:
        raise ReviewError(_("Choose the category of technical assistance this observation is about."))
    categories = set(AssistanceCategory.objects.filter(is_active=True).values_list("pk", flat=True))
    articles = set(
        Article.objects.filter(sections__questionnaire__reviews=review).values_list("pk", flat=True).distinct()
    )
    return _clean_need(row, categories=categories, articles=articles)


def as_clean(need: AssistanceNeed) -> CleanNeed:
    return CleanNeed(need.category_id, need.article_id, need.priority, need.text)


def replace_answer_needs(answer: Answer, needs: list[CleanNeed]) -> None:
    """Called by save_answer, which checks the rights and the revision, inside its transaction."""
    answer.assistance_needs.all().delete()
    AssistanceNeed.objects.bulk_create(
        AssistanceNeed(
            answer=answer,
            category_id=need.category_id,
            article_id=need.article_id,
            priority=need.priority,
            text=need.text,
            order=order,
        )
        for order, need in enumerate(needs)
    )
