"""The Celery application. Tasks run in-process unless REDIS_URL or REDIS_SENTINELS names a broker."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revmod.settings")

app = Celery("revmod")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
