"""Retention: how long a finished case keeps its complainant's data, and the job that removes it.

Rules
    * **Period.** Ten years for every case, after the Dutch authority's privacy statement on
      complaints ("the AP keeps complainants' data for 10 years"; docs/accountability.md). The
      setting ``WAAKHOND_RETENTION_YEARS`` holds the default; ``WAAKHOND_RETENTION_YEARS_BY_OUTCOME``
      (a dict such as ``{"tip_recorded": 5}``) overrides it per decision outcome
      (``workflow.Outcome`` values). A case without a decision (withdrawn) uses the default. The
      category of complaint files in the authority's own *selectielijst* (Archiefwet 1995) is
      not verified; set the periods to it once it is known.
    * **Counted from closure**: the date (Amsterdam) of the case's last status change to
      ``closed`` or ``withdrawn``; a case without such a line counts from its decision date.
      A case with neither is never expired.
    * **Which cases**: only cases whose state is terminal (``closed``, ``withdrawn``); a case
      whose objection case is still open is kept until that one is finished too.
    * **Expiry**: the period ends on the same calendar date N years later (29 February: 28
      February); from that date on the case is expired.

What is removed and what stays
    Removed: everything that identifies the complainant or tells their story: name (becomes
    ``[verwijderd]``), e-mail address, phone, address, the represented person; the description
    (replaced by a note) and every other free text of the case (see ``FREE_TEXTS``); attachments
    (files and rows); the PDFs of letters; the status link (its hash is cleared and it is
    revoked); the evidence quoted from the description in stored triage results.
    Kept, so statistics still count the case: reference, dates, organisation, sector, band,
    score, lane, categories, triage facts (without their quoted words), state and the decision
    outcome. The audit log is append-only and keeps its lines; they hold ids and references,
    not the complainant's words.

The job
    ``retention_apply`` finds the expired cases and anonymises them in batches; each batch is one
    transaction with its ``RetentionRun`` counters and one ``retention.applied`` audit event.
    Files are removed from storage after the batch commits. A case already anonymised is
    recognised and skipped, so the job can run every day and be re-run after a failure.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event
from waakhond.intake.models import (
    Attachment,
    Complaint,
    PriorityDecision,
    StatusChange,
    TriageRecord,
)

from . import workflow
from .models import (
    Decision,
    ExtensionNotice,
    Letter,
    Note,
    Objection,
    OrganisationContact,
    OutgoingMessage,
    Referral,
    RetentionRun,
    StepDone,
    Suspension,
)

logger = logging.getLogger(__name__)

DEFAULT_YEARS = 10
BATCH_SIZE = 100

# Stored in the database, so in the desk's language (Dutch), not translated per reader.
REMOVED = "[verwijderd]"
REMOVED_NOTE = "[Verwijderd na afloop van de bewaartermijn.]"

TERMINAL_STATES = tuple(str(state) for state in workflow.TERMINAL_STATES)

# Every free text that hangs off a complaint: (model, the field that points to the complaint,
# the text fields). A text that was empty stays empty; any other text becomes REMOVED_NOTE.
# Add a row here when a new table stores words about a case.
FREE_TEXTS: tuple[tuple[Any, str, tuple[str, ...]], ...] = (
    (StatusChange, "complaint", ("reason",)),
    (PriorityDecision, "complaint", ("reason",)),
    (Suspension, "complaint", ("reason",)),
    (ExtensionNotice, "complaint", ("reason",)),
    (StepDone, "complaint", ("note",)),
    (Note, "complaint", ("text",)),
    (OrganisationContact, "complaint", ("answer",)),
    (Referral, "complaint", ("reason",)),
    (Decision, "complaint", ("reasons",)),
    (Objection, "case", ("grounds",)),
    (Letter, "complaint", ("body",)),
    (OutgoingMessage, "complaint", ("body", "last_error")),
)

# The same for tables of apps above this one (the complainant's portal). They are named, not
# imported, so imports still point downward; a table that does not exist is skipped.
FREE_TEXTS_ABOVE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("intake.ComplainantMessage", "complaint", ("text",)),
)


# --- Periods (pure) -----------------------------------------------------------------------


def retention_periods() -> tuple[int, dict[str, int]]:
    """The default period and the per-outcome overrides, checked; from the settings."""
    default = getattr(settings, "WAAKHOND_RETENTION_YEARS", DEFAULT_YEARS)
    by_outcome = dict(getattr(settings, "WAAKHOND_RETENTION_YEARS_BY_OUTCOME", None) or {})
    known = {str(o) for o in workflow.Outcome}
    unknown = sorted(set(by_outcome) - known)
    if unknown:
        raise ImproperlyConfigured(
            f"WAAKHOND_RETENTION_YEARS_BY_OUTCOME names unknown outcomes: {', '.join(unknown)}. "
            f"Known outcomes: {', '.join(sorted(known))}."
        )
    for name, years in [("WAAKHOND_RETENTION_YEARS", default), *by_outcome.items()]:
        if not isinstance(years, int) or isinstance(years, bool) or years < 1:
            raise ImproperlyConfigured(
                f"Retention years must be a whole number of at least 1 ({name})."
            )
    return default, by_outcome


def retention_years(outcome: str, *, default: int, by_outcome: Mapping[str, int]) -> int:
    """Years to keep a case with this decision outcome ("" for no decision)."""
    return by_outcome.get(outcome, default) if outcome else default


def retention_ends_on(closed_on: dt.date, years: int) -> dt.date:
    """The same date `years` later; 29 February becomes 28 February in a common year."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


# --- Which cases are due ------------------------------------------------------------------


@dataclass(frozen=True)
class DueCase:
    complaint_id: int
    reference: str
    closed_on: dt.date
    outcome: str
    years: int
    ends_on: dt.date


def _not_anonymised() -> Q:
    # Both marks together: a revoked link alone, or a complainant who calls themselves
    # "[verwijderd]", is not an anonymised case.
    return ~Q(complainant_name=REMOVED, status_token_hash="")


def retention_due(*, today: dt.date) -> list[DueCase]:
    """The finished cases whose retention period has ended on or before `today`, oldest first."""
    default, by_outcome = retention_periods()
    last_closure = (
        StatusChange.objects.filter(complaint=OuterRef("pk"), to_state__in=TERMINAL_STATES)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    # Original cases whose objection case is still running are kept for now.
    open_objections = Objection.objects.exclude(case__state__in=TERMINAL_STATES).values(
        "decision__complaint_id"
    )
    # The decision that stands (a reopened case may have superseded ones).
    current_decision = Decision.objects.filter(
        complaint=OuterRef("pk"), superseded_at__isnull=True
    ).order_by("-id")
    candidates = (
        Complaint.objects.filter(state__in=TERMINAL_STATES)
        .filter(_not_anonymised())
        .exclude(pk__in=open_objections)
        .annotate(
            closed_at=Subquery(last_closure),
            decided_on=Subquery(current_decision.values("decided_on")[:1]),
            outcome=Subquery(current_decision.values("outcome")[:1]),
        )
        .values_list("pk", "reference", "closed_at", "decided_on", "outcome")
        .order_by("pk")
    )
    due: list[DueCase] = []
    for pk, reference, closed_at, decided_on, outcome in candidates.iterator(chunk_size=2000):
        closed_on = timezone.localdate(closed_at) if closed_at else decided_on
        if closed_on is None:
            continue
        years = retention_years(outcome or "", default=default, by_outcome=by_outcome)
        ends_on = retention_ends_on(closed_on, years)
        if ends_on <= today:
            due.append(DueCase(pk, reference or f"#{pk}", closed_on, outcome or "", years, ends_on))
    return due


# --- Anonymising --------------------------------------------------------------------------


def _without_quotes(value: Any) -> Any:
    """A triage result without the words it quoted: evidence lists emptied, any `text` blanked."""
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            if key == "evidence" and isinstance(item, list):
                cleaned[key] = []
            elif key == "text" and isinstance(item, str):
                cleaned[key] = ""
            else:
                cleaned[key] = _without_quotes(item)
        return cleaned
    if isinstance(value, list):
        return [_without_quotes(item) for item in value]
    return value


def _factor_levels(factors: Any) -> Any:
    """A decision's three factors reduced to their levels (the plain-words reasons go)."""
    if not isinstance(factors, dict):
        return {}
    return {
        name: {"level": judgement.get("level", "")} if isinstance(judgement, dict) else {}
        for name, judgement in factors.items()
    }


def _blank_texts(model, link: str, fields: Iterable[str], complaint_id: int) -> None:
    rows = model.objects.filter(**{link: complaint_id})
    for name in fields:
        rows.exclude(**{name: ""}).update(**{name: REMOVED_NOTE})


@dataclass
class _Removed:
    references: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _anonymise(complaint: Complaint, *, now: dt.datetime, removed: _Removed) -> None:
    """Remove the complainant's data from one locked complaint and everything hanging off it."""
    for attachment in Attachment.objects.filter(complaint=complaint):
        if attachment.file:
            removed.files.append(attachment.file.name)
    Attachment.objects.filter(complaint=complaint).delete()

    for letter in Letter.objects.filter(complaint=complaint).exclude(pdf=""):
        removed.files.append(letter.pdf.name)
    Letter.objects.filter(complaint=complaint).update(pdf="")
    OutgoingMessage.objects.filter(complaint=complaint).update(to="")

    for model, link, fields in FREE_TEXTS:
        _blank_texts(model, link, fields, complaint.pk)
    for label, link, fields in FREE_TEXTS_ABOVE:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        _blank_texts(model, link, fields, complaint.pk)

    for decision in Decision.objects.filter(complaint=complaint):
        Decision.objects.filter(pk=decision.pk).update(factors=_factor_levels(decision.factors))
    for record in TriageRecord.objects.filter(complaint=complaint):
        TriageRecord.objects.filter(pk=record.pk).update(result=_without_quotes(record.result))

    complaint.complainant_name = REMOVED
    complaint.complainant_email = ""
    complaint.complainant_phone = ""
    complaint.complainant_address = ""
    complaint.represented_person = ""
    complaint.submission_key = None
    complaint.description = REMOVED_NOTE
    complaint.data_concerned = ""
    complaint.organisation_response = ""
    complaint.desired_outcome = ""
    complaint.triage_error = ""
    complaint.status_token_hash = ""
    complaint.status_token_revoked_at = complaint.status_token_revoked_at or now
    complaint.save(
        update_fields=[
            "complainant_name",
            "complainant_email",
            "complainant_phone",
            "complainant_address",
            "represented_person",
            "submission_key",
            "description",
            "data_concerned",
            "organisation_response",
            "desired_outcome",
            "triage_error",
            "status_token_hash",
            "status_token_revoked_at",
            "updated_at",
        ]
    )
    removed.references.append(complaint.reference or f"#{complaint.pk}")


def _delete_files(names: list[str]) -> None:
    """Remove stored files after commit; a file already gone is fine, a failure is logged."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # one stubborn file must not keep the others
            logger.exception("Retention could not delete the stored file %s", name)


def _count_files(complaint_ids: list[int]) -> int:
    attachments = Attachment.objects.filter(complaint_id__in=complaint_ids).exclude(file="")
    letters = Letter.objects.filter(complaint_id__in=complaint_ids).exclude(pdf="")
    return attachments.count() + letters.count()


def retention_apply(
    *, today: dt.date, dry_run: bool = False, batch_size: int = BATCH_SIZE
) -> RetentionRun:
    """Anonymise every case whose retention period has ended by `today`; return the run.

    A dry run writes nothing at all (not even its run) and returns an unsaved RetentionRun that
    says what would happen. A real run is saved even when nothing was due, so the record shows
    that the job ran. Running again on the same day finds nothing new.
    """
    due = retention_due(today=today)
    ids = [case.complaint_id for case in due]
    if dry_run:
        return RetentionRun(
            dry_run=True,
            anonymised=len(due),
            deleted_files=_count_files(ids),
            references=[case.reference for case in due],
        )
    run = RetentionRun.objects.create(dry_run=False, anonymised=0, deleted_files=0, references=[])
    by_id = {case.complaint_id: case for case in due}
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        removed = _Removed()
        with transaction.atomic():
            locked = (
                Complaint.objects.select_for_update()
                .filter(pk__in=batch, state__in=TERMINAL_STATES)
                .filter(_not_anonymised())
                .order_by("pk")
            )
            now = timezone.now()
            for complaint in locked:
                _anonymise(complaint, now=now, removed=removed)
            if not removed.references:
                continue
            run.anonymised += len(removed.references)
            run.deleted_files += len(removed.files)
            run.references = [*run.references, *removed.references]
            run.save(update_fields=["anonymised", "deleted_files", "references", "updated_at"])
            record_event(
                actor=None,
                event_type=AuditEventType.RETENTION_APPLIED,
                obj=run,
                data={
                    "today": today.isoformat(),
                    "references": removed.references,
                    "deleted_files": len(removed.files),
                    # The period each case was kept, in years, by reference.
                    "years": {
                        by_id[pk].reference: by_id[pk].years
                        for pk in batch
                        if by_id[pk].reference in removed.references
                    },
                },
            )
            files = list(removed.files)
            transaction.on_commit(lambda files=files: _delete_files(files))
    return run
