from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from elearning import permissions
from elearning.enums import QuestionKind, ReportDimension
from elearning.models import (
    Choice,
    Course,
    Lesson,
    LessonVideo,
    Module,
    Question,
    QuestionPool,
    Quiz,
    TrainingSession,
)
from elearning.richtext import sanitize_html
from elearning.uploads import ALLOWED_EXTENSIONS, validate_lesson_file
from revmod.core.translation_status import (
    LANGUAGE_CODES,
    TranslationStatus,
    language_status,
    localized,
    snapshot,
    translated_fields,
)


def with_languages(*names: str) -> list[str]:
    return [localized(name, language) for name in names for language in LANGUAGE_CODES]


class TranslatedModelForm(forms.ModelForm):
    """A form whose translated fields are shown grouped by language, each group with its translation status."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translated = translated_fields(self._meta.model)
        self.before = snapshot(self.instance) if self.instance.pk else None
        for language in LANGUAGE_CODES:
            direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
            for name in self.translated:
                field = self.fields[localized(name, language)]
                field.label = self.instance._meta.get_field(name).verbose_name.capitalize()
                field.widget.attrs.update({"lang": language, "dir": direction})
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs["rows"] = 6 if name in {"body", "transcript"} else 3

    def language_groups(self) -> list[dict]:
        names = dict(settings.LANGUAGES)
        return [
            {
                "code": language,
                "name": names[language],
                "status": TranslationStatus(language_status(self.instance, language)) if self.instance.pk else None,
                "fields": [self[localized(name, language)] for name in self.translated],
            }
            for language in LANGUAGE_CODES
        ]

    def other_fields(self) -> list:
        localized_names = set(with_languages(*self.translated))
        return [field for field in self.visible_fields() if field.name not in localized_names]


class CourseForm(TranslatedModelForm):
    class Meta:
        model = Course
        fields = [
            *with_languages("title", "summary"),
            "status",
            "expected_minutes",
            "prerequisite",
            "is_onboarding",
            "requires_all_lessons",
            "requires_quizzes_passed",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Course.objects.exclude(pk=self.instance.pk) if self.instance.pk else Course.objects.all()
        self.fields["prerequisite"].queryset = others


class ModuleForm(TranslatedModelForm):
    class Meta:
        model = Module
        fields = [*with_languages("title"), "position"]


class LessonForm(TranslatedModelForm):
    class Meta:
        model = Lesson
        fields = [*with_languages("title", "body"), "position"]

    def clean(self):
        cleaned = super().clean()
        for language in LANGUAGE_CODES:
            name = localized("body", language)
            if cleaned.get(name):
                cleaned[name] = sanitize_html(cleaned[name])
        return cleaned


class LessonVideoForm(TranslatedModelForm):
    url = forms.URLField(label=_("Video link"), max_length=500, assume_scheme="https")

    class Meta:
        model = LessonVideo
        fields = ["url", *with_languages("title", "transcript")]

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith("https://"):
            raise forms.ValidationError(_("Give an https:// link."))
        return url


class LessonFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, PNG or JPEG; at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_lesson_file(upload)
        return upload


class QuizForm(TranslatedModelForm):
    class Meta:
        model = Quiz
        fields = [*with_languages("title", "description"), "position", "pass_mark", "max_attempts", "shuffle"]


class QuestionPoolForm(TranslatedModelForm):
    class Meta:
        model = QuestionPool
        fields = [*with_languages("title"), "position", "draw_count"]


class QuestionForm(TranslatedModelForm):
    class Meta:
        model = Question
        fields = [*with_languages("text"), "kind", "position"]
        widgets = {localized("text", language): forms.Textarea(attrs={"rows": 2}) for language in LANGUAGE_CODES}


class ChoiceForm(TranslatedModelForm):
    class Meta:
        model = Choice
        fields = [*with_languages("text", "feedback"), "is_correct"]


class BaseChoiceFormSet(forms.BaseInlineFormSet):
    kind = QuestionKind.SINGLE

    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.has_changed() and not self._should_delete_form(form)]
        kept += [form for form in self.forms if form.instance.pk and not form.has_changed()]
        correct = sum(1 for form in kept if form.cleaned_data.get("is_correct"))
        if len(kept) < 2:
            raise forms.ValidationError(_("Give at least two answers."))
        if correct == 0:
            raise forms.ValidationError(_("Mark at least one answer as correct."))
        if self.kind == QuestionKind.SINGLE and correct != 1:
            raise forms.ValidationError(_("A single-choice question has exactly one correct answer."))


def choice_formset(*, extra: int):
    return forms.inlineformset_factory(
        Question, Choice, form=ChoiceForm, formset=BaseChoiceFormSet, extra=extra, can_delete=True
    )


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


TIME_ZONES = sorted(available_timezones())


class TrainingSessionForm(TranslatedModelForm):
    """Start and end are typed in the session's own time zone."""

    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(zone, zone) for zone in TIME_ZONES], initial="UTC")

    class Meta:
        model = TrainingSession
        fields = [
            *with_languages("title", "description"),
            "starts_at",
            "ends_at",
            "time_zone",
            "language",
            "capacity",
            "location",
        ]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].help_text = _("In the session's time zone.")
            value = getattr(self.instance, name)
            if value and self.instance.pk:
                local = timezone.localtime(value, ZoneInfo(self.instance.time_zone)).replace(tzinfo=None)
                self.initial[name] = local

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone:
            for name in ("starts_at", "ends_at"):
                value: datetime | None = cleaned.get(name)
                if value:
                    cleaned[name] = value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone))
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned["ends_at"] <= cleaned["starts_at"]:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned


class OwnerForm(forms.Form):
    trainer = forms.ModelChoiceField(label=_("Trainer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = permissions.possible_owners()


class EnrolLearnersForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_emails(self):
        emails = {line.strip().lower() for line in self.cleaned_data["emails"].splitlines() if line.strip()}
        users = list(get_user_model().objects.filter(email__in=emails, is_active=True))
        unknown = sorted(emails - {user.email for user in users})
        if unknown:
            raise forms.ValidationError(_("No active account for: %(emails)s"), params={"emails": ", ".join(unknown)})
        return users


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.user_id), str(r.user)) for r in registrations]
        self.fields["present"].initial = [str(r.user_id) for r in registrations if r.attended]

    def present_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["present"]}


class AttemptForm(forms.Form):
    """One field per drawn question; the answers carry no sign of which is correct."""

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for number, row in enumerate(questions, start=1):
            question = row["question"]
            choices = [(str(item["choice"].pk), item["choice"].text) for item in row["choices"]]
            label = f"{number}. {question.text}"
            if question.kind == QuestionKind.MULTIPLE:
                self.fields[f"q{question.pk}"] = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Select every correct answer."),
                )
            else:
                self.fields[f"q{question.pk}"] = forms.ChoiceField(
                    label=label, choices=choices, required=False, widget=forms.RadioSelect
                )

    def answers(self) -> dict[int, list[int]]:
        result = {}
        for name, value in self.cleaned_data.items():
            values = value if isinstance(value, list) else [value] if value else []
            result[int(name[1:])] = [int(item) for item in values]
        return result


class ReportForm(forms.Form):
    by = forms.ChoiceField(label=_("Group by"), choices=ReportDimension.choices, initial=ReportDimension.COURSE)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)
