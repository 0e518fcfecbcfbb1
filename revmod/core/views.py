from __future__ import annotations

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import defaults, i18n
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST

from revmod.core import health
from revmod.core.accessibility import CRITERIA, Check
from revmod.core.dashboard import panels_for
from revmod.core.storage import StorageFull


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (the admin, a file opened on its own)."""
    return redirect(static("core/favicon.ico"))


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: public, since it matters before one signs in."""
    return render(request, "core/accessibility.html", {"criteria": CRITERIA, "checks": Check})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What waits on the person: the panels the apps register (revmod.core.dashboard)."""
    panels = [
        mark_safe(render_to_string(panel.template, panel.context, request=request))  # noqa: S308 - our templates, escaped
        for panel in panels_for(request)
    ]
    return render(request, "core/dashboard.html", {"panels": panels})


@login_required
@require_GET
def whoami(request: HttpRequest) -> JsonResponse:
    """The signed-in person, for scripts; also the benchmarks' bare signed-in view."""
    user = request.user
    assert user.is_authenticated  # login_required; core cannot name accounts' AuthenticatedHttpRequest
    return JsonResponse({"email": user.email, "name": user.full_name})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also remembers the choice for a signed-in person."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that does not answer is an outage to wait out, not a crash.

    Django calls this while it handles the exception, so ``sys.exc_info()`` holds it.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return database_unavailable(request)
    if isinstance(error, StorageFull):
        return storage_full(request)
    return defaults.server_error(request)


def storage_full(request: HttpRequest) -> HttpResponse:
    """507 in the reader's language: an upload found the disk full (any page that stores files)."""
    message = _("The server has no room left to store files. The file was not stored; tell the secretariat.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=507)
    else:
        response = HttpResponse(render_to_string("core/storage_full.html", {"message": message}), status=507)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 in the reader's language (LocaleMiddleware chose it, without the database)."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": _("The platform is briefly unavailable. Try again in a minute.")}, status=503
        )
    else:
        context = {"sent_changes": request.method not in ("GET", "HEAD"), "again": request.get_full_path()}
        response = HttpResponse(render_to_string("core/unavailable.html", context), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    components = health.run_checks()
    healthy = all(status == health.OK for status in components.values())
    return JsonResponse(
        {"status": health.OK if healthy else health.DOWN, "components": components}, status=200 if healthy else 503
    )
