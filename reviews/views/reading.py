"""The reader's choice of the language to read a review in: the original or a translation offered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import selectors, text_overlays


@login_required
@require_POST
def choose_reading(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone who may see the review chooses; the others get 404. Back to the page the form was on."""
    review = selectors.get_review_for_user(request.user, pk)
    if not text_overlays.set_reading_choice(request.user, review, request.POST.get("language", "")):
        messages.error(request, _("This review cannot be read in that language."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect("reviews:detail", pk=review.pk)
    return redirect(back)
