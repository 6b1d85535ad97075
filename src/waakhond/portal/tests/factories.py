"""Test data for the status pages, built on the case factories (which use the real services).

`with_link(complaint)` gives a complaint a status link whose token the test knows, the way
filing does (only the hash is stored). `opened(client, complaint)` is a browser that opened that
link. Case states come from `waakhond.cases.tests.case_factories`: `case_in_lane`,
`case_decided`, `case_awaiting`, `objection_case`, ...
"""

from waakhond.cases.tests.case_factories import (  # noqa: F401  (re-exported for the tests)
    case_awaiting,
    case_decided,
    case_in_lane,
    case_triaged,
    fresh,
    handler_user,
    lead_user,
    objection_case,
)
from waakhond.cases.tests.factories import PASSWORD, complaint_factory, staff_user  # noqa: F401
from waakhond.intake.models import Complaint
from waakhond.intake.tokens import hash_status_token, new_status_token


def with_link(complaint: Complaint) -> str:
    """Store the hash of a new token on the complaint, as filing does; return the token."""
    token = new_status_token()
    Complaint.objects.filter(pk=complaint.pk).update(
        status_token_hash=hash_status_token(token), status_token_revoked_at=None
    )
    return token


def enter_url(complaint: Complaint, token: str) -> str:
    return f"/status/{complaint.reference}/{token}/"


def status_url(complaint: Complaint) -> str:
    return f"/status/{complaint.reference}/"


def opened(client, complaint: Complaint) -> str:
    """Let `client` open the complaint's link; return the token."""
    token = with_link(complaint)
    response = client.get(enter_url(complaint, token))
    assert response.status_code == 302, response.status_code
    return token
