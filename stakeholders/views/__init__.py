from stakeholders.views.dialogues import (
    apply,
    decide,
    dialogue_create,
    dialogue_detail,
    dialogue_edit,
    dialogue_input,
    home,
    public_summary,
    publish,
    summary,
)
from stakeholders.views.inputs import consultation, download, open_to_input, review_input
from stakeholders.views.registration import approvals, decide_stakeholder, register, verify

__all__ = [
    "apply",
    "approvals",
    "consultation",
    "decide",
    "decide_stakeholder",
    "dialogue_create",
    "dialogue_detail",
    "dialogue_edit",
    "dialogue_input",
    "download",
    "home",
    "open_to_input",
    "public_summary",
    "publish",
    "register",
    "review_input",
    "summary",
    "verify",
]
