"""Staff log in with two factors: the login wizard, setting up an authenticator, backup codes."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import override_settings
from django.urls import reverse

from waakhond.accounts.roles import CASE_HANDLER
from waakhond.accounts.services import staff_user_create
from waakhond.audit.models import AuditEvent, AuditEventType

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/account/login/"
SETUP = "/account/two_factor/setup/"
QUEUE = "/staff/"

require_2fa = override_settings(WAAKHOND_REQUIRE_2FA=True)


def handler(username="behandelaar"):
    return staff_user_create(username, PASSWORD, [CASE_HANDLER])


def with_authenticator(user) -> TOTPDevice:
    # two_factor treats the device named "default" as the one the login asks for.
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def password_step(client, username="behandelaar", password=PASSWORD):
    return client.post(
        LOGIN,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def token_step(client, code):
    return client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": code})


def logins():
    return AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGGED_IN)


def test_the_login_and_setup_pages_are_where_the_links_point():
    assert reverse("two_factor:login") == LOGIN
    assert reverse("two_factor:setup") == SETUP


@require_2fa
def test_a_staff_member_with_an_authenticator_must_enter_its_code_to_reach_the_queue(client):
    device = with_authenticator(handler())
    response = password_step(client)
    # The password alone leads to the second step, not into the back office.
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "token"
    assert client.get(QUEUE).status_code == 302
    response = token_step(client, current_code(device))
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200


@require_2fa
def test_without_the_code_the_queue_stays_closed_and_nothing_is_logged_as_a_login(client):
    with_authenticator(handler())
    password_step(client)
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not logins().exists()


@require_2fa
def test_a_wrong_code_is_refused_in_words(client):
    device = with_authenticator(handler())
    password_step(client)
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
    response = token_step(client, wrong)
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "token"
    assert response.context["form"].errors
    assert client.get(QUEUE).status_code == 302
    assert not logins().exists()


@require_2fa
def test_a_backup_code_also_opens_the_queue_once(client):
    user = handler()
    with_authenticator(user)
    backup = StaticDevice.objects.create(user=user, name="backup")
    backup.token_set.create(token="abcd1234")
    password_step(client)
    response = client.post(
        LOGIN, {"login_view-current_step": "backup", "backup-otp_token": "abcd1234"}
    )
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200
    assert not backup.token_set.exists()


@require_2fa
def test_a_staff_member_without_an_authenticator_is_sent_to_set_one_up_not_back_to_the_login(
    client,
):
    handler()
    response = password_step(client)
    assert response.status_code == 302
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=/staff/"


@require_2fa
def test_setting_up_an_authenticator_verifies_the_session_and_returns_to_the_page(client):
    user = handler()
    client.force_login(user)
    page = client.get(f"{SETUP}?next=/staff/")
    assert page.status_code == 200
    response = client.post(f"{SETUP}?next=/staff/", {"setup_view-current_step": "welcome"})
    assert response.context["wizard"]["steps"].current == "generator"
    secret = response.context["secret_key"]
    assert response.context["QR_URL"] == reverse("two_factor:qr")
    qr = client.get(reverse("two_factor:qr"))
    assert qr.status_code == 200
    assert qr["Content-Type"].startswith("image/svg+xml")
    code = totp(b32decode(secret), 30, 0, 6, 0)
    response = client.post(
        f"{SETUP}?next=/staff/",
        {"setup_view-current_step": "generator", "generator-token": str(code)},
    )
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    assert TOTPDevice.objects.filter(user=user, name="default", confirmed=True).exists()
    assert client.get(QUEUE).status_code == 200


@require_2fa
def test_a_logged_in_member_of_staff_without_a_role_still_sees_nothing(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("zonderrol", password=PASSWORD)
    device = with_authenticator(user)
    password_step(client, "zonderrol")
    token_step(client, current_code(device))
    assert client.get(QUEUE).status_code == 404


def test_where_two_factors_are_not_required_the_password_is_enough(client):
    handler()
    response = password_step(client)
    assert response.status_code == 302
    assert client.get(QUEUE).status_code == 200


@require_2fa
def test_a_login_is_written_to_the_audit_log_with_the_factor_used(client):
    user = handler()
    device = with_authenticator(user)
    password_step(client)
    token_step(client, current_code(device))
    event = logins().get()
    assert event.actor == user
    assert event.data == {"second_factor": device.persistent_id}


def test_a_login_without_a_second_factor_is_logged_as_such(client):
    user = handler()
    password_step(client)
    assert logins().get().data == {"second_factor": ""}
    assert logins().get().actor == user


def test_the_login_page_is_ours_in_dutch(client):
    page = client.get(LOGIN).content.decode()
    assert "wh-focus" in page
    assert "utrecht-textbox" in page
    assert "Inloggen" in page
    assert "Provide a template named" not in page


def test_the_login_page_is_in_english_for_english_visitors(client):
    client.cookies["django_language"] = "en"
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in with your username and password." in page


@require_2fa
def test_the_account_security_pages_render_for_a_verified_member_of_staff(client):
    user = handler()
    device = with_authenticator(user)
    password_step(client)
    token_step(client, current_code(device))
    assert "Reservecodes" in client.get(reverse("two_factor:profile")).content.decode()
    response = client.post(reverse("two_factor:backup_tokens"))
    assert response.status_code == 302
    page = client.get(reverse("two_factor:backup_tokens")).content.decode()
    assert page.count("<li>") >= 10


@pytest.mark.parametrize(
    "name",
    [
        "two_factor/_base_focus.html",
        "two_factor/core/login.html",
        "two_factor/core/setup.html",
        "two_factor/core/backup_tokens.html",
        "two_factor/profile/profile.html",
    ],
)
def test_our_two_factor_templates_are_found_before_the_library_s(name):
    # Needs "waakhond.accounts" above "two_factor" in INSTALLED_APPS: app templates are
    # looked up in that order.
    from django.template.loader import get_template

    origin = get_template(name).origin.name.replace("\\", "/")
    assert "/waakhond/accounts/templates/" in origin
