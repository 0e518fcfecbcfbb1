from reviews.views.answers import answer_history, answer_section, restore_revision, save_answer, submit
from reviews.views.assistance import assistance_categories, assistance_category, assistance_category_action
from reviews.views.clearance import change_status
from reviews.views.cycle_participants import cycle_participants
from reviews.views.cycles import cycle_close, cycle_create, cycle_detail, cycle_edit, cycles
from reviews.views.discussion import (
    catch_up,
    delete_comment,
    discussion,
    earlier_comments,
    edit_comment,
    mention_candidates,
    post_comment,
    resolve_thread,
)
from reviews.views.draw import draw, draw_result
from reviews.views.evidence import add_evidence, download_evidence, withdraw_evidence
from reviews.views.exports import export_cycle, export_download, export_job, export_review, export_status
from reviews.views.outputs import (
    export_output,
    feedback_save,
    observation_add,
    observation_remove,
    outputs,
    published,
    published_summary,
    sign_list,
    summary_save,
)
from reviews.views.questionnaire_page import questionnaire
from reviews.views.reading import choose_reading
from reviews.views.reviews import move_review, my_reviews, overview, participants, remove_participant, review_detail
from reviews.views.timetable import cycle_timetable, extend_deadline, working_languages

__all__ = [
    "add_evidence",
    "answer_history",
    "answer_section",
    "assistance_categories",
    "assistance_category",
    "assistance_category_action",
    "catch_up",
    "change_status",
    "choose_reading",
    "cycle_close",
    "cycle_create",
    "cycle_detail",
    "cycle_edit",
    "cycle_participants",
    "cycle_timetable",
    "cycles",
    "delete_comment",
    "discussion",
    "download_evidence",
    "draw",
    "draw_result",
    "earlier_comments",
    "edit_comment",
    "export_cycle",
    "export_download",
    "export_job",
    "export_output",
    "export_review",
    "export_status",
    "extend_deadline",
    "feedback_save",
    "mention_candidates",
    "move_review",
    "my_reviews",
    "observation_add",
    "observation_remove",
    "outputs",
    "overview",
    "participants",
    "post_comment",
    "published",
    "published_summary",
    "questionnaire",
    "remove_participant",
    "resolve_thread",
    "restore_revision",
    "review_detail",
    "save_answer",
    "sign_list",
    "submit",
    "summary_save",
    "withdraw_evidence",
    "working_languages",
]
