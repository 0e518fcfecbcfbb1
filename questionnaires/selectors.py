"""Reads of the authoring pages: every one answers 404 to whoever may not author."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.http import Http404

from questionnaires.permissions import can_author
from reviews.models import Article, Question, Questionnaire, Section


def get_questionnaire_for_author(user, pk: int) -> Questionnaire:
    if not can_author(user):
        raise Http404
    questionnaire = Questionnaire.objects.select_related("cluster", "instrument").filter(pk=pk).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def editor_articles(questionnaire: Questionnaire) -> list[Article]:
    """The articles the questionnaire's sections ask about, in their order."""
    articles = Article.objects.filter(sections__questionnaire=questionnaire).distinct()
    return sorted(articles, key=_article_key)


def editor_sections(questionnaire: Questionnaire) -> dict:
    """What the editor page shows: sections, their questions nested under their parents, the articles.

    A constant number of queries whatever the size of the questionnaire.
    """
    sections = list(questionnaire.sections.select_related("article").order_by("order"))
    questions: list[Question] = list(
        Question.objects.filter(questionnaire=questionnaire)
        .only(*QUESTION_COLUMNS)
        .annotate(choice_count=Count("choices"))
        .order_by("order")
    )
    children: dict[int | None, list[Question]] = {}
    for question in questions:
        children.setdefault(question.parent_id, []).append(question)

    def row(question: Question, siblings: list[Question], index: int) -> EditorRow:
        follow_ups = children.get(question.pk, [])
        return EditorRow(
            question,
            is_first=index == 0,
            is_last=index == len(siblings) - 1,
            follow_ups=[row(child, follow_ups, position) for position, child in enumerate(follow_ups)],
        )

    top_level: dict[int, list[Question]] = {section.pk: [] for section in sections}
    for question in children.get(None, []):
        top_level[question.section_id].append(question)
    by_section = {
        pk: [row(question, siblings, position) for position, question in enumerate(siblings)]
        for pk, siblings in top_level.items()
    }
    return {"sections": [EditorSection(section, by_section[section.pk]) for section in sections]}


def _article_key(article: Article) -> tuple[int, str]:
    return (len(article.number), article.number)


QUESTION_COLUMNS = (
    "id", "questionnaire_id", "section_id", "parent_id", "condition", "number", "order", "kind", "required", "text_en",
)  # fmt: skip


@dataclass
class EditorRow:
    """A question on the editor page, its place among its siblings, and its follow-ups."""

    question: Question
    is_first: bool
    is_last: bool
    follow_ups: list[EditorRow] = field(default_factory=list)
    # Set by the editor view, once per line: its links and words.
    edit_url: str = ""
    follow_up_url: str = ""
    label: str = ""
    meta: str = ""
    condition_label: str = ""


@dataclass
class EditorSection:
    section: Section
    rows: list[EditorRow] = field(default_factory=list)
