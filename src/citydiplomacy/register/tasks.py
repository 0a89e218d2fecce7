"""Background work of the register (django-tasks). Each task only calls its service."""

from django_tasks import task

from .services import imports


# Spreadsheet import: the dry run, then the import itself (all or nothing).
@task()
def check_activity_import(import_id: int) -> str:
    return imports.check_import(import_id)


@task()
def apply_activity_import(import_id: int) -> str:
    return imports.apply_import(import_id)
