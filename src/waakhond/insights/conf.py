"""Settings of the insights app, each with its default.

The thresholds can be set in the project settings (``WAAKHOND_PATTERN_*``); the defaults are
the ones the team leads asked for: three organisations doing the same thing to the same kind
of people is a policy problem; five complaints about one organisation in ninety days is more
than chance.
"""

from django.conf import settings


def _int(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def org_min_complaints() -> int:
    # Complaints about one organisation within the window that raise a signal.
    return _int("WAAKHOND_PATTERN_ORG_MIN_COMPLAINTS", 5)


def window_days() -> int:
    # The window (days back from today) for the organisation and sector thresholds.
    return _int("WAAKHOND_PATTERN_WINDOW_DAYS", 90)


def practice_min_organisations() -> int:
    # Organisations with the same practice (towards the same group) that raise a signal.
    return _int("WAAKHOND_PATTERN_PRACTICE_MIN_ORGANISATIONS", 3)


def sector_min_complaints() -> int:
    # Complaints on one topic in one sector within the window that raise a signal ...
    return _int("WAAKHOND_PATTERN_SECTOR_MIN_COMPLAINTS", 10)


def sector_min_organisations() -> int:
    # ... about at least this many organisations.
    return _int("WAAKHOND_PATTERN_SECTOR_MIN_ORGANISATIONS", 3)


def pattern_min_members() -> int:
    # A pattern is listed from this many complaints on; one complaint is a case, not a pattern.
    return _int("WAAKHOND_PATTERN_MIN_MEMBERS", 2)
