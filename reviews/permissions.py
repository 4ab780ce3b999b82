"""Named permission constants for serious incidents. Views, selectors and services use these, never raw strings."""

READ_CASE = "reviews.read_case"
MANAGE_CASE = "reviews.manage_case"
VIEW_CHILD_IDENTITY = "reviews.view_child_identity"
SIGN_OFF_RAPID_REVIEW = "reviews.sign_off_rapid_review"
REPORT_ACTION_PROGRESS = "reviews.report_action_progress"
# Held by the CDOP coordinator (declared by CDOP; a string here, as reviews does not import CDOP): a child death
# where abuse or neglect is suspected is referred as a case for consideration.
REFER_CHILD_DEATH = "cdop.manage_cases"
