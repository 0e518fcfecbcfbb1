from __future__ import annotations

from django.urls import path

from coordination.views import assignments

app_name = "coordination"

urlpatterns: list = [
    # --- Assignments and progress (the coordination page) ---
    path("<int:pk>/", assignments.page, name="page"),
    path("<int:pk>/assign/", assignments.assign, name="assign"),
    path("<int:pk>/unassign/", assignments.unassign, name="unassign"),
]
