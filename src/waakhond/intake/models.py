"""The complaint as filed, its attachments, its triage and its status history.

A complaint row is written in one transaction together with its attachments and its first
status line before anything acknowledges it. Triage results are stored whole (JSON) with the
engine and rules version, and a few of their fields are copied onto the complaint for the queue's
filters and ordering.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waakhond.common.models import BaseModel
from waakhond.organisations.models import Organisation


class Band(models.TextChoices):
    HIGH = "high", _("Hoog")
    MEDIUM = "medium", _("Middel")
    LOW = "low", _("Laag")


# Queue order: complaints not yet triaged first (nobody knows yet how serious they are),
# then high, medium, low.
BAND_RANK = {"": 0, Band.HIGH: 1, Band.MEDIUM: 2, Band.LOW: 3}


class State(models.TextChoices):
    """The case states; the allowed moves between them are in `waakhond.cases.workflow`."""

    RECEIVED = "received", _("Ontvangen")
    TRIAGED = "triaged", _("Beoordeeld")
    IN_LANE = "in_lane", _("In behandeling")
    AWAITING_COMPLAINANT = "awaiting_complainant", _("Wacht op klager")
    SUSPENDED = "suspended", _("Opgeschort")
    DECIDED = "decided", _("Besluit genomen")
    OBJECTION = "objection", _("Bezwaar")
    CLOSED = "closed", _("Afgesloten")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    REFERRED = "referred", _("Doorverwezen")


class Lane(models.TextChoices):
    OUT_OF_SCOPE = "out_of_scope", _("Buiten bevoegdheid")
    TIP = "tip", _("Tip")
    ASK_ORGANISATION_FIRST = "ask_organisation_first", _("Eerst de organisatie vragen")
    QUICK_INTERVENTION = "quick_intervention", _("Snelle interventie")
    INVESTIGATE = "investigate", _("Onderzoek")
    REFER_LEAD_AUTHORITY = "refer_lead_authority", _("Doorsturen naar leidende toezichthouder")


class Representative(models.TextChoices):
    SELF = "self", _("Voor mijzelf")
    OTHER_PERSON = "other_person", _("Voor iemand anders")
    REPRESENTATIVE_BODY = "representative_body", _("Als belangenorganisatie (AVG artikel 80)")


class TriageStatus(models.TextChoices):
    PENDING = "pending", _("Nog niet beoordeeld")
    DONE = "done", _("Beoordeeld")
    FAILED = "failed", _("Beoordeling mislukt, wordt opnieuw geprobeerd")


class Channel(models.TextChoices):
    WEB = "web", _("Webformulier")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    DEMO = "demo", _("Demo")


class Complaint(BaseModel):
    """A GDPR complaint (AVG-klacht) as the complainant filed it, and where it stands."""

    # NULL until the row has its id (the reference is made from it); unique allows many NULLs.
    reference = models.CharField(  # noqa: DJ001
        _("kenmerk"), max_length=20, unique=True, null=True, editable=False
    )
    received_at = models.DateTimeField(_("ontvangen op"), db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    # Idempotency: a double submit of the same form (or API retry) finds the first complaint.
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )  # noqa: DJ001

    # Who complains
    complainant_name = models.CharField(_("naam"), max_length=200)
    complainant_email = models.EmailField(_("e-mailadres"), max_length=254)
    complainant_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    complainant_address = models.TextField(_("postadres"), blank=True, max_length=500)
    language = models.CharField(_("voorkeurstaal"), max_length=2, default="nl")
    representative = models.CharField(
        _("namens wie"), max_length=24, choices=Representative.choices, default=Representative.SELF
    )
    represented_person = models.CharField(_("namens persoon"), max_length=200, blank=True)
    representative_body = models.CharField(_("belangenorganisatie"), max_length=200, blank=True)

    # What it is about
    organisation_name = models.CharField(_("organisatie"), max_length=300)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="complaints"
    )
    description = models.TextField(_("wat is er gebeurd"))
    started_on = models.DateField(_("sinds wanneer"), null=True, blank=True)
    ongoing = models.BooleanField(_("gaat het nog door"), null=True, blank=True)
    data_concerned = models.TextField(_("welke gegevens"), blank=True, max_length=2000)
    contacted_organisation = models.BooleanField(
        _("eerst de organisatie benaderd"), null=True, blank=True
    )
    contacted_on = models.DateField(_("wanneer benaderd"), null=True, blank=True)
    organisation_response = models.TextField(
        _("antwoord van de organisatie"), blank=True, max_length=5000
    )
    desired_outcome = models.TextField(_("wat wilt u bereiken"), blank=True, max_length=2000)

    # The private status link: only a hash of the token is stored.
    status_token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    status_token_revoked_at = models.DateTimeField(null=True, blank=True)

    # Where it stands
    state = models.CharField(
        _("status"), max_length=24, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    lane = models.CharField(_("behandelspoor"), max_length=32, choices=Lane.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
    )
    # A restricted complaint (e.g. about the authority's own staff) is seen by few.
    restricted = models.BooleanField(_("beperkte toegang"), default=False)
    next_deadline = models.DateField(
        _("eerstvolgende termijn"), null=True, blank=True, db_index=True
    )

    # Triage, copied from the current TriageRecord for filtering and ordering
    triage_status = models.CharField(
        max_length=10, choices=TriageStatus.choices, default=TriageStatus.PENDING, db_index=True
    )
    triage_attempts = models.PositiveSmallIntegerField(default=0)
    triage_error = models.TextField(blank=True)
    current_triage = models.ForeignKey(
        "intake.TriageRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    band_suggested = models.CharField(max_length=10, choices=Band.choices, blank=True)
    band = models.CharField(
        _("prioriteit"), max_length=10, choices=Band.choices, blank=True, db_index=True
    )
    band_rank = models.PositiveSmallIntegerField(default=0, db_index=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    lane_suggested = models.CharField(max_length=32, choices=Lane.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=40, blank=True, db_index=True)
    controller_type = models.CharField(max_length=20, blank=True)
    # "|access_rights|erasure|": a plain text column filters the same on SQLite and PostgreSQL.
    category_tags = models.CharField(max_length=500, blank=True)
    priority_confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["band_rank", "next_deadline", "received_at"]
        indexes = [
            models.Index(
                fields=["band_rank", "next_deadline", "received_at"], name="complaint_queue_order"
            )
        ]
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")

    def __str__(self) -> str:
        return self.reference or f"#{self.pk}"

    @property
    def categories(self) -> list[str]:
        return [c for c in self.category_tags.split("|") if c]


class Attachment(BaseModel):
    """A file sent with a complaint; its type was checked by its content, not its name."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # "mandate" for the proof of an Art. 80 representative body's mandate.
    purpose = models.CharField(max_length=20, default="evidence")
    added_by_complainant = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.original_name


class TriageRecord(models.Model):
    """One run of the triage engine on a complaint, kept whole; never edited."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="triage_records"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    engine_version = models.CharField(max_length=40)
    rules_version = models.CharField(max_length=40)
    result = models.JSONField()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.engine_version}/{self.rules_version}"


class PriorityDecision(models.Model):
    """A person confirmed or overrode the suggested priority; overrides carry a reason."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", _("Bevestigd")
        OVERRIDE = "override", _("Aangepast")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="priority_decisions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    band_suggested = models.CharField(max_length=10, choices=Band.choices, blank=True)
    band_before = models.CharField(max_length=10, choices=Band.choices, blank=True)
    band_after = models.CharField(max_length=10, choices=Band.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action} {self.band_after}"


class StatusChange(models.Model):
    """One line of a complaint's status history. Appended, never edited."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="status_changes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    from_state = models.CharField(max_length=24, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=24, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.from_state or '-'} -> {self.to_state}"


class ComplainantMessage(BaseModel):
    """Information the complainant added after filing (through the status link), in their own
    words. Kept apart from staff notes, which are internal. Never edited."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="complainant_messages"
    )
    text = models.TextField(_("aanvulling"), blank=True)
    attachments = models.ManyToManyField(Attachment, blank=True, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("aanvulling van de klager")
        verbose_name_plural = _("aanvullingen van klagers")

    def __str__(self) -> str:
        return f"{self.complaint} #{self.pk}"
