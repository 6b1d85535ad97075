from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<slug:page>/", views.dashboard_page, name="page"),
    path("export/<slug:table_id>.csv", views.export_csv, name="export"),
    path("patterns/", views.patterns, name="patterns"),
    path("patterns/<int:pk>/", views.pattern_detail, name="pattern"),
    path("patterns/<int:pk>/report.pdf", views.sector_report, name="sector_report"),
    path("signals/<int:pk>/done/", views.signal_done, name="signal_done"),
    path("forecast/", views.capacity_forecast, name="forecast"),
]
