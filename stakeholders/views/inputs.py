"""Input on a State's review: sent by stakeholders, read by the review's focal point and reviewing experts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from stakeholders import permissions, selectors, services
from stakeholders.forms import InputForm


def _consultation_page(request: HttpRequest, consultation, *, form=None, status: int = 200) -> HttpResponse:
    context = {
        "consultation": consultation,
        "form": form or InputForm(),
        "inputs": list(selectors.my_review_inputs(request.user, consultation)),
    }
    return render(request, "stakeholders/consultation.html", context, status=status)


@login_required
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """A stakeholder's page for a review that accepts input: the State and the cycle, their own input."""
    found = selectors.get_consultation_for_stakeholder(request.user, pk)
    if request.method != "POST":
        return _consultation_page(request, found)
    form = InputForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.send_review_input(
                found, author=request.user, text=form.cleaned_data["text"], uploads=form.cleaned_data["attachments"]
            )
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your input is sent to the State under review and its reviewers."))
            return redirect("stakeholders:consultation", found.pk)
    return _consultation_page(request, found, form=form, status=400)


@login_required
def review_input(request: HttpRequest, pk: int) -> HttpResponse:
    """The input sent on a review, for its focal point, the reviewing experts and the secretariat."""
    review = selectors.get_review_for_input_reader(request.user, pk)
    context = {
        "review": review,
        "consultation": selectors.consultation_of(review),
        "inputs": list(selectors.review_inputs(review)),
        "can_decide": permissions.can_open_to_input(request.user, review),
    }
    return render(request, "stakeholders/review_input.html", context)


@login_required
@require_POST
def open_to_input(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_input_reader(request.user, pk)
    accepting = request.POST.get("accepting")
    if accepting not in ("1", "0"):
        messages.error(request, _("Choose whether the review accepts input."))
        return redirect("stakeholders:review_input", review.pk)
    try:
        services.open_to_input(review, accepting=accepting == "1", by=request.user)
    except services.StakeholderError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Stakeholders can now send input on this review.")
            if accepting == "1"
            else _("This review no longer accepts stakeholder input."),
        )
    return redirect("stakeholders:review_input", review.pk)


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    """A file of an input, for those who may read the input."""
    file = selectors.get_file_for_user(request.user, pk)
    if not file.file:
        raise Http404
    response = FileResponse(
        file.file.open("rb"),
        as_attachment=True,
        filename=file.name or f"{file.token}{file.extension}",
        content_type=file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
