"""Documents of a review: PDF (WeasyPrint) and Word (python-docx), in any language of the product.

services/exports.py asks for them and stores them; this module only builds them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reviews import text_overlays
from reviews.file_kinds import kind_of
from reviews.forms import value_as_text
from reviews.models import AssistanceNeed, Comment, CountryReview, Evidence, Feedback, ObservationList, Summary
from reviews.selectors import OBSERVATION_PREFETCH, comments_for_document, questionnaire_view

Progress = Callable[[int], None]


@dataclass
class ReviewDocument:
    """Everything a document shows, gathered once with a fixed number of queries."""

    review: CountryReview
    questionnaires: list
    feedback: list[Feedback]
    lists: list[ObservationList]
    summary: Summary | None
    threads: dict[int | None, list[Comment]]


def read_in(reading: text_overlays.Reading | None, key: str, original: str) -> str:
    """One text unit as a document prints it in the reading's language, marked where it falls back or is stale.

    A document cannot show a notice beside the text as a page does, so the marker is part of the text.
    """
    if reading is None or not reading.in_translation or not original.strip():
        return original
    shown = reading.shown(key, original)
    if shown.state == text_overlays.SHOWN_MISSING:
        language = text_overlays.language_label(shown.original_language)
        return _("[original, %(language)s]") % {"language": language} + " " + original
    if shown.state == text_overlays.SHOWN_OUTDATED:
        return _("[translation outdated]") + " " + shown.text
    return shown.text


def _answer_in(reading: text_overlays.Reading, question) -> None:
    """The question's answer value with its texts (free text, citations' titles) read in the reading's language."""
    answer, value = getattr(question, "answer", None), question.value
    if answer is None:
        return
    if isinstance(value, str):
        question.value = read_in(reading, text_overlays.unit_key("answer", answer.pk), value)
    elif isinstance(value, list):
        question.value = [
            {**item, "title": read_in(reading, text_overlays.unit_key("answer", answer.pk, f"title:{index}"), title)}
            if isinstance(item, dict) and (title := str(item.get("title") or ""))
            else item
            for index, item in enumerate(value)
        ]


def _outputs_in(reading: text_overlays.Reading, feedback: list, lists: list, summary) -> None:
    """The outputs' texts read in the reading's language (on the objects in memory, never saved)."""
    for item in feedback:
        item.text = read_in(reading, text_overlays.unit_key("feedback", item.pk), item.text)
    for observation_list in lists:
        for observation in observation_list.items.all():
            observation.text = read_in(reading, text_overlays.unit_key("observation", observation.pk), observation.text)
    if summary is not None:
        summary.text = read_in(reading, text_overlays.unit_key("summary", summary.pk), summary.text)


def gather(
    review: CountryReview, *, reader, include_threads: bool, progress: Progress, language: str | None = None
) -> ReviewDocument:
    """What the document shows to ``reader``, who asked for it: only the threads they may read.

    With ``language`` one of the review's translations, the texts are read in it (``read_in``).
    """
    reading = text_overlays.reading_for(reader, review, language=language) if language else None
    if reading is not None and not reading.in_translation:
        reading = None
    questionnaires = [
        questionnaire_view(review, q, with_evidence=True) for q in review.questionnaires.select_related("instrument")
    ]
    progress(30)
    threads = comments_for_document(reader, review) if include_threads else {}
    for view in questionnaires:
        for section in view.sections:
            for question in section.questions:
                if reading is not None:
                    _answer_in(reading, question)
                question.answer_text = value_as_text(question, question.value, isolated=True)
                question.comments = threads.get(question.pk, [])
                question.evidence_lines = [evidence_line(evidence) for evidence in question.evidence_files]
                question.need_lines = [need_line(need) for need in question.needs]
    feedback = list(
        Feedback.objects.filter(review=review, submitted_at__isnull=False).select_related("reviewing_state")
    )
    lists = list(
        ObservationList.objects.filter(review=review)
        .select_related("reviewing_state")
        .prefetch_related(*OBSERVATION_PREFETCH)
    )
    summary = Summary.objects.filter(review=review).first()
    if reading is not None:
        _outputs_in(reading, feedback, lists, summary)
    return ReviewDocument(
        review=review, questionnaires=questionnaires, feedback=feedback, lists=lists, summary=summary, threads=threads
    )


def evidence_line(evidence: Evidence) -> str:
    """One evidence file as a document lists it: enough to tell it and check it, not the file itself."""
    kind = kind_of(evidence.content_type)
    return " · ".join(
        (
            evidence.title,
            evidence.get_language_display(),
            str(kind.label) if kind else evidence.content_type,
            filesizeformat(evidence.size),
            f"SHA-256 {evidence.sha256[:12]}",
        )
    )


def need_line(need: AssistanceNeed) -> str:
    """One technical assistance need as documents and spreadsheets list it, in the active language."""
    parts = [str(need.category.name), str(need.get_priority_display())]
    if need.article is not None:
        parts.append(_("art. %(number)s") % {"number": need.article.number})
    if need.text:
        parts.append(need.text)
    return " · ".join(parts)


def answer_lines(question) -> list[str]:
    text = value_as_text(question, question.value)
    return text.splitlines() or [""]


def question_paragraphs(question) -> list[str]:
    """What a Word document says under a question: the answer, its evidence files, the threads."""
    lines = [line or _("Not answered yet.") for line in answer_lines(question)]
    if question.evidence_lines:
        lines.append(_("Evidence files:"))
        lines.extend(f"• {line}" for line in question.evidence_lines)
    if question.need_lines:
        lines.append(_("Technical assistance needs:"))
        lines.extend(f"• {line}" for line in question.need_lines)
    lines.extend(f"— {comment.author.full_name}: {comment.body}" for comment in question.comments)
    return lines


def build_pdf(document: ReviewDocument, *, language: str, progress: Progress) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, only for the export worker

    with translation.override(language):
        html = render_to_string(
            "reviews/exports/review.html", {"doc": document, "language": language, "bidi": get_language_bidi()}
        )
    progress(70)
    return HTML(string=html).write_pdf()


def _rtl(paragraph) -> None:
    """Mark a Word paragraph right to left (python-docx has no API for it).

    No alignment is set: a right-to-left paragraph starts at the right margin by itself, and
    an explicit "right" reads as "end" (the left margin) in LibreOffice.
    """
    properties = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    properties.insert_element_before(bidi, *_AFTER_BIDI)
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


# The elements that follow <w:bidi> in a paragraph's properties (ECMA-376 CT_PPrBase order).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _table_of_contents(word, entries: list[tuple[int, str]], *, rtl: bool) -> None:
    """A TOC field of headings 1-2 whose stored result already lists them.

    Viewers that do not recalculate fields show the stored entries; Word recalculates on
    opening (updateFields) and adds the page numbers.
    """
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    entries = entries or [(1, "")]
    paragraphs = [word.add_paragraph() for _entry in entries]
    paragraphs[0].add_run()._r.append(_field_char("begin"))
    paragraphs[0].add_run()._r.append(instruction)
    paragraphs[0].add_run()._r.append(_field_char("separate"))
    for paragraph, (level, text) in zip(paragraphs, entries, strict=True):
        run = paragraph.add_run(text)
        run.bold = run.font.cs_bold = level == 1
        if rtl:
            _rtl(paragraph)
    last = paragraphs[-1]
    last.add_run()._r.append(_field_char("end"))
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings = word.settings.element
    following = next((child for child in settings if child.tag.split("}")[-1] in _AFTER_UPDATE_FIELDS), None)
    if following is None:
        settings.append(update)
    else:
        following.addprevious(update)


# Settings that follow <w:updateFields> (ECMA-376 CT_Settings order); Word refuses misordered files.
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
}  # fmt: skip


def _contents(document: ReviewDocument) -> list[tuple[int, str]]:
    """The level-1 and level-2 headings build_docx writes after the table of contents, in order."""
    entries: list[tuple[int, str]] = []
    for view in document.questionnaires:
        entries.append((1, view.questionnaire.title))
        entries.extend((2, section.section.title) for section in view.sections)
    if document.feedback:
        entries.append((1, _("Written feedback")))
        entries.extend((2, item.reviewing_state.name) for item in document.feedback)
    entries.extend(
        (1, _("Observations of %(state)s") % {"state": item.reviewing_state.name}) for item in document.lists
    )
    if document.summary and document.summary.text:
        entries.append((1, _("Summary")))
    return entries


def build_docx(document: ReviewDocument, *, language: str, progress: Progress) -> bytes:
    with translation.override(language):
        rtl = get_language_bidi()
        word = Document()
        style = word.styles["Normal"]
        style.font.size = Pt(11)
        style.font.name = "Noto Naskh Arabic" if rtl else ("Noto Sans CJK SC" if language == "zh-hans" else "Noto Sans")
        style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
        style.element.rPr.rFonts.set(qn("w:cs"), "Noto Naskh Arabic")

        def heading(text: str, level: int) -> None:
            paragraph = word.add_heading(text, level=level)
            if rtl:
                _rtl(paragraph)

        def para(text: str) -> None:
            paragraph = word.add_paragraph(text)
            if rtl:
                _rtl(paragraph)

        review = document.review
        heading(_("Review of %(state)s") % {"state": review.state.name}, 0)
        para(f"{review.cycle.title} · {_('Cluster')} {review.cycle.cluster.roman}: {review.cycle.cluster.name}")
        heading(_("Contents"), 1)
        _table_of_contents(word, _contents(document), rtl=rtl)
        for view in document.questionnaires:
            heading(view.questionnaire.title, 1)
            for section in view.sections:
                heading(section.section.title, 2)
                for question in section.questions:
                    if not question.is_asked:
                        continue
                    heading(f"{question.number}. {question.text}", 3)
                    for line in question_paragraphs(question):
                        para(line)
        progress(60)
        if document.feedback:
            heading(_("Written feedback"), 1)
            for item in document.feedback:
                heading(item.reviewing_state.name, 2)
                para(item.text)
        for observation_list in document.lists:
            heading(_("Observations of %(state)s") % {"state": observation_list.reviewing_state.name}, 1)
            for observation in observation_list.items.all():
                para(f"{observation.get_category_display()}: {observation.text}{observation_need_suffix(observation)}")
        if document.summary and document.summary.text:
            heading(_("Summary"), 1)
            para(document.summary.text)
        buffer = io.BytesIO()
        word.save(buffer)
    progress(90)
    return buffer.getvalue()


@dataclass
class OutputDocument:
    """One output of a review (written feedback, a list of observations, the summary) as a document shows it."""

    review: CountryReview
    title: str
    paragraphs: list[str]
    signatures: list[tuple[str, str]]
    name: str  # for the file name: the output and, for one State's output, that State
    numbered: bool = False


def _signatures(output: ObservationList | Summary) -> list[tuple[str, str]]:
    def name(person) -> str:
        return person.full_name if person else "—"

    return [
        (_("Status"), str(output.get_status_display())),
        (_("Signed off by the State under review"), name(output.reviewed_signed_by)),
        (_("Signed off by the reviewing State"), name(output.reviewing_signed_by)),
    ]


def _observation_line(observation) -> str:
    references = [_("art. %(number)s") % {"number": article.number} for article in observation.articles.all()]
    references += [_("question %(number)s") % {"number": question.number} for question in observation.questions.all()]
    suffix = f" ({', '.join(references)})" if references else ""
    return f"{observation.get_category_display()}: {observation.text}{suffix}{observation_need_suffix(observation)}"


def observation_need_suffix(observation) -> str:
    """The need an observation of category "technical assistance need" records, as a document adds it."""
    needs = list(observation.assistance_needs.all())
    return "".join(f" [{need_line(need)}]" for need in needs)


def output_document(output: Feedback | ObservationList | Summary) -> OutputDocument:
    """The document of one output, worded in the active language."""
    review = output.review
    if isinstance(output, Feedback):
        state = output.reviewing_state
        return OutputDocument(
            review=review,
            title=_("Written feedback of %(state)s") % {"state": state.name},
            paragraphs=output.text.splitlines() or [_("Nothing yet.")],
            signatures=[(_("Status"), _("sent") if output.submitted_at else _("not sent yet"))],
            name=f"feedback-{slugify(state.name_en)}",
        )
    if isinstance(output, ObservationList):
        state = output.reviewing_state
        return OutputDocument(
            review=review,
            title=_("Observations of %(state)s") % {"state": state.name},
            paragraphs=[_observation_line(item) for item in output.items.all()] or [_("No observation yet.")],
            signatures=_signatures(output),
            name=f"observations-{slugify(state.name_en)}",
            numbered=True,
        )
    return OutputDocument(
        review=review,
        title=_("Summary"),
        paragraphs=output.text.splitlines() or [_("Nothing yet.")],
        signatures=_signatures(output),
        name="summary",
    )


def build_output_pdf(document: OutputDocument, *, language: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, only when a document is asked for

    with translation.override(language):
        html = render_to_string(
            "reviews/exports/output.html", {"doc": document, "language": language, "bidi": get_language_bidi()}
        )
    return HTML(string=html).write_pdf()


def build_output_docx(document: OutputDocument, *, language: str) -> bytes:
    with translation.override(language):
        rtl = get_language_bidi()
        word = Document()
        style = word.styles["Normal"]
        style.font.size = Pt(11)
        style.font.name = "Noto Naskh Arabic" if rtl else ("Noto Sans CJK SC" if language == "zh-hans" else "Noto Sans")
        style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
        style.element.rPr.rFonts.set(qn("w:cs"), "Noto Naskh Arabic")
        review = document.review
        paragraphs = [
            word.add_heading(document.title, level=0),
            word.add_paragraph(_("Review of %(state)s") % {"state": review.state.name}),
            word.add_paragraph(
                f"{review.cycle.title} · {_('Cluster')} {review.cycle.cluster.roman}: {review.cycle.cluster.name}"
            ),
            *(word.add_paragraph(f"{label}: {value}") for label, value in document.signatures),
            *(word.add_paragraph(line) for line in document.paragraphs),
        ]
        if rtl:
            for paragraph in paragraphs:
                _rtl(paragraph)
        buffer = io.BytesIO()
        word.save(buffer)
    return buffer.getvalue()
