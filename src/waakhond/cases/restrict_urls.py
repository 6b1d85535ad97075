"""Restricting a case, mounted under /staff/complaints/ (namespace "restrict")."""

from django.urls import path

from . import restrict_views

app_name = "restrict"

urlpatterns = [
    path("<str:reference>/restrict/", restrict_views.case_restrict_page, name="case"),
]
