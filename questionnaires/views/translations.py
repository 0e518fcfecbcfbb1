"""The translations pages of the questionnaires app: status, side-by-side editor, spreadsheet round trip.

Every page answers 404 to whoever may not author (get_questionnaire_for_author), and sends an
anonymous visitor to sign in. An uploaded spreadsheet's changes wait in the session until confirmed.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from questionnaires import selectors
from questionnaires.forms_translations import SpreadsheetUploadForm, TranslationForm, direction
from questionnaires.services.translations import (
    Change,
    apply_translations,
    can_translate,
    language_name,
    required_languages_for,
    save_translations,
)
from questionnaires.spreadsheet import NotASpreadsheet, build_workbook, read_workbook
from questionnaires.texts import (
    TARGET_LANGUAGES,
    get_section,
    questionnaire_own_texts,
    section_texts,
    sections_of,
    texts_of,
)
from reviews.models import Questionnaire
from reviews.services.errors import ReviewError
from revmod.core.translation_status import Coverage

TEMPLATES = "questionnaires/translations"


def _language(code: str) -> dict:
    if code not in TARGET_LANGUAGES:
        raise Http404
    return {"code": code, "name": language_name(code), "dir": direction(code)}


def _upload_key(questionnaire: Questionnaire) -> str:
    return f"questionnaires.translation_upload.{questionnaire.pk}"


@login_required
def status(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    coverage = Coverage()
    for instance in {id(text.instance): text.instance for text in texts_of(questionnaire)}.values():
        coverage.add(instance)
    context = {
        "questionnaire": questionnaire,
        "coverage": coverage.rows(),
        "required": [language_name(code) for code in required_languages_for(questionnaire)],
        "can_translate": can_translate(questionnaire),
    }
    return render(request, f"{TEMPLATES}/status.html", context)


@login_required
def todo(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    target = _language(language)
    texts = [text for text in texts_of(questionnaire) if text.needs_work(language)]
    rows = [{"text": text, "status": text.status(language), "value": text.value(language)} for text in texts]
    return render(request, f"{TEMPLATES}/todo.html", {"questionnaire": questionnaire, "language": target, "rows": rows})


def _editor(request: HttpRequest, questionnaire: Questionnaire, language: str, texts, context: dict) -> HttpResponse:
    editable = can_translate(questionnaire)
    texts = [text for text in texts if text.source or text.value(language)]  # no English, nothing to translate
    form = TranslationForm(request.POST or None, texts=texts, language=language, disabled=not editable)
    if request.method == "POST" and editable and form.is_valid():
        try:
            saved = save_translations(
                questionnaire, language=language, texts=texts, values=form.cleaned_data, by=request.user
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            count = len(saved)
            messages.success(
                request, ngettext("%(count)d text saved.", "%(count)d texts saved.", count) % {"count": count}
            )
            return redirect(request.path)
    context |= {"questionnaire": questionnaire, "language": _language(language), "form": form, "editable": editable}
    return render(request, f"{TEMPLATES}/edit.html", context)


@login_required
def edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    _language(language)
    sections = sections_of(questionnaire)
    work: dict[int | None, int] = {}
    for text in texts_of(questionnaire, sections=sections):
        if text.needs_work(language):
            work[text.section_id] = work.get(text.section_id, 0) + 1
    outline = [{"section": section, "work": work.get(section.pk, 0)} for section in sections]
    texts = questionnaire_own_texts(questionnaire)
    return _editor(request, questionnaire, language, texts, {"outline": outline, "section": None})


@login_required
def edit_section(request: HttpRequest, pk: int, language: str, section_pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    _language(language)
    section = get_section(questionnaire, section_pk)
    sections = sections_of(questionnaire)
    index = [s.pk for s in sections].index(section.pk)
    context = {
        "section": section,
        "previous": sections[index - 1] if index > 0 else None,
        "next": sections[index + 1] if index + 1 < len(sections) else None,
    }
    return _editor(request, questionnaire, language, section_texts(section), context)


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    content = build_workbook(questionnaire, texts_of(questionnaire))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"questionnaire-{questionnaire.cluster.number}-{questionnaire.instrument.code}-v{questionnaire.version}"
    response["Content-Disposition"] = f'attachment; filename="{filename}-translations.xlsx"'
    return response


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            parsed = read_workbook(
                form.cleaned_data["file"], questionnaire=questionnaire, texts=texts_of(questionnaire)
            )
        except NotASpreadsheet as error:
            form.add_error("file", str(error))
        else:
            request.session[_upload_key(questionnaire)] = {
                "token": secrets.token_urlsafe(16),
                "changes": [change.as_list() for change in parsed.changes],
                "errors": parsed.errors,
                "more_errors": parsed.more_errors,
            }
            return redirect("questionnaires:translation_preview", pk=questionnaire.pk)
    context = {"questionnaire": questionnaire, "form": form, "can_translate": can_translate(questionnaire)}
    return render(request, f"{TEMPLATES}/upload.html", context)


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    pending = request.session.get(_upload_key(questionnaire))
    if pending is None:
        return redirect("questionnaires:translation_upload", pk=questionnaire.pk)
    texts = {text.key: text for text in texts_of(questionnaire)}
    changes = [Change.from_list(values) for values in pending["changes"]]
    rows = [
        {"change": change, "description": texts[change.key].description if change.key in texts else change.key}
        | {"language": _language_or_source(change.language)}
        for change in changes
    ]
    context = {"questionnaire": questionnaire, "pending": pending, "rows": rows}
    return render(request, f"{TEMPLATES}/preview.html", context)


def _language_or_source(code: str) -> dict:
    return {"code": code, "name": language_name(code), "dir": direction(code)}


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.get_questionnaire_for_author(request.user, pk)
    pending = request.session.get(_upload_key(questionnaire))
    if pending is None or pending["errors"] or request.POST.get("token") != pending["token"]:
        messages.error(request, _("This upload cannot be applied any more; upload the spreadsheet again."))
        return redirect("questionnaires:translation_upload", pk=questionnaire.pk)
    del request.session[_upload_key(questionnaire)]
    changes = [Change.from_list(values) for values in pending["changes"]]
    try:
        applied = apply_translations(questionnaire, changes=changes, by=request.user, via="spreadsheet")
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect("questionnaires:translation_upload", pk=questionnaire.pk)
    count = len(applied)
    messages.success(request, ngettext("%(count)d text changed.", "%(count)d texts changed.", count) % {"count": count})
    return redirect("questionnaires:translation_status", pk=questionnaire.pk)


urlpatterns: list[URLPattern] = [
    path("<int:pk>/translations/", status, name="translation_status"),
    path("<int:pk>/translations/spreadsheet/", download, name="translation_download"),
    path("<int:pk>/translations/upload/", upload, name="translation_upload"),
    path("<int:pk>/translations/upload/preview/", preview, name="translation_preview"),
    path("<int:pk>/translations/upload/confirm/", confirm, name="translation_confirm"),
    path("<int:pk>/translations/<str:language>/", todo, name="translation_todo"),
    path("<int:pk>/translations/<str:language>/edit/", edit, name="translation_edit"),
    path(
        "<int:pk>/translations/<str:language>/sections/<int:section_pk>/",
        edit_section,
        name="translation_edit_section",
    ),
]
