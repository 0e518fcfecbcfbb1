from reviews.models.answers import Answer, AnswerRevision
from reviews.models.questionnaires import Article, Choice, Cluster, Instrument, Question, Questionnaire, Section
from reviews.models.reviews import (
    CountryReview,
    Draw,
    Participant,
    ReviewCycle,
    ReviewGroup,
    ReviewPairing,
    StepDuration,
    StepTransition,
)

__all__ = [
    "Answer",
    "AnswerRevision",
    "Article",
    "Choice",
    "Cluster",
    "CountryReview",
    "Draw",
    "Instrument",
    "Participant",
    "Question",
    "Questionnaire",
    "ReviewCycle",
    "ReviewGroup",
    "ReviewPairing",
    "Section",
    "StepDuration",
    "StepTransition",
]
