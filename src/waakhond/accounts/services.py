"""Writes of the accounts app: creating staff accounts and the demo logins.

Staff accounts are ordinary Django users holding one or more role groups (see `roles`). There
is no sign-up: an administrator creates accounts with `waakhond manage create_staff_user`, and
demo mode creates one account per role with a password kept in `var/demo_logins.txt`.
"""

import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from waakhond.common.errors import ApplicationError

from .roles import ADMINISTRATOR, AUDITOR, CASE_HANDLER, INTAKE_OFFICER, ROLES, TEAM_LEAD

# Demo usernames are Dutch, as the demo is; one account per role.
DEMO_ACCOUNTS: tuple[tuple[str, str], ...] = (
    ("intake", INTAKE_OFFICER),
    ("behandelaar", CASE_HANDLER),
    ("teamleider", TEAM_LEAD),
    ("auditor", AUDITOR),
    ("beheerder", ADMINISTRATOR),
)


def staff_user_create(
    username: str,
    password: str,
    roles: Iterable[str],
    *,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
):
    """Create a member of staff holding `roles`; `is_superuser` also opens the Django admin.

    The password must pass the configured validators; a taken username is refused.
    """
    roles = set(roles)
    if not roles:
        raise ApplicationError(_("Geef minstens één rol op."), field="roles")
    unknown = sorted(roles - set(ROLES))
    if unknown:
        raise ApplicationError(
            _("Onbekende rol: %(roles)s. Kies uit: %(choices)s.")
            % {"roles": ", ".join(unknown), "choices": ", ".join(ROLES)},
            field="roles",
        )
    user_model = get_user_model()
    username = (username or "").strip()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            _("Er bestaat al een account met deze gebruikersnaam."), field="username"
        )
    user = user_model(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    try:
        user.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(" ".join(messages), field=field) from exc
    with transaction.atomic():
        user.save()
        user.groups.set(Group.objects.filter(name__in=roles))
    return user


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    created: bool


def _read_logins(path: Path) -> dict[str, str]:
    logins: dict[str, str] = {}
    if not path.exists():
        return logins
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            logins[parts[0]] = parts[1]
    return logins


def _write_logins(path: Path, logins: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Waakhond demo logins (demo mode only): username password"]
    lines += [f"{username} {password}" for username, password in logins.items()]
    # The file holds passwords: readable by its owner only.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def demo_accounts_ensure(*, logins_file: Path, dry_run: bool = False) -> list[DemoLogin]:
    """Make sure the five demo accounts exist; return their logins, the same on every run.

    Passwords are random once and then kept in `logins_file`. An account that exists but whose
    password is not in the file (the file was removed) gets a new one, written to the file.
    Only call this in demo mode.
    """
    user_model = get_user_model()
    saved = _read_logins(logins_file)
    logins: dict[str, str] = {}
    result: list[DemoLogin] = []
    for username, role in DEMO_ACCOUNTS:
        password = saved.get(username) or secrets.token_urlsafe(12)
        logins[username] = password
        user = user_model.objects.filter(username=username).first()
        created = False
        if user is None:
            created = True
            if not dry_run:
                staff_user_create(username, password, [role], is_superuser=(role == ADMINISTRATOR))
        elif username not in saved and not dry_run:
            user.set_password(password)
            user.save(update_fields=["password"])
        result.append(DemoLogin(username=username, password=password, role=role, created=created))
    if not dry_run and logins != saved:
        _write_logins(logins_file, logins)
    return result
