"""Development and the embedded demo: debug on, a local secret, demo data allowed."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
WAAKHOND_DEMO = env_bool("WAAKHOND_DEMO", True)
WAAKHOND_REQUIRE_2FA = env_bool("WAAKHOND_REQUIRE_2FA", False)


def _local_secret() -> str:
    """A per-checkout secret kept in var/, so sessions survive restarts of `make run`."""
    import secrets

    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret()
