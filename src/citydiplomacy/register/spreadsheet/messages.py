"""The words for the problem codes of the spreadsheet readers, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MESSAGES = {
    # the file
    "old_excel": gettext_lazy(
        "This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) or as CSV."
    ),
    "binary": gettext_lazy("This file is not a spreadsheet: upload a CSV or an XLSX file."),
    "bad_xlsx": gettext_lazy("This file is not a readable XLSX workbook."),
    "bad_csv": gettext_lazy("The CSV file is broken on line %(line)s: %(detail)s."),
    "too_large": gettext_lazy("The file is larger than %(limit)s MB; split it into smaller files."),
    "empty_file": gettext_lazy("The file has no header row and no data."),
    # the header
    "unknown_column": gettext_lazy("Unknown column; use the header of an exported file."),
    "duplicate_column": gettext_lazy("This column appears twice (first in column %(first)s)."),
    "missing_column": gettext_lazy("The header lacks this column."),
    "cell_outside_columns": gettext_lazy("A value in a column that has no header."),
    # cells
    "required": gettext_lazy("A value is required."),
    "not_integer": gettext_lazy("“%(value)s” is not a whole number."),
    "out_of_range": gettext_lazy("%(value)s is not between %(minimum)s and %(maximum)s."),
    "not_number": gettext_lazy("“%(value)s” is not a number."),
    "too_many_decimals": gettext_lazy("“%(value)s” has more than two decimals."),
    "money_range": gettext_lazy("%(value)s is not an amount between 0 and 9,999,999,999.99."),
    "bad_date": gettext_lazy("“%(value)s” is not a date; write it as 2026-03-31 or 31.3.2026."),
    "bad_choice": gettext_lazy("“%(value)s” is not one of: %(allowed)s."),
    "too_long": gettext_lazy("The text is %(length)s characters long; at most %(limit)s fit."),
    "end_before_start": gettext_lazy("The end date %(end)s is before the start date %(start)s."),
    "more_seniors": gettext_lazy(
        "%(seniors)s elected members or directors, but only %(participants)s participants."
    ),
    # references
    "unknown_unit": gettext_lazy("No unit has the code “%(value)s”."),
    "external_actor": gettext_lazy(
        "“%(value)s” is an external actor, not a unit of the city; put it in external_actors."
    ),
    "not_external": gettext_lazy(
        "“%(value)s” is a unit of the city, not an external actor; put it in units."
    ),
    "unknown_country": gettext_lazy("“%(value)s” is not an ISO country code (such as FI or SE)."),
    "unknown_city": gettext_lazy("No city “%(value)s”; give its GeoNames id or “Name, CC”."),
    "city_needs_country": gettext_lazy(
        "Give the city “%(value)s” with its country code (“Tallinn, EE”) or its GeoNames id."
    ),
    "unknown_objective": gettext_lazy(
        "No plan objective “%(value)s”; write plan and number, such as 1:3."
    ),
    "unknown_measure": gettext_lazy(
        "No plan measure “%(value)s”; write plan and measure code, such as 1:2.4."
    ),
    "unknown_theme": gettext_lazy(
        "No theme “%(value)s”; write scheme and code, such as sdg:sdg-11."
    ),
    # rows and rights
    "duplicate_id": gettext_lazy("Activity %(value)s is already on row %(first)s."),
    "no_such_activity": gettext_lazy(
        "There is no activity %(value)s that you can see; leave the id empty for a new one."
    ),
    "not_editable": gettext_lazy("You cannot change activity %(value)s of another unit."),
    "unit_not_allowed": gettext_lazy("You cannot record activities for the unit “%(value)s”."),
    "stale_version": gettext_lazy(
        "The activity was changed after this file was exported (version %(value)s, now "
        "%(current)s). Export again and redo the change."
    ),
    "write_failed": gettext_lazy("The import failed and nothing was written: %(detail)s"),
}


def message(code: str, params: dict | None = None) -> str:
    text = MESSAGES.get(code)
    if text is None:
        return code
    try:
        return str(text) % (params or {})
    except (KeyError, TypeError, ValueError):
        return str(text)


def problem_text(problem: dict) -> str:
    """One stored problem as a sentence: "Row 12, column start_date (G): …"."""
    text = message(problem.get("code", ""), problem.get("params"))
    row, column, letter = problem.get("row"), problem.get("column"), problem.get("letter")
    where = []
    if row:
        where.append(_("Row %(row)s") % {"row": row})
    if column or letter:
        where.append(
            _("column %(column)s (%(letter)s)") % {"column": column, "letter": letter}
            if column and letter
            else _("column %(column)s") % {"column": column or letter}
        )
    return f"{', '.join(where)}: {text}" if where else text


#: What goes into each column, for the import page.
COLUMN_HELP = {
    "id": gettext_lazy("The activity's number; empty for a new activity."),
    "version": gettext_lazy("The version exported; a row changed since then is refused."),
    "kind": gettext_lazy("The type: %(choices)s."),
    "status": gettext_lazy("The status: %(choices)s."),
    "start_date": gettext_lazy("A date: 2026-03-31 or 31.3.2026."),
    "end_date": gettext_lazy("A date: 2026-03-31 or 31.3.2026."),
    "unit": gettext_lazy("The owning unit's code."),
    "units": gettext_lazy("Codes of the other units taking part."),
    "external_actors": gettext_lazy("Codes of the external actors taking part."),
    "countries": gettext_lazy("ISO country codes, such as FI; EE."),
    "cities": gettext_lazy("GeoNames ids, or name and country code: Tallinn, EE."),
    "partners": gettext_lazy(
        "Name and country code: City of Tallinn (EE); a name not yet registered is created."
    ),
    "objectives": gettext_lazy("Plan and objective number, such as 1:3."),
    "measures": gettext_lazy("Plan and measure code, such as 1:2.4."),
    "themes": gettext_lazy("Scheme and code, such as sdg:sdg-11."),
    "delegation_level": gettext_lazy("The delegation level: %(choices)s."),
    "budget": gettext_lazy("Euros, such as 1500.00."),
    "actual_cost": gettext_lazy("Euros, such as 1500.00."),
    "visibility": gettext_lazy("The visibility: %(choices)s."),
}


def column_help(name: str, choices: dict) -> str:
    text = COLUMN_HELP.get(name)
    if text is None:
        return ""
    return str(text) % {"choices": ", ".join(choices.get(name, ()))}
