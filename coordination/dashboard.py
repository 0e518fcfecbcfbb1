"""The dashboard's panel of national coordination: the questions given to the person, per review."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from coordination.selectors import held_questions, progress_counts
from reviews import permissions
from reviews.enums import Step
from reviews.models import CountryReview
from revmod.accounts.permissions import is_secretariat
from revmod.core.dashboard import Panel, register


@register(order=15)
def assigned_panel(request: HttpRequest) -> Panel | None:
    """Counted in one query over every open review of the person, whatever the number of questions."""
    user = request.user
    if not user.is_authenticated or is_secretariat(user):
        return None
    today = timezone.localdate()
    open_reviews = permissions.reviews_visible_to(user).exclude(step=Step.FINALIZED)
    rows = list(
        held_questions(open_reviews)
        .filter(assignee=user.pk)
        .values("in_review")
        .annotate(**progress_counts(today))
        .order_by()
    )
    if not rows:
        return None
    reviews = CountryReview.objects.select_related("state").in_bulk([row["in_review"] for row in rows])
    for row in rows:
        row["review"] = reviews[row["in_review"]]
    rows.sort(key=lambda row: (row["next_due"] is None, row["next_due"] or today, row["review"].state.name))
    return Panel("coordination/dashboard/_assigned.html", {"rows": rows, "today": today})
