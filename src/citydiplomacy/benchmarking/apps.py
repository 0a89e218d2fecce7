from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkingConfig(AppConfig):
    name = "citydiplomacy.benchmarking"
    label = "benchmarking"
    verbose_name = _("Comparison cities and benchmarking")

    def ready(self):
        from . import report_sections  # noqa: F401 - registers the follow-up report's section
