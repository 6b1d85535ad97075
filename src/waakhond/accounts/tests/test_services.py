"""Creating staff accounts and the demo logins."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from waakhond.accounts.roles import ADMINISTRATOR, CASE_HANDLER, INTAKE_OFFICER, roles_of
from waakhond.accounts.services import DEMO_ACCOUNTS, demo_accounts_ensure, staff_user_create
from waakhond.common.errors import ApplicationError

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


class TestStaffUserCreate:
    def test_creates_a_user_with_its_roles(self):
        user = staff_user_create(
            "jansen", PASSWORD, [INTAKE_OFFICER, CASE_HANDLER], email="j@example.org"
        )
        assert roles_of(user) == {INTAKE_OFFICER, CASE_HANDLER}
        assert user.check_password(PASSWORD)
        assert not user.is_superuser

    def test_a_superuser_may_use_the_django_admin(self):
        user = staff_user_create("beheer", PASSWORD, [ADMINISTRATOR], is_superuser=True)
        assert user.is_staff and user.is_superuser

    # Each row: what is wrong, and the field the refusal names.
    @pytest.mark.parametrize(
        ("username", "password", "roles", "field"),
        [
            ("a", PASSWORD, [], "roles"),  # no role at all
            ("a", PASSWORD, ["wizard"], "roles"),  # a role that does not exist
            ("a", "short", [INTAKE_OFFICER], "password"),  # a weak password
            ("", PASSWORD, [INTAKE_OFFICER], "username"),  # no username
            ("taken", PASSWORD, [INTAKE_OFFICER], "username"),  # the username is taken
        ],
    )
    def test_refusals_create_nothing(self, username, password, roles, field):
        get_user_model().objects.create_user(username="taken")
        with pytest.raises(ApplicationError) as refusal:
            staff_user_create(username, password, roles)
        assert refusal.value.field == field
        assert get_user_model().objects.count() == 1


class TestCreateStaffUserCommand:
    def test_creates_the_account_from_the_environment(self, monkeypatch, capsys):
        monkeypatch.setenv("WAAKHOND_STAFF_PASSWORD", PASSWORD)
        call_command("create_staff_user", "pietersen", "--role", "team_lead", "--no-input")
        user = get_user_model().objects.get(username="pietersen")
        assert roles_of(user) == {"team_lead"}
        assert "Created pietersen" in capsys.readouterr().out

    def test_a_dry_run_creates_nothing(self, monkeypatch):
        monkeypatch.setenv("WAAKHOND_STAFF_PASSWORD", PASSWORD)
        call_command(
            "create_staff_user", "pietersen", "--role", "team_lead", "--no-input", "--dry-run"
        )
        assert not get_user_model().objects.exists()

    def test_a_refusal_is_a_command_error(self, monkeypatch):
        monkeypatch.setenv("WAAKHOND_STAFF_PASSWORD", "short")
        with pytest.raises(CommandError):
            call_command("create_staff_user", "pietersen", "--role", "team_lead", "--no-input")


class TestDemoAccounts:
    def test_one_account_per_role_with_the_same_logins_on_every_run(self, tmp_path):
        path = tmp_path / "demo_logins.txt"
        first = demo_accounts_ensure(logins_file=path)
        second = demo_accounts_ensure(logins_file=path)
        assert [(login.username, login.role) for login in first] == list(DEMO_ACCOUNTS)
        assert all(login.created for login in first)
        assert not any(login.created for login in second)
        assert [login.password for login in first] == [login.password for login in second]
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        for login in first:
            user = get_user_model().objects.get(username=login.username)
            assert user.check_password(login.password)
            assert roles_of(user) == {login.role}
        assert get_user_model().objects.get(username="beheerder").is_superuser

    def test_a_lost_logins_file_gives_new_passwords_that_work(self, tmp_path):
        path = tmp_path / "demo_logins.txt"
        demo_accounts_ensure(logins_file=path)
        path.unlink()
        logins = demo_accounts_ensure(logins_file=path)
        user = get_user_model().objects.get(username="intake")
        assert user.check_password(logins[0].password)

    def test_a_dry_run_writes_nothing(self, tmp_path):
        path = tmp_path / "demo_logins.txt"
        demo_accounts_ensure(logins_file=path, dry_run=True)
        assert not path.exists()
        assert not get_user_model().objects.exists()
