"""Hostile input: read a page's POST forms as a browser would, and build the posts an attacker would try.

`post_forms(response)` parses every `<form method="post">` into a `WebForm` (its action, its fields and the
values a browser would send). `variants(form)` turns one form into the hostile posts for it, each a `Variant`
that says whether the portal must refuse it (nothing saved, an error shown) or may accept it (but never fail).
The values are a table, not random, so a failure names the value that caused it.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

LONG = "A" * 100_000
NUL = "Plain\x00words"
MARKUP = '<script>alert("hostile")</script><img src=x onerror=alert(1)>'
UNESCAPED = ['<script>alert("hostile")', "<img src=x onerror"]  # either in a response body is an XSS hole
HUGE = "9" * 20
NEGATIVE = "-1"
IMPOSSIBLE_DATES = {  # (day, month, year) for GOV.UK date inputs; the same as one string for a date box
    "31 February": ("31", "2", "2025"),
    "year 99999": ("1", "1", "99999"),
    "20-digit year": ("1", "1", HUGE),
    "two-digit year": ("1", "1", "25"),
}
EXTRA_FIELDS = {
    "is_superuser": "on",
    "is_staff": "on",
    "stage": "closed",
    "pk": "1",
    "id": "1",
    "organisation": "1",
    "created_by": "1",
    "unexpected": MARKUP,
}
# Python's or Django's own words, which people must never be shown in a GOV.UK error summary.
NOT_PLAIN_ENGLISH = ["['", "{'", "out of range", "too large to convert", "Null characters", "Ensure this value",
                     "Enter a whole number", "Select a valid choice"]  # fmt: skip
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
TEXT_KINDS = {"text", "textarea", "email", "url", "password"}
SINGLE_KINDS = TEXT_KINDS | {"number", "choice", "datepart", "date", "datetime"}
CSRF = "csrfmiddlewaretoken"

# Tables written on any request by design: sign-in state, the record of who looked at what, the sign-in
# lockout counters, the second factor's failure counters (django-otp's throttle, kept on the device) and queued
# tasks.
UNWATCHED_PREFIXES = ("django_session", "partnership_accessevent", "axes_", "otp_", "django_tasks", "django_migrations")


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, email, url, password, number, datepart, date, datetime, hidden, boolean,
    # choice (radios or a select), choices (checkboxes or a multiple select), file
    values: list = field(default_factory=list)  # what the page shows: a browser would send these
    options: list = field(default_factory=list)
    part: int = 0  # for a GOV.UK date input: 0 day, 1 month, 2 year


@dataclass
class WebForm:
    action: str
    fields: dict  # name -> Field, in page order
    button: tuple | None = None  # the first named submit button: (name, value)

    @property
    def version(self) -> str | None:
        version = self.fields.get("version")
        return version.values[0] if version and version.kind == "hidden" and version.values else None

    def of_kind(self, *kinds) -> list[Field]:
        return [f for f in self.fields.values() if f.kind in kinds]


@dataclass
class Variant:
    label: str
    data: dict
    files: dict
    must_refuse: bool


def post_forms(response) -> list[WebForm]:
    soup = BeautifulSoup(response.content, "html.parser")
    here = response.request["PATH_INFO"]
    forms = []
    for element in soup.find_all("form"):
        if (element.get("method") or "get").lower() != "post":
            continue
        action = urlsplit(urljoin(here, element.get("action") or here)).path
        forms.append(WebForm(action=action, fields=_fields(element), button=_button(element)))
    return forms


def _button(element):
    for button in element.find_all(["button", "input"]):
        if button.get("type", "submit" if button.name == "button" else "text") == "submit" and button.get("name"):
            return button["name"], button.get("value", "")
    return None


def _hidden_from_people(control) -> bool:
    """The honeypot sits in an aria-hidden box: people never fill it, so neither do we."""
    return any(parent.get("aria-hidden") == "true" for parent in control.parents if parent.name)


def _fields(element) -> dict:
    fields: dict[str, Field] = {}
    for control in element.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name:
            continue
        kind, value = _kind(control)
        if kind is None:
            continue
        if kind in ("radio", "checkbox"):
            existing = fields.setdefault(name, Field(name, kind, []))
            existing.options.append(value)
            if control.has_attr("checked"):
                existing.values.append(value)
            continue
        if control.name == "select":
            options = [o.get("value", o.get_text()) for o in control.find_all("option")]
            chosen = [o.get("value", o.get_text()) for o in control.find_all("option") if o.has_attr("selected")]
            kind = "choices" if control.has_attr("multiple") else "choice"
            fields[name] = Field(name, kind, chosen, options)
            continue
        part = 0
        if "govuk-date-input__input" in control.get("class", []):
            kind, part = "datepart", int(name.rsplit("_", 1)[-1]) if name[-2:-1] == "_" else 0
        fields[name] = Field(name, kind, [value] if value else [], part=part)
    for f in fields.values():
        if f.kind == "radio":
            f.kind = "choice"
        elif f.kind == "checkbox":
            # One box without a value of its own is a yes/no; a group of boxes is a multiple choice.
            f.kind = "boolean" if f.options == ["on"] else "choices"
    return fields


def _kind(control) -> tuple[str | None, str]:
    if control.name == "textarea":
        return "textarea", control.get_text().lstrip("\n")
    if control.name == "select":
        return "select", ""
    kind = (control.get("type") or "text").lower()
    value = control.get("value", "")
    if kind in ("submit", "button", "image", "reset"):
        return None, ""
    if kind == "hidden" or _hidden_from_people(control):
        return "hidden", value
    if kind == "checkbox":
        return "checkbox", control.get("value", "on")
    if kind == "radio":
        return "radio", value
    if kind in ("email", "url", "password", "file", "date"):
        return kind, value
    if kind == "datetime-local":
        return "datetime", value
    if "vDateField" in control.get("class", []):  # the admin's date box
        return "date", value
    if kind == "number" or control.get("inputmode") == "numeric":
        return "number", value
    return "text", value


# What a person would type in each kind of field when the page offers nothing, so that a post gets as far
# as the service when only the hostile value is wrong.
def _plausible(f: Field) -> list:
    if f.values or f.kind in ("hidden", "boolean", "choices"):
        return list(f.values)
    day = timezone.localdate() - timedelta(days=3)
    return [
        {
            "text": "Plain words",
            "textarea": "Some plain words.",
            "email": "someone@example.org",
            "url": "https://example.org/",
            "password": "a-long-enough-passphrase",
            "number": "1",
            "datepart": [str(day.day), str(day.month), str(day.year)][f.part],
            "date": day.isoformat(),
            "datetime": f"{day.isoformat()}T09:00",
            "choice": next((o for o in f.options if o), ""),
        }.get(f.kind, "")
    ]


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _baseline(form: WebForm) -> tuple[dict, dict]:
    data, files = {}, {}
    for f in form.fields.values():
        if f.kind == "file":
            files[f.name] = _upload("plain.pdf", PDF)
        else:
            data[f.name] = _plausible(f)
    if form.button:
        data[form.button[0]] = [form.button[1]]
    return data, files


def _with(form: WebForm, label: str, must_refuse: bool, change) -> Variant:
    data, files = _baseline(form)
    change(data, files)
    return Variant(label, {k: v for k, v in data.items() if v is not None}, files, must_refuse)


def _set(fields, value):
    def change(data, files):
        for f in fields:
            data[f.name] = value(f) if callable(value) else [value]

    return change


def _date_value(f: Field, day: str, month: str, year: str) -> list:
    if f.kind == "datepart":
        return [(day, month, year)[f.part]]
    iso = f"{year}-{month.zfill(2)}-{day.zfill(2)}" if len(year) != 2 else f"{day}/{month}/{year}"
    return [iso + ("T09:00" if f.kind == "datetime" else "")]


def variants(form: WebForm, *, admin: bool = False) -> list[Variant]:
    """The hostile posts for one form: those that must be refused first, then those that may be accepted.

    The Django admin reads dates with Django's own formats, refusing 31 February in Django's words and reading
    a two-digit year as this century (what an administrator means): there only the overflowing years are tried.
    """
    text = form.of_kind(*TEXT_KINDS)
    numbers = form.of_kind("number")
    dates = form.of_kind("datepart", "date", "datetime")
    choices = form.of_kind("choice", "choices")
    files = form.of_kind("file")
    single = form.of_kind(*SINGLE_KINDS) + ([form.fields["version"]] if form.version else [])
    refused = []
    if text:
        refused.append(_with(form, "100 KB of text", True, _set(text, lambda f: [_email(f, LONG)])))
        refused.append(_with(form, "a NUL byte", True, _set(text, lambda f: [_email(f, NUL)])))
    if numbers:
        refused.append(_with(form, "a 20-digit number", True, _set(numbers, HUGE)))
    if dates:
        for label, parts in IMPOSSIBLE_DATES.items():
            if admin and label in ("31 February", "two-digit year"):
                continue
            refused.append(_with(form, f"the date {label}", True, _set(dates, lambda f, p=parts: _date_value(f, *p))))
    if choices or numbers:
        refused.append(_with(form, "text in choice and number fields", True, _set([*choices, *numbers], "twelve")))
    if choices:
        refused.append(_with(form, "an unknown choice", True, _set(choices, HUGE)))
    if single and "select_across" not in form.fields:  # the admin's action chooser repeats `action` by design
        refused.append(_with(form, "two values for one field", True, _set(single, lambda f: _two(f))))
    if form.version:
        refused.append(_with(form, "no version", True, _set([form.fields["version"]], lambda f: None)))
        forged = str(int(form.version) + 1000)
        refused.append(_with(form, "a forged version", True, _set([form.fields["version"]], forged)))
        refused.append(_with(form, "a version that is not a number", True, _set([form.fields["version"]], "1 OR 1")))
    if files:
        too_big = PDF + b"0" * settings.UPLOAD_MAX_BYTES
        for label, name, content in [
            ("a web page named .pdf", "report.pdf", MARKUP.encode()),
            ("a program", "report.exe", b"MZ\x90\x00\x03" + b"\x00" * 64),
            ("a file over the size limit", "report.pdf", too_big),
        ]:
            change = _files(files, name, content)
            refused.append(_with(form, label, True, change))
    accepted = []
    if text:
        accepted.append(_with(form, "HTML and script", False, _set(text, lambda f: [_email(f, MARKUP)])))
    if numbers:
        accepted.append(_with(form, "a negative number", False, _set(numbers, NEGATIVE)))
    accepted.append(_with(form, "unexpected extra fields", False, lambda data, files: data.update(_extra(form))))
    accepted.append(_with(form, "every field empty", False, _empty(form)))
    return refused + accepted


def _email(f: Field, value: str) -> str:
    return value + "@example.org" if f.kind == "email" else value


def _two(f: Field) -> list:
    """Two values a person might give, each acceptable alone."""
    first = (_plausible(f) or [""])[0]
    return [first, next((o for o in f.options if o and o != first), first)]


def _files(fields, name, content):
    def change(data, files):
        for f in fields:
            files[f.name] = _upload(name, content)

    return change


def _extra(form: WebForm) -> dict:
    return {name: [value] for name, value in EXTRA_FIELDS.items() if name not in form.fields}


def _empty(form: WebForm):
    def change(data, files):
        for f in form.fields.values():
            if f.kind != "hidden":
                data[f.name] = None
        files.clear()

    return change


def encode(variant: Variant) -> dict:
    """The post as the test client takes it: lists for repeated names, files beside them."""
    data = {name: values if len(values) != 1 else values[0] for name, values in variant.data.items()}
    for name, upload in variant.files.items():
        upload.seek(0)
        data[name] = upload
    return data


def error_summary_items(content: bytes) -> list[str]:
    """The GOV.UK error summary's messages, reading only that part of the page (a page that shows 100 KB
    values back in every field is slow to parse whole)."""
    start = content.find(b'class="govuk-error-summary"')
    if start < 0:
        return []
    end = content.find(b"</ul>", start)
    summary = BeautifulSoup(content[start - 5 : end + 5], "html.parser")
    return [" ".join(li.get_text(" ").split()) for li in summary.select(".govuk-error-summary__list li")]


def writes() -> dict:
    """Rows inserted, updated or deleted so far in this transaction, per watched table: PostgreSQL keeps the
    count, so one query catches every write to any table (history tables and all)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables")
        return {table: count for table, count in cursor.fetchall() if not table.startswith(UNWATCHED_PREFIXES)}


def changed(before: dict, after: dict) -> dict:
    return {table: after[table] - before.get(table, 0) for table in after if after[table] != before.get(table, 0)}
