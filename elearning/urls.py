from django.urls import path

from elearning.views import learner, public, reports, trainer

app_name = "elearning"

urlpatterns = [
    # Learners
    path("", learner.catalogue, name="catalogue"),
    path("my/", learner.my_learning, name="my_learning"),
    path("courses/<int:pk>/", learner.course_detail, name="course"),
    path("courses/<int:pk>/enrol/", learner.enrol, name="enrol"),
    path("lessons/<int:pk>/", learner.lesson_detail, name="lesson"),
    path("lessons/<int:pk>/viewed/", learner.lesson_viewed, name="lesson_viewed"),
    path("files/<int:pk>/", learner.lesson_file, name="file"),
    path("quizzes/<int:pk>/", learner.quiz_detail, name="quiz"),
    path("quizzes/<int:pk>/start/", learner.quiz_start, name="quiz_start"),
    path("attempts/<int:pk>/", learner.attempt_take, name="attempt"),
    path("attempts/<int:pk>/result/", learner.attempt_result, name="attempt_result"),
    path("certificates/<int:pk>/", learner.certificate_pdf, name="certificate"),
    path("sessions/", learner.sessions, name="sessions"),
    path("sessions/<int:pk>/calendar.ics", learner.session_ics, name="session_ics"),
    path("sessions/<int:pk>/register/", learner.session_register, name="session_register"),
    path("sessions/<int:pk>/cancel/", learner.session_cancel, name="session_cancel"),
    # Anyone
    path("verify/", public.verify, name="verify"),
    path("verify/<str:code>/", public.verify_code, name="verify_code"),
    # Trainers and the secretariat
    path("manage/", trainer.manage_courses, name="manage_courses"),
    path("manage/courses/new/", trainer.course_create, name="course_create"),
    path("manage/courses/<int:pk>/", trainer.course_manage, name="manage_course"),
    path("manage/courses/<int:pk>/edit/", trainer.course_edit, name="course_edit"),
    path("manage/courses/<int:pk>/modules/new/", trainer.module_create, name="module_create"),
    path("manage/courses/<int:pk>/quizzes/new/", trainer.quiz_create, name="quiz_create"),
    path("manage/courses/<int:pk>/owners/", trainer.course_owners, name="course_owners"),
    path("manage/courses/<int:pk>/owners/<int:user_pk>/revoke/", trainer.owner_revoke, name="owner_revoke"),
    path("manage/courses/<int:pk>/learners/", trainer.course_learners, name="course_learners"),
    path("manage/courses/<int:pk>/sessions/new/", trainer.session_create, name="session_create"),
    path("manage/modules/<int:pk>/edit/", trainer.module_edit, name="module_edit"),
    path("manage/modules/<int:pk>/lessons/new/", trainer.lesson_create, name="lesson_create"),
    path("manage/lessons/<int:pk>/edit/", trainer.lesson_edit, name="lesson_edit"),
    path("manage/lessons/<int:pk>/videos/new/", trainer.video_create, name="video_create"),
    path("manage/lessons/<int:pk>/files/new/", trainer.file_create, name="file_create"),
    path("manage/videos/<int:pk>/edit/", trainer.video_edit, name="video_edit"),
    path("manage/files/<int:pk>/delete/", trainer.file_delete, name="file_delete"),
    path("manage/quizzes/<int:pk>/edit/", trainer.quiz_edit, name="quiz_edit"),
    path("manage/quizzes/<int:pk>/pools/new/", trainer.pool_create, name="pool_create"),
    path("manage/pools/<int:pk>/edit/", trainer.pool_edit, name="pool_edit"),
    path("manage/pools/<int:pk>/questions/new/", trainer.question_create, name="question_create"),
    path("manage/questions/<int:pk>/edit/", trainer.question_edit, name="question_edit"),
    path("manage/sessions/", trainer.manage_sessions, name="manage_sessions"),
    path("manage/sessions/<int:pk>/edit/", trainer.session_edit, name="session_edit"),
    path("manage/sessions/<int:pk>/attendance/", trainer.session_attendance, name="session_attendance"),
    path("reports/", reports.report, name="report"),
    path("reports/export.csv", reports.report_csv, name="report_csv"),
]
