from django.urls import path

from . import public_views

app_name = "statistics"

urlpatterns = [
    path("", public_views.statistics_index, name="index"),
]
