"""Who may see and do what. Every rule about access lives in these functions.

One condition per line, each with a comment. "Missing" and "not yours" raise the same
`NotFound`, so nobody learns that a complaint exists by being refused.
"""

from waakhond.common.errors import ApplicationError

from .roles import ADMINISTRATOR, AUDITOR, CASE_HANDLER, INTAKE_OFFICER, TEAM_LEAD, roles_of

STAFF_ROLES = frozenset({INTAKE_OFFICER, CASE_HANDLER, TEAM_LEAD, AUDITOR, ADMINISTRATOR})


class PermissionDenied(ApplicationError):
    """A member of staff tried something their role does not allow."""


def is_staff_member(user) -> bool:
    # Any of the five roles makes someone staff of the authority.
    return bool(roles_of(user) & STAFF_ROLES)


def can_view_queue(user) -> bool:
    # Everyone who handles or oversees complaints sees the queue; auditors see it too.
    return is_staff_member(user)


def can_view_complaint(user, complaint) -> bool:
    roles = roles_of(user)
    # Not staff: never.
    if not roles & STAFF_ROLES:
        return False
    # A restricted case is visible only to team leads, auditors and its own handler.
    if getattr(complaint, "restricted", False):
        if roles & {TEAM_LEAD, AUDITOR}:
            return True
        return getattr(complaint, "assigned_to_id", None) == user.pk
    return True


def can_change_priority(user) -> bool:
    # Intake officers confirm or correct the triage; handlers and team leads may too.
    return bool(roles_of(user) & {INTAKE_OFFICER, CASE_HANDLER, TEAM_LEAD})


def can_view_audit_log(user) -> bool:
    # The audit log is for auditors and administrators.
    return bool(roles_of(user) & {AUDITOR, ADMINISTRATOR})


def access_complaint(user, complaint_id_or_reference, *, queryset=None):
    """Return the complaint if `user` may see it, else raise NotFound (same for missing)."""
    from django.utils.translation import gettext as _

    from waakhond.common.errors import NotFound

    if queryset is None:
        raise ValueError("access_complaint needs the complaint queryset of the calling app")
    lookup = (
        {"reference": complaint_id_or_reference}
        if isinstance(complaint_id_or_reference, str)
        else {"pk": complaint_id_or_reference}
    )
    complaint = queryset.filter(**lookup).first()
    if complaint is None or not can_view_complaint(user, complaint):
        raise NotFound(_("Deze klacht bestaat niet of u heeft er geen toegang toe."))
    return complaint


def require(condition: bool) -> None:
    """Raise PermissionDenied unless `condition` holds."""
    from django.utils.translation import gettext as _

    if not condition:
        raise PermissionDenied(_("U heeft geen toestemming voor deze handeling."))
