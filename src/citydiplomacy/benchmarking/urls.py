from django.urls import path

from . import views

app_name = "benchmarking"

urlpatterns = [
    path("", views.home, name="home"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<str:code>/", views.indicator, name="indicator"),
    path("data/", views.vintages, name="vintages"),
    path("data/import/", views.import_upload, name="import"),
    path("data/import/<str:token>/", views.import_confirm, name="import_confirm"),
    path("peers/", views.peers, name="peers"),
    path("peers/groups/", views.clusters, name="clusters"),
    path("peer-sets/<int:pk>/", views.peer_set, name="peer_set"),
    path("indices/", views.indices, name="indices"),
    path("indices/new/", views.index_create, name="index_create"),
    path("indices/<int:pk>/", views.index_detail, name="index"),
    path("indices/<int:pk>/edit/", views.index_edit, name="index_edit"),
    path("indices/<int:pk>/run/", views.index_run, name="index_run"),
    path("indices/<int:pk>/uncertainty/", views.index_uncertainty, name="index_uncertainty"),
    path("rankings/", views.rankings, name="rankings"),
    path("rankings/new/", views.ranking_create, name="ranking_create"),
    path("rankings/<int:pk>/", views.ranking_detail, name="ranking"),
    path("rankings/<int:pk>/edit/", views.ranking_edit, name="ranking_edit"),
    path("rankings/<int:pk>/entries/", views.ranking_entry, name="ranking_entry"),
    path("rankings/<int:pk>/targets/", views.ranking_target, name="ranking_target"),
    path("rankings/<int:pk>/import/", views.ranking_import, name="ranking_import"),
]
