"""The public statistics page: no login, no personal data."""

from django.shortcuts import render

from .public_selectors import public_statistics


def statistics_index(request):
    return render(request, "insights/public_statistics.html", {"stats": public_statistics()})
