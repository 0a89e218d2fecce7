from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("plan/<int:plan_id>/report/", views.follow_up, name="follow-up"),
    path("plan/<int:plan_id>/report.pdf", views.follow_up_pdf, name="follow-up-pdf"),
    path("plan/<int:plan_id>/report.docx", views.follow_up_docx, name="follow-up-docx"),
]
