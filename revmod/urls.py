from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from calendars import views as calendar_views
from revmod.core import api_docs
from revmod.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("api/v1/", include("revmod.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/schema/swagger-ui/", api_docs.swagger_ui, name="api-swagger-ui"),
    path("api/schema/redoc/", api_docs.redoc, name="api-redoc"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    # Calendar clients have neither cookie nor language: the secret address alone opens the feed.
    path("calendar/<str:token>.ics", calendar_views.feed, name="calendar_feed"),
]

urlpatterns += i18n_patterns(
    path("", include("revmod.core.urls")),
    path("accounts/", include("revmod.accounts.urls")),
    path("notifications/", include("revmod.notifications.urls")),
    path("reviews/", include("reviews.urls")),
    path("questionnaires/", include("questionnaires.urls")),
    path("coordination/", include("coordination.urls")),
    path("meetings/", include("meetings.urls")),
    path("stakeholders/", include("stakeholders.urls")),
    path("calendars/", include("calendars.urls")),
    path("search/", include("insights.urls")),
    path("translations/", include("translations.urls")),
    path("learning/", include("elearning.urls")),
    path("admin/", admin.site.urls),
)

handler500 = "revmod.core.views.server_error"
