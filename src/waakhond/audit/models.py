from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventType(models.TextChoices):
    """The closed, namespaced list of everything staff or the system can do to a complaint.

    Dotted names, translated labels. Add a type here before a service may record it.
    """

    COMPLAINT_RECEIVED = "complaint.received", _("Klacht ontvangen")
    COMPLAINT_VIEWED = "complaint.viewed", _("Klacht bekeken")
    COMPLAINT_TRIAGED = "complaint.triaged", _("Klacht beoordeeld door triage")
    COMPLAINT_TRIAGE_FAILED = "complaint.triage_failed", _("Triage mislukt")
    ATTACHMENT_VIEWED = "attachment.viewed", _("Bijlage bekeken")
    PRIORITY_CONFIRMED = "complaint.priority.confirmed", _("Prioriteit bevestigd")
    PRIORITY_OVERRIDDEN = "complaint.priority.overridden", _("Prioriteit aangepast")
    CASE_STATUS_CHANGED = "case.status.changed", _("Status gewijzigd")
    CASE_ASSIGNED = "case.assigned", _("Zaak toegewezen")
    CASE_LANE_SET = "case.lane.set", _("Behandelspoor gekozen")
    CASE_DEADLINE_CHANGED = "case.deadline.changed", _("Termijn gewijzigd")
    CASE_DECIDED = "case.decided", _("Besluit genomen")
    CASE_RESTRICTED = "case.restricted", _("Toegang tot zaak beperkt")
    CASE_NOTE_ADDED = "case.note.added", _("Notitie toegevoegd")
    CASE_STEP_DONE = "case.step.done", _("Stap afgerond")
    CASE_OBJECTION_RECORDED = "case.objection.recorded", _("Bezwaar vastgelegd")
    CASE_WITHDRAWAL_RECORDED = "case.withdrawal.recorded", _("Intrekking vastgelegd")
    CASE_REMINDER_SENT = "case.deadline.reminder_sent", _("Termijnherinnering verstuurd")
    CASE_ORGANISATION_CONTACT_CHANGED = (
        "case.organisation_contact.changed",
        _("Contact met organisatie bijgewerkt"),
    )
    LETTER_CREATED = "letter.created", _("Brief gemaakt")
    LETTER_SENT = "letter.sent", _("Brief verzonden")
    LETTER_TEMPLATE_CHANGED = "letter.template.changed", _("Briefsjabloon gewijzigd")
    MESSAGE_GAVE_UP = "message.gave_up", _("E-mail definitief niet verzonden")
    PORTAL_INFORMATION_ADDED = "portal.information.added", _("Aanvulling door klager")
    PORTAL_WITHDRAWN = "portal.withdrawn", _("Ingetrokken door klager")
    PORTAL_OBJECTION_FILED = "portal.objection.filed", _("Bezwaar ingediend")
    PORTAL_LINK_REVOKED = "portal.link.revoked", _("Statuslink ingetrokken")
    PORTAL_LINK_ISSUED = "portal.link.issued", _("Nieuwe statuslink verstuurd")
    PORTAL_REPRESENTATIVE_ACCESS_CREATED = (
        "portal.representative_access.created",
        _("Toegang voor belangenorganisatie aangemaakt"),
    )
    RETENTION_APPLIED = "retention.applied", _("Bewaartermijn toegepast")
    AUDIT_EXPORTED = "audit.exported", _("Auditlog geëxporteerd")
    PATTERN_REPORTED = "pattern.reported", _("Sectorrapport gemaakt")
    PATTERN_SIGNAL_ACKNOWLEDGED = (
        "pattern.signal.acknowledged",
        _("Signaal over patroon afgehandeld"),
    )
    PATTERN_REBUILT = "pattern.rebuilt", _("Patronen opnieuw opgebouwd")
    API_TOKEN_CREATED = "api.token.created", _("API-sleutel aangemaakt")
    USER_LOGGED_IN = "user.logged_in", _("Ingelogd")


class AppendOnlyError(Exception):
    """Someone tried to change or remove an audit event; the log only grows."""


class AuditEventQuerySet(models.QuerySet):
    """Refuses bulk changes: `update()` and `delete()` would rewrite the past without a trace.

    Writing new events goes through `waakhond.audit.services.record_event`; this is only the
    guard that keeps the application from editing the log by accident. The chain hash is what
    detects a change made outside the application (see `audit_chain_verify`).
    """

    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are never updated.")

    def delete(self):
        raise AppendOnlyError("Audit events are never deleted.")


class AuditEvent(models.Model):
    """One line of the append-only, tamper-evident log of what staff and the system did.

    Each event stores the hash of the one before it, so changing or removing a past event
    breaks the chain from there on; `waakhond.audit.services.audit_chain_verify` finds where.
    Rows are never updated or deleted by the application.
    """

    created_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text so the log stays readable if an account is renamed; "system" for tasks.
    actor_label = models.CharField(max_length=150)
    event_type = models.CharField(max_length=64, choices=AuditEventType.choices, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.event_type}"

    def save(self, *args, **kwargs):
        # Append-only: an event is inserted once and never written again. `force_insert` turns
        # a save of an unsaved copy of an existing row into an integrity error, not an UPDATE.
        if not self._state.adding:
            raise AppendOnlyError("Audit events are never updated.")
        kwargs["force_insert"] = True
        kwargs.pop("force_update", None)
        kwargs.pop("update_fields", None)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are never deleted.")
