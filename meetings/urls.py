from __future__ import annotations

from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("reviews/<int:pk>/", views.meeting_list, name="list"),
    path("reviews/<int:pk>/propose/", views.propose, name="propose"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/fix/", views.fix, name="fix"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/files/", views.add_file, name="add_file"),
    path("<int:pk>/files/<int:file_pk>/", views.download_file, name="download_file"),
    path("<int:pk>/calendar.ics", views.calendar_file, name="calendar"),
]
