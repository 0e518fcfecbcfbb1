"""The secretariat's questionnaire pages: list, create, edit, reorder, preview, publish, files."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from questionnaires import selectors
from questionnaires.forms_authoring import (
    ArticleLinksForm,
    DetailsForm,
    ImportForm,
    NewQuestionnaireForm,
    QuestionForm,
    SectionForm,
)
from questionnaires.permissions import can_author
from questionnaires.services import authoring
from questionnaires.services.translations import TranslationsIncomplete
from questionnaires.services.versions import version_of
from reviews.enums import AnswerKind
from reviews.models import Article, Question, Questionnaire, Section
from reviews.questionnaire_io import QuestionnaireFileError, dump_questionnaire, export_questionnaire
from reviews.selectors import questionnaire_view
from reviews.services.errors import ReviewError


def _authors_only(user) -> None:
    if not can_author(user):
        raise Http404


PLACEHOLDER = 987654321


EDITOR_SECONDS = 24 * 60 * 60


def editor_sections(request: HttpRequest, questionnaire: Questionnaire, version: str) -> str:
    """The sections and questions of the editor, rendered once per version of the questionnaire.

    Every authoring service bumps the version (services.authoring.mark_changed); the key also
    holds the language. The block holds no CSRF token: its buttons post the page's one form.
    """
    key = f"authoring-sections:v1:{questionnaire.pk}:{version}:{get_language()}"
    html = cache.get(key)
    if html is None:
        content = selectors.editor_sections(questionnaire)
        _label_rows(questionnaire, [row for part in content["sections"] for row in part.rows])
        context = content | {"questionnaire": questionnaire, "words": _words()}
        html = render_to_string("questionnaires/authoring/_sections.html", context, request=request)
        cache.set(key, html, EDITOR_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered


def editor_problems(questionnaire: Questionnaire, version: str) -> list[authoring.Problem]:
    """What stops publishing, worked out once per version of the questionnaire (and language)."""
    key = f"authoring-problems:v1:{questionnaire.pk}:{version}:{get_language()}"
    return cache.get_or_set(key, lambda: authoring.problems_of(questionnaire), EDITOR_SECONDS) or []


def _words() -> dict[str, str]:
    return {
        "edit": _("Edit"),
        "up": _("Up"),
        "down": _("Down"),
        "delete": _("Delete"),
        "follow_up": _("Add a follow-up"),
        "drag": _("Drag to reorder"),
        "confirm_question": _("Delete this question and its follow-ups?"),
    }


def editor_context(request: HttpRequest, questionnaire: Questionnaire) -> dict:
    articles = selectors.editor_articles(questionnaire)
    version = version_of(questionnaire)
    return {
        "questionnaire": questionnaire,
        "sections_html": editor_sections(request, questionnaire, version),
        "question_count": questionnaire.questions.count(),
        "article_forms": [
            (article, ArticleLinksForm(instance=article, prefix=f"article-{article.pk}")) for article in articles
        ],
        "problems": editor_problems(questionnaire, version) if questionnaire.is_editable else [],
        "section_form": SectionForm(questionnaire=questionnaire, prefix="new-section"),
    }


def _label_rows(questionnaire: Questionnaire, rows: list) -> None:
    """The links and words of each question's line, worked out once: hundreds of lines share them."""
    edit = reverse("questionnaires:question_edit", kwargs={"pk": questionnaire.pk, "question_pk": PLACEHOLDER})
    create = reverse("questionnaires:question_create", kwargs={"pk": questionnaire.pk})
    kinds = {kind: str(label) for kind, label in AnswerKind.choices}
    required, optional = _("required"), _("optional")
    pending = list(rows)
    while pending:
        row = pending.pop()
        question = row.question
        row.edit_url = edit.replace(str(PLACEHOLDER), str(question.pk))
        if question.kind == AnswerKind.YES_NO or question.choice_count:
            row.follow_up_url = f"{create}?section={question.section_id}&parent={question.pk}"
        row.label = _("question %(number)s") % {"number": question.number}
        kind = kinds.get(question.kind, question.kind)
        if question.choice_count:
            choices = ngettext("%(counter)s choice", "%(counter)s choices", question.choice_count)
            kind += " (" + choices % {"counter": question.choice_count} + ")"
        row.meta = f"{kind} · {required if question.required else optional}"
        if question.parent_id:
            row.condition_label = _("if “%(answer)s”") % {"answer": question.condition}
        pending.extend(row.follow_ups)


def _editor(questionnaire: Questionnaire, anchor: str = "") -> HttpResponse:
    response = redirect("questionnaires:edit", pk=questionnaire.pk)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


@login_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    _authors_only(request.user)
    questionnaires = (
        Questionnaire.objects.select_related("cluster", "instrument")
        .annotate(question_count=Count("questions", distinct=True), review_count=Count("reviews", distinct=True))
        .order_by("cluster__number", "instrument__order", "-version")
    )
    return render(request, "questionnaires/authoring/list.html", {"questionnaires": questionnaires})


@login_required
def questionnaire_create(request: HttpRequest) -> HttpResponse:
    _authors_only(request.user)
    form = NewQuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = authoring.create_questionnaire(**form.cleaned_data, by=request.user)
        messages.success(request, _("The draft questionnaire is created: add its sections and questions."))
        return _editor(questionnaire)
    return render(request, "questionnaires/authoring/new.html", {"form": form})


@login_required
def questionnaire_import(request: HttpRequest) -> HttpResponse:
    _authors_only(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = authoring.import_draft(form.cleaned_data["file"], by=request.user)
        except QuestionnaireFileError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The file is imported as a draft questionnaire."))
            return _editor(questionnaire)
    return render(request, "questionnaires/authoring/import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    form = DetailsForm(request.POST or None, instance=questionnaire)
    save = lambda: authoring.save_details(form.save(commit=False), by=request.user)  # noqa: E731
    if request.method == "POST" and form.is_valid() and _saved(form, save):
        messages.success(request, _("Saved."))
        return _editor(questionnaire)
    context = editor_context(request, questionnaire) | {"form": form}
    return render(request, "questionnaires/authoring/editor.html", context, status=400 if form.errors else 200)


def _saved(form, save) -> bool:
    """Run the service; a refusal is shown on the form, on the field it names."""
    try:
        save()
    except authoring.AuthoringError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return False
    except ReviewError as error:
        form.add_error(None, str(error))
        return False
    return True


@login_required
def section_form(request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    section = (
        get_object_or_404(questionnaire.sections, pk=section_pk) if section_pk else Section(questionnaire=questionnaire)
    )
    prefix = None if section_pk else "new-section"
    form = SectionForm(request.POST or None, instance=section, questionnaire=questionnaire, prefix=prefix)
    save = lambda: authoring.save_section(form.save(commit=False), by=request.user)  # noqa: E731
    if request.method == "POST" and form.is_valid() and _saved(form, save):
        messages.success(request, _("The section is saved."))
        return _editor(questionnaire, f"section-{form.instance.pk}")
    context = {"questionnaire": questionnaire, "section": section, "form": form}
    return render(request, "questionnaires/authoring/section_form.html", context, status=400 if form.errors else 200)


@login_required
def question_form(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    if question_pk:
        question = get_object_or_404(questionnaire.questions.select_related("parent"), pk=question_pk)
    else:
        question = Question(questionnaire=questionnaire, kind="yes_no")
    initial = {key: request.GET[key] for key in ("section", "parent") if request.GET.get(key, "").isdigit()}
    form = QuestionForm(request.POST or None, instance=question, questionnaire=questionnaire, initial=initial)
    if request.method == "POST" and form.is_valid():
        choices = form.cleaned_data["choices"]
        if _saved(form, lambda: authoring.save_question(form.save(commit=False), choices=choices, by=request.user)):
            messages.success(request, _("Question %(number)s is saved.") % {"number": form.instance.number})
            return _editor(questionnaire, f"question-{form.instance.pk}")
    context = {"questionnaire": questionnaire, "question": question, "form": form}
    return render(request, "questionnaires/authoring/question_form.html", context, status=400 if form.errors else 200)


def _act(request: HttpRequest, questionnaire: Questionnaire, action, done: str, anchor: str = "") -> HttpResponse:
    try:
        action()
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        if done:
            messages.success(request, done)
    return _editor(questionnaire, anchor)


ROW_ACTIONS = {
    ("up", "section"): lambda item, by: authoring.move_section(item, direction=authoring.UP, by=by),
    ("down", "section"): lambda item, by: authoring.move_section(item, direction=authoring.DOWN, by=by),
    ("delete", "section"): lambda item, by: authoring.delete_section(item, by=by),
    ("up", "question"): lambda item, by: authoring.move_question(item, direction=authoring.UP, by=by),
    ("down", "question"): lambda item, by: authoring.move_question(item, direction=authoring.DOWN, by=by),
    ("delete", "question"): lambda item, by: authoring.delete_question(item, by=by),
}


@login_required
@require_POST
def row_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The Up, Down and Delete buttons of the editor's sections and questions (one form for the page)."""
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    verb, _sep, rest = request.POST.get("action", "").partition(":")
    kind, _sep, item_pk = rest.partition(":")
    action = ROW_ACTIONS.get((verb, kind))
    if action is None or not item_pk.isdigit():
        messages.error(request, _("That action is not one of the editor's."))
        return _editor(questionnaire)
    items = questionnaire.sections if kind == "section" else questionnaire.questions
    item = get_object_or_404(items, pk=int(item_pk))
    done = ""
    if verb == "delete":
        done = (
            _("Question %(number)s is deleted, with its follow-ups.") % {"number": item.number}
            if isinstance(item, Question)
            else _("The section is deleted.")
        )
    anchor = "" if verb == "delete" else f"{kind}-{item.pk}"
    return _act(request, questionnaire, lambda: action(item, request.user), done, anchor)


@login_required
@require_POST
def questions_reorder(request: HttpRequest, pk: int, section_pk: int) -> JsonResponse:
    """The order a pointer dragged the questions into (the page's script posts it)."""
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    section = get_object_or_404(questionnaire.sections, pk=section_pk)
    try:
        ids = [int(value) for value in json.loads(request.body or b"{}").get("ids", [])]
        parent_pk = json.loads(request.body).get("parent")
        parent = get_object_or_404(questionnaire.questions, pk=int(parent_pk)) if parent_pk else None
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"status": "error", "message": _("The new order could not be read.")}, status=400)
    try:
        authoring.reorder_questions(section, ids=ids, parent=parent, by=request.user)
    except ReviewError as error:
        return JsonResponse({"status": "error", "message": str(error)}, status=400)
    return JsonResponse({"status": "saved", "message": _("The new order is saved.")})


@login_required
@require_POST
def article_links(request: HttpRequest, pk: int, article_pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    article = get_object_or_404(Article, pk=article_pk, instrument=questionnaire.instrument)
    form = ArticleLinksForm(request.POST, instance=article, prefix=f"article-{article.pk}")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{_('Article')} {article.number} · {label}: {error}")
        return _editor(questionnaire, f"article-{article.pk}")
    save = lambda: authoring.save_article_links(form.save(commit=False), questionnaire=questionnaire, by=request.user)  # noqa: E731
    done = _("The links of article %(number)s are saved.") % {"number": article.number}
    return _act(request, questionnaire, save, done, f"article-{article.pk}")


@login_required
def preview(request: HttpRequest, pk: int, section: int = 1) -> HttpResponse:
    """The questionnaire exactly as a focal point sees it while answering, with nothing saved."""
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    view = questionnaire_view(None, questionnaire, one_language=True)
    current = next((progress for progress in view.sections if progress.section.order == section), None)
    if current is None and view.sections:
        raise Http404
    context = {"questionnaire": questionnaire, "view": view, "current": current, "problems": {}, "data": {}}
    return render(request, "questionnaires/authoring/preview.html", context)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    try:
        authoring.publish(questionnaire, by=request.user)
    except authoring.QuestionnaireIncomplete as incomplete:
        return _refused_publish(request, questionnaire, incomplete, publish_problems=incomplete.problems)
    except TranslationsIncomplete as incomplete:
        return _refused_publish(request, questionnaire, incomplete, missing_translations=incomplete.missing)
    except ReviewError as error:
        messages.error(request, str(error))
        return _editor(questionnaire)
    messages.success(
        request, _("Version %(version)s is published: reviews can now answer it.") % {"version": questionnaire.version}
    )
    return _editor(questionnaire)


def _refused_publish(request: HttpRequest, questionnaire: Questionnaire, error: ReviewError, **what) -> HttpResponse:
    """The editor again, saying why the draft was not published and listing what to do."""
    context = editor_context(request, questionnaire) | {
        "form": DetailsForm(instance=questionnaire),
        "publish_error": str(error),
        **what,
    }
    return render(request, "questionnaires/authoring/editor.html", context, status=400)


@login_required
@require_POST
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    copy = authoring.create_new_version(questionnaire, by=request.user)
    messages.success(
        request,
        _("Version %(version)s is a draft copy of version %(source)s.")
        % {"version": copy.version, "source": questionnaire.version},
    )
    return _editor(copy)


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire in the file format of docs/questionnaire-format.md (the import reads it back)."""
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    text = dump_questionnaire(export_questionnaire(questionnaire))
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    name = f"questionnaire-{questionnaire.cluster.number}-{questionnaire.instrument.code}-v{questionnaire.version}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns: list[URLPattern] = [
    path("", questionnaire_list, name="list"),
    path("new/", questionnaire_create, name="create"),
    path("import/", questionnaire_import, name="import"),
    path("<int:pk>/", questionnaire_edit, name="edit"),
    path("<int:pk>/sections/new/", section_form, name="section_create"),
    path("<int:pk>/sections/<int:section_pk>/", section_form, name="section_edit"),
    path("<int:pk>/sections/<int:section_pk>/order/", questions_reorder, name="questions_reorder"),
    path("<int:pk>/questions/new/", question_form, name="question_create"),
    path("<int:pk>/questions/<int:question_pk>/", question_form, name="question_edit"),
    path("<int:pk>/rows/", row_action, name="row_action"),
    path("<int:pk>/articles/<int:article_pk>/", article_links, name="article_links"),
    path("<int:pk>/preview/", preview, name="preview"),
    path("<int:pk>/preview/<int:section>/", preview, name="preview_section"),
    path("<int:pk>/publish/", publish, name="publish"),
    path("<int:pk>/new-version/", new_version, name="new_version"),
    path("<int:pk>/download/", download, name="download"),
]
