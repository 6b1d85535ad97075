from two_factor.urls import urlpatterns as two_factor_patterns

from django.contrib import admin
from django.urls import include, path

from waakhond.insights.api import build_router as build_patterns_router
from waakhond.intake.api import api

# The patterns API belongs to insights; it is mounted on the one public API here, because
# intake (which owns `api`) may not import the apps above it.
api.add_router("/patterns", build_patterns_router())

urlpatterns = [
    path("", include("waakhond.intake.urls")),
    path("status/", include("waakhond.portal.urls")),
    path("api/v1/", api.urls),
    path("staff/cases/", include("waakhond.cases.handling_urls")),
    path("staff/complaints/", include("waakhond.cases.restrict_urls")),
    path("staff/audit/", include("waakhond.audit.urls")),
    path("staff/insights/", include("waakhond.insights.urls")),
    path("staff/", include("waakhond.cases.urls")),
    path("statistieken/", include("waakhond.insights.public_urls")),
    path("account/", include("waakhond.accounts.urls")),
    path("", include(two_factor_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
