from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "citydiplomacy.visits"
    label = "visits"
    verbose_name = _("International visits")

    def ready(self):
        # Registers the daily erasure of expired personal data.
        from . import tasks  # noqa: F401
