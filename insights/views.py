from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from insights import selectors
from insights.forms import SearchForm


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, user=request.user)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        filters = {name: value for name, value in form.cleaned_data.items() if name != "q"}
        results = selectors.search(
            request.user, query=form.cleaned_data["q"], filters=filters, page=request.GET.get("page")
        )
    return render(request, "insights/search.html", {"form": form, "results": results})
