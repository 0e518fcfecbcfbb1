"""What national coordination adds to a review's page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from coordination import permissions as coordination_permissions
from reviews import permissions
from reviews.models import CountryReview
from reviews.page_links import ReviewLink, register


@register
def coordination_links(request: HttpRequest, review: CountryReview) -> list[ReviewLink]:
    links = []
    if permissions.can_see_coordination(request.user, review):
        links.append(
            ReviewLink(
                _("Coordination"),
                reverse("coordination:page", args=[review.pk]),
                _("Who drafts which questions, by when, and how far each has come."),
            )
        )
    if permissions.can_coordinate(request.user, review):
        links.append(
            ReviewLink(
                _("National contributors"),
                reverse("coordination:contributors", args=[review.pk]),
                _("Invite the people of your State who draft answers with you."),
            )
        )
    if coordination_permissions.can_work_offline(request.user, review):
        links.append(
            ReviewLink(
                _("Answer offline"),
                reverse("coordination:offline", args=[review.pk]),
                _("Download the questionnaire as Excel or Word, fill it in, and upload it back."),
            )
        )
    return links
