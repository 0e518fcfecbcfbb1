"""What the stakeholders app adds to a review's page, and to the public page of published summaries."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from reviews.models import CountryReview
from reviews.page_links import ReviewLink
from reviews.page_links import register as register_link
from reviews.published_items import PublishedItem, PublishedSection
from reviews.published_items import register as register_published
from stakeholders import permissions, selectors

PUBLISHED_SHOWN = 50


@register_link
def input_link(request: HttpRequest, review: CountryReview) -> list[ReviewLink]:
    """Only for those who read the input: nobody else learns that a review takes any."""
    if not permissions.can_read_review_input(request.user, review):
        return []
    return [
        ReviewLink(
            _("Stakeholder input"),
            reverse("stakeholders:review_input", args=[review.pk]),
            _("Written input from non-governmental stakeholders, and whether the review accepts it."),
        )
    ]


@register_published
def published_dialogues() -> PublishedSection | None:
    dialogues = list(selectors.published_dialogues()[:PUBLISHED_SHOWN])
    if not dialogues:
        return None
    items = [
        PublishedItem(
            dialogue.title, reverse("stakeholders:public_summary", args=[dialogue.pk]), dialogue.summary_published_at
        )
        for dialogue in dialogues
        if dialogue.summary_published_at is not None
    ]
    return PublishedSection(_("Constructive dialogues with stakeholders"), items)
