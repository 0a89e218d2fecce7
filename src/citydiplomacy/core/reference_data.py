"""Reference data every installation needs: countries, regions, cities and the UN SDGs."""

import json

from django.db import transaction

from . import places
from .loading import upsert
from .places import DATA


@transaction.atomic
def load_sdgs() -> int:
    from .models import Theme, ThemeScheme

    goals = json.loads((DATA / "sdgs.json").read_text(encoding="utf-8"))["goals"]
    for number, names in enumerate(goals, start=1):
        upsert(
            Theme,
            {"scheme": ThemeScheme.SDG, "code": f"sdg-{number}"},
            {
                "order": number,
                "name": f"{number}. {names['fi']}",
                **{f"name_{lang}": f"{number}. {name}" for lang, name in names.items()},
            },
        )
    return len(goals)


def load_all(min_city_population: int = 15000) -> dict[str, int]:
    countries, regions = places.load_countries_and_regions()
    return {
        "countries": countries,
        "regions": regions,
        "cities": places.load_cities(min_city_population),
        "sdgs": load_sdgs(),
    }
