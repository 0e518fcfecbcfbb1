"""Background work addressed by task name, enqueued once the transaction commits.

Services name the task (``"reviews.build_export"``) instead of importing it, as Zulip queues
events by name: tasks import services, never the other way round. Celery's registry finds
the task (autodiscovered from every installed app); with CELERY_TASK_ALWAYS_EAGER (the
embedded default and the tests) it runs in-process, otherwise it goes to the broker.
"""

from __future__ import annotations

from functools import cache

from celery import current_app
from django.db import transaction


@cache
def _discover() -> None:
    """Import every installed app's tasks module, as a worker does when it starts."""
    current_app.loader.import_default_modules()


def run_task(task_name: str, **kwargs) -> None:
    _discover()
    current_app.tasks[task_name].apply_async(kwargs=kwargs)


def enqueue(task_name: str, **kwargs) -> None:
    """Run ``task_name`` with these keyword arguments (primitive ids only) after the commit."""
    transaction.on_commit(lambda: run_task(task_name, **kwargs))
