"""The translation pages: a translator's queue, a review's requests and translators, the side-by-side editor.

Anyone who may not see a request or a translation gets 404, as for a review.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from reviews.selectors import get_review_for_user
from revmod.accounts.http import AuthenticatedHttpRequest
from revmod.core.machine_translation import MachineTranslationError
from translations import machine, permissions, selectors, services
from translations.forms import SCOPE_FIELDS, AssignForm, GrantForm, RequestForm, TranslationForm
from translations.models import TranslatorGrant


@login_required
@require_GET
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    requests = list(selectors.queue_of(request.user))
    context = {"requests": requests, "outdated": selectors.outdated_rows_of(requests)}
    return render(request, "translations/queue.html", context)


def _review(request: AuthenticatedHttpRequest, pk: int):
    review = get_review_for_user(request.user, pk)
    if not permissions.can_see_review_translations(request.user, review):
        raise Http404
    return review


def _request_form(request: AuthenticatedHttpRequest, review, *, data=None) -> RequestForm:
    user = request.user
    scopes = permissions.requestable_scopes(user, review)
    return RequestForm(data, review=review, scopes=scopes, own_state=permissions.own_reviewing_state(user, review))


def _review_page(request: AuthenticatedHttpRequest, review, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    manage = permissions.can_manage_translators(user, review)
    grants = list(selectors.grants_of_review(review)) if manage else []
    context = {
        "review": review,
        "requests": selectors.requests_of_review(user, review),
        "grants": grants,
        "can_manage": manage,
        "request_form": forms.get("request_form") or _request_form(request, review),
        "grant_form": forms.get("grant_form") or GrantForm(),
    }
    return render(request, "translations/review.html", context, status=status)


@login_required
@require_GET
def review_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, _review(request, pk))


@login_required
@require_POST
def request_translation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = _request_form(request, review, data=request.POST)
    if form.is_valid():
        data: dict[str, Any] = {**dict.fromkeys(SCOPE_FIELDS.values()), **form.cleaned_data}
        try:
            made = services.request_translation(
                review,
                scope=data["scope"],
                languages=data["languages"],
                section=data["section"],
                questionnaire=data["questionnaire"],
                feedback=data["feedback"],
                observation_list=data["observation_list"],
                due_date=data["due_date"],
                by=request.user,
            )
        except services.TranslationError as error:
            form.add_error(None, str(error))
        else:
            count = len(made)
            done = ngettext(
                "Translation requested into %(count)d language.",
                "Translation requested into %(count)d languages.",
                count,
            )
            messages.success(request, done % {"count": count})
            return redirect("translations:review", pk=review.pk)
    return _review_page(request, review, status=400, request_form=form)


@login_required
@require_POST
def grant_translator(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not permissions.can_manage_translators(request.user, review):
        raise Http404
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            services.grant_translator(review, **form.cleaned_data, by=request.user)
        except services.TranslationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The translator is named."))
            return redirect("translations:review", pk=review.pk)
    return _review_page(request, review, status=400, grant_form=form)


@login_required
@require_POST
def revoke_translator(request: AuthenticatedHttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not permissions.can_manage_translators(request.user, review):
        raise Http404
    grant = get_object_or_404(TranslatorGrant, pk=grant_pk, review=review, is_active=True)
    services.revoke_translator(grant, by=request.user)
    messages.success(request, _("%(person)s no longer translates this review.") % {"person": grant.user})
    return redirect("translations:review", pk=review.pk)


@login_required
@require_POST
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    translation_request = selectors.get_request_for_user(request.user, pk)
    review = translation_request.review
    if not permissions.can_manage_translators(request.user, review):
        raise Http404
    grants = selectors.grants_of_review(review).filter(language=translation_request.language)
    form = AssignForm(request.POST, grants=grants)
    if form.is_valid():
        services.assign_request(translation_request, translator_id=form.cleaned_data["translator"], by=request.user)
        messages.success(request, _("The request is given to its translator."))
    else:
        messages.error(request, _("Choose a translator of this review into this language."))
    return redirect("translations:review", pk=review.pk)


def _machine_reaches(translation_request) -> bool:
    """A machine-translation provider drafts from the review's working language into the request's."""
    review = translation_request.review
    return machine.drafting_provider(review.working_language, translation_request.language) is not None


def _editor(request: AuthenticatedHttpRequest, translation_request, *, problems=None, status: int = 200):
    rows = selectors.editor_rows(translation_request)
    can_translate = permissions.can_translate(request.user, translation_request)
    offered = can_translate and _machine_reaches(translation_request)
    context = {
        "translation_request": translation_request,
        "rows": rows,
        "can_translate": can_translate,
        "machine_offered": offered,
        "empty_count": sum(1 for row in rows if not row.translation.text and row.source.strip()) if offered else 0,
        "problems": problems or {},
    }
    return render(request, "translations/editor.html", context, status=status)


@login_required
@require_GET
def editor(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _editor(request, selectors.get_request_for_user(request.user, pk))


def _wants_json(request: AuthenticatedHttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def save(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Save one translation: JSON for the page's autosave, the editor again without the script."""
    translation = selectors.get_translation_for_user(request.user, pk)
    form = TranslationForm(request.POST)
    done = "done" in request.POST
    problem: dict = {}
    if not form.is_valid():
        problem = {"status": "error", "message": _("The page was out of date: reload it and try again.")}
    else:
        data = form.cleaned_data
        try:
            translation = services.save_translation(
                translation, text=data["text"], base_version=data["version"], seen_hash=data["seen"], user=request.user
            )
            if done:
                translation = services.mark_done(
                    translation, base_version=translation.version, seen_hash=data["seen"], user=request.user
                )
        except services.TranslationConflict as conflict:
            theirs = conflict.translation
            problem = {
                "status": "conflict",
                "message": str(conflict),
                "version": theirs.version,
                "theirs": theirs.text,
                "mine": data["text"],
                "by": str(theirs.translator or ""),
            }
        except services.TranslationError as error:
            problem = {"status": "error", "message": str(error), "mine": data["text"]}
    return _answer(request, translation, problem, done=done)


def _answer(request: AuthenticatedHttpRequest, translation, problem: dict, *, done: bool) -> HttpResponse:
    code = 409 if problem.get("status") == "conflict" else 400
    if _wants_json(request):
        if problem:
            return JsonResponse(problem, status=code)
        saved = {
            "status": "saved",
            "version": translation.version,
            "message": _("Saved"),
            "translation_status": translation.status,
            "translation_status_label": translation.get_status_display(),
        }
        return JsonResponse(saved)
    if problem:
        messages.error(request, problem["message"])
        return _editor(request, translation.request, problems={translation.pk: problem}, status=code)
    messages.success(request, _("Marked done.") if done else _("Saved"))
    return _back_to_editor(translation.request_id, translation)


@login_required
@require_POST
def machine_draft_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Machine drafts for the request's empty units, a batch at a time."""
    return _machine_draft(request, selectors.get_request_for_user(request.user, pk))


@login_required
@require_POST
def machine_draft_unit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A machine draft of one empty unit: JSON for the page's script, the editor again without it."""
    translation = selectors.get_translation_for_user(request.user, pk)
    return _machine_draft(request, translation.request, unit=translation)


def _machine_draft(request: AuthenticatedHttpRequest, translation_request, *, unit=None) -> HttpResponse:
    if not (permissions.can_translate(request.user, translation_request) and _machine_reaches(translation_request)):
        raise Http404  # without a provider for these languages the feature does not exist
    try:
        made = services.draft_by_machine(translation_request, user=request.user, unit=unit)
    except (MachineTranslationError, services.TranslationError) as error:
        if _wants_json(request):
            return JsonResponse({"status": "error", "message": str(error)}, status=502)
        messages.error(request, str(error))
        return _back_to_editor(translation_request.pk, unit)
    if _wants_json(request):
        return _drafted_json(made)
    if made.drafted:
        count = len(made.drafted)
        done = ngettext(
            "%(count)d machine draft written: check it and confirm it.",
            "%(count)d machine drafts written: check each one and confirm it.",
            count,
        )
        messages.success(request, done % {"count": count})
    else:
        messages.info(request, _("There is no empty text to draft."))
    if made.left:
        more = ngettext(
            "%(count)d more empty text: ask for machine drafts again.",
            "%(count)d more empty texts: ask for machine drafts again.",
            made.left,
        )
        messages.info(request, more % {"count": made.left})
    return _back_to_editor(translation_request.pk, unit)


def _back_to_editor(request_pk: int, unit=None) -> HttpResponse:
    """The editor of the request, at the unit when there is one."""
    anchor = f"#unit-{unit.pk}" if unit is not None else ""
    return redirect(reverse("translations:editor", args=[request_pk]) + anchor)


def _drafted_json(made: services.MachineDrafts) -> JsonResponse:
    if not made.drafted:
        return JsonResponse(
            {"status": "error", "message": _("This text is no longer empty: reload the page.")}, status=409
        )
    translation = made.drafted[0]
    return JsonResponse(
        {
            "status": "drafted",
            "text": translation.text,
            "version": translation.version,
            "message": _("Machine draft written: check it and confirm it."),
            "translation_status": translation.status,
            "translation_status_label": translation.get_status_display(),
        }
    )


@login_required
@require_GET
def history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    translation = selectors.get_translation_for_user(request.user, pk)
    context = {
        "translation": translation,
        "row": selectors.editor_row(translation),
        "revisions": translation.revisions.select_related("author"),
    }
    return render(request, "translations/history.html", context)
