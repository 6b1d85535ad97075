"""Case handling pages and form posts, mounted at /staff/cases/ (namespace "handling")."""

from django.urls import path

from . import handling_views as views

app_name = "handling"

urlpatterns = [
    path("workload/", views.workload, name="workload"),
    path("at-risk/", views.at_risk, name="at_risk"),
    path("letter-templates/", views.letter_templates, name="letter_templates"),
    path("<str:reference>/", views.case, name="case"),
    path("<str:reference>/transition/", views.transition, name="transition"),
    path("<str:reference>/take/", views.take, name="take"),
    path("<str:reference>/assign/", views.assign, name="assign"),
    path("<str:reference>/lane/", views.lane, name="lane"),
    path("<str:reference>/step/", views.step, name="step"),
    path("<str:reference>/suspend/", views.suspend, name="suspend"),
    path("<str:reference>/resume/", views.resume, name="resume"),
    path("<str:reference>/extend/", views.extend, name="extend"),
    path("<str:reference>/default-notice/", views.default_notice, name="default_notice"),
    path("<str:reference>/decide/", views.decide, name="decide"),
    path("<str:reference>/refer/", views.refer, name="refer"),
    path("<str:reference>/objection/", views.objection, name="objection"),
    path("<str:reference>/objection/defer/", views.objection_defer, name="objection_defer"),
    path(
        "<str:reference>/organisation/answer/",
        views.organisation_answer,
        name="organisation_answer",
    ),
    path(
        "<str:reference>/organisation/follow-up/",
        views.organisation_follow_up,
        name="organisation_follow_up",
    ),
    path("<str:reference>/letters/", views.letter_create, name="letter_create"),
    path("<str:reference>/letters/<int:letter_id>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("<str:reference>/letters/<int:letter_id>/send/", views.letter_send, name="letter_send"),
    path(
        "<str:reference>/messages/<int:message_id>/retry/",
        views.message_retry,
        name="message_retry",
    ),
    path("<str:reference>/notes/", views.note_add, name="note_add"),
]
