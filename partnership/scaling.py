"""How many synthetic records of each kind `manage.py make_scale_data` builds, for the benchmark.

`--national` is every partnership in England (about 150) over ten years: the figures the portal must stay fast at.
`--scale N` asks for about N of each kind, for a quicker look. Each app's loader reads only its own kinds.
"""

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ScalePlan:
    organisations: int
    users: int
    cases: int
    child_deaths: int
    form_bs: int
    panel_meetings: int
    audit_returns: int
    board_meetings: int
    pages: int
    publications: int

    @classmethod
    def about(cls, scale: int) -> "ScalePlan":
        """About `scale` of each kind, keeping the national proportions between deaths, Form Bs and returns."""
        return cls(
            organisations=max(scale // 10, 1),
            users=max(scale // 10, 1),
            cases=scale,
            child_deaths=scale,
            form_bs=scale * 10,
            panel_meetings=max(scale // 100, 1),
            audit_returns=scale * 8,
            board_meetings=max(scale // 10, 1),
            pages=scale,
            publications=scale,
        )

    def describe(self) -> str:
        return ", ".join(f"{field.name.replace('_', ' ')} {getattr(self, field.name):,}" for field in fields(self))


# About 150 partnerships for ten years (issue 15): member agencies and the national directory of GP practices,
# hospitals and schools; their staff; serious incidents; child deaths with about ten Form Bs each; Section 11 and
# VCFS returns; board meetings; one site's content.
NATIONAL = ScalePlan(
    organisations=12_000,
    users=6_000,
    cases=20_000,
    child_deaths=35_000,
    form_bs=350_000,
    panel_meetings=18_000,
    audit_returns=300_000,
    board_meetings=30_000,
    pages=2_000,
    publications=2_000,
)
