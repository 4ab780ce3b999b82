"""Cells a spreadsheet will not run: the one guard for every CSV and xlsx export (formula injection, OWASP)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """Text that a spreadsheet would take for a formula starts with a quote instead; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
