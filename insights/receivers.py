"""Keep the search index current: every save or delete of a text the search finds re-indexes it after commit.

Listening here keeps the reviews app unaware of the search (the import contracts forbid it
to import insights). Writes that skip signals (bulk loads) are caught up by the command
rebuild_search_index.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from insights.enums import DocumentKind
from reviews.models import Answer, Comment, Feedback, Observation, Question, Summary
from revmod.core.queue import enqueue

TRACKED = {
    Question: DocumentKind.QUESTION,
    Answer: DocumentKind.ANSWER,
    Comment: DocumentKind.COMMENT,
    Feedback: DocumentKind.FEEDBACK,
    Observation: DocumentKind.OBSERVATION,
    Summary: DocumentKind.SUMMARY,
}


def schedule_indexing(kind: DocumentKind, pk: int) -> None:
    """After the commit, by the task queue (in-process on the embedded default)."""
    enqueue("insights.index_source", kind=kind.value, pk=pk)


def _changed(sender, instance, **kwargs) -> None:
    schedule_indexing(TRACKED[sender], instance.pk)


def _observation_links_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Observation):
        schedule_indexing(DocumentKind.OBSERVATION, instance.pk)


for model in TRACKED:
    post_save.connect(_changed, sender=model, dispatch_uid=f"insights.index.{model.__name__}.save")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"insights.index.{model.__name__}.delete")
m2m_changed.connect(_observation_links_changed, sender=Observation.articles.through, dispatch_uid="insights.obs.a")
m2m_changed.connect(_observation_links_changed, sender=Observation.questions.through, dispatch_uid="insights.obs.q")
