from __future__ import annotations

from django.urls import path

from coordination.views import offline

app_name = "coordination"

urlpatterns: list = []

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
