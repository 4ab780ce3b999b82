"""Named permissions of the public website."""

EDIT_CONTENT = "content.edit_content"
READ_CONTACT_MESSAGES = "content.read_contact_messages"
