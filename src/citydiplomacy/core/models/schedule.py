"""When each daily job last ran, so several scheduler processes never run one twice a day."""

from django.db import models


class ScheduledRun(models.Model):
    name = models.CharField(max_length=80, unique=True)
    last_run_on = models.DateField(null=True, blank=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "scheduled run"

    def __str__(self):
        return f"{self.name} {self.last_run_on}"
