"""The one date field: whatever is typed, a GOV.UK message or a date, never an exception."""

from datetime import date

import pytest
import time_machine
from bs4 import BeautifulSoup
from django import forms
from django.template import Context, Template

from partnership.fields import GovukDateField
from partnership.forms import GovukForm

TODAY = date(2026, 11, 12)


class DeathForm(GovukForm, forms.Form):
    date_of_death = GovukDateField("Date of death", past=True)


class MeetingForm(GovukForm, forms.Form):
    meeting_on = GovukDateField("Date of the meeting", required=False)
    due_on = GovukDateField("Date due", future=True, latest=date(2027, 3, 31))


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def death(day, month, year):
    return DeathForm({"date_of_death_0": day, "date_of_death_1": month, "date_of_death_2": year})


REFUSED = [
    (("", "", ""), "Enter date of death"),
    (("  ", "\t", ""), "Enter date of death"),
    (("1", "", "2025"), "Date of death must include a month"),
    (("", "", "2025"), "Date of death must include a day and month"),
    (("1", "3", ""), "Date of death must include a year"),
    (("31", "2", "2025"), "Date of death must be a real date"),
    (("29", "2", "2025"), "Date of death must be a real date"),
    (("32", "1", "2025"), "Date of death must be a real date"),
    (("0", "1", "2025"), "Date of death must be a real date"),
    (("1", "13", "2025"), "Date of death must be a real date"),
    (("-1", "1", "2025"), "Date of death must be a real date"),
    (("1", "1", "-2025"), "Date of death must be a real date"),
    (("1.5", "1", "2025"), "Date of death must be a real date"),
    (("x", "y", "2025"), "Date of death must be a real date"),
    (("1\x00", "1", "2025"), "Date of death must be a real date"),
    (("²", "1", "2025"), "Date of death must be a real date"),
    (("<script>", "1", "2025"), "Date of death must be a real date"),
    (("1", "1", "0000"), "Date of death must be a real date"),
    (("1", "1", "1" * 20), "Date of death must include a year with 4 numbers"),
    (("1", "1", "9" * 100_000), "Date of death must include a year with 4 numbers"),
    (("1", "1", "99999"), "Date of death must include a year with 4 numbers"),
    (("1", "1", "25"), "Date of death must include a year with 4 numbers"),
    (("1", "1", "0025"), "Date of death must be the same as or after 1 January 1900"),
    (("31", "12", "1899"), "Date of death must be the same as or after 1 January 1900"),
    (("13", "11", "2026"), "Date of death must be today or in the past"),
    (("1", "1", "9999"), "Date of death must be today or in the past"),
    (("1" * 20, "1" * 20, "1" * 20), "Date of death must be a real date"),
]


@pytest.mark.parametrize(("typed", "message"), REFUSED, ids=[repr(typed)[:40] for typed, _ in REFUSED])
def test_a_wrong_date_gets_the_gov_uk_message_and_never_an_exception(typed, message):
    form = death(*typed)
    assert not form.is_valid()
    assert form.errors["date_of_death"] == [message]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("12", "11", "2026"), date(2026, 11, 12)),
        (("01", "01", "1900"), date(1900, 1, 1)),
        ((" 3 ", " 7 ", " 1999 "), date(1999, 7, 3)),
        (("3", "Jul", "1999"), date(1999, 7, 3)),
        (("3", "july", "1999"), date(1999, 7, 3)),
        (("29", "2", "2024"), date(2024, 2, 29)),
    ],
)
def test_a_real_date_in_range_is_accepted(typed, expected):
    form = death(*typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_death"] == expected


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"date_of_death": "2025-01-01"},
        {"date_of_death_0": ["1", "2"], "date_of_death_1": ["3"], "date_of_death_2": ["2025"]},
        {"date_of_death_0": [], "date_of_death_1": None, "date_of_death_2": 2025},
        {"date_of_death_0": {"a": 1}, "date_of_death_1": 3.5, "date_of_death_2": object()},
    ],
    ids=["nothing", "one-box", "lists", "empty-list-none-int", "odd-types"],
)
def test_values_no_browser_sends_never_raise(data):
    form = DeathForm(data)
    form.is_valid()
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    assert "govuk-date-input" in html


def test_an_optional_date_may_be_left_empty_but_not_half_filled():
    form = MeetingForm({"meeting_on_0": "", "meeting_on_1": "", "meeting_on_2": "", **due("1", "12", "2026")})
    assert form.is_valid() and form.cleaned_data["meeting_on"] is None
    form = MeetingForm({"meeting_on_0": "4", "meeting_on_1": "", "meeting_on_2": "", **due("1", "12", "2026")})
    assert form.errors["meeting_on"] == ["Date of the meeting must include a month and year"]


def due(day, month, year):
    return {"due_on_0": day, "due_on_1": month, "due_on_2": year}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (("11", "11", "2026"), "Date due must be today or in the future"),
        (("1", "4", "2027"), "Date due must be the same as or before 31 March 2027"),
    ],
)
def test_a_field_has_its_own_range(typed, message):
    assert MeetingForm(due(*typed)).errors["due_on"] == [message]
    assert MeetingForm(due("12", "11", "2026")).is_valid()


def test_the_default_range_ends_ten_years_ahead():
    class Plain(forms.Form):
        on = GovukDateField("Date")

    assert Plain({"on_0": "12", "on_1": "11", "on_2": "2036"}).is_valid()
    assert Plain({"on_0": "13", "on_1": "11", "on_2": "2036"}).errors["on"] == [
        "Date must be the same as or before 12 November 2036"
    ]


def rendered(form) -> BeautifulSoup:
    template = "{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{% crispy form %}"
    return BeautifulSoup(Template(template).render(Context({"form": form})), "html.parser")


def highlighted(soup):
    return [box["name"][-1] for box in soup.select("input.govuk-input--error")]


@pytest.mark.parametrize(
    ("typed", "parts", "link"),
    [
        (("1", "", "2025"), ["1"], "#id_date_of_death_1"),
        (("", "", "2025"), ["0", "1"], "#id_date_of_death_0"),
        (("1", "1", "99999"), ["2"], "#id_date_of_death_2"),
        (("1", "13", "2025"), ["1"], "#id_date_of_death_1"),
        (("31", "2", "2025"), ["0", "1", "2"], "#id_date_of_death_0"),
        (("1", "1", "2030"), ["0", "1", "2"], "#id_date_of_death_0"),
        (("", "", ""), ["0", "1", "2"], "#id_date_of_death_0"),
    ],
)
def test_the_part_to_correct_is_highlighted_and_the_summary_links_to_it(typed, parts, link):
    form = death(*typed)
    form.is_valid()
    soup = rendered(form)
    assert highlighted(soup) == parts
    [summary_link] = soup.select(".govuk-error-summary__list a")
    assert summary_link["href"] == link
    assert soup.select_one(".govuk-form-group--error .govuk-error-message") is not None


def test_the_boxes_ask_for_the_number_keyboard_and_keep_what_was_typed():
    form = death("31", "2", "2025")
    form.is_valid()
    soup = rendered(form)
    boxes = soup.select(".govuk-date-input input")
    assert [box["inputmode"] for box in boxes] == ["numeric"] * 3
    assert [box["value"] for box in boxes] == ["31", "2", "2025"]
