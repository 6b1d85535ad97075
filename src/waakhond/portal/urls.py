"""The status pages, mounted at /status/. Representative bodies' pages come first so that
"organisatie" is never read as a complaint reference (references look like WH-2026-000123)."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("organisatie/", views.representative, name="representative"),
    path("organisatie/<str:token>/", views.representative_enter, name="representative_enter"),
    path("<str:reference>/", views.status, name="status"),
    path("<str:reference>/aanvullen/", views.add_information, name="add_information"),
    path("<str:reference>/intrekken/", views.withdraw, name="withdraw"),
    path("<str:reference>/bezwaar/", views.objection, name="objection"),
    path("<str:reference>/bezwaar/ontvangen/", views.objection_received, name="objection_received"),
    path("<str:reference>/brieven/<int:letter_id>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("<str:reference>/heropenen/", views.reopen, name="reopen"),
    path("<str:reference>/verzoek-verstuurd/", views.request_sent, name="request_sent"),
    path("<str:reference>/link-uitzetten/", views.revoke_link, name="revoke_link"),
    # Last: any other two segments are a reference and a token.
    path("<str:reference>/<str:token>/", views.enter, name="enter"),
]
