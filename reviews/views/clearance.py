"""The State's clearance of its answers, from the section page and the submit page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from reviews import permissions, selectors, services
from reviews.enums import AnswerStatus

S = AnswerStatus
# action: (service, who may, the statuses a whole section's answers move from)
ACTIONS = {
    "ready": (services.mark_ready, permissions.can_answer, {S.DRAFTED}),
    "clear": (services.clear_answers, permissions.can_clear, {S.DRAFTED, S.READY}),
    "return": (services.return_to_drafting, permissions.can_clear, {S.READY, S.CLEARED}),
}


def _done_message(action: str, count: int) -> str:
    if action == "ready":
        return ngettext(
            "%(count)d answer is ready for clearance.", "%(count)d answers are ready for clearance.", count
        ) % {"count": count}
    if action == "clear":
        return ngettext("%(count)d answer is cleared.", "%(count)d answers are cleared.", count) % {"count": count}
    return ngettext("%(count)d answer is back in drafting.", "%(count)d answers are back in drafting.", count) % {
        "count": count
    }


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int, questionnaire_pk: int, section: int) -> HttpResponse:
    """Mark ready, clear or return one question of the section or all of it."""
    review = selectors.get_review_for_user(request.user, pk)
    if not permissions.can_read_answers(request.user, review):
        raise Http404
    view = selectors.questionnaire_view(review, selectors.get_review_questionnaire(review, questionnaire_pk))
    current = next((progress for progress in view.sections if progress.section.order == section), None)
    # "ready", or "ready:<question id>" for one question
    name, _sep, one = request.POST.get("do", "").partition(":")
    action = ACTIONS.get(name)
    if current is None or action is None:
        raise Http404
    service, allowed, movable = action
    if not allowed(request.user, review):
        raise Http404
    back = reverse("reviews:answer_section", args=[review.pk, questionnaire_pk, section])
    questions = [question for question in current.questions if question.is_asked]
    if one:
        questions = [question for question in questions if str(question.pk) == one]
        if not questions:
            raise Http404
        back += f"#question-{questions[0].pk}"
    else:
        # A whole section moves the answers that can move; the others stay as they are.
        questions = [question for question in questions if question.answer and question.answer.status in movable]
        if not questions:
            messages.info(request, _("No answer of this section can change that way now."))
            return redirect(back)
    try:
        changed = service(review, questions, user=request.user)
    except services.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _done_message(name, len(changed)))
    return redirect(back)
