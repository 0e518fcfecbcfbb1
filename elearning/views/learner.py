"""Pages of the learner: catalogue, my learning, lessons, quizzes, certificates, training sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elearning import selectors, services
from elearning.calendar_events import session_download_event
from elearning.certificates import render_certificate_pdf
from elearning.forms import AttemptForm
from revmod.core.calendar import ics_response


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "elearning/learner/catalogue.html", {"courses": selectors.catalogue_for(request.user)})


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "elearning/learner/my_learning.html",
        {
            "progress": selectors.learner_progress(request.user),
            "sessions": selectors.upcoming_sessions_for(request.user).filter(is_registered=True),
        },
    )


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_course_for_user(request.user, pk)
    progress = next(iter(selectors.learner_progress(request.user, course_ids=[course.pk])), None)
    enrolment = progress.enrolment if progress else None
    return render(
        request,
        "elearning/learner/course.html",
        {
            "course": course,
            "modules": selectors.course_outline(course),
            "quizzes": course.quizzes.all(),
            "enrolment": enrolment,
            "progress": progress,
            "viewed": selectors.viewed_lesson_ids(request.user, course),
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_course_for_user(request.user, pk)
    try:
        services.enrol(request.user, course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are enrolled."))
    return redirect("elearning:course", pk=course.pk)


@login_required
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = selectors.get_lesson_for_learner(request.user, pk)
    previous_lesson, next_lesson = selectors.lesson_neighbours(lesson)
    return render(
        request,
        "elearning/learner/lesson.html",
        {
            "lesson": lesson,
            "course": lesson.module.course,
            "viewed": selectors.has_viewed(request.user, lesson),
            "previous_lesson": previous_lesson,
            "next_lesson": next_lesson,
        },
    )


@login_required
@require_POST
def lesson_viewed(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = selectors.get_lesson_for_learner(request.user, pk)
    services.mark_lesson_viewed(lesson, user=request.user)
    _previous, next_lesson = selectors.lesson_neighbours(lesson)
    if next_lesson:
        return redirect("elearning:lesson", pk=next_lesson.pk)
    return redirect("elearning:course", pk=lesson.module.course_id)


@login_required
def lesson_file(request: HttpRequest, pk: int) -> FileResponse:
    lesson_file = selectors.get_file_for_learner(request.user, pk)
    response = FileResponse(
        lesson_file.file.open("rb"),
        as_attachment=True,
        filename=lesson_file.original_name,
        content_type=lesson_file.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def quiz_detail(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = selectors.get_quiz_for_learner(request.user, pk)
    return render(
        request,
        "elearning/learner/quiz.html",
        {
            "quiz": quiz,
            "course": quiz.course,
            "attempts": selectors.attempts_of(request.user, quiz),
            "attempts_left": services.attempts_left(quiz, user=request.user),
        },
    )


@login_required
@require_POST
def quiz_start(request: HttpRequest, pk: int) -> HttpResponse:
    quiz = selectors.get_quiz_for_learner(request.user, pk)
    try:
        attempt = services.start_attempt(quiz, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("elearning:quiz", pk=quiz.pk)
    return redirect("elearning:attempt", pk=attempt.pk)


@login_required
def attempt_take(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.get_own_attempt(request.user, pk)
    if attempt.is_submitted:
        return redirect("elearning:attempt_result", pk=attempt.pk)
    form = AttemptForm(request.POST or None, questions=selectors.attempt_questions(attempt))
    if request.method == "POST" and form.is_valid():
        services.submit_attempt(attempt, answers=form.answers())
        return redirect("elearning:attempt_result", pk=attempt.pk)
    return render(request, "elearning/learner/attempt.html", {"attempt": attempt, "quiz": attempt.quiz, "form": form})


@login_required
def attempt_result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.get_own_attempt(request.user, pk)
    if not attempt.is_submitted:
        return redirect("elearning:attempt", pk=attempt.pk)
    enrolment = selectors.enrolment_of(request.user, attempt.quiz.course)
    return render(
        request,
        "elearning/learner/result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "rows": selectors.attempt_questions(attempt),
            "enrolment": enrolment,
            "attempts_left": services.attempts_left(attempt.quiz, user=request.user),
        },
    )


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = selectors.own_certificate(request.user, pk)
    response = HttpResponse(render_certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    return render(
        request, "elearning/learner/sessions.html", {"sessions": selectors.upcoming_sessions_for(request.user)}
    )


@login_required
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One session as an ``.ics`` file to add to a calendar, for whoever may see it on the sessions page."""
    session = selectors.get_session_for_user(request.user, pk)
    return ics_response([session_download_event(request.user, session)], filename=f"training-session-{session.pk}.ics")


@login_required
@require_POST
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    try:
        services.register_for_session(session, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are registered. You will be reminded before it starts."))
    return redirect("elearning:sessions")


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    services.cancel_registration(session, user=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("elearning:sessions")
