from django.apps import AppConfig


def _record_login(sender, request, user, **kwargs):
    """Write `user.logged_in` to the audit log, noting which second factor was used (if any).

    django-otp's own receiver runs first and has set `user.otp_device` when a token was
    verified in the login wizard.
    """
    from .models import AuditEventType
    from .services import record_event

    device = getattr(user, "otp_device", None)
    record_event(
        actor=user,
        event_type=AuditEventType.USER_LOGGED_IN,
        data={"second_factor": device.persistent_id if device is not None else ""},
    )


class AuditConfig(AppConfig):
    name = "waakhond.audit"
    label = "audit"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # The one Django signal we listen to, on purpose: logging in is Django's own event,
        # sent by `django.contrib.auth.login` from whichever view logged the user in (the
        # two-factor wizard, the admin, a test client). There is no service of ours to call
        # the audit log from. Between our own apps we never wire with signals (STYLE.md).
        user_logged_in.connect(_record_login, dispatch_uid="waakhond.audit.record_login")
