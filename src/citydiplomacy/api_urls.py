"""The REST API under /api/v1/: one router, each capability registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from citydiplomacy.benchmarking import api as benchmarking
from citydiplomacy.core.api import views as core
from citydiplomacy.plan import api as plan
from citydiplomacy.register import api as register
from citydiplomacy.visits import api as visits

router = DefaultRouter()
router.register("units", core.OrganisationUnitViewSet)
router.register("countries", core.CountryViewSet)
router.register("regions", core.RegionViewSet)
router.register("cities", core.CityViewSet)
router.register("themes", core.ThemeViewSet)
router.register("plans", plan.PlanViewSet, basename="plan")
router.register("objectives", plan.ObjectiveViewSet, basename="objective")
router.register("tools", plan.ToolViewSet, basename="tool")
router.register("measures", plan.MeasureViewSet, basename="measure")
router.register("status-updates", plan.StatusUpdateViewSet, basename="statusupdate")
router.register("indicators", plan.IndicatorViewSet, basename="indicator")

benchmarking.register_routes(router)
register.register_routes(router)
visits.register_routes(router)

urlpatterns = router.urls
