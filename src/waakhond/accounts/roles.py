"""Staff roles. Each role is a Django group of the same name (created by a migration)."""

from django.utils.translation import gettext_lazy as _

INTAKE_OFFICER = "intake_officer"
CASE_HANDLER = "case_handler"
TEAM_LEAD = "team_lead"
AUDITOR = "auditor"
ADMINISTRATOR = "administrator"

ROLES = {
    INTAKE_OFFICER: _("Intakemedewerker"),
    CASE_HANDLER: _("Behandelaar"),
    TEAM_LEAD: _("Teamleider"),
    AUDITOR: _("Auditor"),
    ADMINISTRATOR: _("Beheerder"),
}


def roles_of(user) -> frozenset[str]:
    """The roles a user holds; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_waakhond_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._waakhond_roles = cached
    return cached
