"""Stakeholders register themselves and verify their address; the secretariat approves or refuses them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmod.accounts.enums import AccountStatus
from revmod.accounts.tokens import activation_tokens
from stakeholders import permissions, selectors, services
from stakeholders.forms import RegistrationForm
from stakeholders.throttling import registration_allowed


def register(request: HttpRequest) -> HttpResponse:
    """Public: the same answer whether or not the address has an account (the e-mail tells its holder)."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if not registration_allowed(request):
            return render(request, "stakeholders/register_paused.html", status=429)
        if form.is_valid():
            services.register_stakeholder(**form.cleaned_data)
            return render(request, "stakeholders/registered.html", {"email": form.cleaned_data["email"]})
    return render(request, "stakeholders/register.html", {"form": form})


def _registrant(uidb64: str, token: str):
    try:
        person = get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    if not person.is_stakeholder or person.status != AccountStatus.UNVERIFIED:
        return None
    return person if activation_tokens.check_token(person, token) else None


def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link of the e-mail; a button confirms (a mail scanner opening links verifies nothing)."""
    person = _registrant(uidb64, token)
    if person is None:
        return render(request, "stakeholders/verify_invalid.html", status=400)
    if request.method == "POST":
        services.verify_email(person)
        return render(request, "stakeholders/verified.html", {"person": person})
    return render(request, "stakeholders/verify.html", {"person": person})


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_stakeholders(request.user):
        raise Http404
    waiting = selectors.stakeholders_awaiting_approval()
    return render(request, "stakeholders/approvals.html", {"waiting": waiting})


@login_required
@require_POST
def decide_stakeholder(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_manage_stakeholders(request.user):
        raise Http404
    person = get_object_or_404(selectors.stakeholders_awaiting_approval(), pk=pk)
    if request.POST.get("decision") == "approve":
        services.approve_stakeholder(person, by=request.user)
        messages.success(request, _("%(name)s can now sign in.") % {"name": person.full_name})
    elif request.POST.get("decision") == "refuse":
        services.refuse_stakeholder(person, by=request.user)
        messages.success(request, _("The registration of %(name)s is refused.") % {"name": person.full_name})
    else:
        messages.error(request, _("Choose to approve or to refuse."))
    return redirect("stakeholders:approvals")
