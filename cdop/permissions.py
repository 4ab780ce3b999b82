"""The CDOP app's permissions, as "app_label.codename" strings (declared on `ChildDeathCase.Meta`)."""

MANAGE_CASES = "cdop.manage_cases"  # the CDOP coordinator: everything, identifying details included
VIEW_PANEL = "cdop.view_panel"  # anonymised case views: pseudonym, age band, panel summary, analysis
RECORD_ANALYSIS = "cdop.record_analysis"  # the panel's analysis of a case
COMPLETE_FORM_B = "cdop.complete_form_b"  # an agency user: their own organisation's Form B requests
