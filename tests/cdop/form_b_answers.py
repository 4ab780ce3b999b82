"""What a professional posts to Form B: a complete set of answers, and the link they open."""

from cdop import services_form_b
from cdop.models import FORM_B_PARTS

SECTIONS = [part.key for part in FORM_B_PARTS]
TYPED_YES_NO = {name: "no" for part in FORM_B_PARTS for name in part.required if not name.endswith("_support")}


def link(form_b, token=None):
    return f"/cdop/form-b/{form_b.pk}/link/{token or services_form_b.form_b_token(form_b)}/"


def complete(**extra):
    """Every section answered (the SUDI supplement too, for requests that ask it)."""
    return {
        "contact_name": "Pat, youth worker",
        **TYPED_YES_NO,
        "involvement": "Known facts.",
        "services": "Weekly sessions.",
        "bereavement_support": "Leaflet and a call.",
        "sleep_position": "back",
        "sleep_place": "cot",
        **extra,
    }
