from reviews.models.answers import Answer, AnswerRevision, Evidence
from reviews.models.assistance import AssistanceCategory, AssistanceNeed
from reviews.models.exports import ExportJob
from reviews.models.outputs import Feedback, Observation, ObservationList, Summary
from reviews.models.questionnaires import Article, Choice, Cluster, Instrument, Question, Questionnaire, Section
from reviews.models.reviews import (
    CountryReview,
    DeadlineExtension,
    Draw,
    Participant,
    ReviewCycle,
    ReviewGroup,
    ReviewPairing,
    StepDuration,
    StepTransition,
)
from reviews.models.threads import Comment, CommentVersion, Presence, Thread

__all__ = [
    "Answer",
    "AnswerRevision",
    "Article",
    "AssistanceCategory",
    "AssistanceNeed",
    "Choice",
    "Cluster",
    "Comment",
    "CommentVersion",
    "CountryReview",
    "DeadlineExtension",
    "Draw",
    "Evidence",
    "ExportJob",
    "Feedback",
    "Instrument",
    "Observation",
    "ObservationList",
    "Participant",
    "Presence",
    "Question",
    "Questionnaire",
    "ReviewCycle",
    "ReviewGroup",
    "ReviewPairing",
    "Section",
    "StepDuration",
    "StepTransition",
    "Summary",
    "Thread",
]
