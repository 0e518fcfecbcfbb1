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
    (codes, main first) names the review's working languages.
    """
    names = data.get("state_names") or {}
    values = {
        "person": data.get("person", ""),
        "state": names.get(get_language() or "en") or names.get("en", ""),
        # Step labels are interface strings: their English text is the catalogue's msgid.
        "step": _(data["step"]) if data.get("step") else "",
        "days": int(data.get("days") or 0),
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
    }
    if kind == NotificationKind.DEADLINE and data.get("due"):
        texts[NotificationKind.DEADLINE] = _(
            "The deadline of the step “%(step)s” of the review of %(state)s is extended to %(date)s."
        )
        values["date"] = formats.date_format(dt.date.fromisoformat(data["due"]), "DATE_FORMAT")
    text = texts[NotificationKind(kind)] % values
    if kind in (NotificationKind.STEP_OPENED, NotificationKind.SUBMITTED) and data.get("languages"):
        text = f"{text} {working_languages_sentence(data['languages'])}".strip()
    return text


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
