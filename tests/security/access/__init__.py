"""The expected-access table: for every named URL, what each kind of person gets.

One module per app (`tests/security/access/<app>.py`) defines `ROWS`, a list of `Row`s, and optionally
`world(people) -> dict[url_name, kwargs]`, which builds the records the app's URLs need and returns their URL
arguments. `test_access.py` walks every URL pattern for every person; a URL with no row fails that test.
`docs/access.md` shows the same table (see `render_markdown`), and a test keeps the two the same.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

# Who is asking. Each is a person the walker signs in (both factors), except the anonymous visitor.
ANONYMOUS = "anonymous"
MANAGER = "partnership_manager"
REVIEW_GROUP = "review_group_member"
PARTNER_REP = "statutory_partner_representative"
CDOP_COORDINATOR = "cdop_coordinator"
CDOP_PANEL = "cdop_panel_member"
AGENCY = "agency_user"
OTHER_AGENCY = "agency_user_of_another_organisation"
ADMIN = "administrator"
PEOPLE = [ANONYMOUS, MANAGER, REVIEW_GROUP, PARTNER_REP, CDOP_COORDINATOR, CDOP_PANEL, AGENCY, OTHER_AGENCY, ADMIN]
SIGNED_IN = [person for person in PEOPLE if person != ANONYMOUS]

# What they get.
OK = 200
LOGIN = "login"  # redirected to sign in
REDIRECT = "redirect"  # redirected somewhere else (for example a POST-only step back to its page)
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405  # the URL takes POST only
BAD_LINK = 400  # a signed link that is expired, tampered with or used
SECOND_FACTOR = "second factor"  # sent to the second-factor step (a password-only session)

# A password-only session (password given, second factor not yet) gets what an anonymous visitor gets, except
# that every page behind sign-in sends it to the second-factor step; these pages are its own to use.
PASSWORD_ONLY_OWN_PAGES = {"logout": NOT_ALLOWED}


@dataclass(frozen=True)
class Row:
    url_name: str
    expect: dict = field(default_factory=dict)
    note: str = ""


def public(url_name: str, note: str = "") -> Row:
    return Row(url_name, dict.fromkeys(PEOPLE, OK), note)


def staff_only(url_name: str, allowed: list[str], denied=FORBIDDEN, note: str = "", allowed_status=OK) -> Row:
    """Anonymous visitors are sent to sign in; `allowed` get `allowed_status`; every other person `denied`."""
    expect = {person: (allowed_status if person in allowed else denied) for person in SIGNED_IN}
    return Row(url_name, {ANONYMOUS: LOGIN, **expect}, note)


def password_only_expectation(row: Row):
    if row.url_name in PASSWORD_ONLY_OWN_PAGES:
        return PASSWORD_ONLY_OWN_PAGES[row.url_name]
    if row.url_name == "login" or row.expect[ANONYMOUS] == LOGIN:
        return SECOND_FACTOR
    return row.expect[ANONYMOUS]


def make_people() -> dict:
    """One person of each kind, in the organisations the worlds expect; the anonymous visitor is None."""
    from partnership.roles import Role
    from tests.factories import OrganisationFactory, StatutoryPartnerFactory, UserFactory

    local_authority = StatutoryPartnerFactory(name="London Borough of Barnet")
    police = StatutoryPartnerFactory(name="Metropolitan Police Service", type="police")
    trust = OrganisationFactory(name="Royal Free London NHS Foundation Trust", type="health")
    agency = OrganisationFactory(name="Young Barnet Foundation")
    other = OrganisationFactory(name="Barnet Mencap")
    return {
        ANONYMOUS: None,
        MANAGER: UserFactory(organisation=local_authority, roles=[Role.PARTNERSHIP_MANAGER]),
        REVIEW_GROUP: UserFactory(organisation=trust, roles=[Role.REVIEW_GROUP_MEMBER]),
        PARTNER_REP: UserFactory(
            organisation=police, roles=[Role.REVIEW_GROUP_MEMBER, Role.STATUTORY_PARTNER_REPRESENTATIVE]
        ),
        CDOP_COORDINATOR: UserFactory(organisation=trust, roles=[Role.CDOP_COORDINATOR]),
        CDOP_PANEL: UserFactory(organisation=trust, roles=[Role.CDOP_PANEL_MEMBER]),
        AGENCY: UserFactory(organisation=agency, roles=[Role.AGENCY_USER]),
        OTHER_AGENCY: UserFactory(organisation=other, roles=[Role.AGENCY_USER]),
        ADMIN: UserFactory(organisation=local_authority, roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True),
    }


def world_kwargs(people) -> dict:
    """Every world's records built, and the URL arguments of every URL that takes any."""
    kwargs = {}
    for world in worlds():
        kwargs.update(world(people))
    return kwargs


def rows() -> list[Row]:
    collected = []
    for module in _modules():
        collected.extend(module.ROWS)
    return collected


def worlds():
    return [module.world for module in _modules() if hasattr(module, "world")]


def _modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        yield importlib.import_module(f"{__name__}.{info.name}")


def render_markdown() -> str:
    short = {LOGIN: "sign in", REDIRECT: "redirect"}
    header = "| URL name | " + " | ".join(PEOPLE) + " |"
    lines = [header, "|" + "---|" * (len(PEOPLE) + 1)]
    for row in sorted(rows(), key=lambda row: row.url_name):
        lines.append(
            f"| `{row.url_name}` | " + " | ".join(short.get(row.expect[p], str(row.expect[p])) for p in PEOPLE) + " |"
        )
    return "\n".join(lines)
