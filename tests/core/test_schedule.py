"""Daily jobs run once a day from their hour, however many scheduler processes there are."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from citydiplomacy.core import schedule
from citydiplomacy.core.models import ScheduledRun


class FakeTask:
    def __init__(self):
        self.runs = 0

    def enqueue(self):
        self.runs += 1


def test_a_job_is_due_from_its_hour_and_not_again_the_same_day():
    job = schedule.DailyJob("digest", 7, FakeTask())
    morning = datetime.datetime(2026, 11, 28, 6, 59)
    later = datetime.datetime(2026, 11, 28, 7, 0)
    assert schedule.due(morning, {}, [job]) == []
    assert schedule.due(later, {}, [job]) == [job]
    assert schedule.due(later, {"digest": later.date()}, [job]) == []
    assert schedule.due(later, {"digest": datetime.date(2026, 11, 27)}, [job]) == [job]


def test_an_hour_outside_the_day_is_refused():
    with pytest.raises(ValueError, match="hour must be 0–23"):
        schedule.daily("x", 24)


@pytest.mark.django_db
def test_enqueue_due_runs_each_job_once_a_day(monkeypatch):
    task = FakeTask()
    monkeypatch.setattr(schedule, "_JOBS", {"digest": schedule.DailyJob("digest", 7, task)})
    at = datetime.datetime(2026, 11, 28, 8, 0, tzinfo=datetime.UTC)
    assert schedule.enqueue_due(at) == ["digest"]
    assert schedule.enqueue_due(at) == []
    assert task.runs == 1
    assert ScheduledRun.objects.get(name="digest").last_run_on == at.date()
    assert schedule.enqueue_due(at + datetime.timedelta(days=1)) == ["digest"]


@pytest.mark.django_db
def test_the_plan_reminders_are_a_registered_daily_job(mailoutbox):
    assert "plan-update-reminders" in [job.name for job in schedule.jobs()]
    call_command("run_scheduler", "--once")
    assert ScheduledRun.objects.filter(name="plan-update-reminders").exists() == (
        timezone.localtime().hour >= 7
    )
