"""Background work of the coordination radar: the daily full scan and the e-mail digest."""

from django_tasks import task

from citydiplomacy.core.schedule import daily

from .services import radar


@daily("register-radar-scan", hour=5)
@task()
def scan_radar() -> dict:
    return radar.full_scan()


@daily("register-radar-digest", hour=7)
@task()
def send_radar_digest() -> int:
    return radar.send_digest()
