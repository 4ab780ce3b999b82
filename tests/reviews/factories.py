"""One factory per stage of a serious incident case, each built through the services as a person would."""

from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnership.models import Organisation
from partnership.roles import Role
from reviews import services
from reviews.models import Case
from tests.factories import StatutoryPartnerFactory, UserFactory


def today():
    return timezone.localdate()


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="document.pdf"):
    """An uploaded PDF, as the publish step takes the report and the 7-minute briefing."""
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def documents() -> dict:
    """The report and the briefing, as `lcspr_publish` takes them."""
    return {"report": pdf("report.pdf"), "briefing": pdf("briefing.pdf")}


def partner_reps() -> list:
    """The three statutory partners, each with a representative who may sign off."""
    partners = [
        StatutoryPartnerFactory(name="London Borough of Barnet", type=Organisation.Type.LOCAL_AUTHORITY),
        StatutoryPartnerFactory(name="Metropolitan Police Service", type=Organisation.Type.POLICE),
        StatutoryPartnerFactory(name="North Central London Integrated Care Board", type=Organisation.Type.HEALTH),
    ]
    reps = []
    for partner in partners:
        rep = partner.users.filter(groups__name=Role.STATUTORY_PARTNER_REPRESENTATIVE.label).first()
        reps.append(
            rep
            or UserFactory(
                organisation=partner, roles=[Role.STATUTORY_PARTNER_REPRESENTATIVE, Role.REVIEW_GROUP_MEMBER]
            )
        )
    return reps


def a_manager():
    partner = StatutoryPartnerFactory(name="London Borough of Barnet")
    return partner.users.filter(groups__name=Role.PARTNERSHIP_MANAGER.label).first() or UserFactory(
        organisation=partner, roles=[Role.PARTNERSHIP_MANAGER]
    )


class CaseFactory(factory.Factory):
    """A case for consideration, just referred."""

    class Meta:
        model = Case

    referring_organisation = factory.LazyFunction(lambda: StatutoryPartnerFactory(name="London Borough of Barnet"))
    referred_on = factory.LazyFunction(lambda: today() - timedelta(days=40))
    children = factory.LazyFunction(lambda: ["Child A"])
    summary = "A baby was admitted to hospital with injuries."
    by = factory.LazyFunction(a_manager)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.case_for_consideration_refer(**kwargs)


class NotificationDueFactory(CaseFactory):
    @classmethod
    def _create(cls, model_class, **kwargs):
        case = super()._create(model_class, **kwargs)
        return services.case_for_consideration_decide(
            case=case,
            meeting_on=case.referred_on + timedelta(days=2),
            decision="notify",
            rationale="The criteria are met.",
            abuse_or_neglect=True,
            death_or_serious_harm=True,
            in_area=True,
            aware_on=case.referred_on,
            by=kwargs["by"],
        )


class RapidReviewFactory(NotificationDueFactory):
    @classmethod
    def _create(cls, model_class, **kwargs):
        case = super()._create(model_class, **kwargs)
        return services.notification_send(
            case=case,
            sent_on=case.referred_on + timedelta(days=3),
            panel_reference="CSPRP-1",
            care_status="none",
            by=kwargs["by"],
        )


class RapidReviewRecordedFactory(RapidReviewFactory):
    @classmethod
    def _create(cls, model_class, **kwargs):
        case = super()._create(model_class, **kwargs)
        return services.rapid_review_record(
            case=case,
            meeting_on=case.referred_on + timedelta(days=10),
            facts="Facts.",
            learning="Learning.",
            by=kwargs["by"],
        )


class RapidReviewSignedOffFactory(RapidReviewRecordedFactory):
    @classmethod
    def _create(cls, model_class, **kwargs):
        case = super()._create(model_class, **kwargs)
        for rep in partner_reps():
            services.rapid_review_sign_off(
                case=case, partner=rep.organisation, signed_on=case.referred_on + timedelta(days=12), by=rep
            )
        case.refresh_from_db()
        return case


class WithPanelFactory(RapidReviewSignedOffFactory):
    @classmethod
    def _create(cls, model_class, **kwargs):
        case = super()._create(model_class, **kwargs)
        return services.rapid_review_send(case=case, sent_on=case.referred_on + timedelta(days=14), by=kwargs["by"])


class LcsprFactory(WithPanelFactory):
    @classmethod
    def _create(cls, model_class, **kwargs):
        case = super()._create(model_class, **kwargs)
        return services.review_decide(
            case=case,
            decision="lcspr",
            rationale="Agencies worked poorly together.",
            decided_on=case.referred_on + timedelta(days=15),
            by=kwargs["by"],
        )


class LcsprReadyFactory(LcsprFactory):
    """An LCSPR with its final report and pre-publication copy sent: ready to publish today."""

    @classmethod
    def _create(cls, model_class, **kwargs):
        case = super()._create(model_class, **kwargs)
        services.lcspr_update(
            case=case,
            reviewer="Jane Reviewer",
            panel_notified_on=case.referred_on + timedelta(days=16),
            draft_on=case.referred_on + timedelta(days=17),
            final_on=case.referred_on + timedelta(days=18),
            prepublication_sent_on=case.referred_on + timedelta(days=19),
            by=kwargs["by"],
        )
        case.refresh_from_db()
        return case
