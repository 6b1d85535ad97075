"""The case record around a complaint: what the deadlines depend on, the steps taken in its lane,
its letters and messages, its decision and objections.

The complaint row (`intake.Complaint`) carries the state, lane and assignee; everything here
hangs off it. History tables are appended to, never edited: a suspension is ended by setting its
end date once; a decision is final once made (an objection creates a new, linked case). When a
team lead reopens a decided case and it is decided again, the new decision supersedes the older
one, which is kept with `superseded_at` and `superseded_by` set.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waakhond.common.models import BaseModel
from waakhond.intake.models import Complaint


class Suspension(BaseModel):
    """A period the decision clock stood still (Awb 4:15), e.g. waiting for the complainant."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="suspensions")
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    basis = models.CharField(_("grondslag"), max_length=100, blank=True)
    reason = models.TextField(_("reden"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["starts_on", "id"]


class ExtensionNotice(BaseModel):
    """An Awb 4:14(3) notice to the complainant naming a new decision date."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="extension_notices"
    )
    given_on = models.DateField(_("verstuurd op"))
    new_due_on = models.DateField(_("nieuwe beslisdatum"))
    reason = models.TextField(_("reden"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["given_on", "id"]


class DefaultNotice(BaseModel):
    """A written notice of default (ingebrekestelling, Awb 4:17) received from the complainant."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="default_notices"
    )
    received_on = models.DateField(_("ontvangen op"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )


class StepDone(BaseModel):
    """A step of the complaint's lane (see `workflow.LANES`) that someone marked as done."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="steps_done")
    lane = models.CharField(max_length=32)
    step = models.CharField(max_length=64)
    note = models.TextField(blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]


class Note(BaseModel):
    """An internal note by staff; never shown to the complainant."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("notitie"))

    class Meta:
        ordering = ["id"]


class OrganisationContact(BaseModel):
    """Quick intervention: the norm-explaining letter to the organisation, its answer, follow-up."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="organisation_contacts"
    )
    sent_on = models.DateField(_("verstuurd op"))
    answer = models.TextField(_("antwoord"), blank=True)
    answer_received_on = models.DateField(_("antwoord ontvangen op"), null=True, blank=True)
    follow_up_on = models.DateField(_("opvolgen op"), null=True, blank=True)
    letter = models.ForeignKey(
        "cases.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class RightsRequest(BaseModel):
    """Ask the organisation first: the request letter the complainant sends themselves.

    When the complainant says they sent it, the GDPR Art. 12(3) month starts; after it passes
    unanswered they can reopen the complaint with one click on the status page.
    """

    class Right(models.TextChoices):
        ACCESS = "access", _("inzage (AVG artikel 15)")
        RECTIFICATION = "rectification", _("correctie (AVG artikel 16)")
        ERASURE = "erasure", _("verwijdering (AVG artikel 17)")
        OBJECTION = "objection", _("bezwaar tegen verwerking (AVG artikel 21)")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="rights_requests"
    )
    right = models.CharField(_("recht"), max_length=20, choices=Right.choices)
    sent_by_complainant_on = models.DateField(_("door klager verstuurd op"), null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    letter = models.ForeignKey(
        "cases.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Referral(BaseModel):
    """Out of scope or cross-border: where the complaint was sent or the complainant pointed."""

    class Target(models.TextChoices):
        OTHER_REGULATOR = "other_regulator", _("andere toezichthouder")
        COURT = "court", _("rechter")
        OWN_COMPLAINTS_PROCEDURE = (
            "own_complaints_procedure",
            _("klachtenprocedure van de toezichthouder zelf"),
        )
        LEAD_AUTHORITY = "lead_authority", _("leidende toezichthouder (AVG artikel 56)")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="referrals")
    target = models.CharField(_("naar"), max_length=32, choices=Target.choices)
    target_name = models.CharField(_("naam"), max_length=200)
    reason = models.TextField(_("reden"))


class Decision(BaseModel):
    """The reasoned decision on a complaint (or on an objection). Final once made.

    "Not investigated for lack of priority" is a decision like any other: it names the three
    factors of the priority policy and why they did not lead to an investigation.

    A complaint has at most one current decision (`superseded_at` empty); read it with
    `selectors.complaint_current_decision`. A reopened case that is decided again gets a new
    row; the older one is marked superseded, never edited otherwise or deleted.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("uitkomst"), max_length=40)
    reasons = models.TextField(_("motivering"))
    # The three factors in plain words at the time of the decision: {"affected": {...}, ...}
    factors = models.JSONField(default=dict, blank=True)
    decided_on = models.DateField(_("besloten op"))
    made_known_on = models.DateField(_("bekendgemaakt op"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    letter = models.ForeignKey(
        "cases.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_decision_per_complaint",
            )
        ]


class Objection(BaseModel):
    """Links an objection case (itself a complaint row) to the decision it objects to."""

    case = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="objection_link")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="objections")
    grounds = models.TextField(_("gronden"))
    received_on = models.DateField(_("ontvangen op"))
    advisory_committee = models.BooleanField(_("adviescommissie"), default=False)
    deferral_weeks = models.PositiveSmallIntegerField(_("verdaging (weken)"), default=0)
    # The one deferral of Awb 7:10(3): when the objector was told, and why.
    deferred_on = models.DateField(_("verdaagd op"), null=True, blank=True)
    deferral_reason = models.TextField(_("reden van verdaging"), blank=True)


class LetterTemplate(BaseModel):
    """The text of a kind of letter in one language, editable by an administrator.

    Placeholders use Django template syntax over a fixed context (see `letters.py`); a template
    that does not render is refused when saved.
    """

    kind = models.CharField(_("soort"), max_length=40)
    language = models.CharField(_("taal"), max_length=2)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"], name="one_template_per_kind_language"
            )
        ]


class Letter(BaseModel):
    """A letter made for a case from a template, with its PDF; stored with the case."""

    class Recipient(models.TextChoices):
        COMPLAINANT = "complainant", _("klager")
        ORGANISATION = "organisation", _("organisatie")
        AUTHORITY = "authority", _("toezichthouder")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("soort"), max_length=40)
    language = models.CharField(_("taal"), max_length=2)
    recipient = models.CharField(_("aan"), max_length=20, choices=Recipient.choices)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    pdf = models.FileField(upload_to="letters/%Y/%m/", blank=True)
    visible_to_complainant = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]


class OutgoingMessage(BaseModel):
    """An e-mail waiting to go out, retried when the mail server is down; its failure is shown."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt, wordt opnieuw geprobeerd")
        GAVE_UP = "gave_up", _("mislukt")

    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)


class RetentionRun(BaseModel):
    """One run of the retention job: what it anonymised or deleted, for the record."""

    dry_run = models.BooleanField(default=False)
    anonymised = models.PositiveIntegerField(default=0)
    deleted_files = models.PositiveIntegerField(default=0)
    references = models.JSONField(default=list)
