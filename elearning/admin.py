from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from modeltranslation.admin import TranslationAdmin

from elearning.models import Certificate, Course, Enrolment, SessionRegistration, TrainingSession


@admin.register(Course)
class CourseAdmin(GuardedModelAdmin, TranslationAdmin):  # type: ignore[misc]  # guardian: str; django-stubs: ClassVar
    list_display = ("title", "status", "is_onboarding", "expected_minutes")
    list_filter = ("status", "is_onboarding")


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("user", "course", "source", "enrolled_at", "completed_at")
    list_filter = ("source", "course")
    list_select_related = ("user", "course")
    raw_id_fields = ("user", "enrolled_by")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("code", "enrolment", "issued_at")
    search_fields = ("code",)
    raw_id_fields = ("enrolment",)


@admin.register(TrainingSession)
class TrainingSessionAdmin(TranslationAdmin):
    list_display = ("title", "course", "starts_at", "language", "capacity")


@admin.register(SessionRegistration)
class SessionRegistrationAdmin(admin.ModelAdmin):
    list_display = ("session", "user", "registered_at", "attended")
    raw_id_fields = ("user",)
