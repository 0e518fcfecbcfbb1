"""The page where a person makes their calendar feed, and the feed that calendar clients read."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from calendars import selectors, services
from revmod.core.calendar import events_for, ics_response


@login_required
@never_cache  # the answer that made a feed holds its secret address
def your_calendar(request: HttpRequest) -> HttpResponse:
    """Make, replace or remove the feed; its address is shown only in the answer that made it."""
    new_url = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action in {"create", "reset"}:
            token = services.make_feed(request.user).token
            new_url = settings.SITE_URL + reverse("calendar_feed", kwargs={"token": token})
        elif action == "delete":
            services.delete_feed(request.user)
            messages.success(request, _("Your calendar feed is deleted. Calendars subscribed to it stop updating."))
            return redirect("calendars:yours")
    return render(request, "calendars/yours.html", {"feed": selectors.feed_of(request.user), "new_url": new_url})


@require_GET
@never_cache
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's dates, for a calendar client: no session, the secret address is the key."""
    calendar_feed = selectors.get_feed_by_token(token)
    user = calendar_feed.user
    services.mark_fetched(calendar_feed)
    with translation.override(user.preferred_language):
        return ics_response(events_for(user), filename="revmod.ics", name=_("REVMOD calendar"), inline=True)
