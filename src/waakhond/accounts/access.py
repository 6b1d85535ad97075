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


def complaints_visible_to(user, queryset):
    """Narrow a complaint queryset to the complaints `user` may see (twin of can_view_complaint)."""
    from django.db.models import Q

    roles = roles_of(user)
    # Not staff: nothing at all.
    if not roles & STAFF_ROLES:
        return queryset.none()
    # Team leads and auditors see restricted complaints too.
    if roles & {TEAM_LEAD, AUDITOR}:
        return queryset
    # Everyone else sees a restricted complaint only when it is assigned to them.
    return queryset.filter(Q(restricted=False) | Q(assigned_to_id=user.pk))


def can_change_priority(user) -> bool:
    # Intake officers confirm or correct the triage; handlers and team leads may too.
    return bool(roles_of(user) & {INTAKE_OFFICER, CASE_HANDLER, TEAM_LEAD})


def can_view_dashboards(user) -> bool:
    # Team leads steer the work: dashboards, patterns, signals and the capacity forecast.
    if TEAM_LEAD in roles_of(user):
        return True
    # Auditors oversee the authority's performance and read the same figures.
    if AUDITOR in roles_of(user):
        return True
    # Nobody else: handlers and intake officers work from the queue.
    return False


def can_make_sector_report(user) -> bool:
    # Only a team lead turns a pattern into a sector report that leaves the team.
    return TEAM_LEAD in roles_of(user)


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


# --- Case handling ----------------------------------------------------------------------
# The workflow table (`waakhond.cases.workflow`) says which role may make which move; these
# functions say in which of those roles a person may act on a given case.


def case_roles_for(user, complaint) -> list[str]:
    """The workflow roles `user` may act in on `complaint`, most senior first; [] for none."""
    roles = roles_of(user)
    result: list[str] = []
    # A case one may not see cannot be acted on either.
    if not can_view_complaint(user, complaint):
        return result
    # A team lead acts on every case of the desk, assigned or not.
    if TEAM_LEAD in roles:
        result.append(TEAM_LEAD)
    # A case handler acts only on the cases assigned to them (they take one first).
    if CASE_HANDLER in roles and getattr(complaint, "assigned_to_id", None) == user.pk:
        result.append(CASE_HANDLER)
    # An intake officer works at the front door and records what arrives by post, on any case.
    if INTAKE_OFFICER in roles:
        result.append(INTAKE_OFFICER)
    # Auditors only read; administrators configure the desk and hold no case role.
    return result


def can_work_on_case(user, complaint) -> bool:
    # Handling work (steps, letters, deadline records, decisions) is for the team lead or the
    # handler the case is assigned to.
    return bool(set(case_roles_for(user, complaint)) & {TEAM_LEAD, CASE_HANDLER})


def can_take_cases(user) -> bool:
    # Only handlers and team leads take cases.
    return bool(roles_of(user) & {CASE_HANDLER, TEAM_LEAD})


def can_take_case(user, complaint) -> bool:
    # Only handlers and team leads take cases.
    if not can_take_cases(user):
        return False
    # One cannot take a case one may not see.
    if not can_view_complaint(user, complaint):
        return False
    # A case someone already has is assigned by a team lead, not taken.
    return getattr(complaint, "assigned_to_id", None) is None


def can_assign_case(user, complaint) -> bool:
    # Team leads distribute the work.
    if TEAM_LEAD not in roles_of(user):
        return False
    # ... on cases they may see (team leads see restricted cases too).
    return can_view_complaint(user, complaint)


def can_be_assigned(user) -> bool:
    # Only an active handler or team lead can be given a case.
    return bool(roles_of(user) & {CASE_HANDLER, TEAM_LEAD})


def can_add_note(user, complaint) -> bool:
    # Everyone who may act on the case in some role may write an internal note on it.
    return bool(case_roles_for(user, complaint))


def can_view_workload(user) -> bool:
    # Team leads distribute work; handlers see the same overview to choose what to take.
    return bool(roles_of(user) & {TEAM_LEAD, CASE_HANDLER})


def can_view_deadlines_at_risk(user) -> bool:
    # The overview of deadlines at risk across all cases is the team lead's.
    return TEAM_LEAD in roles_of(user)


def can_manage_letter_templates(user) -> bool:
    # Administrators configure the desk, including the texts of letters.
    return ADMINISTRATOR in roles_of(user)


def can_view_letter_templates(user) -> bool:
    # Everyone who writes letters may read the templates; administrators edit them.
    return bool(roles_of(user) & {CASE_HANDLER, TEAM_LEAD, ADMINISTRATOR})


def can_restrict_case(user, complaint) -> bool:
    # Team leads and administrators decide who may see a case; handlers, intake and auditors do not.
    if not roles_of(user) & {TEAM_LEAD, ADMINISTRATOR}:
        return False
    # Nobody changes access to a case they may not see themselves.
    return can_view_complaint(user, complaint)
