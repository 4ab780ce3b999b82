import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone


class OrganisationQuerySet(models.QuerySet):
    def members(self):
        """The partnership's member agencies: the ones partnership work (audits, reviews, boards, accounts) is
        about. The CDOP agency directory also holds GP practices, hospitals and others who are asked for a Form B
        but are not members."""
        return self.filter(is_member=True)


@pghistory.track()
class Organisation(models.Model):
    """An agency: a member of the partnership, or an entry in the CDOP agency directory (`is_member` False) that
    is asked for Form B. One model for both, so a directory entry that joins the partnership keeps its record.
    Disabled, never deleted: its returns, requests and actions stay on record."""

    class Type(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        SOCIAL_CARE = "social_care", "Children's social care"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        GP_PRACTICE = "gp_practice", "GP practice"
        HOSPITAL = "hospital", "Hospital"
        AMBULANCE = "ambulance", "Ambulance service"
        EDUCATION = "education", "Education"
        SCHOOL = "school", "School or nursery"
        PROBATION = "probation", "Probation"
        CORONER = "coroner", "Coroner"
        VCF = "vcf", "Voluntary, community or faith"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    type = models.CharField(max_length=30, choices=Type.choices)
    area = models.CharField(
        max_length=100,
        blank=True,
        help_text="The borough or other local authority it serves, for example Barnet, Camden or Hertfordshire.",
    )
    is_member = models.BooleanField(
        "member agency of the partnership",
        default=True,
        help_text="Members are invited to audits and boards; directory entries are only asked for Form B.",
    )
    is_statutory_partner = models.BooleanField(
        "statutory partner", default=False, help_text="One of the three statutory safeguarding partners."
    )
    is_active = models.BooleanField("active", default=True)
    email = models.EmailField(blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The directory holds thousands of GP practices and schools: the few statutory partners (every rapid
        # review's sign-offs) and the members of a type (whom an audit cycle invites) are read through these.
        indexes = [
            models.Index(fields=["name"], condition=models.Q(is_statutory_partner=True), name="organisation_statutory"),
            models.Index(fields=["type", "name"], condition=models.Q(is_member=True), name="organisation_member_type"),
        ]

    def __str__(self):
        return self.name


@pghistory.track()
class Contact(models.Model):
    """A named person at an organisation whom the CDOP coordinator asks for Form B. Disabled, never deleted."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class UserManager(DjangoUserManager):
    """People sign in with their email address, so it is their username too: the two are never asked for apart
    (`createsuperuser` asks only for the email) and so can never differ."""

    def create_user(self, email, password=None, **extra_fields):
        email = self.normalize_email(email).lower()
        return super().create_user(email, email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        email = self.normalize_email(email).lower()
        return super().create_superuser(email, email, password, **extra_fields)


@pghistory.track(exclude=["password", "last_login"])
class User(AbstractUser):
    """A person who signs in with their email address (`USERNAME_FIELD`; the username column holds the same
    address). Belongs to one organisation; what they may do comes from their roles (groups)."""

    email = models.EmailField("email address", unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["last_name", "first_name"]
        permissions = [
            ("view_my_work", "Can see the staff home page"),
            ("invite_user", "Can invite people to the portal"),
            ("act_for_organisation", "Can act for their own organisation"),
            ("view_annual_report", "Can see the annual report's figures and publish a chosen set"),
            ("view_themes", "Can see the learning themes across reviews, deaths and audits"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        """The username column follows the email address however the account is changed, so an old address
        left in it can never clash with a new account's."""
        self.username = self.email
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "username"}
        super().save(*args, **kwargs)

    def has_role(self, role) -> bool:
        return self.groups.filter(name=role.label).exists()


@pghistory.track()
class Theme(models.Model):
    """A shared safeguarding theme (safer sleeping, neglect...) tagging work in every app. Disabled, never deleted."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        return self.filter(met_on__isnull=True, cancelled_on__isnull=True)


@pghistory.track()
class Deadline(models.Model):
    """A statutory clock on a case, request or return.

    Opened by the service that starts the clock and met (or cancelled, when the step no longer applies) by the
    service that stops it. Who sees it: holders of `audience_permission`, and, when `organisation` is set,
    that organisation's agency users.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=60, help_text="Which clock, for example reviews.sin_sent.")
    title = models.CharField(max_length=250)
    due_on = models.DateField()
    opened_on = models.DateField(default=timezone.localdate)
    audience_permission = models.CharField(max_length=100)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_on = models.DateField(null=True, blank=True)
    # The calendar feeds' SEQUENCE: one more each time the due date moves (`deadline_open`, `deadline_move`).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = DeadlineQuerySet.as_manager()
    retention_from = "due_on"

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"], name="one_clock_of_a_kind_per_subject"
            )
        ]
        indexes = [
            models.Index(
                fields=["due_on"], name="deadline_open_due", condition=models.Q(met_on=None, cancelled_on=None)
            ),
            # "My work": the open clocks of a permission (partnership staff) or of an organisation (its agency
            # users), soonest first.
            models.Index(
                fields=["audience_permission", "due_on", "id"],
                name="deadline_open_audience",
                condition=models.Q(met_on=None, cancelled_on=None),
            ),
            models.Index(
                fields=["organisation", "due_on", "id"],
                name="deadline_open_organisation",
                condition=models.Q(met_on=None, cancelled_on=None),
            ),
        ]

    def __str__(self):
        return f"{self.title} (due {self.due_on:%d %b %Y})"

    def get_absolute_url(self):
        subject_url = getattr(self.subject, "get_absolute_url", None)
        return subject_url() if subject_url else reverse("staff-home")

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.cancelled_on is None


class OutgoingEmail(models.Model):
    """One email the portal sends: queued, then sent or, once every attempt has failed, failed.

    Written and sent only by `partnership.outbox`. The body may carry a working link (a Form B, a password reset),
    so it is emptied once the email is sent, and the task queue is given this row's id, never the body. Not in
    the change history for the same reason.
    """

    retention_from = "created_at"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not delivered"

    class Problem(models.TextChoices):
        CONNECTION = "connection", "The portal could not reach the mail server"
        REFUSED = "refused", "The mail server refused the email"
        OTHER = "other", "The email could not be sent"

    to = ArrayField(models.CharField(max_length=254))
    cc = ArrayField(models.CharField(max_length=254), default=list, blank=True)
    reply_to = ArrayField(models.CharField(max_length=254), default=list, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True, help_text="Emptied once sent.")
    attachments = models.JSONField(
        default=list, blank=True, help_text="Text attachments (filename, content, type); emptied once sent."
    )
    template = models.CharField(max_length=200, help_text="The step that sent it (its email template).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(max_length=20, choices=Problem.choices, blank=True)
    last_error = models.TextField(blank=True, help_text="What the mail server or the connection said last.")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    admins_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("resend_email", "Can see and resend emails that were not delivered")]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="email_waiting", condition=models.Q(status="queued")),
            models.Index(fields=["failed_at"], name="email_failed", condition=models.Q(status="failed")),
            # "Emails not delivered": failed, then still being tried after a failed attempt, newest first.
            models.Index(
                fields=["status", "-created_at"],
                name="email_undelivered",
                condition=models.Q(status="failed") | models.Q(status="queued", attempts__gt=0),
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def can_resend(self) -> bool:
        return self.status != self.Status.SENT and bool(self.body)


class SiteSettings(models.Model):
    """The partnership's own details that its text does not give (or that change): filled in by the administrator
    in the admin, never invented. One row; read with `SiteSettings.current()`."""

    cdop_email = models.EmailField(
        "CDOP mailbox",
        blank=True,
        help_text="The child death overview panel's shared mailbox: the Reply-To of every child death email.",
    )
    contact_email = models.EmailField(
        "partnership contact email",
        blank=True,
        help_text="Shown on public pages (the footer, accessibility, privacy, boards) once set; hidden until then.",
    )
    mash_phone = models.CharField(
        "MASH phone number",
        max_length=40,
        blank=True,
        validators=[RegexValidator(r"^\+?[0-9 ()-]{6,30}$", "Enter a telephone number in digits, like 020 7946 0000")],
        help_text="Barnet's Multi-Agency Safeguarding Hub, for anyone worried about a child: shown on public pages "
        "once set. The partnership's text does not give it: copy it from the council's own page.",
    )

    cdop_web_page = models.URLField(
        "NCL CDOP web page",
        blank=True,
        help_text="The North Central London CDOP's own page on how the child death process works: the CDOP page "
        "links to it once set.",
    )

    CACHE_KEY = "partnership:site-settings"

    class Meta:
        verbose_name = verbose_name_plural = "site settings"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_one_row")]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        transaction.on_commit(lambda: cache.delete(self.CACHE_KEY))
        cache.delete(self.CACHE_KEY)

    @classmethod
    def current(cls) -> "SiteSettings":
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def cached(cls) -> "SiteSettings":
        """The settings for showing on pages, from the cache (every page's footer reads them): no query a page."""
        found = cache.get(cls.CACHE_KEY)
        if found is None:
            found = cls.objects.filter(pk=1).first() or cls()
            cache.set(cls.CACHE_KEY, found, 300)
        return found


class Reminder(models.Model):
    """One reminder email about a clock; the unique stage makes `send_reminders` safe to run again.

    `sent_at` is set when its email is delivered (`partnership.outbox`), not when it is queued.
    """

    retention_from = "deadline__due_on"

    class Stage(models.TextChoices):
        BEFORE = "before", "Due soon"
        DUE = "due", "Due today"
        OVERDUE = "overdue", "Overdue"

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When its email was delivered.")
    recipients = models.TextField(help_text="Addresses it went to, one a line.")
    email = models.OneToOneField(
        OutgoingEmail, on_delete=models.PROTECT, null=True, blank=True, related_name="reminder"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deadline", "stage"], name="one_reminder_per_stage")]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.deadline}"


class AccessEvent(models.Model):
    """Who looked at which sensitive record, when and from which address. Written by `access_record`, never
    changed."""

    retention_from = "at"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(max_length=100)
    path = models.CharField(max_length=500, blank=True)
    address = models.GenericIPAddressField("IP address", null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.user} {self.action} at {self.at:%d %b %Y %H:%M}"


class CalendarFeed(models.Model):
    """A person's calendar feed address: only a hash of its secret token is kept (`partnership.calendar_feed`).
    Resetting replaces the hash, so the old address stops at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed of {self.user} (since {self.created_at:%d %b %Y})"


class StageChange(models.Model):
    """One row per stage change of any case, return, item or page: the one stage history (`partnership.workflow`
    writes it; never changed). `on` is the day the step happened, which may be before it was recorded (`at`);
    `due_on` is the deadline the step was measured against, for the figures. `move` is the move's name in its
    machine ("" for history kept from before the machines were declared)."""

    retention_from = "subject"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    move = models.CharField(max_length=60, blank=True)
    description = models.CharField(max_length=200)
    from_stage = models.CharField(max_length=30, blank=True)
    to_stage = models.CharField(max_length=30)
    on = models.DateField(default=timezone.localdate)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "on"], name="stage_change_subject")]

    def __str__(self):
        return f"{self.description} on {self.on:%d %b %Y}"


class ReferenceCounter(models.Model):
    """The last number given for one kind of reference in one year ("SI" 2026 -> 5): `partnership.references`."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="one_counter_per_prefix_and_year")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


@pghistory.track()
class Invitation(models.Model):
    """An invitation to set up an account: a signed, expiring, single-use link sent by a partnership manager."""

    retention_from = "created_at"

    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    roles = models.ManyToManyField("auth.Group")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="invitation"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email}"
