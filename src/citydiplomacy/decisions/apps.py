from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "citydiplomacy.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self):
        # Both register themselves when imported: the timeline entries and the report section.
        from . import report_sections, timeline_providers  # noqa: F401
