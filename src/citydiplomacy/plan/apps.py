from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "citydiplomacy.plan"
    label = "plan"
    verbose_name = _("International activity plan")

    def ready(self):
        # Register the plan's timeline entries and its sections of the follow-up report.
        from . import report_sections, timeline_providers  # noqa: F401
