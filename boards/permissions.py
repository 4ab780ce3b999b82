"""Named permission constants for the boards app. Views and selectors use these, never raw strings."""

MANAGE_BOARDS = "boards.manage_boards"
