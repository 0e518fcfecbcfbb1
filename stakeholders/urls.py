from django.urls import path

from stakeholders import views

app_name = "stakeholders"

urlpatterns = [
    path("", views.home, name="home"),
    # Registration and approval
    path("register/", views.register, name="register"),
    path("verify/<uidb64>/<token>/", views.verify, name="verify"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:pk>/", views.decide_stakeholder, name="decide_stakeholder"),
    # Constructive dialogues
    path("dialogues/new/", views.dialogue_create, name="dialogue_create"),
    path("dialogues/<int:pk>/", views.dialogue_detail, name="dialogue"),
    path("dialogues/<int:pk>/edit/", views.dialogue_edit, name="dialogue_edit"),
    path("dialogues/<int:pk>/apply/", views.apply, name="apply"),
    path("dialogues/<int:pk>/input/", views.dialogue_input, name="dialogue_input"),
    path("dialogues/<int:pk>/applications/<int:application_pk>/", views.decide, name="decide"),
    path("dialogues/<int:pk>/summary/", views.summary, name="summary"),
    path("dialogues/<int:pk>/publish/", views.publish, name="publish"),
    path("dialogues/<int:pk>/published/", views.public_summary, name="public_summary"),
    # Input on a State's review
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("reviews/<int:pk>/input/", views.review_input, name="review_input"),
    path("reviews/<int:pk>/accept-input/", views.open_to_input, name="open_to_input"),
    path("files/<int:pk>/", views.download, name="download"),
]
