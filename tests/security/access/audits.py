from django.core.files.base import ContentFile

from tests.security.access import (
    ADMIN,
    AGENCY,
    ANONYMOUS,
    FORBIDDEN,
    LOGIN,
    MANAGER,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OTHER_AGENCY,
    SIGNED_IN,
    Row,
    staff_only,
)

MANAGERS = [MANAGER, ADMIN]  # the administrator is a superuser
AUDITS_USERS = [MANAGER, ADMIN, AGENCY, OTHER_AGENCY]
OWN = "the agency user's own organisation's return; another organisation's gives 404"


def _own(url_name: str, note: str = OWN) -> Row:
    expect = dict.fromkeys(SIGNED_IN, FORBIDDEN)
    expect.update({MANAGER: OK, ADMIN: OK, AGENCY: OK, OTHER_AGENCY: NOT_FOUND, ANONYMOUS: LOGIN})
    return Row(url_name, expect, note)


ROWS = [
    staff_only("audits:cycle-list", allowed=MANAGERS),
    staff_only("audits:version-detail", allowed=MANAGERS),
    staff_only("audits:version-draft", allowed=MANAGERS, allowed_status=NOT_ALLOWED, note="POST only"),
    staff_only("audits:version-publish", allowed=MANAGERS, allowed_status=NOT_ALLOWED, note="POST only"),
    staff_only("audits:cycle-create", allowed=MANAGERS),
    staff_only("audits:cycle-detail", allowed=MANAGERS),
    staff_only("audits:cycle-open", allowed=MANAGERS, allowed_status=NOT_ALLOWED, note="POST only"),
    staff_only("audits:cycle-close", allowed=MANAGERS, allowed_status=NOT_ALLOWED, note="POST only"),
    staff_only("audits:heat-map", allowed=MANAGERS),
    staff_only("audits:cycle-export", allowed=MANAGERS),
    staff_only("audits:cycle-export-csv", allowed=MANAGERS),
    staff_only("audits:my-returns", allowed=AUDITS_USERS, note="each sees only returns they may see"),
    _own("audits:return-detail"),
    Row(
        "audits:area-edit",
        {**dict.fromkeys(SIGNED_IN, FORBIDDEN), ADMIN: OK, AGENCY: OK, OTHER_AGENCY: NOT_FOUND, ANONYMOUS: LOGIN},
        "the organisation's own self-assessment: its users write it, the manager only reads it (403)",
    ),
    staff_only("audits:return-submit", allowed=AUDITS_USERS, allowed_status=NOT_ALLOWED, note="POST only"),
    staff_only("audits:return-chase", allowed=MANAGERS, allowed_status=NOT_ALLOWED, note="POST only"),
    staff_only("audits:return-review", allowed=MANAGERS),
    _own("audits:evidence-download", note="evidence of the agency's own return; another organisation's gives 404"),
    _own("audits:organisation-history", note="the agency's own organisation; another organisation's gives 404"),
]


def world(people):
    from audits import services
    from audits.models import AuditReturn, CriterionResponse
    from tests.audits.factories import CycleFactory, fill

    manager, agency_user = people[MANAGER], people[AGENCY]
    cycle = CycleFactory()
    services.cycle_open(cycle=cycle, by=manager)
    own = AuditReturn.objects.get(cycle=cycle, organisation=agency_user.organisation)
    other = AuditReturn.objects.get(cycle=cycle, organisation=people[OTHER_AGENCY].organisation)
    fill(other, by=people[OTHER_AGENCY])  # only a user of the return's organisation may move it
    services.return_submit(audit_return=other, by=people[OTHER_AGENCY])
    area = own.tool_version.areas.first()
    evidence = CriterionResponse.objects.create(
        audit_return=own,
        criterion=area.criteria.first(),
        evidence_file=ContentFile(b"%PDF-1.4 evidence", name="policy.pdf"),
    )
    return {
        "audits:version-detail": {"pk": cycle.version_id},
        "audits:version-draft": {"pk": cycle.version.tool_id},
        "audits:version-publish": {"pk": cycle.version_id},
        "audits:cycle-detail": {"pk": cycle.pk},
        "audits:cycle-open": {"pk": cycle.pk},
        "audits:cycle-close": {"pk": cycle.pk},
        "audits:heat-map": {"pk": cycle.pk},
        "audits:cycle-export": {"pk": cycle.pk},
        "audits:cycle-export-csv": {"pk": cycle.pk},
        "audits:return-detail": {"pk": own.pk},
        "audits:area-edit": {"pk": own.pk, "area_pk": area.pk},
        "audits:return-submit": {"pk": own.pk},
        "audits:return-chase": {"pk": own.pk},
        "audits:return-review": {"pk": other.pk},
        "audits:evidence-download": {"pk": evidence.pk},
        "audits:organisation-history": {"pk": agency_user.organisation_id},
    }
