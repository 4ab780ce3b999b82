"""The one reference scheme for case numbers: a prefix by kind, the year, and a number in sequence ("SI-2026-005",
"CDOP-2026-012", "S11-2026-003", "BRD-2026-001"), given without gaps or duplicates when two people act at once.

The counter row is incremented with `INSERT ... ON CONFLICT DO UPDATE`, which locks it until the caller's
transaction ends: a second caller waits, then takes the next number; a rolled-back transaction gives its number
back. The first number of a year follows the highest reference already held (references made before the counter).
"""

import re

from django.db import connection, models, transaction

from partnership.models import ReferenceCounter

WIDTH = 3


def reference_format(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:0{WIDTH}d}"


def next_reference(model: type[models.Model], prefix: str, year: int, *, field: str = "reference") -> str:
    """The next reference of this kind and year for `model` (whose `field` holds it). Call inside the transaction
    that saves the record."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Allocate a reference inside the transaction that saves its record")
    table = ReferenceCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE prefix = %s AND year = %s RETURNING last",  # noqa: S608
            [prefix, year],
        )
        row = cursor.fetchone()
        if row is None:  # the year's first: two first callers meet in the conflict clause
            cursor.execute(
                f"INSERT INTO {table} (prefix, year, last) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (prefix, year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
                [prefix, year, _highest_held(model, field, prefix, year) + 1],
            )
            row = cursor.fetchone()
    return reference_format(prefix, year, row[0])


def _highest_held(model, field: str, prefix: str, year: int) -> int:
    stem = f"{prefix}-{year}-"
    held = model.objects.filter(**{f"{field}__startswith": stem}).values_list(field, flat=True)
    numbers = [int(match[1]) for value in held if (match := re.fullmatch(re.escape(stem) + r"(\d+)", value))]
    return max(numbers, default=0)
