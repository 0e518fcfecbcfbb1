"""The sentence of each kind of notification, written in the reader's language when shown."""

from __future__ import annotations

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from revmod.notifications.enums import NotificationKind


def message(kind: str, data: dict) -> str:
    """``data`` holds ``state_names`` per language, the English ``step`` label, ``person`` and ``days``."""
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
    return texts[NotificationKind(kind)] % values
