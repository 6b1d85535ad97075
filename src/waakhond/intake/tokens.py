"""Status tokens: random, shown once, stored only as a SHA-256 hash."""

import hashlib
import hmac
import secrets


def new_status_token() -> str:
    return secrets.token_urlsafe(24)


def hash_status_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def status_token_matches(token: str, token_hash: str) -> bool:
    return hmac.compare_digest(hash_status_token(token or ""), token_hash or "")


def status_url(reference: str, token: str) -> str:
    """The private status link, shown once to the complainant (never e-mailed, never stored)."""
    from django.conf import settings

    return f"{settings.WAAKHOND_BASE_URL}/status/{reference}/{token}/"
