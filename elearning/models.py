from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.enums import CourseState, EnrolmentSource, QuestionKind


class TranslationTracked(models.Model):
    """Remembers when each language's text last changed, to spot translations older than English."""

    translations_updated = models.JSONField(_("translations last updated"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True


class Course(TranslationTracked):
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CourseState.choices, default=CourseState.DRAFT)
    expected_minutes = models.PositiveIntegerField(
        _("expected duration (minutes)"), default=60, validators=[MinValueValidator(1)]
    )
    prerequisite = models.ForeignKey(
        "self",
        verbose_name=_("prerequisite"),
        help_text=_("A course the learner must have completed before enrolling."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_onboarding = models.BooleanField(
        _("onboarding course"),
        default=False,
        help_text=_("Assigned automatically to everyone who joins a review."),
    )
    requires_all_lessons = models.BooleanField(_("completion requires every lesson viewed"), default=True)
    requires_quizzes_passed = models.BooleanField(_("completion requires every quiz passed"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == CourseState.PUBLISHED


class Module(TranslationTracked):
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["course", "position", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title


class Lesson(TranslationTracked):
    module = models.ForeignKey(Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Paragraphs, headings, lists and links."))

    class Meta:
        ordering = ["module__position", "module", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title


class LessonVideo(TranslationTracked):
    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="videos")
    url = models.URLField(_("video link"), max_length=500)
    title = models.CharField(_("title"), max_length=200)
    transcript = models.TextField(_("transcript"), blank=True)

    class Meta:
        ordering = ["lesson", "pk"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self) -> str:
        return self.title


class LessonFile(models.Model):
    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="elearning/lesson-files/")
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["lesson", "pk"]
        verbose_name = _("downloadable file")
        verbose_name_plural = _("downloadable files")

    def __str__(self) -> str:
        return self.title


class Quiz(TranslationTracked):
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="quizzes")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), default=3, help_text=_("0 means no limit."))
    shuffle = models.BooleanField(_("shuffle questions and answers"), default=True)

    class Meta:
        ordering = ["course", "position", "pk"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title


class QuestionPool(TranslationTracked):
    """A set of questions from which each attempt draws a number at random."""

    quiz = models.ForeignKey(Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="pools")
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"), null=True, blank=True, help_text=_("Empty means every question.")
    )

    class Meta:
        ordering = ["quiz", "position", "pk"]
        verbose_name = _("question pool")
        verbose_name_plural = _("question pools")

    def __str__(self) -> str:
        return self.title


class Question(TranslationTracked):
    pool = models.ForeignKey(
        QuestionPool, verbose_name=_("question pool"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = models.TextField(_("question"))

    class Meta:
        ordering = ["pool", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]


class Choice(TranslationTracked):
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True, help_text=_("Shown after submission."))

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments")
    source = models.CharField(_("how"), max_length=20, choices=EnrolmentSource.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]

    def __str__(self) -> str:
        return f"{self.user}: {self.course}"


class LessonView(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="lesson_views"
    )
    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField(_("viewed"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson viewed")
        verbose_name_plural = _("lessons viewed")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_view_per_lesson")]

    def __str__(self) -> str:
        return f"{self.user}: {self.lesson}"


class QuizAttempt(models.Model):
    quiz = models.ForeignKey(Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    # The questions drawn for this attempt and the order of their answers: [{"question": id, "choices": [ids]}].
    layout = models.JSONField(default=list, editable=False)
    # What the learner chose: {"<question id>": [choice ids]}.
    answers = models.JSONField(default=dict, editable=False)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)

    class Meta:
        ordering = ["quiz", "user", "number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [models.UniqueConstraint(fields=["quiz", "user", "number"], name="numbered_attempts")]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class TrainingSession(TranslationTracked):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="training_sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    location = models.CharField(_("where"), max_length=300, blank=True, help_text=_("A room or a meeting link."))

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SessionRegistration(models.Model):
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("training session"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="session_registrations",
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        ordering = ["session", "registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_registration_per_session")]

    def __str__(self) -> str:
        return f"{self.user}: {self.session}"
