"""Who may see which complaint through the status pages. Every rule about it lives here.

Rules (one condition per line in the functions below):
* The private link `/status/<reference>/<token>/` opens a complaint when the SHA-256 of the
  token equals the stored hash and the link has not been revoked. A wrong token, a revoked
  token and an unknown reference all raise the same `NotFound`, after the same amount of work,
  so nobody learns from the answer whether a reference exists.
* A verified link grants access in the session for that one reference. The grant holds the
  hash it was given for, so revoking the link (or issuing a new one) ends every session that
  entered through the old one.
* An objection case is the complainant's own: access to the original complaint opens the
  objection cases filed against its decision.
* A representative body's link (GDPR Art. 80) grants, in the session, the complaints whose
  `representative` is `representative_body` and whose complainant e-mail address is the
  body's address, as long as that link is not revoked.
* Nothing else opens anything: a grant for complaint A never opens complaint B.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from waakhond.cases.models import Objection
from waakhond.common.errors import NotFound
from waakhond.intake.models import Complaint, Representative
from waakhond.intake.tokens import hash_status_token, status_token_matches

from .models import RepresentativeAccess

SESSION_KEY = "waakhond_portal"
# Compared against when the reference is unknown, so that path does the same work.
_NO_SUCH_HASH = hash_status_token("no such complaint")


def _not_found() -> NotFound:
    return NotFound(_("Deze link werkt niet (meer)."))


def _grants(session) -> dict:
    data = session.get(SESSION_KEY) or {}
    return {
        "complaints": dict(data.get("complaints") or {}),
        "representative": data.get("representative"),
    }


def _save(session, grants: dict) -> None:
    session[SESSION_KEY] = grants
    session.modified = True


# --- Entering through a link ------------------------------------------------------------------


def access_complaint_by_token(reference: str, token: str) -> Complaint:
    """The complaint the link opens, or `NotFound` (the same for every kind of failure)."""
    complaint = Complaint.objects.filter(reference=reference).first()
    # Unknown reference: compare anyway, then refuse like a wrong token.
    if complaint is None:
        status_token_matches(token, _NO_SUCH_HASH)
        raise _not_found()
    # Wrong token: the hash does not match (constant-time comparison).
    matches = status_token_matches(token, complaint.status_token_hash)
    if not matches:
        raise _not_found()
    # Revoked link: refused like a wrong token.
    if complaint.status_token_revoked_at is not None:
        raise _not_found()
    return complaint


def access_representative_by_token(token: str) -> RepresentativeAccess:
    """The representative body whose link this is, or `NotFound`."""
    access = RepresentativeAccess.objects.filter(token_hash=hash_status_token(token or "")).first()
    # Unknown token.
    if access is None:
        raise _not_found()
    # Revoked link.
    if access.revoked_at is not None:
        raise _not_found()
    return access


def grant_complaint(session, complaint: Complaint) -> None:
    """Remember in the session that this browser may see this one complaint."""
    grants = _grants(session)
    grants["complaints"][complaint.reference] = complaint.status_token_hash
    _save(session, grants)


def grant_representative(session, access: RepresentativeAccess) -> None:
    """Remember in the session that this browser speaks for this representative body."""
    grants = _grants(session)
    grants["representative"] = {"id": access.pk, "hash": access.token_hash}
    _save(session, grants)


def forget_complaint(session, reference: str) -> None:
    grants = _grants(session)
    grants["complaints"].pop(reference, None)
    _save(session, grants)


# --- Pages after entering ---------------------------------------------------------------------


def session_representative(session) -> RepresentativeAccess | None:
    """The representative body this session speaks for, if its link is still valid."""
    grant = _grants(session)["representative"]
    # No representative link was opened in this session.
    if not grant:
        return None
    access = RepresentativeAccess.objects.filter(pk=grant.get("id")).first()
    # The link was removed.
    if access is None:
        return None
    # The link was revoked or replaced since it was opened.
    if access.revoked_at is not None or access.token_hash != grant.get("hash"):
        return None
    return access


def representative_complaints_filter(access: RepresentativeAccess) -> dict:
    """The one definition of "the complaints this body filed" (GDPR Art. 80)."""
    return {
        "representative": Representative.REPRESENTATIVE_BODY,
        "complainant_email__iexact": access.email,
    }


def _opened_by_session(session, complaint: Complaint) -> bool:
    grants = _grants(session)
    granted_hash = grants["complaints"].get(complaint.reference)
    # A link to this very complaint was opened in this session, and it is still the valid one.
    if (
        granted_hash
        and complaint.status_token_revoked_at is None
        and granted_hash == complaint.status_token_hash
    ):
        return True
    # Or the session speaks for the representative body that filed this complaint.
    access = session_representative(session)
    if access is not None:
        return Complaint.objects.filter(
            pk=complaint.pk, **representative_complaints_filter(access)
        ).exists()
    return False


def access_complaint_in_session(session, reference: str) -> Complaint:
    """The complaint this session may see under `reference`, or `NotFound` (same as missing)."""
    complaint = (
        Complaint.objects.select_related("current_triage").filter(reference=reference).first()
    )
    # Unknown reference.
    if complaint is None:
        raise _not_found()
    # The session opened this complaint itself.
    if _opened_by_session(session, complaint):
        return complaint
    # An objection case opens with the complaint whose decision it contests.
    link = Objection.objects.filter(case=complaint).select_related("decision__complaint").first()
    if link is not None and _opened_by_session(session, link.decision.complaint):
        return complaint
    # Anything else: not this session's.
    raise _not_found()
