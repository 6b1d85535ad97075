from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("complaints/<str:reference>/", views.complaint, name="complaint"),
    path(
        "complaints/<str:reference>/priority/", views.complaint_priority, name="complaint_priority"
    ),
    path(
        "complaints/<str:reference>/attachments/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
]
