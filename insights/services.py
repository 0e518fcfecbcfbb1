"""Writes of the search index: one source at a time after each save, or everything at once."""

from __future__ import annotations

from django.db import transaction

from insights.documents import SOURCES, documents_of, every_document
from insights.enums import DocumentKind
from insights.models import SearchDocument


@transaction.atomic
def index_source(kind: DocumentKind, pk: int) -> int:
    """Make the index hold what the source row says now (nothing if it is gone); returns the documents stored.

    Idempotent: running it twice stores the same rows.
    """
    documents = documents_of(kind, pk)
    SearchDocument.objects.filter(kind=kind, source_id=pk).delete()
    SearchDocument.objects.bulk_create(documents)
    return len(documents)


@transaction.atomic
def rebuild_index() -> dict[str, int]:
    """Throw the index away and build it again from every source; the documents stored, by kind."""
    SearchDocument.objects.all().delete()
    counts = {}
    for kind in SOURCES:
        counts[kind.value] = 0
        for batch in every_document(kind):
            SearchDocument.objects.bulk_create(batch)
            counts[kind.value] += len(batch)
    return counts
