from __future__ import annotations

from django.urls import path

from coordination.views import assignments, contributors, offline

app_name = "coordination"

urlpatterns = [
    # --- Assignments and progress (the coordination page) ---
    path("<int:pk>/", assignments.page, name="page"),
    path("<int:pk>/assign/", assignments.assign, name="assign"),
    path("<int:pk>/unassign/", assignments.unassign, name="unassign"),
    # National contributors (the focal point's page)
    path("<int:pk>/contributors/", contributors.contributors, name="contributors"),
    path(
        "<int:pk>/contributors/<int:participant_pk>/remove/",
        contributors.remove_contributor,
        name="remove_contributor",
    ),
]

# --- Answering offline (XLSX / DOCX round trip) ------------------------------------------
urlpatterns += [
    path("reviews/<int:pk>/offline/", offline.offline, name="offline"),
    path("reviews/<int:pk>/offline/<int:questionnaire_pk>/download/", offline.download, name="offline_download"),
    path("reviews/<int:pk>/offline/<int:questionnaire_pk>/upload/", offline.upload, name="offline_upload"),
    path(
        "reviews/<int:pk>/offline/<int:questionnaire_pk>/preview/",
        offline.preview_upload,
        name="offline_preview",
    ),
    path("reviews/<int:pk>/offline/<int:questionnaire_pk>/confirm/", offline.confirm, name="offline_confirm"),
]
