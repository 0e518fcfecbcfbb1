"""Pages of trainers and the secretariat: courses and their content, owners, learners, sessions."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from elearning import permissions, selectors, services
from elearning.forms import (
    AttendanceForm,
    CourseForm,
    EnrolLearnersForm,
    LessonFileForm,
    LessonForm,
    LessonVideoForm,
    ModuleForm,
    OwnerForm,
    QuestionForm,
    QuestionPoolForm,
    QuizForm,
    TrainingSessionForm,
    choice_formset,
)
from elearning.models import (
    Course,
    Lesson,
    LessonFile,
    LessonVideo,
    Module,
    Question,
    QuestionPool,
    Quiz,
    TrainingSession,
)
from revmod.core.translation_status import Coverage

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def course_manager_required(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not permissions.is_course_manager(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _edit_page(
    request: HttpRequest,
    form,
    *,
    course: Course | None,
    title: str,
    formset=None,
    done_url: StrOrPromise | None = None,
):
    """Validate, save with translation stamps, then go back to the course overview (or ``done_url``)."""
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        with transaction.atomic():
            instance = services.save_translated(form.save(commit=False), before=form.before)
            if formset is not None:
                formset.instance = instance
                for position, choice_form in enumerate(formset.forms, start=1):
                    if choice_form in formset.deleted_forms:
                        if choice_form.instance.pk:
                            choice_form.instance.delete()
                    elif choice_form.has_changed():
                        choice = choice_form.save(commit=False)
                        choice.question, choice.position = instance, position
                        services.save_translated(choice, before=choice_form.before)
        messages.success(request, _("Saved."))
        if done_url is None:
            assert course is not None  # the pages without a course name where they go back to
            done_url = reverse("elearning:manage_course", kwargs={"pk": course.pk})
        return redirect(done_url)
    return render(
        request,
        "elearning/trainer/edit.html",
        {"form": form, "formset": formset, "course": course, "title": title},
    )


@course_manager_required
def manage_courses(request: HttpRequest) -> HttpResponse:
    return render(request, "elearning/trainer/courses.html", {"courses": selectors.courses_managed_by(request.user)})


@course_manager_required
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = services.create_course(form.save(commit=False), by=request.user)
        messages.success(request, _("Course created."))
        return redirect("elearning:manage_course", pk=course.pk)
    return render(request, "elearning/trainer/edit.html", {"form": form, "title": _("New course")})


@course_manager_required
def course_manage(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_course_for_editor(request.user, pk)
    tree = selectors.course_tree(course)
    coverage = Coverage()
    coverage.add(course)
    for module in tree["modules"]:
        coverage.add(module)
        for lesson in module.lessons.all():
            coverage.add(lesson)
            for video in lesson.videos.all():
                coverage.add(video)
    for quiz in tree["quizzes"]:
        coverage.add(quiz)
        for pool in quiz.pools.all():
            coverage.add(pool)
            for question in pool.questions.all():
                coverage.add(question)
                for choice in question.choices.all():
                    coverage.add(choice)
    return render(
        request,
        "elearning/trainer/course.html",
        {
            "course": course,
            **tree,
            "coverage": coverage.rows(),
            "owners": permissions.course_owners(course),
            "can_manage_owners": permissions.can_manage_owners(request.user),
        },
    )


# --- Editing course content: one page per kind, create and edit ---------------------------
#
# How each kind of content is loaded for an editor, and which course it belongs to.
LOADERS: dict[str, Callable] = {
    "course": lambda user, pk: _of_course(selectors.get_course_for_editor(user, pk), lambda x: x),
    "module": lambda user, pk: _load(user, Module.objects.select_related("course"), pk, lambda x: x.course),
    "lesson": lambda user, pk: _load(
        user, Lesson.objects.select_related("module__course"), pk, lambda x: x.module.course
    ),
    "video": lambda user, pk: _load(
        user, LessonVideo.objects.select_related("lesson__module__course"), pk, lambda x: x.lesson.module.course
    ),
    "quiz": lambda user, pk: _load(user, Quiz.objects.select_related("course"), pk, lambda x: x.course),
    "pool": lambda user, pk: _load(
        user, QuestionPool.objects.select_related("quiz__course"), pk, lambda x: x.quiz.course
    ),
}


def _of_course(instance, course_of: Callable):
    return instance, course_of(instance)


def _load(user, queryset, pk: int, course_of: Callable):
    """The object and its course, if the person edits that course; 404 otherwise."""
    instance = get_object_or_404(queryset, pk=pk)
    if not permissions.can_edit_course(user, course_of(instance)):
        raise Http404
    return instance, course_of(instance)


def content_page(form_class, *, of: str, title, new: Callable | None = None) -> Callable:
    """The view that edits content of kind ``of`` or, with ``new``, creates a child of it.

    ``new`` makes the unsaved child from its parent (say, the next module of a course).
    """

    @course_manager_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        instance, course = LOADERS[of](request.user, pk)
        form = form_class(request.POST or None, instance=new(instance) if new else instance)
        return _edit_page(request, form, course=course, title=str(title))

    return view


course_edit = content_page(CourseForm, of="course", title=gettext_lazy("Edit the course"))
module_create = content_page(
    ModuleForm,
    of="course",
    title=gettext_lazy("New module"),
    new=lambda course: Module(course=course, position=course.modules.count() + 1),
)
module_edit = content_page(ModuleForm, of="module", title=gettext_lazy("Edit the module"))
lesson_create = content_page(
    LessonForm,
    of="module",
    title=gettext_lazy("New lesson"),
    new=lambda module: Lesson(module=module, position=module.lessons.count() + 1),
)
lesson_edit = content_page(LessonForm, of="lesson", title=gettext_lazy("Edit the lesson"))
video_create = content_page(
    LessonVideoForm, of="lesson", title=gettext_lazy("New video"), new=lambda lesson: LessonVideo(lesson=lesson)
)
video_edit = content_page(LessonVideoForm, of="video", title=gettext_lazy("Edit the video"))
quiz_create = content_page(
    QuizForm,
    of="course",
    title=gettext_lazy("New quiz"),
    new=lambda course: Quiz(course=course, position=course.quizzes.count() + 1),
)
quiz_edit = content_page(QuizForm, of="quiz", title=gettext_lazy("Edit the quiz"))
pool_create = content_page(
    QuestionPoolForm,
    of="quiz",
    title=gettext_lazy("New question pool"),
    new=lambda quiz: QuestionPool(quiz=quiz, position=quiz.pools.count() + 1),
)
pool_edit = content_page(QuestionPoolForm, of="pool", title=gettext_lazy("Edit the question pool"))


@course_manager_required
def file_create(request: HttpRequest, pk: int) -> HttpResponse:
    lesson, _course = LOADERS["lesson"](request.user, pk)
    form = LessonFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_lesson_file(lesson, upload=form.cleaned_data["file"], title=form.cleaned_data["title"])
        messages.success(request, _("File added."))
        return redirect("elearning:manage_course", pk=lesson.module.course_id)
    return render(
        request,
        "elearning/trainer/edit.html",
        {"form": form, "course": lesson.module.course, "title": _("New file"), "multipart": True},
    )


@course_manager_required
@require_POST
def file_delete(request: HttpRequest, pk: int) -> HttpResponse:
    lesson_file, _course = _load(
        request.user, LessonFile.objects.select_related("lesson__module__course"), pk, lambda x: x.lesson.module.course
    )
    course_id = lesson_file.lesson.module.course_id
    lesson_file.file.delete(save=False)
    lesson_file.delete()
    messages.success(request, _("File removed."))
    return redirect("elearning:manage_course", pk=course_id)


def _question_page(request: HttpRequest, question: Question, *, title: str) -> HttpResponse:
    form = QuestionForm(request.POST or None, instance=question)
    formset = choice_formset(extra=1 if question.pk else 4)(
        request.POST or None, instance=question if question.pk else Question(), prefix="choices"
    )
    formset.kind = request.POST.get("kind", question.kind)
    return _edit_page(request, form, course=question.pool.quiz.course, title=title, formset=formset)


@course_manager_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    pool, _course = LOADERS["pool"](request.user, pk)
    question = Question(pool=pool, position=pool.questions.count() + 1)
    return _question_page(request, question, title=_("New question"))


@course_manager_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question, _course = _load(
        request.user, Question.objects.select_related("pool__quiz__course"), pk, lambda x: x.pool.quiz.course
    )
    return _question_page(request, question, title=_("Edit the question"))


@login_required
def course_owners(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_manage_owners(request.user):
        raise Http404
    course = get_object_or_404(Course, pk=pk)
    form = OwnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.grant_ownership(course, trainer=form.cleaned_data["trainer"], by=request.user)
        messages.success(request, _("The trainer now owns this course."))
        return redirect("elearning:course_owners", pk=course.pk)
    return render(
        request,
        "elearning/trainer/owners.html",
        {"course": course, "owners": permissions.course_owners(course), "form": form},
    )


@login_required
@require_POST
def owner_revoke(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    if not permissions.can_manage_owners(request.user):
        raise Http404
    course = get_object_or_404(Course, pk=pk)
    trainer = get_object_or_404(get_user_model(), pk=user_pk)
    services.revoke_ownership(course, trainer=trainer, by=request.user)
    messages.success(request, _("The trainer no longer owns this course."))
    return redirect("elearning:course_owners", pk=course.pk)


@course_manager_required
def course_learners(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_course_for_editor(request.user, pk)
    form = EnrolLearnersForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolled = services.enrol_by_trainer(course, users=form.cleaned_data["emails"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("%(count)s learner enrolled.", "%(count)s learners enrolled.", len(enrolled))
                % {"count": len(enrolled)},
            )
            return redirect("elearning:course_learners", pk=course.pk)
    return render(
        request,
        "elearning/trainer/learners.html",
        {
            "course": course,
            "page": Paginator(selectors.learners_of(course), 100).get_page(request.GET.get("page")),
            "lesson_total": Lesson.objects.filter(module__course=course).count(),
            "form": form,
        },
    )


@course_manager_required
def manage_sessions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "elearning/trainer/sessions.html",
        {"sessions": selectors.sessions_managed_by(request.user)},
    )


SESSIONS_URL = reverse_lazy("elearning:manage_sessions")


@course_manager_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_course_for_editor(request.user, pk)
    form = TrainingSessionForm(request.POST or None, instance=TrainingSession(course=course))
    return _edit_page(request, form, course=None, title=_("New training session"), done_url=SESSIONS_URL)


@course_manager_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_editor(request.user, pk)
    form = TrainingSessionForm(request.POST or None, instance=session)
    return _edit_page(request, form, course=None, title=_("Edit the training session"), done_url=SESSIONS_URL)


@course_manager_required
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_editor(request.user, pk)
    registrations = list(session.registrations.select_related("user__state"))
    form = AttendanceForm(request.POST or None, registrations=registrations)
    if request.method == "POST" and form.is_valid():
        services.record_attendance(session, present_user_ids=form.present_ids())
        messages.success(request, _("Attendance recorded."))
        return redirect("elearning:manage_sessions")
    return render(
        request,
        "elearning/trainer/attendance.html",
        {"session": session, "registrations": registrations, "form": form},
    )
