"""The old eight "not known" Form B sections become the national sections, and come back when reversed."""

from datetime import date

import pytest

from tests.migrations import migrate_to, migrate_to_latest

BEFORE = "0003_delete_case_stage_log"
AFTER = "0006_form_b_not_known_by_national_section"


def _migrate(cdop_migration):
    return migrate_to([("cdop", cdop_migration)])


def _request(apps, case, by, **answers):
    organisation = apps.get_model("partnership", "Organisation").objects.create(name=f"Agency {answers}", type="vcs")
    return apps.get_model("cdop", "FormBRequest").objects.create(
        case=case, organisation=organisation, professional_name="Pat", professional_email="pat@a.example",
        nonce="n", due_on=date(2026, 3, 15), sent_by=by, stage="submitted", **answers,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_not_known_sections_map_to_the_national_sections_and_back():
    apps = _migrate(BEFORE)
    try:
        coordinator = apps.get_model("partnership", "User").objects.create(email="c@nhs.example")
        case = apps.get_model("cdop", "ChildDeathCase").objects.create(
            reference="CDOP-2026-00001", pseudonym="Child AB123", borough="barnet", sex="female", ethnicity="white",
            age_band="28-364d", date_of_death=date(2026, 3, 1), place_of_death="Home", post_mortem="yes",
            circumstances="Found unresponsive.", notifier_name="Nina", notifier_role="Nurse",
            notifier_organisation="Royal Free", notifier_email="nina@nhs.example", stage="gathering",
        )  # fmt: skip
        mixed = _request(
            apps,
            case,
            coordinator,
            involvement="Weekly sessions.",
            not_known=["death_circumstances", "parenting_capacity", "deprivation", "bereavement_support"],
        )
        answered = _request(apps, case, coordinator, services="Play.", not_known=["services"], family_environment="x")

        apps = _migrate(AFTER)
        requests = apps.get_model("cdop", "FormBRequest").objects
        after = requests.get(pk=mixed.pk)
        assert after.not_known == ["bereavement", "family"] and after.involvement == "Weekly sessions."
        assert after.sudi_needed
        assert requests.get(pk=answered.pk).not_known == ["services"]

        apps = _migrate(BEFORE)
        requests = apps.get_model("cdop", "FormBRequest").objects
        assert requests.get(pk=mixed.pk).not_known == [
            "family_environment", "parenting_capacity", "deprivation", "bereavement_support"
        ]  # fmt: skip
        assert requests.get(pk=answered.pk).not_known == ["services"]
    finally:
        migrate_to_latest()
