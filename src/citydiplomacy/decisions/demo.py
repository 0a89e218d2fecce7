"""The demo's decisions: the seed decision, linked to the plan it prepared, and the 28 sample
records of the city's decisions. Idempotent: loading again updates nothing that is unchanged
and keeps what people confirmed."""

from datetime import date
from pathlib import Path

from django.db import transaction

from citydiplomacy.core.models import Role, User
from citydiplomacy.plan.models import Plan

from . import services
from .models import FollowUpStatus

DATA = Path(__file__).resolve().parent.parent / "demo" / "data"
SEED = DATA / "seed" / "decision_2017-11-13_s11_fi.txt"
SAMPLES = DATA / "decisions"
SEED_DEADLINE = date(2017, 12, 31)  # "vuoden 2017 loppuun mennessä"


def files() -> list[Path]:
    return [SEED, *sorted(SAMPLES.glob("*.txt"))]


@transaction.atomic
def load(plan: Plan) -> int:
    """Import the demo's decisions and confirm the seed's link to ``plan`` (the plan of its
    first version) and its deadline. Returns the number of decisions imported."""
    summary = services.import_files(files())
    if summary.failed:
        raise RuntimeError("; ".join(f"{name}: {error}" for name, error in summary.failed))
    seed = summary.decisions[0]
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    link = seed.links.filter(plan=plan).first()
    if link is None or link.status != "confirmed":
        services.link_to(seed, plan, coordinator)
    deadline = seed.follow_ups.filter(found_date=SEED_DEADLINE).first()
    if deadline is not None and deadline.status == FollowUpStatus.PROPOSED:
        services.confirm_follow_up(deadline, coordinator)
    return len(summary.decisions)
