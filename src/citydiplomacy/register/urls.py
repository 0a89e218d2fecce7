from .views import (
    activities,
    alignment,
    calendar,
    feeds,
    maps,
    partners,
    radar,
    spreadsheets,
    timeline,
    trips,
)

app_name = "register"
urlpatterns = [
    *activities.urlpatterns,
    *partners.urlpatterns,
    *calendar.urlpatterns,
    *maps.urlpatterns,
    *timeline.urlpatterns,
    *feeds.urlpatterns,
    *spreadsheets.urlpatterns,
    *trips.urlpatterns,
    *alignment.urlpatterns,
    *radar.urlpatterns,
]
