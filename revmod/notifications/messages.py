"""The sentence of each kind of notification, written in the reader's language when shown."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from revmod.notifications.enums import NotificationKind


def message(kind: str, data: dict) -> str:
    """``data`` holds ``state_names`` per language, the English ``step`` label, ``person`` and ``days``.

    A deadline notification with ``due`` (an ISO date) tells of an extension; ``languages``
    (codes, main first) names the review's working languages. Questions given to someone, and
    their internal due dates, carry ``count`` (questions) and ``due`` (an ISO date, or none).
    Meetings and training sessions carry ``title`` and ``at`` (an ISO datetime, shown in UTC);
    stakeholder input carries ``person`` and ``organisation``.
    """
    names = data.get("state_names") or {}
    values = {
        "person": data.get("person", ""),
        "state": names.get(get_language() or "en") or names.get("en", ""),
        # Step labels are interface strings: their English text is the catalogue's msgid.
        "step": _(data["step"]) if data.get("step") else "",
        "days": int(data.get("days") or 0),
        "count": int(data.get("count") or 0),
        "date": formats.date_format(dt.date.fromisoformat(data["due"]), "DATE_FORMAT") if data.get("due") else "",
        "title": data.get("title", ""),
        "when": utc_moment(data["at"]) if data.get("at") else "",
        "organisation": data.get("organisation", ""),
    }
    texts = {
        NotificationKind.MENTIONED: _("%(person)s mentioned you in the review of %(state)s."),
        NotificationKind.REPLY: _("%(person)s replied in a discussion of the review of %(state)s."),
        NotificationKind.CLARIFICATION: _("%(person)s asked your State for clarification in the review of %(state)s."),
        NotificationKind.ASSIGNED: _("You now take part in the review of %(state)s."),
        NotificationKind.STEP_OPENED: _("The review of %(state)s is now at the step “%(step)s”."),
        NotificationKind.SUBMITTED: _("%(state)s has submitted its self-assessment questionnaire."),
        NotificationKind.DEADLINE: ngettext(
            "The step “%(step)s” of the review of %(state)s is due in %(days)d day.",
            "The step “%(step)s” of the review of %(state)s is due in %(days)d days.",
            values["days"],
        ),
        NotificationKind.OVERDUE: _("The step “%(step)s” of the review of %(state)s is late."),
        NotificationKind.MEETING_PROPOSED: _(
            "%(person)s proposed the meeting “%(title)s” in the review of %(state)s: say which times suit you."
        ),
        NotificationKind.MEETING_FIXED: _("The meeting “%(title)s” of the review of %(state)s is fixed for %(when)s."),
        NotificationKind.MEETING_REMINDER: _("The meeting “%(title)s” of the review of %(state)s starts on %(when)s."),
        NotificationKind.TRAINING_REMINDER: _("The training session “%(title)s” starts on %(when)s."),
        NotificationKind.STAKEHOLDER_INPUT: _(
            "%(person)s (%(organisation)s) sent stakeholder input on the review of %(state)s."
        ),
    }
    if kind == NotificationKind.DEADLINE and data.get("due"):
        texts[NotificationKind.DEADLINE] = _(
            "The deadline of the step “%(step)s” of the review of %(state)s is extended to %(date)s."
        )
    if kind == NotificationKind.QUESTIONS_ASSIGNED:
        texts[NotificationKind.QUESTIONS_ASSIGNED] = assigned_sentence(values, has_due=bool(data.get("due")))
    if kind == NotificationKind.ASSIGNMENT_DUE:
        texts[NotificationKind.ASSIGNMENT_DUE] = due_sentence(values)
    text = texts[NotificationKind(kind)] % values
    if kind in (NotificationKind.STEP_OPENED, NotificationKind.SUBMITTED) and data.get("languages"):
        text = f"{text} {working_languages_sentence(data['languages'])}".strip()
    return text


def utc_moment(iso: str) -> str:
    """A moment written in UTC, as a date and time in the reader's format, marked as UTC."""
    moment = dt.datetime.fromisoformat(iso).astimezone(dt.UTC)
    return _("%(moment)s UTC") % {"moment": formats.date_format(moment, "DATETIME_FORMAT")}


def working_languages_sentence(codes: list[str]) -> str:
    """The languages a review works in, named in the reader's language."""
    names = dict(settings.LANGUAGES)
    named = [str(names[code]) for code in codes if code in names]
    if not named:
        return ""
    if len(named) == 1:
        return _("The review works in %(language)s.") % {"language": named[0]}
    return _("The review works mainly in %(language)s, and also in %(others)s.") % {
        "language": named[0],
        "others": ", ".join(named[1:]),
    }


def assigned_sentence(values: dict, *, has_due: bool) -> str:
    if has_due:
        return ngettext(
            "%(person)s gave you %(count)d question to draft in the review of %(state)s, due internally on %(date)s.",
            "%(person)s gave you %(count)d questions to draft in the review of %(state)s, due internally on %(date)s.",
            values["count"],
        )
    return ngettext(
        "%(person)s gave you %(count)d question to draft in the review of %(state)s.",
        "%(person)s gave you %(count)d questions to draft in the review of %(state)s.",
        values["count"],
    )


def due_sentence(values: dict) -> str:
    """``days`` until the internal due date: 0 is today, below 0 is past."""
    if values["days"] > 0:
        return ngettext(
            "%(count)d question given to you in the review of %(state)s is due internally on %(date)s.",
            "%(count)d questions given to you in the review of %(state)s are due internally on %(date)s.",
            values["count"],
        )
    if values["days"] == 0:
        return ngettext(
            "%(count)d question given to you in the review of %(state)s is due internally today.",
            "%(count)d questions given to you in the review of %(state)s are due internally today.",
            values["count"],
        )
    return ngettext(
        "%(count)d question given to you in the review of %(state)s was due internally on %(date)s.",
        "%(count)d questions given to you in the review of %(state)s were due internally on %(date)s.",
        values["count"],
    )
