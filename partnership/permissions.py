"""Named permission constants for the shared core. Views and selectors use these, never raw strings."""

VIEW_MY_WORK = "partnership.view_my_work"
INVITE_USER = "partnership.invite_user"
ACT_FOR_ORGANISATION = "partnership.act_for_organisation"
RESEND_EMAIL = "partnership.resend_email"
VIEW_ANNUAL_REPORT = "partnership.view_annual_report"
VIEW_THEMES = "partnership.view_themes"
