from __future__ import annotations

from django.urls import path

from coordination.views import contributors

app_name = "coordination"

urlpatterns = [
    # National contributors (the focal point's page)
    path("<int:pk>/contributors/", contributors.contributors, name="contributors"),
    path(
        "<int:pk>/contributors/<int:participant_pk>/remove/",
        contributors.remove_contributor,
        name="remove_contributor",
    ),
]
