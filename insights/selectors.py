"""Reads of the search: documents the searcher may read that hold every word, filtered and paged in SQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, DateTimeField, ExpressionWrapper, F, OuterRef, QuerySet, Subquery, Value, When
from django.urls import reverse
from django.utils.safestring import SafeString

from insights.backends import matching, terms_of
from insights.enums import DocumentKind
from insights.highlight import snippet
from insights.models import SearchDocument
from insights.permissions import visible_documents
from reviews.models import Article, Cluster, Instrument
from reviews.permissions import reviews_visible_to, reviews_with_readable_answers
from revmod.accounts.permissions import is_secretariat
from revmod.states.models import MemberState

PAGE_SIZE = 20
COUNT_LIMIT = 1000


@dataclass(frozen=True)
class SearchResult:
    document: SearchDocument
    url: str
    snippet: SafeString


@dataclass(frozen=True)
class SearchResults:
    page: Page
    results: list[SearchResult]
    counts: dict[str, int]
    total: int
    more: bool = False  # more than ``total`` matches: the counting stopped there

    @property
    def kind_counts(self) -> list[tuple[str, int]]:
        """(label, number) of each kind of text found, in the order of the kinds."""
        return [(str(kind.label), self.counts[kind.value]) for kind in DocumentKind if self.counts.get(kind.value)]


def search_documents(user, *, query: str, filters: dict | None = None) -> QuerySet[SearchDocument]:
    """The documents ``user`` may read that hold every word of ``query``, newest first, filtered in SQL."""
    terms = terms_of(query)
    if not terms:
        return SearchDocument.objects.none()
    documents = SearchDocument.objects.filter(visible_documents(user)).filter(matching(terms))
    filters = filters or {}
    for field in ("cluster", "instrument", "article", "state"):
        if filters.get(field):
            documents = documents.filter(**{field: filters[field]})
    if filters.get("region"):
        documents = documents.filter(region=filters["region"])
    if filters.get("kind"):
        documents = documents.filter(kind=filters["kind"])
    if filters.get("date_from"):
        documents = documents.filter(date__date__gte=filters["date_from"])
    if filters.get("date_to"):
        documents = documents.filter(date__date__lte=filters["date_to"])
    # A question belongs to no review: its link goes to the questionnaire page of one of the
    # searcher's reviews that shows it, found in the same query (for the rows returned only).
    showing = reviews_with_readable_answers(user).filter(questionnaires=OuterRef("questionnaire_id"))
    documents = documents.annotate(
        link_review=Case(
            When(kind=DocumentKind.QUESTION, then=Subquery(showing.order_by("pk").values("pk")[:1])),
            default=None,
        )
    )
    return documents.select_related("state", "article__instrument").order_by("-date", "-id")


def search(user, *, query: str, filters: dict | None = None, page: int | str | None = 1) -> SearchResults:
    """One page of results with their links and marked snippets, and the counts by kind: a fixed number of queries."""
    documents = search_documents(user, query=query, filters=filters)
    # Counting stops after COUNT_LIMIT: checking each of 100,000 matches only to print their number
    # would cost more than the page itself.
    kinds = list(documents.order_by().values_list("kind", flat=True)[: COUNT_LIMIT + 1])
    more = len(kinds) > COUNT_LIMIT
    if not more:
        # Few matches: let the text indexes find them all, then sort them. (Walking the dates
        # newest first, the planner's choice, reads the whole table for a rare word.)
        shifted = ExpressionWrapper(F("date") + Value(dt.timedelta(0)), output_field=DateTimeField())
        documents = documents.order_by(shifted.desc(), "-id")
    paginator = Paginator(documents, PAGE_SIZE)
    paginator.count = min(len(kinds), COUNT_LIMIT)  # known already: no COUNT query
    current = paginator.get_page(page)
    results = describe(user, list(current.object_list), query=query)
    return SearchResults(page=current, results=results, counts=dict(Counter(kinds)), total=paginator.count, more=more)


def describe(user, documents: list[SearchDocument], *, query: str) -> list[SearchResult]:
    """Each document with the address of the page that shows it and its snippet (no query: see search_documents)."""
    terms = terms_of(query)
    return [SearchResult(document, _url(document), snippet(document.body, terms)) for document in documents]


def _url(document: SearchDocument) -> str:
    kind = document.kind
    if kind == DocumentKind.QUESTION:
        review = getattr(document, "link_review", None)
        if review is None:  # a draft, found by the secretariat only
            return reverse("questionnaires:edit", args=[document.questionnaire_id])
        return (
            reverse("reviews:questionnaire", args=[review, document.questionnaire_id])
            + f"#question-{document.question_id}"
        )
    if kind == DocumentKind.ANSWER:
        url = reverse("reviews:questionnaire", args=[document.review_id, document.questionnaire_id])
        return f"{url}#question-{document.question_id}"
    if kind == DocumentKind.COMMENT:
        if document.question_id:
            url = reverse("reviews:question_discussion", args=[document.review_id, document.question_id])
        else:
            url = reverse("reviews:discussion", args=[document.review_id])
        return f"{url}#comment-{document.source_id}"
    if kind == DocumentKind.SUMMARY and document.is_released:
        return reverse("reviews:published_summary", args=[document.source_id])
    return reverse("reviews:outputs", args=[document.review_id])


def filter_choices(user) -> dict[str, QuerySet]:
    """What the filters offer: every cluster, instrument and article; the States of the reviews one may see."""
    states = MemberState.objects.all()
    if not is_secretariat(user):
        states = states.filter(pk__in=reviews_visible_to(user).values("state_id"))
    return {
        "cluster": Cluster.objects.order_by("number"),
        "instrument": Instrument.objects.order_by("order"),
        "article": Article.objects.select_related("instrument").order_by("instrument__order", "number"),
        "state": states.order_by("name"),
    }
