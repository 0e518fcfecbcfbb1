"""The authoring pages of the questionnaires app."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
