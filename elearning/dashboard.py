"""The learning panel of the dashboard: the person's next step in the course they are taking."""

from __future__ import annotations

from django.http import HttpRequest

from elearning.selectors import learner_progress
from revmod.core.dashboard import Panel, register


@register(order=20)
def learning_panel(request: HttpRequest) -> Panel | None:
    progress = [item for item in learner_progress(request.user) if item.enrolment.completed_at is None]
    current = next((item for item in progress if item.next_lesson or item.next_quiz), None)
    if current is None:
        return None
    return Panel("elearning/dashboard/_next_step.html", {"progress": current, "more": len(progress) - 1})
