"""Pages for the outputs of a review, and the public page of published summaries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from reviews import permissions, published_items, selectors, services, text_overlays
from reviews.answer_values import NeedInput
from reviews.enums import AssistancePriority, ExportFormat, ObservationCategory, Step
from reviews.models import Article, Feedback, Observation, ObservationList, Question, Summary
from reviews.selectors import OBSERVATION_PREFETCH
from reviews.services.exports import output_file


def _review_with_dialogue(request: HttpRequest, pk: int):
    """The review, when the user reads its dialogue and outputs (national contributors do not): else 404."""
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_read_dialogue(request.user, review):
        raise Http404
    return review


@login_required
def outputs(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_with_dialogue(request, pk)
    feedback = [
        {
            "item": item,
            "can_write": permissions.can_write_feedback(request.user, review, item),
            "can_send": permissions.can_send_feedback(request.user, review, item),
        }
        for item in Feedback.objects.filter(review=review).select_related("reviewing_state", "updated_by")
        if permissions.can_read_feedback(request.user, review, item)
    ]
    lists = [
        {
            "item": item,
            "can_write": permissions.can_write_output(request.user, review, item, step=Step.OBSERVATIONS),
            "can_sign": permissions.signing_side(request.user, review, item) is not None,
        }
        for item in ObservationList.objects.filter(review=review)
        .select_related("reviewing_state", "reviewed_signed_by", "reviewing_signed_by")
        .prefetch_related(*OBSERVATION_PREFETCH)
    ]
    summary = Summary.objects.filter(review=review).select_related("reviewed_signed_by", "reviewing_signed_by").first()
    reading = text_overlays.reading_for(request.user, review)
    context = {
        "review": review,
        "reading": reading,
        "translated": reading if reading.in_translation else None,
        "feedback": feedback,
        "lists": lists,
        "summary": summary,
        "summary_can_write": bool(summary)
        and permissions.can_write_output(request.user, review, summary, step=Step.SUMMARY),
        "summary_can_sign": bool(summary) and permissions.signing_side(request.user, review, summary) is not None,
        "categories": ObservationCategory.choices,
        "articles": Article.objects.filter(sections__questionnaire__reviews=review).distinct(),
        "assistance_categories": selectors.active_assistance_categories(),
        "priorities": AssistancePriority.choices,
    }
    return render(request, "reviews/outputs/page.html", context)


def _back(review) -> HttpResponse:
    return redirect("reviews:outputs", pk=review.pk)


def _run(request: HttpRequest, action, review) -> HttpResponse:
    try:
        action()
    except services.ReviewError as error:
        messages.error(request, str(error))
    return _back(review)


@login_required
@require_POST
def feedback_save(request: HttpRequest, pk: int, feedback_pk: int) -> HttpResponse:
    review = _review_with_dialogue(request, pk)
    item = get_object_or_404(Feedback, pk=feedback_pk, review=review)
    if not permissions.can_read_feedback(request.user, review, item):
        raise Http404
    if request.POST.get("send"):
        return _run(request, lambda: services.send_feedback(item, user=request.user), review)
    return _run(
        request, lambda: services.save_feedback(item, text=request.POST.get("text", ""), user=request.user), review
    )


@login_required
@require_POST
def observation_add(request: HttpRequest, pk: int, list_pk: int) -> HttpResponse:
    review = _review_with_dialogue(request, pk)
    observation_list = get_object_or_404(ObservationList, pk=list_pk, review=review)
    category = request.POST.get("category")
    if category not in ObservationCategory.values:
        messages.error(request, str(ObservationCategory.GAP.label))
        return _back(review)
    numbers = [n.strip() for n in request.POST.get("questions", "").replace(";", ",").split(",") if n.strip()]
    questions = Question.objects.filter(questionnaire__reviews=review, number__in=numbers)
    articles = Article.objects.filter(pk__in=[a for a in request.POST.getlist("articles") if a.isdigit()])
    return _run(
        request,
        lambda: services.add_observation(
            observation_list,
            category=ObservationCategory(category),
            text=request.POST.get("text", ""),
            articles=articles,
            questions=questions,
            need=NeedInput(
                category=request.POST.get("need_category", ""),
                article=request.POST.get("need_article", ""),
                priority=request.POST.get("need_priority", ""),
            ),
            user=request.user,
        ),
        review,
    )


@login_required
@require_POST
def observation_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    review = _review_with_dialogue(request, pk)
    item = get_object_or_404(Observation, pk=item_pk, observation_list__review=review)
    return _run(request, lambda: services.remove_observation(item, user=request.user), review)


@login_required
@require_POST
def sign_list(request: HttpRequest, pk: int, list_pk: int) -> HttpResponse:
    review = _review_with_dialogue(request, pk)
    observation_list = get_object_or_404(ObservationList, pk=list_pk, review=review)
    return _run(request, lambda: services.sign_off(observation_list, user=request.user), review)


@login_required
@require_POST
def summary_save(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_with_dialogue(request, pk)
    summary = get_object_or_404(Summary, review=review)
    if request.POST.get("sign"):
        return _run(request, lambda: services.sign_off(summary, user=request.user), review)
    return _run(
        request, lambda: services.save_summary(summary, text=request.POST.get("text", ""), user=request.user), review
    )


def _output_querysets() -> dict[str, QuerySet]:
    """What each kind of output is read from, with what its document shows."""
    common = ("review__state", "review__cycle__cluster")
    return {
        "feedback": Feedback.objects.select_related(*common, "reviewing_state"),
        "observations": ObservationList.objects.select_related(
            *common, "reviewing_state", "reviewed_signed_by", "reviewing_signed_by"
        ).prefetch_related(*OBSERVATION_PREFETCH),
        "summary": Summary.objects.select_related(*common, "reviewed_signed_by", "reviewing_signed_by"),
    }


_CONTENT_TYPES = {
    ExportFormat.PDF: "application/pdf",
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
@require_GET
def export_output(request: HttpRequest, pk: int, kind: str, output_pk: int, extension: str) -> HttpResponse:
    """One output as PDF or Word, in the reader's language, for exactly those who read it on the outputs page."""
    review = _review_with_dialogue(request, pk)
    outputs = _output_querysets().get(kind)
    if outputs is None or extension not in ExportFormat.values:
        raise Http404
    output = get_object_or_404(outputs, pk=output_pk, review=review)
    if isinstance(output, Feedback) and not permissions.can_read_feedback(request.user, review, output):
        raise Http404
    export_format = ExportFormat(extension)
    name, content = output_file(
        output, user=request.user, export_format=export_format, language=translation.get_language()
    )
    response = HttpResponse(content, content_type=_CONTENT_TYPES[export_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def published(request: HttpRequest) -> HttpResponse:
    """Public: the summaries of finalized reviews, and nothing else; each with the languages it reads in."""
    summaries = list(
        Summary.objects.filter(published_at__isnull=False)
        .select_related("review__state", "review__cycle")
        .order_by("-published_at")
    )
    translated = text_overlays.published_translations(summaries)
    for summary in summaries:
        summary.languages = _summary_languages(summary, translated.get(summary.pk, {}))  # type: ignore[attr-defined]
    context = {"summaries": summaries, "sections": published_items.published_sections()}
    return render(request, "reviews/outputs/published.html", context)


def _summary_languages(summary: Summary, translations: dict[str, str]) -> list[dict]:
    """The languages a published summary reads in: its original first, then its translations."""
    original = summary.review.working_language
    return [
        {"code": code, "name": text_overlays.language_name(code), "original": code == original}
        for code in [original, *sorted(translations)]
    ]


def published_summary(request: HttpRequest, pk: int, language: str | None = None) -> HttpResponse:
    """Public: a published summary in its original language, or in one it was translated into."""
    summary = get_object_or_404(
        Summary.objects.select_related("review__state", "review__cycle__cluster"),
        review_id=pk,
        published_at__isnull=False,
    )
    translations = text_overlays.published_translations([summary]).get(summary.pk, {})
    original = summary.review.working_language
    if language is not None and language != original and language not in translations:
        raise Http404
    shown = original if language is None else language
    context = {
        "summary": summary,
        "text": translations.get(shown, summary.text),
        "text_language": shown,
        "text_dir": "rtl" if translation.get_language_info(shown)["bidi"] else "ltr",
        "languages": _summary_languages(summary, translations),
    }
    return render(request, "reviews/outputs/published_summary.html", context)
