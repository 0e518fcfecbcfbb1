"""How each kind of text of the reviews becomes rows of the search index.

Each builder takes the rows of one source (an answer, a comment...) already joined and returns
the documents to store for it: none when the text is empty or no longer exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from insights.enums import DocumentKind
from insights.models import SearchDocument
from reviews import selectors as review_selectors
from reviews.enums import AnswerKind
from reviews.models import Answer, CountryReview, Feedback, Observation, Question, Summary

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _column(language: str) -> str:
    """modeltranslation's suffix for a language code: zh-hans -> zh_hans."""
    return language.replace("-", "_")


def answer_text(question: Question, value) -> str:
    """The words of an answer worth finding: free text and the laws cited (not yes/no, choices or numbers)."""
    if value is None:
        return ""
    if question.kind == AnswerKind.TEXT and isinstance(value, str):
        return value
    if question.kind == AnswerKind.LEGISLATION and isinstance(value, list):
        parts = [
            f"{item.get('title', '')} {item.get('provision', '')}".strip() for item in value if isinstance(item, dict)
        ]
        return "\n".join(part for part in parts if part)
    return ""


def _of_review(review: CountryReview, **fields) -> SearchDocument:
    return SearchDocument(
        review_id=review.pk,
        state_id=review.state_id,
        region=review.state.regional_group,
        cluster_id=review.cycle.cluster_id,
        language=review.working_language,
        **fields,
    )


def _on_question(question: Question | None) -> dict:
    if question is None:
        return {}
    return {
        "question_id": question.pk,
        "questionnaire_id": question.questionnaire_id,
        "instrument_id": question.questionnaire.instrument_id,
        "article_id": question.section.article_id,
        "heading": question.number,
    }


def question_documents(question: Question) -> list[SearchDocument]:
    """One document per language the question is written in."""
    documents = []
    for language in LANGUAGE_CODES:
        text = getattr(question, f"text_{_column(language)}", None) or ""
        guidance = getattr(question, f"help_text_{_column(language)}", None) or ""
        body = f"{text}\n{guidance}".strip()
        if not body:
            continue
        documents.append(
            SearchDocument(
                kind=DocumentKind.QUESTION,
                source_id=question.pk,
                language=language,
                cluster_id=question.questionnaire.cluster_id,
                date=question.questionnaire.published_at or timezone.now(),
                body=body,
                **_on_question(question),
            )
        )
    return documents


def answer_documents(answer: Answer) -> list[SearchDocument]:
    body = answer_text(answer.question, answer.value).strip()
    if not body:
        return []
    fields = _on_question(answer.question)
    return [
        _of_review(
            answer.review, kind=DocumentKind.ANSWER, source_id=answer.pk, date=answer.updated_at, body=body, **fields
        )
    ]


def comment_documents(comment) -> list[SearchDocument]:
    body = comment.body.strip()
    if comment.deleted_at is not None or not body:
        return []
    thread = comment.thread
    return [
        _of_review(
            thread.review,
            kind=DocumentKind.COMMENT,
            source_id=comment.pk,
            date=comment.edited_at or comment.created_at,
            thread_visibility=thread.visibility,
            body=body,
            **_on_question(thread.question),
        )
    ]


def feedback_documents(feedback: Feedback) -> list[SearchDocument]:
    body = feedback.text.strip()
    if not body:
        return []
    return [
        _of_review(
            feedback.review,
            kind=DocumentKind.FEEDBACK,
            source_id=feedback.pk,
            date=feedback.submitted_at or feedback.updated_at,
            reviewing_state_id=feedback.reviewing_state_id,
            is_released=feedback.submitted_at is not None,
            body=body,
        )
    ]


def observation_documents(item: Observation) -> list[SearchDocument]:
    body = item.text.strip()
    if not body:
        return []
    articles = list(item.articles.all())
    questions = list(item.questions.all())
    article = articles[0] if articles else None
    question = questions[0] if questions else None
    observation_list = item.observation_list
    return [
        _of_review(
            observation_list.review,
            kind=DocumentKind.OBSERVATION,
            source_id=item.pk,
            date=observation_list.updated_at,
            reviewing_state_id=observation_list.reviewing_state_id,
            article_id=article.pk if article else (question.section.article_id if question else None),
            instrument_id=article.instrument_id if article else None,
            question_id=question.pk if question else None,
            heading=question.number if question else "",
            body=body,
        )
    ]


def summary_documents(summary: Summary) -> list[SearchDocument]:
    body = summary.text.strip()
    if not body:
        return []
    return [
        _of_review(
            summary.review,
            kind=DocumentKind.SUMMARY,
            source_id=summary.pk,
            date=summary.published_at or summary.updated_at,
            is_released=summary.published_at is not None,
            body=body,
        )
    ]


_REVIEW = ("review__state", "review__cycle")
_QUESTION = ("question__questionnaire", "question__section")


def _questions() -> QuerySet[Question]:
    return Question.objects.select_related("questionnaire", "section")


def _answers() -> QuerySet[Answer]:
    return Answer.objects.select_related(*_REVIEW, *_QUESTION).exclude(value=None)


def _observations() -> QuerySet[Observation]:
    return Observation.objects.select_related(
        "observation_list__review__state", "observation_list__review__cycle"
    ).prefetch_related("articles", Prefetch("questions", queryset=_questions()))


@dataclass(frozen=True)
class Source:
    """Where the rows of one kind come from and how they become documents."""

    rows: Callable[[], QuerySet]
    build: Callable[..., list[SearchDocument]]


SOURCES: dict[DocumentKind, Source] = {
    DocumentKind.QUESTION: Source(_questions, question_documents),
    DocumentKind.ANSWER: Source(_answers, answer_documents),
    DocumentKind.COMMENT: Source(review_selectors.comments_to_index, comment_documents),
    DocumentKind.FEEDBACK: Source(lambda: Feedback.objects.select_related(*_REVIEW), feedback_documents),
    DocumentKind.OBSERVATION: Source(_observations, observation_documents),
    DocumentKind.SUMMARY: Source(lambda: Summary.objects.select_related(*_REVIEW), summary_documents),
}


def documents_of(kind: DocumentKind, pk: int) -> list[SearchDocument]:
    """The documents one source row makes now: none when it is gone or has no text."""
    source = SOURCES[kind]
    row = source.rows().filter(pk=pk).first()
    return source.build(row) if row is not None else []


def every_document(kind: DocumentKind, *, chunk: int = 2000) -> Iterator[list[SearchDocument]]:
    """Every document of one kind, in batches, for a rebuild."""
    source = SOURCES[kind]
    batch: list[SearchDocument] = []
    rows: Iterable = source.rows().order_by("pk").iterator(chunk_size=chunk)
    for row in rows:
        batch.extend(source.build(row))
        if len(batch) >= chunk:
            yield batch
            batch = []
    if batch:
        yield batch
