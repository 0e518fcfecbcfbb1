"""Writes of the stakeholders app: registration and approval, dialogues, written input."""

from stakeholders.services.dialogues import (
    apply_for_dialogue,
    create_dialogue,
    decide_application,
    publish_summary,
    save_summary,
    update_dialogue,
)
from stakeholders.services.errors import StakeholderError
from stakeholders.services.inputs import open_to_input, send_dialogue_input, send_review_input
from stakeholders.services.registration import (
    approve_stakeholder,
    refuse_stakeholder,
    register_stakeholder,
    verification_url,
    verify_email,
)

__all__ = [
    "StakeholderError",
    "apply_for_dialogue",
    "approve_stakeholder",
    "create_dialogue",
    "decide_application",
    "open_to_input",
    "publish_summary",
    "refuse_stakeholder",
    "register_stakeholder",
    "save_summary",
    "send_dialogue_input",
    "send_review_input",
    "update_dialogue",
    "verification_url",
    "verify_email",
]
