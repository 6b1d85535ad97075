"""Which register entry a complaint is about, without a database query per complaint.

`organisation_match` finds the entry whose name or alias, normalised, equals the normalised name
the complainant typed (the first by name when several do). Filing a complaint asks that of every
complaint, so a web process keeps the answer for the whole register in memory: one read of the
register (a few hundred rows), kept for `WAAKHOND_REGISTER_CACHE_SECONDS`.

* 0 (the default, and in tests) asks the database every time, as `organisation_match` does.
* A change saved or deleted through Django in this process drops the copy at once; a change made
  by another process (`load_organisations`, the admin on another server) is seen within the
  cache period. A complaint whose cached entry was deleted meanwhile is filed again with a fresh
  copy (see `complaint_create`), never refused.
"""

import threading
import time

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from waakhond.organisations.models import Organisation
from waakhond.organisations.selectors import normalise_name, organisation_match

_lock = threading.Lock()
_index: dict[str, int] | None = None
_loaded_at = 0.0


def organisation_id_for(name: str) -> tuple[int | None, bool]:
    """The id of the register entry `name` refers to, and whether it came from the cache."""
    seconds = settings.WAAKHOND_REGISTER_CACHE_SECONDS
    if seconds <= 0:
        organisation = organisation_match(name)
        return (organisation.pk if organisation else None), False
    key = normalise_name(name)
    if not key:
        return None, False
    index = _index
    if index is None or time.monotonic() - _loaded_at > seconds:
        index = _load()
    return index.get(key), True


def _load() -> dict[str, int]:
    global _index, _loaded_at
    with _lock:
        index: dict[str, int] = {}
        # Ordered by name, so for a key shared by several entries the first by name wins, as in
        # `organisation_match`.
        rows = Organisation.objects.order_by("name").values_list("pk", "search_names")
        for pk, search_names in rows:
            for key in search_names.split("|"):
                if key:
                    index.setdefault(key, pk)
        _index, _loaded_at = index, time.monotonic()
    return index


def forget() -> None:
    """Drop the in-memory copy; the next complaint reads the register again."""
    global _index
    _index = None


@receiver(post_save, sender=Organisation, dispatch_uid="intake-organisation-index-save")
@receiver(post_delete, sender=Organisation, dispatch_uid="intake-organisation-index-delete")
def _register_changed(**kwargs) -> None:
    forget()
