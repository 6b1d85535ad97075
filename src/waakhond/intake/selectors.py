"""Reads of the intake app that carry an access rule.

The private status link is the complainant's only key. One function decides whether a
reference and a token open a complaint, and it fails the same way for every reason, so an
outsider cannot tell an unknown reference from a wrong or revoked token.
"""

from waakhond.common.errors import NotFound

from .models import Complaint
from .tokens import hash_status_token, status_token_matches

# Compared against when the reference is unknown, so that case costs the same work.
_NO_HASH = hash_status_token("no complaint has this token")


def access_complaint_by_status_token(*, reference: str, token: str) -> Complaint:
    """The complaint the status link opens, or `NotFound`."""
    complaint = Complaint.objects.filter(reference=reference).first() if reference else None
    # The token must match the stored hash (an unknown reference is checked against a dummy).
    matches = status_token_matches(
        token or "", complaint.status_token_hash if complaint else _NO_HASH
    )
    # An unknown reference, a wrong token and a revoked token look the same from outside.
    if complaint is None or not matches or complaint.status_token_revoked_at is not None:
        raise NotFound("status link does not open a complaint")
    return complaint
