from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "citydiplomacy.plan"
    label = "plan"
    verbose_name = _("International activity plan")

    def ready(self):
        from . import timeline_providers  # noqa: F401 - registers the plan's timeline entries
