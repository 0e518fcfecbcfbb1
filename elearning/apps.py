from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REMINDER_SCHEDULE_NAME = "elearning: training-session reminders"
REMINDER_EVERY_SECONDS = 15 * 60


class ElearningConfig(AppConfig):
    name = "elearning"
    verbose_name = _("E-learning")

    def ready(self) -> None:
        # The app owns its beat entry; django_celery_beat's DatabaseScheduler copies
        # app.conf.beat_schedule into its tables when beat starts.
        from revmod.celery import app  # noqa: PLC0415 - the Celery app reads settings

        app.conf.beat_schedule = {
            **(app.conf.beat_schedule or {}),
            REMINDER_SCHEDULE_NAME: {"task": "elearning.send_session_reminders", "schedule": REMINDER_EVERY_SECONDS},
        }
