from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from citydiplomacy.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readiness", core_views.readiness, name="readiness"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plan/", include("citydiplomacy.plan.urls")),
    path("decisions/", include("citydiplomacy.decisions.urls")),
    path("benchmarking/", include("citydiplomacy.benchmarking.urls")),
    path("register/", include("citydiplomacy.register.urls")),
    path("visits/", include("citydiplomacy.visits.urls")),
    path("", include("citydiplomacy.reports.urls")),
    path("", include("citydiplomacy.core.urls")),
    path("api/v1/", include("citydiplomacy.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("pysocial/", include("social_django.urls", namespace="social")))
    urlpatterns.append(path("helauth/", include("helusers.urls")))
