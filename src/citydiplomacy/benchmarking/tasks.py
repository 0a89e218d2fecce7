"""Background work of benchmarking (django-tasks): large Monte Carlo analyses."""

from django_tasks import task

from .services import indices


@task()
def run_uncertainty_task(run_id: int) -> str:
    """Compute a stored uncertainty run; returns its final status."""
    return indices.execute_uncertainty(run_id)
