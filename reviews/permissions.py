"""Named permission constants for serious incidents. Views, selectors and services use these, never raw strings."""

READ_CASE = "reviews.read_case"
MANAGE_CASE = "reviews.manage_case"
VIEW_CHILD_IDENTITY = "reviews.view_child_identity"
SIGN_OFF_RAPID_REVIEW = "reviews.sign_off_rapid_review"
REPORT_ACTION_PROGRESS = "reviews.report_action_progress"
