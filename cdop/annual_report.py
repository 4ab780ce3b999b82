"""Child deaths' part of the annual report (`partnership.annual_report`): the CDOP's own figures for the period."""

from cdop import selectors
from partnership.annual_report import Figure

SECTION = "Child deaths"


def annual_report_figures(period) -> list[Figure]:
    data = selectors.period_figures(period)
    return [
        Figure("deaths", SECTION, "Child deaths notified, by borough", data["by_borough"], label_heading="Borough"),
        Figure(
            "deaths_reviewed",
            SECTION,
            "Child deaths reviewed, by category",
            data["by_category"],
            label_heading="Category",
        ),
        Figure(
            "modifiable",
            SECTION,
            "Child deaths reviewed with modifiable factors",
            data["by_modifiable"],
            label_heading="Factors",
            share="Modifiable factors",
        ),
    ]
