from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmod.accounts.http import AuthenticatedHttpRequest
from revmod.notifications import services
from revmod.notifications.forms import PreferencesForm
from revmod.notifications.messages import message
from revmod.notifications.models import Notification, Preference


@login_required
def centre(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(request.GET.get("page"))
    items = [{"notification": n, "text": message(n.kind, n.data)} for n in page]

    return render(request, "notifications/centre.html", {"page": page, "items": items})


@login_required
@require_POST
def open_notification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(request.user, notification_id=notification.pk)
    target = services.localized(notification.url, get_language())
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.mark_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:centre")


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = dict(Preference.objects.filter(user=request.user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
