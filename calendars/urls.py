from django.urls import path  # noqa: F401 - the app's routes are added below

app_name = "calendars"

urlpatterns: list = []
