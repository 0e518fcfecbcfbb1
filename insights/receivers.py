"""Keep the search index current: every save or delete of a text the search finds re-indexes it after commit.

The same way, a change to what the analytics count (steps, deadlines, observations, needs,
questionnaires) replaces the stamp the analytics page is kept under (insights.analytics.snapshot).

Listening here keeps the reviews app unaware of the search (the import contracts forbid it
to import insights). Writes that skip signals (bulk loads) are caught up by the command
rebuild_search_index.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from insights.analytics.snapshot import mark_changed
from insights.enums import DocumentKind
from reviews.models import (
    Answer,
    AssistanceCategory,
    AssistanceNeed,
    Comment,
    CountryReview,
    Feedback,
    Observation,
    ObservationList,
    Question,
    StepTransition,
    Summary,
)
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

# Answers are left out on purpose: see insights.analytics.snapshot.
COUNTED = (CountryReview, StepTransition, ObservationList, Observation, AssistanceNeed, AssistanceCategory, Question)


def _counted_data_changed(sender, **kwargs) -> None:
    mark_changed()


for model in COUNTED:
    post_save.connect(_counted_data_changed, sender=model, dispatch_uid=f"insights.analytics.{model.__name__}.save")
    post_delete.connect(_counted_data_changed, sender=model, dispatch_uid=f"insights.analytics.{model.__name__}.delete")
for through in (CountryReview.questionnaires.through, Observation.articles.through):
    m2m_changed.connect(_counted_data_changed, sender=through, dispatch_uid=f"insights.analytics.{through.__name__}")
