from django.urls import path

from insights import views
from insights.analytics import views as analytics
from insights.reports import views as reports

app_name = "insights"

urlpatterns = [
    path("", views.search, name="search"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:pk>/", reports.report_job, name="report_job"),
    path("reports/<int:pk>/status/", reports.report_status, name="report_status"),
    path("reports/<int:pk>/download/", reports.report_download, name="report_download"),
    path("analytics/", analytics.analytics, name="analytics"),
    path("analytics/<slug:slug>.csv", analytics.figure_download, name="analytics_csv"),
]
