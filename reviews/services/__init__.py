"""Writes of the reviews app, by area; import them from here."""

from reviews.services.answers import restore_revision, save_answer
from reviews.services.clearance import clear_answers, mark_ready, return_to_drafting
from reviews.services.cycle_participants import ParticipantsRefused, add_cycle_participants
from reviews.services.cycles import close_cycle, save_cycle
from reviews.services.draw import draw_lots
from reviews.services.errors import AnswerConflict, ReviewError, SubmissionIncomplete
from reviews.services.evidence import add_evidence, withdraw_evidence
from reviews.services.outputs import (
    add_observation,
    ensure_outputs,
    publish_outputs,
    remove_observation,
    save_feedback,
    save_summary,
    send_feedback,
    sign_off,
)
from reviews.services.participants import add_participant, add_participants_in_bulk, remove_participant, side_of_state
from reviews.services.questionnaires import publish_questionnaire
from reviews.services.steps import deadline_for, move_review, submit_questionnaire
from reviews.services.threads import (
    CommentError,
    delete_comment,
    edit_comment,
    get_or_create_thread,
    post_comment,
    resolve_thread,
)

__all__ = [
    "AnswerConflict",
    "CommentError",
    "ParticipantsRefused",
    "ReviewError",
    "SubmissionIncomplete",
    "add_cycle_participants",
    "add_evidence",
    "add_observation",
    "add_participant",
    "add_participants_in_bulk",
    "clear_answers",
    "close_cycle",
    "deadline_for",
    "delete_comment",
    "draw_lots",
    "edit_comment",
    "ensure_outputs",
    "get_or_create_thread",
    "mark_ready",
    "move_review",
    "post_comment",
    "publish_outputs",
    "publish_questionnaire",
    "remove_observation",
    "remove_participant",
    "resolve_thread",
    "restore_revision",
    "return_to_drafting",
    "save_answer",
    "save_cycle",
    "save_feedback",
    "save_summary",
    "send_feedback",
    "side_of_state",
    "sign_off",
    "submit_questionnaire",
    "withdraw_evidence",
]
