"""The columns of the register's spreadsheet, in order, and how each cell is written and read.

A row is a dict keyed by column name. Values are Python values: ``int`` for ids and counts,
``date`` for dates, ``Decimal`` for money, ``str`` for text and codes, and a tuple of reference
strings for the many-valued columns (written as one cell, separated by "; "). The header row
holds the column names exactly as below, the same in every language.

Cell errors are raised as :class:`CellError` with a message code and its parameters; the
application translates the code (``register.spreadsheet.messages``), so this module needs no
Django.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

LIST_SEPARATOR = "; "
# Text that a spreadsheet program would run as a formula when a CSV is opened; written with a
# leading apostrophe (the spreadsheet convention for "this is text") and read back without it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
MONEY_LIMIT = Decimal("10000000000")  # 12 digits, 2 of them decimals
COUNT_LIMIT = 1_000_000


class CellError(ValueError):
    """A cell that cannot be read: ``code`` names the problem, ``params`` fill its message."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, text, choice, date, count, money, list, code
    required: bool = False
    default: object = None
    max_length: int | None = None
    # For choice columns: the key of the allowed values passed to the reader.
    choices: str = ""
    # For list columns: how one item is normalised ("upper" for country codes).
    item_case: str = ""
    # Optional columns may be left out of the header (an older or hand-made file).
    optional: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("id", "id"),
    Column("version", "id", optional=True),
    Column("kind", "choice", required=True, choices="kind"),
    Column("title", "text", required=True, max_length=300),
    Column("description", "text", default=""),
    Column("status", "choice", choices="status", default="planned"),
    Column("start_date", "date", required=True),
    Column("end_date", "date", required=True),
    Column("unit", "code", required=True),
    Column("units", "list"),
    Column("external_actors", "list"),
    Column("countries", "list", item_case="upper"),
    Column("cities", "list"),
    Column("partners", "list"),
    Column("objectives", "list"),
    Column("measures", "list"),
    Column("themes", "list"),
    Column("delegation_level", "choice", choices="delegation_level", default="expert"),
    Column("participant_count", "count", default=1),
    Column("senior_participant_count", "count", default=0),
    Column("participants", "text", default=""),
    Column("budget", "money"),
    Column("actual_cost", "money"),
    Column("outcomes", "text", default=""),
    Column("visibility", "choice", choices="visibility", default="internal"),
)
BY_NAME = {column.name: column for column in COLUMNS}
NAMES = tuple(column.name for column in COLUMNS)
LIST_COLUMNS = tuple(column.name for column in COLUMNS if column.kind == "list")


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# Writing -------------------------------------------------------------------------------------


def write_value(column: Column, value):
    """The cell value for an XLSX sheet: numbers and dates as themselves, the rest as text."""
    if value is None:
        return None
    if column.kind == "list":
        return LIST_SEPARATOR.join(value)
    if column.kind in ("id", "count", "money", "date"):
        return value
    return str(value)


def write_text(column: Column, value) -> str:
    """The cell text for a CSV file."""
    if value is None:
        return ""
    if column.kind == "list":
        text = LIST_SEPARATOR.join(value)
    elif column.kind == "date" and hasattr(value, "isoformat"):
        text = value.isoformat()
    elif column.kind == "money" and not isinstance(value, str):
        text = f"{value:.2f}"
    else:
        text = str(value)
    if text.startswith(FORMULA_START) and column.kind not in ("id", "count", "money", "date"):
        return "'" + text
    return text


# Reading -------------------------------------------------------------------------------------

_DATE_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_INTEGER = re.compile(r"^[+]?\d+$")


def _text(raw, *, csv: bool) -> str:
    """A cell as text; CSV cells lose the apostrophe that protects formula-like text."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime.datetime):
        raw = raw.date() if raw.time() == datetime.time() else raw
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n")
    if csv and text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    return text


def _integer(raw, *, minimum: int, maximum: int) -> int:
    if isinstance(raw, bool):
        raise CellError("not_integer", value=str(raw))
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if not _INTEGER.match(text):
            raise CellError("not_integer", value=str(raw).strip())
        number = int(text)
    if not minimum <= number <= maximum:
        raise CellError("out_of_range", value=str(number), minimum=minimum, maximum=maximum)
    return number


def _money(raw) -> Decimal:
    if isinstance(raw, bool):
        raise CellError("not_number", value=str(raw))
    if isinstance(raw, int | float):
        amount = Decimal(str(raw)).quantize(Decimal("0.01"))
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # a decimal comma, as Finnish spreadsheets write
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise CellError("not_number", value=str(raw).strip()) from None
        if not amount.is_finite():
            raise CellError("not_number", value=str(raw).strip())
        if amount != amount.quantize(Decimal("0.01")):
            raise CellError("too_many_decimals", value=str(raw).strip())
        amount = amount.quantize(Decimal("0.01"))
    if amount < 0 or amount >= MONEY_LIMIT:
        raise CellError("money_range", value=str(raw).strip())
    return amount


def _date(raw) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DATE_DOTTED.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise CellError("bad_date", value=text)


def _items(text: str, item_case: str) -> tuple[str, ...]:
    items = []
    for part in text.split(";"):
        item = " ".join(part.split())
        if item_case == "upper":
            item = item.upper()
        if item and item not in items:
            items.append(item)
    return tuple(items)


def read_value(column: Column, raw, *, choices, csv: bool):
    """The value of one cell, or :class:`CellError`. An empty cell gives the column's default
    (``None`` for dates and money, ``()`` for lists)."""
    text = _text(raw, csv=csv)
    blank = not text.strip()
    if blank and not (column.kind == "text" and text and not column.required):
        if column.required:
            raise CellError("required")
        if column.kind == "list":
            return ()
        return column.default
    if column.kind == "id":
        return _integer(raw if not isinstance(raw, str) else text, minimum=1, maximum=2**62)
    if column.kind == "count":
        return _integer(raw if not isinstance(raw, str) else text, minimum=0, maximum=COUNT_LIMIT)
    if column.kind == "money":
        return _money(raw if not isinstance(raw, str) else text)
    if column.kind == "date":
        return _date(raw if not isinstance(raw, str) else text)
    if column.kind == "list":
        return _items(text, column.item_case)
    if column.kind == "choice":
        value = text.strip().lower()
        allowed = choices[column.choices]
        if value not in allowed:
            raise CellError("bad_choice", value=text.strip(), allowed=", ".join(allowed))
        return value
    if column.kind == "code":
        return text.strip()
    if column.max_length and len(text) > column.max_length:
        raise CellError("too_long", length=len(text), limit=column.max_length)
    return text
