from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.my_reviews, name="list"),
    path("overview/", views.overview, name="overview"),
    path("draw/", views.draw, name="draw"),
    path("draw/<int:cycle_pk>/", views.draw_result, name="draw_result"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/move/", views.move_review, name="move"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants/<int:participant_pk>/remove/", views.remove_participant, name="remove_participant"),
    path("<int:pk>/questionnaires/<int:questionnaire_pk>/", views.questionnaire, name="questionnaire"),
    path(
        "<int:pk>/questionnaires/<int:questionnaire_pk>/sections/<int:section>/",
        views.answer_section,
        name="answer_section",
    ),
    path("<int:pk>/answers/<int:question_pk>/", views.save_answer, name="save_answer"),
    path("<int:pk>/answers/<int:question_pk>/history/", views.answer_history, name="answer_history"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/discussion/", views.discussion, name="discussion"),
    path("<int:pk>/questions/<int:question_pk>/discussion/", views.discussion, name="question_discussion"),
    path("<int:pk>/comments/", views.post_comment, name="post_comment"),
    path("<int:pk>/comments/since/", views.catch_up, name="catch_up"),
    path("<int:pk>/comments/<int:comment_pk>/edit/", views.edit_comment, name="edit_comment"),
    path("<int:pk>/comments/<int:comment_pk>/delete/", views.delete_comment, name="delete_comment"),
    path("<int:pk>/threads/<int:thread_pk>/resolve/", views.resolve_thread, name="resolve_thread"),
    path("<int:pk>/mentions/", views.mention_candidates, name="mention_candidates"),
    path("<int:pk>/outputs/", views.outputs, name="outputs"),
    path("<int:pk>/feedback/<int:feedback_pk>/", views.feedback_save, name="feedback_save"),
    path("<int:pk>/observations/<int:list_pk>/", views.observation_add, name="observation_add"),
    path("<int:pk>/observations/<int:list_pk>/sign/", views.sign_list, name="sign_list"),
    path("<int:pk>/observation-items/<int:item_pk>/remove/", views.observation_remove, name="observation_remove"),
    path("<int:pk>/summary/", views.summary_save, name="summary_save"),
    path("<int:pk>/exports/", views.export_review, name="export_review"),
    path("<int:pk>/exports/<int:job_pk>/", views.export_job, name="export_job"),
    path("<int:pk>/exports/<int:job_pk>/status/", views.export_status, name="export_status"),
    path("<int:pk>/exports/<int:job_pk>/download/", views.export_download, name="export_download"),
    path("cycles/<int:cycle_pk>/<str:what>.<str:extension>", views.export_cycle, name="export_cycle"),
    path("published/", views.published, name="published"),
    path("published/<int:pk>/", views.published_summary, name="published_summary"),
]
