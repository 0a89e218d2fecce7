"""Background work of the plan: follower notices and update reminders (django-tasks)."""

from django.utils import timezone
from django_tasks import task

from citydiplomacy.core.schedule import daily

from . import notifications


@task()
def notify_followers(status_update_id: int, previous_status: str) -> int:
    return notifications.notify_followers(status_update_id, previous_status)


@daily("plan-update-reminders", hour=7)
@task()
def send_update_reminders() -> int:
    return notifications.send_update_reminders(timezone.localdate())
