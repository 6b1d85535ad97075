"""The public statistics page: no login, no personal data, no organisation named.

The figures are computed from the database and kept for five minutes: current enough for the
public, and a public page anyone can reload must not cost a full count each time.
"""

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .public_selectors import public_statistics

CACHE_SECONDS = 5 * 60


@require_GET
def statistics_index(request):
    key = f"insights-public-statistics-{get_language()}"
    stats = cache.get(key)
    if stats is None:
        stats = public_statistics()
        cache.set(key, stats, CACHE_SECONDS)
    return render(request, "insights/public_statistics.html", {"stats": stats})
