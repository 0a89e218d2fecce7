from django.conf import settings

from . import navigation


def shell(request):
    """What every page's header and footer need."""
    return {
        "CITY_NAME": settings.CITY_NAME,
        "DEMO_MODE": settings.DEMO_MODE,
        "navigation": navigation.items_for(request),
    }
