"""Listening to the reviews' saves: a changed source text makes its translations outdated.

Connected to the models' post_save so that every way of saving (the editor, the offline import,
a restore) counts, and acted on after the commit, when the new text is there to stay. Reviews
know nothing of this app.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from reviews.models import Answer, Feedback, Observation, Summary
from translations.services import note_source_changed

TEXT_FIELDS = {Answer: "value", Feedback: "text", Observation: "text", Summary: "text"}
SOURCE_NAMES = {Answer: "answer", Feedback: "feedback", Observation: "observation", Summary: "summary"}


def _source_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and TEXT_FIELDS[sender] not in update_fields):
        return
    transaction.on_commit(partial(note_source_changed, SOURCE_NAMES[sender], instance.pk))


for model in TEXT_FIELDS:
    receiver(post_save, sender=model, dispatch_uid=f"translations.{model.__name__}")(_source_saved)
