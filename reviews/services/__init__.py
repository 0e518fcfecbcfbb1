"""Writes of the reviews app, by area; import them from here."""

from reviews.services.threads import (
    CommentError,
    delete_comment,
    edit_comment,
    get_or_create_thread,
    post_comment,
    resolve_thread,
)
from reviews.services.workflow import (
    AnswerConflict,
    ReviewError,
    SubmissionIncomplete,
    add_participant,
    add_participants_in_bulk,
    deadline_for,
    draw_lots,
    move_review,
    participants_waiting,
    publish_questionnaire,
    remove_participant,
    save_answer,
    side_of_state,
    submit_questionnaire,
)

__all__ = [
    "AnswerConflict",
    "CommentError",
    "ReviewError",
    "SubmissionIncomplete",
    "add_participant",
    "add_participants_in_bulk",
    "deadline_for",
    "delete_comment",
    "draw_lots",
    "edit_comment",
    "get_or_create_thread",
    "move_review",
    "participants_waiting",
    "post_comment",
    "publish_questionnaire",
    "remove_participant",
    "resolve_thread",
    "save_answer",
    "side_of_state",
    "submit_questionnaire",
]
