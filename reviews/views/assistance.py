"""The secretariat's categories of technical assistance: list, add, rename, reorder, deactivate, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews import selectors
from reviews.forms import AssistanceCategoryForm
from reviews.services import assistance
from reviews.services.errors import ReviewError
from reviews.views.reviews import secretariat_only


@login_required
def assistance_categories(request: HttpRequest) -> HttpResponse:
    secretariat_only(request.user)
    form = AssistanceCategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assistance.create_assistance_category(names=form.cleaned_data, by=request.user)
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The category is added."))
            return redirect("reviews:assistance_categories")
    context = {"categories": selectors.assistance_categories(), "form": form}
    return render(request, "reviews/assistance/categories.html", context, status=400 if form.errors else 200)


@login_required
def assistance_category(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a category, in each language."""
    secretariat_only(request.user)
    category = selectors.get_assistance_category(pk)
    form = AssistanceCategoryForm(request.POST or None, category=category)
    if request.method == "POST" and form.is_valid():
        try:
            assistance.rename_assistance_category(category, names=form.cleaned_data, by=request.user)
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The category is renamed."))
            return redirect("reviews:assistance_categories")
    context = {"category": category, "form": form}
    return render(request, "reviews/assistance/category.html", context, status=400 if form.errors else 200)


ACTIONS = {
    "up": lambda category, user: assistance.move_assistance_category(category, up=True, by=user),
    "down": lambda category, user: assistance.move_assistance_category(category, up=False, by=user),
    "activate": lambda category, user: assistance.set_assistance_category_active(category, active=True, by=user),
    "deactivate": lambda category, user: assistance.set_assistance_category_active(category, active=False, by=user),
    "delete": lambda category, user: assistance.delete_assistance_category(category, by=user),
}


@login_required
@require_POST
def assistance_category_action(request: HttpRequest, pk: int) -> HttpResponse:
    secretariat_only(request.user)
    category = selectors.get_assistance_category(pk)
    action = ACTIONS.get(request.POST.get("do", ""))
    if action is None:
        messages.error(request, _("Choose what to do with the category."))
    else:
        try:
            action(category, request.user)
        except ReviewError as error:
            messages.error(request, str(error))
    return redirect("reviews:assistance_categories")
