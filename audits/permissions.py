"""Named permission constants of the audits app."""

MANAGE_AUDITS = "audits.manage_audits"
COMPLETE_RETURN = "audits.complete_return"
