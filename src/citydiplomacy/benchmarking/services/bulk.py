"""Bulk reads and writes of observations for the importer.

A million observations must go in within seconds, so rows travel as plain tuples: one
parameterised statement executed over batches (``executemany``), or PostgreSQL's ``COPY``.
Building a model instance per row would cost more than the database work itself. Callers run
these inside a transaction: a failure anywhere leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection

from ..models import Observation

BATCH_SIZE = 20_000
INSERT_COLUMNS = ("city_id", "indicator_id", "year", "value", "flags", "batch_id")


def existing_observations(indicator_ids: list[int]) -> dict[tuple[int, int, int], tuple]:
    """``{(city, indicator, year): (id, value, flags)}`` for the given indicators."""
    if not indicator_ids:
        return {}
    rows = Observation.objects.filter(indicator_id__in=indicator_ids).values_list(
        "city_id", "indicator_id", "year", "id", "value", "flags"
    )
    return {(c, i, y): (pk, value, flags) for c, i, y, pk, value, flags in rows.iterator(10_000)}


def _batches(rows: Iterable[tuple], size: int = BATCH_SIZE) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_observations(rows: Iterable[tuple]) -> int:
    """Insert ``(city_id, indicator_id, year, value, flags, batch_id)`` rows; returns the count."""
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = ", ".join(INSERT_COLUMNS)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(INSERT_COLUMNS))})"
        for batch in _batches(rows):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def update_observations(rows: Iterable[tuple]) -> int:
    """Apply ``(value, flags, batch_id, id)`` changes; returns the count."""
    table = connection.ops.quote_name(Observation._meta.db_table)
    sql = f"UPDATE {table} SET value = %s, flags = %s, batch_id = %s WHERE id = %s"
    count = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
