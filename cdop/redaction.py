"""Identifiers removed from what the panel reads. Agencies write Form B about a named child; the panel works
from anonymised papers, so the pack replaces the child's names, NHS number (however its digits are grouped),
date of birth (as people write dates) and address lines with "[removed]" before anyone on the panel sees it.

This is a safety net over the coordinator's own reading of the pack before issuing it, not a guarantee: a
nickname or a sibling's name is not known to the portal."""

import re
from datetime import date

REMOVED = "[removed]"
SEPARATOR = r"[\s\-\u2010-\u2015./]*"
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def _nhs_number(number: str) -> re.Pattern | None:
    digits = re.sub(r"\D", "", number or "")
    if len(digits) != 10:
        return None
    return re.compile(r"(?<!\d)" + SEPARATOR.join(digits) + r"(?!\d)")


def _date_of_birth(born: date | None) -> list[re.Pattern]:
    if born is None:
        return []
    day, month, year = born.day, born.month, born.year
    d, m, y = rf"0?{day}", rf"0?{month}", rf"(?:{year}|{year % 100:02d})"
    name = MONTHS[month - 1]
    month_word = rf"(?:{name}|{name[:3]}\.?)"
    ordinal = rf"0?{day}(?:st|nd|rd|th)?"
    return [
        re.compile(rf"(?<!\d){d}\s*[/.\-]\s*{m}\s*[/.\-]\s*{y}(?!\d)"),
        re.compile(rf"(?<!\d){year}\s*-\s*{month:02d}\s*-\s*{day:02d}(?!\d)"),
        re.compile(rf"(?<!\d){ordinal}\s+(?:of\s+)?{month_word},?\s+{year}(?!\d)", re.IGNORECASE),
        re.compile(rf"\b{month_word}\s+{ordinal},?\s+{year}(?!\d)", re.IGNORECASE),
    ]


def _words(phrase: str) -> re.Pattern:
    """A phrase matched whole, any case, however the spaces between its words are written."""
    parts = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _address(address: str) -> list[re.Pattern]:
    """Each line (or comma-separated part) of the address, the street without its house number, and the
    postcode on its own."""
    patterns = []
    for part in re.split(r"[\n,]", address or ""):
        part = part.strip()
        if len(part) < 4:
            continue
        patterns.append(_words(part))
        street = re.sub(r"^\d+[a-zA-Z]?\s+", "", part)
        if street != part and len(street.split()) >= 2:
            patterns.append(_words(street))
    for code in POSTCODE.findall(address or ""):
        code = re.sub(r"\s", "", code)
        patterns.append(re.compile(rf"\b{code[:-3]}\s*{code[-3:]}\b", re.IGNORECASE))
    return patterns


def identifiers(identity) -> list[re.Pattern]:
    """The patterns that give away this child (a `ChildIdentity`, or None: nothing to remove)."""
    if identity is None:
        return []
    patterns = _address(identity.address) + _date_of_birth(identity.date_of_birth)
    number = _nhs_number(identity.nhs_number)
    if number:
        patterns.append(number)
    names = [identity.first_name, identity.last_name]
    patterns += [_words(name) for name in names if name and len(name.strip()) > 1]
    # The longest first, so "1 Private Road" goes whole before "Private Road" is looked for.
    return sorted(patterns, key=lambda pattern: len(pattern.pattern), reverse=True)


def redact(text: str, patterns: list[re.Pattern]) -> str:
    for pattern in patterns:
        text = pattern.sub(REMOVED, text)
    return text
