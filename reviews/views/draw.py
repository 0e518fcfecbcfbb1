"""The drawing of lots, for the secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reviews import selectors, services
from reviews.forms import (
    DrawForm,
)
from reviews.views.reviews import secretariat_only


@login_required
def draw(request: HttpRequest) -> HttpResponse:
    secretariat_only(request.user)
    form = DrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.draw_lots(form.cleaned_data["cycle"], seed=form.cleaned_data["seed"], by=request.user)
            messages.success(request, _("Lots drawn with seed %(seed)s.") % {"seed": result.seed})
            return redirect("reviews:draw_result", cycle_pk=result.cycle_id)
        except services.ReviewError as error:
            form.add_error(None, str(error))
    return render(request, "reviews/draw/form.html", {"form": form})


@login_required
def draw_result(request: HttpRequest, cycle_pk: int) -> HttpResponse:
    secretariat_only(request.user)
    result = selectors.get_draw(cycle_pk)
    return render(request, "reviews/draw/result.html", {"draw": result, "reviews": selectors.drawn_reviews(result)})
