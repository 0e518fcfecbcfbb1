from __future__ import annotations

app_name = "coordination"

urlpatterns: list = []
