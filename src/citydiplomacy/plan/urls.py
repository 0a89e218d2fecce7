from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("", views.current, name="current"),
    path("<int:pk>/", views.detail, name="detail"),
]
