from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "citydiplomacy.register"
    label = "register"
    verbose_name = _("Coordination register")

    def ready(self):
        # Each registers itself when imported: the radar's save hooks and daily jobs, the
        # re-approval of changed trips, the report section.
        from . import hooks, report_sections  # noqa: F401
        from .services import trips  # noqa: F401
