"""The national data set export: its columns are the published dictionary's, in order; identifying columns are in
the coordinator's export only; Form B answers come out one row per submitted Form B."""

import csv
import io
import json
import re
from datetime import date, time
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cdop import export, selectors
from tests.cdop.factories import (
    CaseClosedFactory,
    CaseNotifiedFactory,
    FormBRequestFactory,
    FormBSubmittedFactory,
)

pytestmark = pytest.mark.django_db
DICTIONARY = Path(__file__).resolve().parents[2] / "docs" / "cdop-ncmd-export.md"
IDENTIFYING = ["9434765919", "2026-03-01", "N3 1ZZ"]
NEVER = ["Secretname", "Hiddensurname", "Private Road"]


def dictionary_tables() -> list[list[dict]]:
    """Each Markdown table of the dictionary, as rows keyed by the header."""
    tables, current, header = [], None, None
    for line in DICTIONARY.read_text().splitlines():
        if not line.startswith("|"):
            current = header = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header, current = cells, []
            tables.append(current)
        elif not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
            current.append(dict(zip(header, cells, strict=True)))
    return tables


def body(response) -> str:
    """The text of a response, streamed (the CSV exports) or not."""
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response))))


def test_the_dictionary_documents_every_column_in_order_with_what_each_row_needs():
    cases, form_b = dictionary_tables()
    assert [row["Column"] for row in cases] == export.header(export.COLUMNS)
    assert [row["Column"] for row in form_b] == export.FORM_B_COLUMNS
    for row in cases + form_b:
        assert all(row[key] for key in ["Meaning", "Type", "Allowed values", "NCMD data item"]), row["Column"]
    identifiable = {row["Column"] for row in cases if row["Identifiable"] == "yes"}
    assert identifiable == {column.name for column in export.COLUMNS if column.identifiable}
    assert identifiable == {"nhs_number", "date_of_birth", "postcode"}


def test_the_coordinators_csv_header_is_the_dictionary_exactly(client, sign_in, coordinator):
    CaseClosedFactory()
    sign_in(coordinator)
    response = client.get("/cdop/export.csv")
    header = next(csv.reader(io.StringIO(body(response))))
    [cases, _] = dictionary_tables()
    assert header == [row["Column"] for row in cases]
    book = load_workbook(io.BytesIO(client.get("/cdop/export.xlsx").getvalue()))
    assert [cell.value for cell in book["Cases"][1]] == header


def test_one_row_per_case_with_the_national_data_set_fields(client, sign_in, coordinator):
    case = CaseClosedFactory(
        date_of_death=date(2026, 11, 1),
        time_of_death=time(6, 30),
        mode_of_death="found_dead",
        deprivation_decile=2,
        jar_triggers=["sudden", "external"],
    )
    case.analysis.secondary_categories = [5, 9]
    case.analysis.save()
    case.jar.home_visit_at = timezone.make_aware(timezone.datetime(2026, 11, 1, 9, 0))
    case.jar.save()
    FormBSubmittedFactory(case=case)
    FormBRequestFactory(case=case)
    FormBRequestFactory(case=case, stage="revoked")
    CaseNotifiedFactory()
    sign_in(coordinator)
    rows = csv_rows(client.get("/cdop/export.csv"))
    assert len(rows) == 2, "every case notified, open ones too"
    row = rows[0]
    assert row["reference"] == case.reference and row["pseudonym"] == case.pseudonym
    assert (row["nhs_number"], row["date_of_birth"], row["postcode"]) == ("9434765919", "2026-03-01", "N3 1ZZ")
    assert (row["date_of_death"], row["time_of_death"], row["place_of_death"]) == ("2026-11-01", "06:30", "Hospital")
    assert row["mode_of_death"] == "Found dead" and row["deprivation_decile"] == "2"
    assert row["jar_triggers"] == "sudden;external" and row["jar_home_visit_on"] == "2026-11-01"
    assert (row["form_b_requested"], row["form_b_submitted"]) == ("2", "1"), "withdrawn requests not counted"
    assert row["ncmd_category"] == "10" and row["secondary_categories"] == "5;9"
    assert row["modifiable"] == "yes" and row["factors_family_environment"] == "1"
    assert row["closed_on"] == timezone.localdate().isoformat() and row["stage"] == "Closed"
    assert rows[1]["closed_on"] == "" and rows[1]["ncmd_category"] == ""
    exported = body(client.get("/cdop/export.csv")) + body(client.get("/cdop/export.json"))
    assert not any(value in exported for value in NEVER), "never the name or address"


def test_a_late_notification_is_flagged(client, sign_in, coordinator, settings):
    settings.CDOP_NOTIFICATION_HOURS = 48
    died = date(2026, 11, 1)
    on_time = CaseNotifiedFactory(date_of_death=died, notified_at=timezone.make_aware(timezone.datetime(2026, 11, 2)))
    late = CaseNotifiedFactory(
        date_of_death=died, time_of_death=time(1, 0), notified_at=timezone.make_aware(timezone.datetime(2026, 11, 3, 2))
    )
    sign_in(coordinator)
    rows = {row["reference"]: row for row in csv_rows(client.get("/cdop/export.csv"))}
    assert rows[on_time.reference]["notified_late"] == "no"
    assert rows[late.reference]["notified_late"] == "yes" and rows[late.reference]["notified_on"] == "2026-11-03"


def test_form_b_answers_come_out_one_row_per_submitted_form_b_in_fixed_columns(client, sign_in, coordinator):
    case = CaseClosedFactory()
    FormBSubmittedFactory(
        case=case, involvement="=HYPERLINK(1)", birth_weight_grams=3200, not_known=["family"], sudi_needed=False
    )
    FormBRequestFactory(case=case, involvement="Draft words not sent yet")
    sign_in(coordinator)
    [_, form_b] = dictionary_tables()
    [row] = csv_rows(client.get("/cdop/export-form-b.csv"))
    assert list(row) == [entry["Column"] for entry in form_b], "the columns are the dictionary's, whatever was answered"
    assert row["reference"] == case.reference and row["agency"] == "Young Barnet Foundation"
    assert row["involvement"] == "'=HYPERLINK(1)", "a formula is written as text"
    assert row["birth_weight_grams"] == "3200" and row["sudi_needed"] == "no"
    assert row["domestic_abuse"] == row["family_environment"] == "not_known", "a section marked not known"
    assert row["sleep_position"] == "not_asked", "the SUDI supplement was not needed"
    assert "Draft words" not in body(client.get("/cdop/export-form-b.csv"))
    book = load_workbook(io.BytesIO(client.get("/cdop/export.xlsx").getvalue()))
    sheet = list(book["Form B"].values)
    assert list(sheet[0]) == export.FORM_B_COLUMNS and len(sheet) == 2


def test_merged_duplicates_are_not_exported(client, sign_in, coordinator):
    kept = CaseNotifiedFactory()
    CaseNotifiedFactory(stage="merged")  # the stage a merged duplicate would have
    sign_in(coordinator)
    assert [row["reference"] for row in csv_rows(client.get("/cdop/export.csv"))] == [kept.reference]


def test_the_panel_has_no_export_and_its_columns_would_carry_no_identifier(client, sign_in, panel_member):
    case = CaseClosedFactory()
    FormBSubmittedFactory(case=case)
    sign_in(panel_member)
    for url in ["/cdop/export.csv", "/cdop/export.json", "/cdop/export.xlsx", "/cdop/export-form-b.csv"]:
        assert client.get(url).status_code == 404, url
    columns = selectors.export_columns(panel_member)
    assert not any(column.identifiable for column in columns)
    assert not {"nhs_number", "date_of_birth", "postcode"} & set(export.header(columns))
    rows = [export.row(case, columns) for case in selectors.export_cases(panel_member)]
    assert not any(value in json.dumps(rows) for value in IDENTIFYING + NEVER)
    figures = client.get("/cdop/figures/").content.decode()
    assert not any(value in figures for value in IDENTIFYING + NEVER + [case.reference, case.pseudonym])


def test_the_export_makes_the_same_number_of_queries_for_2_and_20_cases(client, sign_in, coordinator):
    from tests.queries import queries

    sign_in(coordinator)

    for _ in range(2):
        FormBSubmittedFactory(case=CaseClosedFactory())
    small = queries(client, "/cdop/export.xlsx")
    for _ in range(18):
        FormBSubmittedFactory(case=CaseClosedFactory())
    assert queries(client, "/cdop/export.xlsx") == small
