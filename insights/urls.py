from django.urls import path

from insights import views
from insights.analytics import views as analytics

app_name = "insights"

urlpatterns = [
    path("", views.search, name="search"),
    path("analytics/", analytics.analytics, name="analytics"),
    path("analytics/<slug:slug>.csv", analytics.figure_download, name="analytics_csv"),
]
