from django.urls import path

from revmod.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("me/", views.whoami, name="whoami"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
