"""E-mails of the plan: reminders of overdue status updates, and notices to followers.

Each e-mail is written in the recipient's language and carries a direct link to the one short
form that records an update.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from citydiplomacy.core.models import Role, User

from .models import Measure, MeasureStatus, PlanStatus, Reminder, StatusUpdate

# Nobody is reminded about the same measure more often than this.
REMINDER_PAUSE = timedelta(days=7)


def measure_link(measure: Measure, anchor: str = "") -> str:
    return settings.SITE_URL + reverse("plan:measure", args=[measure.pk]) + anchor


def _send(user, template: str, context: dict) -> None:
    if not user.email:
        return
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"plan/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"plan/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def reminder_recipients(measure: Measure) -> list:
    if measure.owner_id and measure.owner.is_active:
        return [measure.owner]
    return list(User.objects.filter(unit=measure.unit, role=Role.UNIT_EDITOR, is_active=True))


def overdue_measures(today: date):
    open_measures = (
        Measure.objects.exclude(status__in=MeasureStatus.closed())
        .filter(plan__status__in=PlanStatus.monitored())
        .select_related("owner", "unit", "plan")
        .annotate(last_update=Max("updates__reported_on"))
    )
    return [m for m in open_measures if m.is_update_overdue(m.last_update, today)]


def send_update_reminders(today: date) -> int:
    """Remind the owners of every overdue measure, at most once a week per measure."""
    pause_start = timezone.now() - REMINDER_PAUSE
    recently = set(
        Reminder.objects.filter(sent_at__gte=pause_start).values_list("measure_id", flat=True)
    )
    sent = 0
    for measure in overdue_measures(today):
        if measure.pk in recently:
            continue
        for user in reminder_recipients(measure):
            _send(
                user,
                "reminder",
                {
                    "measure": measure,
                    "link": measure_link(measure, "#update"),
                    "last_update": measure.last_update,
                    "user": user,
                },
            )
            Reminder.objects.create(measure=measure, recipient=user)
            sent += 1
    return sent


def notify_followers(status_update_id: int, previous_status: str) -> int:
    update = StatusUpdate.objects.select_related("measure", "author").get(pk=status_update_id)
    measure = update.measure
    followers = measure.followers.filter(is_active=True).exclude(pk=update.author_id)
    count = 0
    for user in followers:
        # A follower who may no longer see the measure is not told about it.
        if not Measure.objects.visible_to(user).filter(pk=measure.pk).exists():
            continue
        _send(
            user,
            "status_changed",
            {
                "measure": measure,
                "update": update,
                "previous": MeasureStatus(previous_status).label,
                "current": MeasureStatus(update.status).label,
                "link": measure_link(measure),
                "user": user,
            },
        )
        count += 1
    return count
