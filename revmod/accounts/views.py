from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from rest_framework.authtoken.models import Token

from revmod.accounts import permissions, selectors, services, two_factor
from revmod.accounts.enums import AccountStatus
from revmod.accounts.forms import (
    ActivationForm,
    AuditFilterForm,
    FirstTokenForm,
    InviteForm,
    LocalizedPasswordResetForm,
    ProfileForm,
    SignInForm,
    TokenForm,
)
from revmod.accounts.http import AuthenticatedHttpRequest
from revmod.accounts.time_zones import zone_of
from revmod.accounts.tokens import activation_tokens
from revmod.audit import selectors as audit_selectors
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.addresses import canonical_address
from revmod.core.realtime import publish_session_ended


class SignInView(auth_views.LoginView):
    """Signs in by e-mail, then continues in the person's preferred language."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        user = self.request.user
        assert user.is_authenticated  # only asked once signed in (or already signed in)
        language = user.preferred_language
        target = self.get_redirect_url()
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()}):
            return translate_url(target, language)
        with translation.override(language):
            return reverse(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form):
        response = super().form_valid(form)
        services.start_session(self.request)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            self.request.user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"

    def post(self, request, *args, **kwargs):
        key = request.session.session_key
        response = super().post(request, *args, **kwargs)
        if key:
            publish_session_ended([key])  # the sockets of this browser close with its session
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(AuditAction.PASSWORD_CHANGED, actor=self.request.user, target=self.request.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = LocalizedPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """The secretariat invites people and approves completed profiles."""
    if not permissions.can_manage_people(request.user):
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.invite_person(**form.cleaned_data, by=request.user)
            messages.success(request, _("An activation link is on its way to %(email)s.") % {"email": person.email})
            return redirect("accounts:people")
        except services.AccountError as error:
            form.add_error("email", str(error))
    return render(request, "accounts/people.html", {"form": form, "people": selectors.people_in_registration()})


def _registering_person(request: HttpRequest, pk: int):
    if not permissions.can_manage_people(request.user):
        raise Http404
    return get_object_or_404(selectors.people_in_registration(), pk=pk)


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    person = _registering_person(request, pk)
    try:
        services.approve_account(person, by=request.user)
        messages.success(request, _("%(name)s can now sign in.") % {"name": person.full_name})
    except services.AccountError as error:
        messages.error(request, str(error))
    return redirect("accounts:people")


@login_required
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    person = _registering_person(request, pk)
    try:
        services.send_invitation(person, by=request.user)
        messages.success(request, _("A new activation link is on its way to %(email)s.") % {"email": person.email})
    except services.AccountError as error:
        messages.error(request, str(error))
    return redirect("accounts:people")


def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invited person opens the link, completes the profile and chooses a password."""
    try:
        person = get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        person = None
    if person is None or person.status != AccountStatus.INVITED or not activation_tokens.check_token(person, token):
        return render(request, "accounts/activation_invalid.html", status=400)
    form = ActivationForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.activate_account(
            person,
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
            password=form.cleaned_data["new_password1"],
            time_zone=form.cleaned_data["time_zone"],
        )
        return render(request, "accounts/activation_done.html", {"person": person})
    return render(request, "accounts/activate.html", {"form": form, "person": person})


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's own name, language and time zone (meeting times are shown in it)."""
    user = request.user
    initial = {"full_name": user.full_name, "preferred_language": user.preferred_language, "time_zone": user.time_zone}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user, **form.cleaned_data)
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(translate_url(reverse("accounts:profile"), user.preferred_language))
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/profile.html", {"form": form, "zone": zone_of(user)}, status=status)


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """A personal token for the API: shown once when made, replaced or revoked here."""
    key = None
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        if request.POST.get("action") == "create":
            key = Token.objects.create(user=request.user).key
        else:
            messages.success(request, _("Your API token is revoked."))
    return render(
        request, "accounts/api_token.html", {"token": Token.objects.filter(user=request.user).first(), "new_key": key}
    )


@login_required
def lockouts(request: HttpRequest) -> HttpResponse:
    """Sign-ins paused by too many failures, per account and per address; the secretariat can lift them."""
    if not permissions.can_manage_people(request.user):
        raise Http404
    if request.method == "POST":
        if "address" in request.POST:
            who = canonical_address(request.POST["address"])
            if who is None:
                raise Http404
            services.unlock_address(who, by=request.user)
        else:
            attempt = get_object_or_404(AccessAttempt, pk=request.POST.get("attempt", "0"))
            services.unlock_sign_in(attempt, by=request.user)
            who = attempt.username or attempt.ip_address
        messages.success(request, _("Signing in is possible again for %(who)s.") % {"who": who})
        return redirect("accounts:lockouts")
    context = {"attempts": selectors.paused_sign_ins()[:200], "addresses": selectors.paused_addresses()[:200]}
    return render(request, "accounts/lockouts.html", context)


# --- Two-factor sign-in ----------------------------------------------------------------


def _after_two_factor(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("core:dashboard")


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the code (or type the key), confirm with a first code."""
    if two_factor.has_confirmed_device(request.user):
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_device(request.user)
    form = FirstTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_device(device, token=form.cleaned_data["token"])
        if codes is None:
            form.add_error("token", _("This code is not right. Check the time on your phone and try the next code."))
        else:
            otp_login(request, device)
            request.session["recovery_codes"] = codes
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": _after_two_factor(request)}
            )
    context = {
        "form": form,
        "qr": two_factor.qr_data_uri(device),
        "secret": two_factor.secret_text(device),
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or one of the recovery codes."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.matching_device(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_after_two_factor(request))
        form.add_error("token", _("This code is not right."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
def two_factor_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes just made, as a text file, once."""
    codes = request.session.pop("recovery_codes", None)
    if not codes:
        raise Http404
    response = HttpResponse("\n".join(codes) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="revmod-recovery-codes.txt"'
    return response


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    """The browsers signed in as this person; end one, or all the others."""
    current = request.session.session_key
    if request.method == "POST":
        if request.POST.get("all_others"):
            keys = [
                key
                for key in services.active_sessions(request.user).values_list("session_key", flat=True)
                if key != current
            ]
        else:
            keys = [request.POST.get("session", "")]
        ended = services.end_sessions(request.user, keys=[key for key in keys if key], by=request.user)
        messages.success(
            request, ngettext("%(count)d session ended.", "%(count)d sessions ended.", ended) % {"count": ended}
        )
        return redirect("accounts:sessions")
    return render(
        request, "accounts/sessions.html", {"sessions": services.active_sessions(request.user), "current": current}
    )


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Who did what: the audit trail, filtered, for the secretariat."""
    if not permissions.can_manage_people(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    entries = audit_selectors.audit_trail(form.cleaned_data if form.is_valid() else {})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_trail.html", {"form": form, "page": page})
