from __future__ import annotations

from django import template
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from reviews import text_overlays
from reviews.enums import ParticipantRole, Side, Step
from reviews.forms import field_name, value_as_text

register = template.Library()


@register.filter
def answer_text(question, value) -> str:
    return value_as_text(question, value)


@register.filter
def input_name(question) -> str:
    return field_name(question)


@register.simple_tag
def fell_back(obj, field: str) -> bool:
    """Whether ``obj.field`` shows the English text because the reader's language has none."""
    language = (translation.get_language() or "en").replace("-", "_")
    if language == "en":
        return False
    return not getattr(obj, f"{field}_{language}", "") and bool(getattr(obj, f"{field}_en", ""))


@register.filter
def posted(data, name: str) -> str | None:
    """What the person typed in a field that could not be saved (kept, never lost)."""
    return data.get(name) if data else None


@register.filter
def posted_list(data, name: str) -> list[str]:
    return data.getlist(name) if data else []


def _waiting_on(step: Step, side: Side, role: ParticipantRole) -> str:
    focal_point = role == ParticipantRole.FOCAL_POINT
    actions = {
        (Step.SAQ_DRAFTING, Side.REVIEWED): (
            _("Answer and submit the questionnaire") if focal_point else _("Answer the questionnaire")
        ),
        (Step.FEEDBACK, Side.REVIEWING): _("Write the feedback on the questionnaire"),
        (Step.DIALOGUE, None): _("Take part in the dialogue"),
        (Step.OBSERVATIONS, None): _("Draft the list of observations"),
        (Step.SUMMARY, None): _("Agree the summary"),
        (Step.CONSULTATION, None): _("Agree the timeline and working language"),
        (Step.DRAWN, None): _("Name the experts of your State") if focal_point else "",
        (Step.STAFFING, None): _("Name the experts of your State") if focal_point else "",
    }
    return actions.get((step, side)) or actions.get((step, None)) or ""


@register.simple_tag
def waiting_on(review, participation) -> str:
    """What the review waits for from this participant at its current step, if anything."""
    if not participation or participation.role == ParticipantRole.OBSERVER:
        return ""
    return _waiting_on(Step(review.step), Side(participation.side), ParticipantRole(participation.role))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


def text_direction(code: str) -> str:
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "auto"


@register.filter
def lang_dir(code: str) -> str:
    """ "rtl" or "ltr" for a language code, for a text's ``dir`` attribute."""
    return text_direction(code)


@register.inclusion_tag("reviews/_read_text.html")
def read_text(
    reading, kind: str, pk: int, original: str, *, part: str = "text", index: int | None = None, block: bool = True
) -> dict:
    """One text unit as this reading shows it, in its language, with a notice when not translated or outdated.

    Without a reading (a page not read in translation) the original is shown, marked with its language.
    """
    if reading is None:
        return {"text": original, "language": "", "dir": "auto", "block": block}
    if index is not None:
        part = f"{part}{index}"  # a citation's title: "title:0"
    shown = reading.shown(text_overlays.unit_key(kind, pk, part), original)
    return {
        "shown": shown,
        "text": shown.text,
        "language": shown.language,
        "dir": text_direction(shown.language),
        "block": block,
        "original_dir": text_direction(shown.original_language),
        "translated_name": text_overlays.language_name(reading.language),
        "original_name": text_overlays.language_label(shown.original_language),
    }
