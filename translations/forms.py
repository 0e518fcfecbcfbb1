from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reviews.models import CountryReview, Feedback, ObservationList, Questionnaire, Section
from translations.enums import TranslationScope

# The field that says which one, for each scope that needs one.
SCOPE_FIELDS = {
    TranslationScope.SECTION: "section",
    TranslationScope.QUESTIONNAIRE: "questionnaire",
    TranslationScope.FEEDBACK: "feedback",
    TranslationScope.OBSERVATIONS: "observation_list",
}


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.order}. {obj.title}"


class StateOutputChoiceField(forms.ModelChoiceField):
    """A reviewing State's feedback or list of observations, named by its State."""

    def label_from_instance(self, obj) -> str:
        return str(obj.reviewing_state)


class RequestForm(forms.Form):
    """Ask for a translation: what, into which languages, by when. The choices are those of one review."""

    scope = forms.ChoiceField(label=_("What to translate"))
    section = SectionChoiceField(label=_("Section"), queryset=Section.objects.none(), required=False)
    questionnaire: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=Questionnaire.objects.none(), required=False
    )
    feedback = StateOutputChoiceField(label=_("Written feedback"), queryset=Feedback.objects.none(), required=False)
    observation_list = StateOutputChoiceField(
        label=_("List of observations"), queryset=ObservationList.objects.none(), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Into"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self, *args, review: CountryReview, scopes: list[TranslationScope], own_state: int | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        cast(forms.ChoiceField, fields["scope"]).choices = [(scope.value, scope.label) for scope in scopes]
        cast(forms.ChoiceField, fields["languages"]).choices = [
            (code, name) for code, name in settings.LANGUAGES if code != review.working_language
        ]
        questionnaires = review.questionnaires.all()
        cast(forms.ModelChoiceField, fields["questionnaire"]).queryset = questionnaires
        cast(forms.ModelChoiceField, fields["section"]).queryset = Section.objects.filter(
            questionnaire__in=questionnaires
        ).order_by("questionnaire", "order")
        # A reviewing State's focal point chooses among their own State's outputs only.
        outputs = {"review": review} if own_state is None else {"review": review, "reviewing_state": own_state}
        cast(forms.ModelChoiceField, fields["feedback"]).queryset = Feedback.objects.filter(**outputs).select_related(
            "reviewing_state"
        )
        cast(forms.ModelChoiceField, fields["observation_list"]).queryset = ObservationList.objects.filter(
            **outputs
        ).select_related("reviewing_state")
        for scope, name in SCOPE_FIELDS.items():
            if scope not in scopes:
                del fields[name]

    def clean(self):
        data = super().clean()
        needed = SCOPE_FIELDS.get(data.get("scope"))
        if needed and not data.get(needed):
            self.add_error(needed, _("Choose what to translate."))
        return data


class GrantForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the translator"))
    language = forms.ChoiceField(label=_("Translates into"), choices=settings.LANGUAGES)


class AssignForm(forms.Form):
    translator = forms.TypedChoiceField(label=_("Translator"), coerce=int)

    def __init__(self, *args, grants, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["translator"]).choices = [
            (grant.user_id, str(grant.user)) for grant in grants
        ]


class TranslationForm(forms.Form):
    text = forms.CharField(label=_("Translation"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)
