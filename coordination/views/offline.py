"""Answering offline: download the questionnaire as XLSX or DOCX, upload it back, preview, confirm.

Every page answers 404 to whoever may not work on the review's answers offline
(coordination.permissions.can_work_offline), and 403 to a reader who may not answer on the
upload and confirm posts. The uploaded file's answers wait in the session until confirmed.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.forms import OfflineDownloadForm, OfflineUploadForm
from coordination.offline.content import CONTENT_TYPES, file_name, questions_for_file
from coordination.offline.documents import build_document
from coordination.offline.files import XLSX, NotAnAnswerFile
from coordination.offline.plan import Upload, preview, read_upload
from coordination.offline.sheets import build_workbook
from coordination.permissions import can_import_answers, can_work_offline
from coordination.services.offline import ImportOutdated, UnresolvedConflicts, import_answers
from reviews.models import CountryReview, Questionnaire
from reviews.selectors import get_review_for_user, get_review_questionnaire
from reviews.services import ReviewError

TEMPLATES = "coordination/offline"


def _review(request: HttpRequest, pk: int) -> CountryReview:
    review = get_review_for_user(request.user, pk)
    if not can_work_offline(request.user, review):
        raise Http404
    return review


def _pending_key(review: CountryReview, questionnaire: Questionnaire) -> str:
    return f"coordination.offline_upload.{review.pk}.{questionnaire.pk}"


def _page(request: HttpRequest, review: CountryReview, *, upload_form=None, failed=None, status=200) -> HttpResponse:
    rows = []
    for questionnaire in review.questionnaires.select_related("instrument").order_by("instrument__order"):
        ids = f"id_{questionnaire.pk}_%s"
        failed_here = upload_form is not None and failed == questionnaire.pk
        rows.append(
            {
                "questionnaire": questionnaire,
                "download": OfflineDownloadForm(auto_id=ids),
                "upload": upload_form if failed_here else OfflineUploadForm(auto_id=ids),
            }
        )
    context = {"review": review, "rows": rows, "can_import": can_import_answers(request.user, review)}
    return render(request, f"{TEMPLATES}/page.html", context, status=status)


@login_required
def offline(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _review(request, pk))


@login_required
def download(request: HttpRequest, pk: int, questionnaire_pk: int) -> HttpResponse:
    review = _review(request, pk)
    questionnaire = get_review_questionnaire(review, questionnaire_pk)
    form = OfflineDownloadForm(request.GET)
    if not form.is_valid():
        return redirect("coordination:offline", pk=review.pk)
    part, file_format = form.cleaned_data["part"], form.cleaned_data["format"]
    questions = questions_for_file(review, questionnaire, user=request.user, part=part)
    build = build_workbook if file_format == XLSX else build_document
    content = build(review, questionnaire, questions, language=get_language(), part=part)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{file_name(review, questionnaire, file_format)}"'
    return response


def _importing(request: HttpRequest, pk: int, questionnaire_pk: int):
    """The review and questionnaire whose answers the user imports; 403 for those who may only read them."""
    review = _review(request, pk)
    if not can_import_answers(request.user, review):
        raise PermissionDenied
    return review, get_review_questionnaire(review, questionnaire_pk)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int, questionnaire_pk: int) -> HttpResponse:
    review, questionnaire = _importing(request, pk, questionnaire_pk)
    form = OfflineUploadForm(request.POST, request.FILES, auto_id=f"id_{questionnaire.pk}_%s")
    if form.is_valid():
        try:
            parsed = read_upload(form.cleaned_data["file"], review=review, questionnaire=questionnaire)
        except NotAnAnswerFile as error:
            form.add_error("file", str(error))
        else:
            seen = preview(review, questionnaire, parsed).seen
            pending = {"token": secrets.token_urlsafe(16), "upload": parsed.as_session(), "seen": seen}
            request.session[_pending_key(review, questionnaire)] = pending
            return redirect("coordination:offline_preview", pk=review.pk, questionnaire_pk=questionnaire.pk)
    return _page(request, review, upload_form=form, failed=questionnaire.pk, status=400)


def _preview_page(request, review, questionnaire, pending: dict, *, problem: str = "", status=200) -> HttpResponse:
    plan = preview(review, questionnaire, Upload.from_session(pending["upload"]))
    pending["seen"] = plan.seen
    for item in plan.conflicts:
        item.choice = request.POST.get(f"resolve-{item.question.pk}", "")
    request.session.modified = True
    context = {
        "review": review,
        "questionnaire": questionnaire,
        "plan": plan,
        "token": pending["token"],
        "problem": problem,
    }
    return render(request, f"{TEMPLATES}/preview.html", context, status=status)


@login_required
def preview_upload(request: HttpRequest, pk: int, questionnaire_pk: int) -> HttpResponse:
    review, questionnaire = _importing(request, pk, questionnaire_pk)
    pending = request.session.get(_pending_key(review, questionnaire))
    if pending is None:
        return redirect("coordination:offline", pk=review.pk)
    return _preview_page(request, review, questionnaire, pending)


def _resolutions(data) -> dict[int, str]:
    chosen = {}
    for name, value in data.items():
        if name.startswith("resolve-") and name[len("resolve-") :].isdigit():
            chosen[int(name[len("resolve-") :])] = value
    return chosen


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int, questionnaire_pk: int) -> HttpResponse:
    review, questionnaire = _importing(request, pk, questionnaire_pk)
    key = _pending_key(review, questionnaire)
    pending = request.session.get(key)
    if pending is None or request.POST.get("token") != pending["token"]:
        messages.error(request, _("This upload cannot be applied any more; upload the file again."))
        return redirect("coordination:offline", pk=review.pk)
    try:
        result = import_answers(
            review,
            questionnaire,
            upload=Upload.from_session(pending["upload"]),
            seen=pending["seen"],
            resolutions=_resolutions(request.POST),
            user=request.user,
        )
    except (ImportOutdated, UnresolvedConflicts) as error:
        return _preview_page(request, review, questionnaire, pending, problem=str(error), status=409)
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect("coordination:offline", pk=review.pk)
    del request.session[key]
    count = result.applied
    messages.success(
        request, ngettext("%(count)d answer imported.", "%(count)d answers imported.", count) % {"count": count}
    )
    if result.clearances_withdrawn:
        messages.warning(
            request,
            ngettext(
                "%(count)d cleared answer changed: the focal point must clear it again.",
                "%(count)d cleared answers changed: the focal point must clear them again.",
                result.clearances_withdrawn,
            )
            % {"count": result.clearances_withdrawn},
        )
    return redirect("reviews:questionnaire", pk=review.pk, questionnaire_pk=questionnaire.pk)
