from django.urls import path

from translations import views

app_name = "translations"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("reviews/<int:pk>/", views.review_page, name="review"),
    path("reviews/<int:pk>/request", views.request_translation, name="request"),
    path("reviews/<int:pk>/translators", views.grant_translator, name="grant"),
    path("reviews/<int:pk>/translators/<int:grant_pk>/revoke", views.revoke_translator, name="revoke"),
    path("requests/<int:pk>/", views.editor, name="editor"),
    path("requests/<int:pk>/assign", views.assign, name="assign"),
    path("requests/<int:pk>/machine-drafts", views.machine_draft_request, name="machine_drafts"),
    path("units/<int:pk>/save", views.save, name="save"),
    path("units/<int:pk>/history", views.history, name="history"),
    path("units/<int:pk>/machine-draft", views.machine_draft_unit, name="machine_draft"),
]
