from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("organisation/", views.units, name="units"),
    path("organisation/<int:pk>/", views.unit_detail, name="unit"),
    path("themes/", views.themes, name="themes"),
    path("places/search/", views.place_search, name="place_search"),
    path(
        "history/<slug:app_label>/<slug:model_name>/<int:pk>/", views.record_history, name="history"
    ),
    path(
        "history/<slug:app_label>/<slug:model_name>/deleted/", views.deleted_records, name="deleted"
    ),
    path(
        "history/<slug:app_label>/<slug:model_name>/restore/<int:history_id>/",
        views.restore_record,
        name="restore",
    ),
]
