"""Background work addressed by task name, enqueued once the transaction commits.

Services name the task (``"reviews.build_export"``) instead of importing it, as Zulip queues
events by name: tasks import services, never the other way round. Celery's registry finds
the task (autodiscovered from every installed app); with CELERY_TASK_ALWAYS_EAGER (the
embedded default and the tests) it runs in-process, otherwise it goes to the broker.

The write that asks for the work is committed before the work is queued. A broker that cannot
be reached (a Redis restart) does not turn that committed write into an error page: the refusal
is logged, and the sweeps on beat (``notifications.send_stranded``, ``reviews.requeue_stranded``)
queue again what never started.
"""

from __future__ import annotations

import logging
from functools import cache

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


@cache
def _discover() -> None:
    """Import every installed app's tasks module, as a worker does when it starts."""
    current_app.loader.import_default_modules()


def run_task(task_name: str, **kwargs) -> bool:
    """Queue ``task_name`` now; False, logged, when the broker cannot be reached."""
    _discover()
    task = current_app.tasks[task_name]
    try:
        task.apply_async(kwargs=kwargs)
    except OperationalError as error:
        logger.error("Could not queue %s %s (%s); a sweep queues it again", task_name, kwargs, error)
        return False
    return True


def enqueue(task_name: str, **kwargs) -> None:
    """Run ``task_name`` with these keyword arguments (primitive ids only) after the commit."""
    transaction.on_commit(lambda: run_task(task_name, **kwargs))
