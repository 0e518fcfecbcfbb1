from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from revmod.accounts.permissions import can_manage_people
from revmod.audit.forms import AuditFilterForm
from revmod.audit.selectors import audit_trail


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    if not can_manage_people(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    entries = audit_trail(form.cleaned_data if form.is_valid() else {})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/trail.html", {"form": form, "page": page})
