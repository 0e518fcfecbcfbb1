from modeltranslation.translator import TranslationOptions, register

from revmod.states.models import MemberState


@register(MemberState)
class MemberStateTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
