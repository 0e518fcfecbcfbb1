"""Constructive dialogues: the list, a dialogue's page, applications, written input and the summary."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stakeholders import permissions, selectors, services
from stakeholders.forms import ApplicationForm, DialogueForm, InputForm, SummaryForm
from stakeholders.models import ConstructiveDialogue


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dialogues, and for a stakeholder the reviews that accept their input; for the secretariat, who waits."""
    user = request.user
    if not permissions.can_see_dialogues(user):
        raise Http404
    context: dict[str, Any] = {
        "dialogues": list(selectors.dialogues_for(user)[:200]),
        "can_manage": permissions.can_manage_stakeholders(user),
    }
    if context["can_manage"]:
        context["awaiting"] = selectors.stakeholders_awaiting_approval().count()
    else:
        mine = {item.dialogue_id: item for item in selectors.applications_of(user)}
        for dialogue in context["dialogues"]:
            dialogue.mine = mine.get(dialogue.pk)
        context["consultations"] = list(selectors.open_consultations(user))
    return render(request, "stakeholders/home.html", context)


def _manager(request: HttpRequest) -> None:
    if not permissions.can_manage_stakeholders(request.user):
        raise Http404


@login_required
def dialogue_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = DialogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dialogue = services.create_dialogue(by=request.user, **form.cleaned_data)
        messages.success(request, _("The dialogue “%(title)s” is open for applications.") % {"title": dialogue.title})
        return redirect("stakeholders:dialogue", dialogue.pk)
    return render(request, "stakeholders/dialogue_form.html", {"form": form})


@login_required
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    dialogue = selectors.get_dialogue_for_user(request.user, pk)
    form = DialogueForm(request.POST or None, instance=dialogue)
    if request.method == "POST" and form.is_valid():
        services.update_dialogue(dialogue, by=request.user, **form.cleaned_data)
        messages.success(request, _("The dialogue is saved."))
        return redirect("stakeholders:dialogue", dialogue.pk)
    return render(request, "stakeholders/dialogue_form.html", {"form": form, "dialogue": dialogue})


def _page(request: HttpRequest, dialogue: ConstructiveDialogue, *, status: int = 200, **forms) -> HttpResponse:
    """The dialogue's page, with the forms the person may use (those given carry what was posted)."""
    user = request.user
    application = selectors.application_of(user, dialogue)
    can_manage = permissions.can_manage_stakeholders(user)
    context = {
        "dialogue": dialogue,
        "application": application,
        "can_manage": can_manage,
        "joining_details": permissions.can_see_joining_details(user, application),
        "inputs": list(selectors.dialogue_inputs_for(user, dialogue)),
        "apply_form": (forms.get("apply_form") or ApplicationForm())
        if permissions.can_apply(user, dialogue, application)
        else None,
        "input_form": (forms.get("input_form") or InputForm())
        if permissions.can_send_dialogue_input(user, dialogue, application)
        else None,
    }
    if can_manage:
        context["applications"] = list(selectors.applications_to(dialogue))
        context["can_publish"] = permissions.can_publish_summary(user, dialogue)
        if dialogue.summary_published_at is None:
            context["summary_form"] = forms.get("summary_form") or SummaryForm(initial={"summary": dialogue.summary})
    return render(request, "stakeholders/dialogue.html", context, status=status)


@login_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.get_dialogue_for_user(request.user, pk))


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.get_dialogue_for_user(request.user, pk)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            services.apply_for_dialogue(dialogue, user=request.user, motivation=form.cleaned_data["motivation"])
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your application is sent. The secretariat will let you know."))
            return redirect("stakeholders:dialogue", dialogue.pk)
    return _page(request, dialogue, apply_form=form, status=400)


@login_required
@require_POST
def dialogue_input(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.get_dialogue_for_user(request.user, pk)
    form = InputForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.send_dialogue_input(
                dialogue,
                author=request.user,
                application=selectors.application_of(request.user, dialogue),
                text=form.cleaned_data["text"],
                uploads=form.cleaned_data["attachments"],
            )
        except services.StakeholderError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your input is sent to the secretariat."))
            return redirect("stakeholders:dialogue", dialogue.pk)
    return _page(request, dialogue, input_form=form, status=400)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    _manager(request)
    dialogue = selectors.get_dialogue_for_user(request.user, pk)
    application = get_object_or_404(dialogue.applications.select_related("stakeholder"), pk=application_pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        messages.error(request, _("Choose to approve or to refuse."))
        return redirect("stakeholders:dialogue", dialogue.pk)
    try:
        services.decide_application(application, approve=decision == "approve", by=request.user)
    except services.StakeholderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is told of the decision.") % {"name": application.stakeholder.full_name})
    return redirect("stakeholders:dialogue", dialogue.pk)


@login_required
@require_POST
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    dialogue = selectors.get_dialogue_for_user(request.user, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.save_summary(dialogue, text=form.cleaned_data["summary"], by=request.user)
        except services.StakeholderError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The summary is saved. It is not public until you publish it."))
        return redirect("stakeholders:dialogue", dialogue.pk)
    return _page(request, dialogue, summary_form=form, status=400)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    dialogue = selectors.get_dialogue_for_user(request.user, pk)
    try:
        services.publish_summary(dialogue, by=request.user)
    except services.StakeholderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The summary is published on the public page."))
    return redirect("stakeholders:dialogue", dialogue.pk)


def public_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """Public: a published summary, and nothing else of the dialogue (no applicant, no input)."""
    dialogue = get_object_or_404(selectors.published_dialogues().select_related("cycle"), pk=pk)
    return render(request, "stakeholders/public_summary.html", {"dialogue": dialogue})
