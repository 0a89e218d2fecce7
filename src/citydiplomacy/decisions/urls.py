from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("import/", views.decision_import, name="import"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/source/", views.decision_source, name="source"),
    *(
        path(
            f"links/<int:pk>/{action}/",
            views.link_action,
            {"action": action},
            name=f"link_{action}",
        )
        for action in ("confirm", "reject")
    ),
    *(
        path(
            f"follow-ups/<int:pk>/{action}/",
            views.follow_up_action,
            {"action": action},
            name=f"follow_up_{action}",
        )
        for action in ("confirm", "done", "dismiss")
    ),
]
