from django.contrib import admin
from django.urls import include, path

from partnership import views as partnership_views
from partnership import views_calendar

handler403 = "partnership.views.permission_denied"
handler404 = "partnership.views.page_not_found"
handler500 = "partnership.views.server_error"

urlpatterns = [
    path("healthz", partnership_views.healthz, name="healthz"),
    path("readyz", partnership_views.readyz, name="readyz"),
    path("calendar/<str:token>.ics", views_calendar.feed, name="calendar-feed"),
    path("accounts/", include("partnership.urls_accounts")),
    path("staff/", include("partnership.urls")),
    path("admin/", admin.site.urls),
    path("boards/", include("boards.urls")),
    path("reviews/", include("reviews.urls")),
    path("cdop/", include("cdop.urls")),
    path("audits/", include("audits.urls")),
    path("", include("content.urls")),
]
