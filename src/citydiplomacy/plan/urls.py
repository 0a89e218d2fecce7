from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("", views.current, name="current"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.public_progress, name="public"),
    path("<int:pk>/versions/", views.plan_versions, name="versions"),
    path("<int:pk>/versions/new/", views.plan_new_version, name="new_version"),
    path("<int:pk>/compare/<int:other_pk>/", views.plan_compare, name="compare"),
    path("<int:plan_pk>/measures/new/", views.measure_edit, name="measure_create"),
    path("measures/<int:pk>/", views.measure_detail, name="measure"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/follow/", views.measure_follow, name="measure_follow"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
]
