"""Daily jobs: each capability registers a background task to be enqueued once a day.

The product's scheduler process (``citydiplomacy manage run_scheduler``, started by
``citydiplomacy run`` and ``serve``) calls :func:`enqueue_due` every minute. Which jobs are due is
decided by the pure :func:`due`; the database row per job makes sure that two scheduler processes
(or a restart) never enqueue the same job twice on one day.
"""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DailyJob:
    name: str
    hour: int  # local hour from which the job is due each day
    task: object  # a django-tasks Task


_JOBS: dict[str, DailyJob] = {}


def daily(name: str, hour: int = 6):
    """Register ``task`` to run once a day from ``hour`` (local time): ``daily("x", 7)(task)``."""
    if not 0 <= hour <= 23:
        raise ValueError(f"daily job {name!r}: hour must be 0–23, got {hour}")

    def register(task):
        _JOBS[name] = DailyJob(name, hour, task)
        return task

    return register


def jobs() -> list[DailyJob]:
    return sorted(_JOBS.values(), key=lambda job: (job.hour, job.name))


def due(now: datetime, last_runs: dict[str, date | None], registered=None) -> list[DailyJob]:
    """The jobs whose hour has come today and that have not run today."""
    today = now.date()
    return [
        job
        for job in (jobs() if registered is None else registered)
        if now.hour >= job.hour and last_runs.get(job.name) != today
    ]


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every due job once; returns the names enqueued."""
    from django.utils import timezone

    from .models import ScheduledRun

    now = now or timezone.localtime()
    last_runs = dict(ScheduledRun.objects.values_list("name", "last_run_on"))
    enqueued = []
    for job in due(now, last_runs):
        ScheduledRun.objects.get_or_create(name=job.name)
        # The conditional update is the lock: only one process gets a row back.
        claimed = (
            ScheduledRun.objects.filter(name=job.name)
            .exclude(last_run_on=now.date())
            .update(last_run_on=now.date(), last_enqueued_at=timezone.now())
        )
        if claimed:
            job.task.enqueue()
            enqueued.append(job.name)
    return enqueued
