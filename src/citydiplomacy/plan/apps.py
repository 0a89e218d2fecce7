from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "citydiplomacy.plan"
    label = "plan"
    verbose_name = _("International activity plan")

    def ready(self):
        # Register the plan's timeline entries, report sections and daily reminder job.
        from . import report_sections, tasks, timeline_providers  # noqa: F401
