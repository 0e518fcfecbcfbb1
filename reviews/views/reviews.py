"""The review pages: my reviews, the secretariat overview, a review, its participants and moves."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import page_links, permissions, selectors, services, text_overlays
from reviews.enums import Step
from reviews.forms import (
    AddParticipantForm,
    MoveReviewForm,
    OverviewFilterForm,
)
from reviews.models import Participant, ReviewCycle
from reviews.timetable_forms import ExtendDeadlineForm, WorkingLanguagesForm
from reviews.workflow import forward_moves, reopen_moves


def secretariat_only(user) -> None:
    if not permissions.can_manage_reviews(user):
        raise Http404


@login_required
def my_reviews(request: HttpRequest) -> HttpResponse:
    reviews = list(selectors.my_reviews(request.user)[:200])
    return render(request, "reviews/review/list.html", {"reviews": reviews})


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    secretariat_only(request.user)
    form = OverviewFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reviews = selectors.overview_reviews(filters)
    page = Paginator(reviews, 50).get_page(request.GET.get("page"))
    counts = selectors.overview_counts(reviews)
    count_tables = [
        (_("By step"), counts["step"]),
        (_("By review group"), counts["group"]),
        (_("By cluster"), counts["cluster"]),
        (_("By regional group"), counts["regional_group"]),
    ]
    context = {
        "form": form,
        "page": page,
        "counts": counts,
        "count_tables": count_tables,
        "cycles": ReviewCycle.objects.order_by("-first_year"),
    }
    return render(request, "reviews/overview.html", context)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.review_detail(selectors.get_review_for_user(request.user, pk))
    reading = text_overlays.reading_for(request.user, review)
    languages = export_languages(review, translated=set(reading.languages))
    context = {
        "review": review,
        "can_answer": permissions.can_answer(request.user, review),
        "can_submit": permissions.can_submit(request.user, review),
        "onboarding_pending": permissions.must_complete_onboarding(request.user, review),
        "can_read_answers": permissions.can_read_answers(request.user, review),
        "can_manage": permissions.can_manage_reviews(request.user),
        "can_read_dialogue": permissions.can_read_dialogue(request.user, review),
        "more_links": page_links.links_for(request, review),
        "more_sections": page_links.sections_for(request, review),
        "timeline": page_links.timeline_for(request, review),
        "open_clarifications": list(selectors.open_clarifications(request.user, review)),
        "forward_moves": forward_moves(review.step),
        "reopen_moves": reopen_moves(review.step),
        "export_languages": languages,
        "reading": reading,
        "other_working_languages": [item["label"] for item in languages if item["working"]][1:],
    }
    if context["can_manage"]:
        context["deadline_form"] = ExtendDeadlineForm(review=review) if review.step != Step.FINALIZED else None
        context["languages_form"] = WorkingLanguagesForm.for_review(review)
    return render(request, "reviews/review/detail.html", context)


def export_languages(review, *, translated: Collection[str] = ()) -> list[dict]:
    """The languages a document can be made in: the review's working languages first, the main one chosen.

    In a language of ``translated`` the document prints the review's translated texts too.
    """
    working = review.working_languages
    labels = dict(settings.LANGUAGES)
    codes = working + [code for code in labels if code not in working]
    return [
        {
            "code": code,
            "label": labels[code],
            "name_local": get_language_info(code)["name_local"],
            "working": code in working,
            "translated": code in translated and code not in working,
        }
        for code in codes
        if code in labels
    ]


@login_required
@require_POST
def move_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    secretariat_only(request.user)
    form = MoveReviewForm(request.POST)
    if form.is_valid():
        try:
            services.move_review(
                review, to_step=Step(form.cleaned_data["to_step"]), user=request.user, note=form.cleaned_data["note"]
            )
            messages.success(
                request, _("The review is now at the step “%(step)s”.") % {"step": review.get_step_display()}
            )
        except services.ReviewError as error:
            messages.error(request, str(error))
    return redirect("reviews:detail", pk=review.pk)


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    secretariat_only(request.user)
    form = AddParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            form.add_error("email", _("No account has this e-mail address. Invite the person first."))
        else:
            try:
                services.add_participant(review, user=person, role=form.cleaned_data["role"], by=request.user)
                messages.success(request, _("%(person)s now takes part in the review.") % {"person": person})
                return redirect("reviews:participants", pk=review.pk)
            except services.ReviewError as error:
                form.add_error(None, str(error))
    review = selectors.review_detail(review)
    return render(request, "reviews/review/participants.html", {"review": review, "form": form})


@login_required
@require_POST
def remove_participant(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    secretariat_only(request.user)
    participant = get_object_or_404(Participant, pk=participant_pk, review=review, is_active=True)
    services.remove_participant(participant, by=request.user)
    messages.success(request, _("%(person)s no longer takes part in the review.") % {"person": participant.user})
    return redirect("reviews:participants", pk=review.pk)
