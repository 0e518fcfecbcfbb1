from django.urls import path  # noqa: F401 - the authoring and translation pages add their routes here

app_name = "questionnaires"

urlpatterns: list = []
