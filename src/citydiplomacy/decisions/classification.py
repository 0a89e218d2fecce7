"""The main classes of the city's task classification (tehtäväluokitus), by their two-digit
code. A decision's classification code ("04 00 00") begins with its main class."""

from django.utils.translation import gettext_lazy as _

MAIN_CLASSES = [
    ("00", _("Administration")),
    ("01", _("Personnel")),
    ("02", _("Finance, taxation and property")),
    ("03", _("Legislation and its application")),
    ("04", _("International affairs and immigration policy")),
    ("05", _("Social services")),
    ("06", _("Health care")),
    ("07", _("Information management")),
    ("08", _("Traffic")),
    ("09", _("Safety and public order")),
    ("10", _("Land use, building and housing")),
    ("11", _("Environment")),
    ("12", _("Education and culture")),
    ("13", _("Research and development")),
    ("14", _("Business and employment services")),
]


def main_class(code: str) -> str:
    """The name of the main class of ``code`` ("04 00 00" → "International affairs…")."""
    return str(dict(MAIN_CLASSES).get((code or "")[:2], ""))
