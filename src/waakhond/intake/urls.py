from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("ontvangen/", views.acknowledgement, name="acknowledgement"),
    path(
        "organisaties/suggesties/", views.organisation_suggestions, name="organisation_suggestions"
    ),
]
