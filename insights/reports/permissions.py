"""Who makes and reads working-group reports: the secretariat, each member their own jobs."""

from __future__ import annotations

from revmod.accounts.permissions import is_secretariat


def may_make_reports(user) -> bool:
    return is_secretariat(user)
