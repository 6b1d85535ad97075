"""The insights index: what is kept of each complaint to find duplicates, similar complaints and
patterns quickly, and the groups, patterns and signals found with it.

The index holds no free text and no contact details: a MinHash signature and band buckets of
the text, a keyed hash of the e-mail address (to recognise a double submission), the
organisation's key, and the codes and rule labels of the triage facts. Everything here can be
rebuilt from the complaints and their triage (`index_pending --all`, `rebuild_patterns`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from waakhond.common.models import BaseModel
from waakhond.intake.models import Complaint


class DuplicateGroup(BaseModel):
    """Complaints that are one piece of work: a campaign's template or a double submission."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("campagne")
        DOUBLE_SUBMISSION = "double_submission", _("dubbel ingediend")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CAMPAIGN)
    size = models.PositiveIntegerField(default=0)
    first_received_at = models.DateTimeField(null=True)
    last_received_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"G{self.pk}"


class ComplaintIndex(models.Model):
    """One row per indexed complaint (see the module docstring for what it keeps)."""

    class LinkReason(models.TextChoices):
        FIRST = "first", _("eerste van de groep")
        NEAR_IDENTICAL = "near_identical", _("bijna gelijke tekst")
        DOUBLE_SUBMISSION = (
            "double_submission",
            _("zelfde indiener, organisatie en vergelijkbare tekst"),
        )

    complaint = models.OneToOneField(
        Complaint, primary_key=True, on_delete=models.CASCADE, related_name="insights_index"
    )
    indexed_at = models.DateTimeField()
    index_version = models.PositiveSmallIntegerField(default=1)
    # The triage record this row reflects; a newer triage makes the complaint pending again.
    triage_record_id = models.BigIntegerField(null=True, blank=True)
    received_at = models.DateTimeField(db_index=True)

    # Text (never stored itself)
    token_count = models.PositiveIntegerField(default=0)
    worth_comparing = models.BooleanField(default=False)
    text_hash = models.CharField(max_length=64, blank=True, db_index=True)
    signature = models.BinaryField(null=True, blank=True)
    has_buckets = models.BooleanField(default=False)
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)

    # Organisation and triage facts
    org_key = models.CharField(max_length=160, blank=True, db_index=True)
    org_label = models.CharField(max_length=300, blank=True)
    controller_type = models.CharField(max_length=20, blank=True)
    sector = models.CharField(max_length=40, blank=True)
    practices = models.CharField(max_length=500, blank=True)
    families = models.CharField(max_length=300, blank=True)
    groups = models.CharField(max_length=300, blank=True)
    specials = models.CharField(max_length=300, blank=True)
    categories = models.CharField(max_length=500, blank=True)
    fact_labels = models.JSONField(default=dict, blank=True)

    # Duplicate group membership
    group = models.ForeignKey(
        DuplicateGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    group_reason = models.CharField(max_length=20, choices=LinkReason.choices, blank=True)
    group_matched = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group_similarity = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["email_hash", "org_key"], name="insights_idx_email_org")]

    def __str__(self) -> str:
        return f"index of complaint {self.complaint_id}"


class LshBucket(models.Model):
    """One LSH band bucket of a complaint's text signature (see `similarity`)."""

    entry = models.ForeignKey(ComplaintIndex, on_delete=models.CASCADE, related_name="buckets")
    bucket = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["bucket", "entry"], name="insights_lsh_bucket")]

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.bucket}"


class ComplaintFeature(models.Model):
    """A fact a complaint shares with others (organisation, practice, group, ...): an inverted
    index, so "similar earlier complaints" is a few indexed reads."""

    entry = models.ForeignKey(ComplaintIndex, on_delete=models.CASCADE, related_name="features")
    feature = models.CharField(max_length=200)
    received_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["feature", "received_at"], name="insights_feature_recent")]

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.feature}"


class Pattern(BaseModel):
    """Complaints that together show more than one case: one organisation, one practice across
    organisations, or one topic in a sector (see `features.pattern_keys`)."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisatie")
        PRACTICE = "practice", _("praktijk")
        SECTOR = "sector", _("sector")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=255, unique=True)
    org_label = models.CharField(max_length=300, blank=True)
    member_count = models.PositiveIntegerField(default=0)
    organisation_count = models.PositiveIntegerField(default=0)
    recent_count = models.PositiveIntegerField(default=0)
    recent_organisation_count = models.PositiveIntegerField(default=0)
    first_received_at = models.DateTimeField(null=True)
    last_received_at = models.DateTimeField(null=True)
    threshold_crossed = models.BooleanField(default=False)
    threshold_crossed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "-member_count"], name="insights_pattern_kind_size"),
            models.Index(
                fields=["threshold_crossed", "-last_received_at"], name="insights_pattern_signalled"
            ),
        ]

    def __str__(self) -> str:
        return self.key


class PatternMember(models.Model):
    pattern = models.ForeignKey(Pattern, on_delete=models.CASCADE, related_name="members")
    entry = models.ForeignKey(
        ComplaintIndex, on_delete=models.CASCADE, related_name="pattern_memberships"
    )
    org_key = models.CharField(max_length=160, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pattern", "entry"], name="insights_one_membership")
        ]
        indexes = [
            models.Index(fields=["pattern", "received_at"], name="insights_member_recent"),
            models.Index(fields=["pattern", "org_key"], name="insights_member_org"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id}:{self.entry_id}"


class Signal(models.Model):
    """A pattern crossed its threshold: shown to team leads until one of them acknowledges it."""

    class Rule(models.TextChoices):
        ORGANISATION_VOLUME = "organisation_volume", _("veel klachten over één organisatie")
        PRACTICE_SPREAD = "practice_spread", _("zelfde praktijk bij meerdere organisaties")
        SECTOR_TREND = "sector_trend", _("onderwerp speelt in een sector")

    pattern = models.ForeignKey(Pattern, on_delete=models.CASCADE, related_name="signals")
    rule = models.CharField(max_length=30, choices=Rule.choices)
    raised_at = models.DateTimeField(db_index=True)
    # The figure that crossed the threshold, and the threshold, at the time it was raised.
    figure = models.PositiveIntegerField()
    threshold = models.PositiveIntegerField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pattern", "rule"],
                condition=Q(acknowledged_at__isnull=True),
                name="insights_one_open_signal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} on {self.pattern_id}"


class ApiToken(BaseModel):
    """A bearer token for the patterns API. Only its SHA-256 is stored; the token is shown once."""

    name = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
