"""View guards for the back office."""

from functools import wraps

from two_factor.utils import default_device

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import resolve_url

from .access import is_staff_member


def staff_required(view):
    """Logged in, with a second factor where required, and holding one of the staff roles.

    Where two factors are required, a member of staff who has no authenticator yet is sent to
    set one up (sending them to the login again would go round in circles: their login
    without a device succeeds but never verifies). Someone logged in without a role gets a
    404, like any address that is not theirs.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if settings.WAAKHOND_REQUIRE_2FA and not user.is_verified():
            if default_device(user) is None:
                return redirect_to_login(request.get_full_path(), resolve_url("two_factor:setup"))
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if not is_staff_member(user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
