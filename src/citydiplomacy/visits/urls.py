from django.urls import path

from . import views

app_name = "visits"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("request/", views.request_form, name="request"),
    path("status/<str:token>/", views.status_page, name="status"),
    path("rules/", views.rules, name="rules"),
    path("email-templates/", views.email_templates, name="email_templates"),
    path("email-templates/<int:pk>/", views.email_template_edit, name="email_template"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/triage/", views.triage_action, name="triage"),
    path("<int:pk>/transition/", views.transition_action, name="transition"),
    path("<int:pk>/programme/", views.programme_add, name="programme_add"),
    path(
        "<int:pk>/programme/<int:item_pk>/delete/",
        views.programme_delete,
        name="programme_delete",
    ),
    path(
        "<int:pk>/programme.<str:fmt>",
        views.programme_download,
        name="programme_download",
    ),
    path("<int:pk>/outcomes/", views.outcome_add, name="outcome_add"),
    path("<int:pk>/attachment/", views.attachment, name="attachment"),
]
