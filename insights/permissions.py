"""Who may read which search documents: the rules of reviews.permissions, applied to the index in SQL.

A document is returned only when the page that shows its text would show it to the same person:
- a question: the secretariat, or whoever may read the answers of a review answering its published questionnaire;
- an answer: can_read_answers (drafts for the State under review, submitted answers for the reviewing side);
- a comment: can_view_thread (its thread's visibility, and the answers' rule for a thread on a question);
- written feedback: can_read_feedback (its own State before it is sent, the dialogue's readers after);
- an observation: can_read_dialogue;
- a summary: can_read_dialogue, and everyone once published.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from insights.enums import DocumentKind
from reviews.enums import QuestionnaireStatus, ReviewPermission, ThreadVisibility
from reviews.models import Participant, Questionnaire
from reviews.permissions import reviews_granted, reviews_visible_to, reviews_with_readable_answers
from revmod.accounts.permissions import is_secretariat

K = DocumentKind
NOTHING = Q(pk__in=[])


def visible_documents(user) -> Q:
    """The condition on SearchDocument rows that ``user`` may read."""
    if is_secretariat(user):
        return Q()
    if not user.is_authenticated or not user.is_active:
        return NOTHING

    def ids(permission):
        return reviews_granted(user, permission).values("pk")

    viewable = ids(ReviewPermission.VIEW)
    answers = reviews_with_readable_answers(user).filter(pk__in=viewable).values("pk")
    dialogue = ids(ReviewPermission.DIALOGUE)
    questionnaires = Questionnaire.objects.filter(
        status=QuestionnaireStatus.PUBLISHED, reviews__in=reviews_with_readable_answers(user)
    ).values("pk")
    thread_rule = (
        Q(thread_visibility=ThreadVisibility.ALL, review__in=dialogue)
        | Q(thread_visibility=ThreadVisibility.REVIEWING, review__in=ids(ReviewPermission.REVIEWING_SIDE))
        | Q(thread_visibility=ThreadVisibility.STATE, review__in=ids(ReviewPermission.STATE_INTERNAL))
    )
    own_state = Exists(
        Participant.objects.filter(
            review_id=OuterRef("review_id"), user=user, is_active=True, state_id=OuterRef("reviewing_state_id")
        )
    )
    return (
        Q(kind=K.QUESTION, questionnaire__in=questionnaires)
        | Q(kind=K.ANSWER, review__in=answers)
        | (Q(kind=K.COMMENT, review__in=viewable) & thread_rule & (Q(question__isnull=True) | Q(review__in=answers)))
        | (Q(kind=K.FEEDBACK, review__in=dialogue) & (Q(is_released=True) | own_state))
        | Q(kind=K.OBSERVATION, review__in=dialogue)
        | Q(kind=K.SUMMARY, is_released=True)
        | Q(kind=K.SUMMARY, review__in=dialogue)
    )


def may_search(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def may_choose_state(user) -> bool:
    """The State filter: for those who may see the reviews of more than one State."""
    if is_secretariat(user):
        return True
    return reviews_visible_to(user).values("state_id").distinct().count() > 1


def may_see_analytics(user) -> bool:
    """The figures across reviews name States and their progress: the secretariat's only."""
    return is_secretariat(user)
