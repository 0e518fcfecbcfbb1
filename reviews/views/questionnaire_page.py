"""The read page of a questionnaire: hundreds of questions, each cached as a fragment of its own.

A saved answer, an evidence file added or withdrawn, a comment posted: each changes the key of
one question's fragment, so the next view renders that question again and takes every other
one from the cache, all of them in one round trip. The frame around them (title, progress,
table of contents, section headings) is cached beside them, keyed by the progress it shows.
Which questions are asked, and every key, come on each view from the outline of the
questionnaire: a few small queries of rows, no texts.

Confidentiality: a cached part is shared only by readers of the same language and the same
permissions on the review (permissions.rights_of), and holds nothing of one request (rendered
without it: no CSRF token, no user).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext

from reviews import permissions, selectors, text_overlays
from reviews.models import CountryReview, Questionnaire
from reviews.questionnaire_versions import version_key, version_of
from reviews.selectors import OutlineQuestion

PLACEHOLDER = 987654321
FRAME_TEMPLATE = "reviews/questionnaire/_read_body.html"
FRAGMENT_TEMPLATE = "reviews/questionnaire/_read_question.html"
FRAGMENT_SECONDS = 24 * 60 * 60


@functools.cache
def _discussion_label(count: int, language: str) -> str:
    return ngettext("Discussion (%(counter)s comment)", "Discussion (%(counter)s comments)", count) % {"counter": count}


@functools.cache
def _revisions_label(count: int, language: str) -> str:
    return ngettext("%(counter)s revision", "%(counter)s revisions", count) % {"counter": count}


@login_required
def questionnaire(request: HttpRequest, pk: int, questionnaire_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_read_answers(request.user, review):
        raise Http404
    questionnaire = selectors.get_review_questionnaire(review, questionnaire_pk)
    reading = text_overlays.reading_for(request.user, review)
    context = {
        "review": review,
        "questionnaire": questionnaire,
        "reading": reading,
        "body": questionnaire_body(request, review, questionnaire, reading=reading),
        "onboarding_pending": permissions.must_complete_onboarding(request.user, review),
    }
    return render(request, "reviews/questionnaire/read.html", context)


@dataclass(frozen=True)
class Reader:
    """What a cached part of the page may depend on of the person who reads it."""

    language: str
    rights: str  # permissions.rights_of: equal only for people who hold the same permissions
    can_answer: bool
    comment_counts: dict[int | None, int]
    reading: text_overlays.Reading | None = None  # None: the original


def questionnaire_body(
    request: HttpRequest,
    review: CountryReview,
    questionnaire: Questionnaire,
    *,
    reading: text_overlays.Reading | None = None,
) -> SafeString:
    """The questions and answers of the read page: the frame and every fragment in one cache round trip.

    The frame (title, progress, table of contents, section headings) is cached as the pieces
    between the sections' questions; each asked question is a fragment of its own. Each stored
    part carries the questionnaire's text version: a part stored before a translation was saved is
    rendered again. Only what is missing or stale is rendered, and stored in one round trip.
    Read in a translation (``reading``), the fragments show the answers' translated texts and are
    keyed by the language and the state of its translations (text_overlays.Reading.version).
    """
    view = selectors.questionnaire_outline(review, questionnaire)
    reader = Reader(
        language=get_language(),
        rights=permissions.rights_of(request.user, review),
        can_answer=permissions.can_answer(request.user, review),
        comment_counts=selectors.comment_counts(request.user, review),
        reading=reading if reading is not None and reading.in_translation else None,
    )
    asked = [question for progress in view.sections for question in progress.questions if question.is_asked]
    keys = {question.pk: fragment_key(review, question, reader) for question in asked}
    frame = frame_key(review, view, reader)
    texts = version_key(questionnaire)
    found = cache.get_many([texts, frame, *keys.values()])
    version = found.get(texts) or version_of(questionnaire)
    fresh: dict[str, tuple[str, object]] = {}
    pieces = _current(found.get(frame), version)
    if pieces is None:
        pieces = fresh_frame(review, view, reader)
        fresh[frame] = (version, pieces)
    fragments = {}
    missing = []
    for question in asked:
        html = _current(found.get(keys[question.pk]), version)
        if html is None:
            missing.append(question)
        else:
            fragments[question.pk] = html
    if missing:
        rendered = render_fragments(review, questionnaire, missing, reader)
        fragments.update(rendered)
        fresh.update({keys[pk]: (version, html) for pk, html in rendered.items()})
    if fresh:
        cache.set_many(fresh, FRAGMENT_SECONDS)
    body = [pieces[0]]
    for progress, after in zip(view.sections, pieces[1:], strict=True):
        body.extend(fragments[question.pk] for question in progress.questions if question.is_asked)
        body.append(after)
    return mark_safe("".join(body))  # noqa: S308 - our own templates' output, escaped when it was rendered


def _current(stored, version: str):
    """The cached part if it was rendered from the questionnaire's current texts, else None."""
    if stored is None or stored[0] != version:
        return None
    return stored[1]


def fragment_key(review: CountryReview, question: OutlineQuestion, reader: Reader) -> str:
    """Everything a question's fragment shows depends on, so that a change makes a new key.

    The reader's language and rights (two readers share a fragment only when they hold the same
    permissions), the question (its id is its questionnaire version's), the answer's revision
    (every save adds one) and status, its current evidence files (added or withdrawn, never
    edited), the number of comments on it this reader may see, and the language read with the
    state of its translations (a translation saved, done or outdated makes a new key).
    """
    answer = question.answer
    parts = (
        review.pk,
        question.questionnaire_id,
        question.pk,
        reader.language,
        reader.rights,
        answer.revision if answer else None,
        answer.status if answer else None,
        question.evidence,
        reader.comment_counts.get(question.pk, 0),
        reader.reading.version if reader.reading else "",
    )
    return "questionnaire-question:v1:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def frame_key(review: CountryReview, view: selectors.QuestionnaireView, reader: Reader) -> str:
    """The frame shows the progress of each section and, to those who may answer now, a link to answer it."""
    progress = tuple((part.section.pk, part.answered, part.required) for part in view.sections)
    parts = (review.pk, view.questionnaire.pk, reader.language, reader.rights, reader.can_answer, progress)
    return "questionnaire-frame:v1:" + hashlib.sha256(repr(parts).encode()).hexdigest()


QUESTIONS_GO_HERE = "<!-- questions -->"  # never in escaped text: "<" is escaped


def fresh_frame(review: CountryReview, view: selectors.QuestionnaireView, reader: Reader) -> list[str]:
    """The frame rendered, cut where each section's questions go: one piece more than sections."""
    context = {
        "review": review,
        "view": view,
        "can_answer": reader.can_answer,
        "questions_go_here": mark_safe(QUESTIONS_GO_HERE),  # noqa: S308 - a constant of ours
        "LANGUAGE_CODE": reader.language,
    }
    return get_template(FRAME_TEMPLATE).render(context).split(QUESTIONS_GO_HERE)


def render_fragments(
    review: CountryReview, questionnaire: Questionnaire, outline: list[OutlineQuestion], reader: Reader
) -> dict[int, SafeString]:
    """Render the fragments of these questions of the outline: texts, choices, evidence and needs in four queries."""
    texts = selectors.question_texts(questionnaire, [question.pk for question in outline])
    answered = [question.pk for question in outline if question.answer]
    files = selectors.current_evidence_of(review, answered)
    needs = selectors.needs_of_questions(review, [pk for pk in answered if texts[pk].asks_assistance_needs])
    # Reversing two URLs for each of hundreds of questions dominated a cold page: reverse once.
    discussion = reverse("reviews:question_discussion", kwargs={"pk": review.pk, "question_pk": PLACEHOLDER})
    history = reverse("reviews:answer_history", kwargs={"pk": review.pk, "question_pk": PLACEHOLDER})
    template = get_template(FRAGMENT_TEMPLATE)
    rendered: dict[int, SafeString] = {}
    for shape in outline:
        question = texts[shape.pk]
        question.value, question.is_asked = shape.value, shape.is_asked
        question.evidence_files = files.get(shape.pk, [])
        question.needs = needs.get(shape.pk, [])
        question.discussion_url = discussion.replace(str(PLACEHOLDER), str(question.pk))
        question.history_url = history.replace(str(PLACEHOLDER), str(question.pk))
        question.answer_pk = shape.answer.pk if shape.answer else None
        question.comment_count = reader.comment_counts.get(question.pk, 0)
        question.discussion_label = _discussion_label(question.comment_count, reader.language)
        if shape.answer and shape.answer.revision:
            question.revisions_label = _revisions_label(shape.answer.revision, reader.language)
        # No request: a fragment is shared by readers of the same rights, so it holds nothing of
        # one reader or one request (no CSRF token, no user); the language is the only context it takes.
        context = {"review": review, "question": question, "LANGUAGE_CODE": reader.language, "reading": reader.reading}
        rendered[question.pk] = mark_safe(template.render(context))  # noqa: S308 - escaped as it was rendered
    return rendered
