"""The panel pack's safety net: the child's identifiers replaced by "[removed]", whatever way they are written."""

from datetime import date
from types import SimpleNamespace

import pytest

from cdop.redaction import REMOVED, identifiers, redact

CHILD = SimpleNamespace(
    first_name="Secretname",
    last_name="Hiddensurname",
    nhs_number="9434765919",
    date_of_birth=date(2026, 3, 1),
    address="1 Private Road\nFinchley, London N3 2AB",
)


@pytest.mark.parametrize(
    "written",
    [
        "Secretname",
        "SECRETNAME",
        "hiddensurname",
        "943 476 5919",
        "943-476-5919",
        "9434765919",
        "9 4 3 4 7 6 5 9 1 9",
        "01/03/2026",
        "1/3/2026",
        "1.3.26",
        "2026-03-01",
        "1 March 2026",
        "1st March 2026",
        "1st of Mar 2026",
        "March 1, 2026",
        "1 Private Road",
        "1  private   road",
        "Private Road",
        "N3 2AB",
        "n32ab",
    ],
)
def test_each_way_of_writing_an_identifier_is_removed(written):
    text = f"Seen by the health visitor ({written}) weekly."
    assert redact(text, identifiers(CHILD)) == f"Seen by the health visitor ({REMOVED}) weekly."


def test_the_rest_of_the_text_is_kept_and_lookalikes_are_not_removed():
    patterns = identifiers(CHILD)
    text = "Secretnames club; NHS 19434765919; 11/03/2026; 1 March 2025; Private Roadworks; London Ambulance Service."
    assert redact(text, patterns) == text


def test_a_possessive_name_and_several_identifiers_in_one_sentence():
    text = "Secretname's mother (Hiddensurname, of 1 Private Road) gave 943 476 5919 and 01/03/2026."
    assert redact(text, identifiers(CHILD)) == (
        f"{REMOVED}'s mother ({REMOVED}, of {REMOVED}) gave {REMOVED} and {REMOVED}."
    )


def test_no_identity_and_missing_details_remove_nothing():
    assert identifiers(None) == []
    partial = SimpleNamespace(first_name="A", last_name="", nhs_number="", date_of_birth=None, address="")
    assert redact("A child, A.", identifiers(partial)) == "A child, A."
