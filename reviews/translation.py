from modeltranslation.translator import TranslationOptions, register

from reviews.models import Article, AssistanceCategory, Choice, Cluster, Instrument, Question, Questionnaire, Section


@register(Instrument)
class InstrumentTranslationOptions(TranslationOptions):
    fields = ("name", "short_name")
    required_languages = ("en",)


@register(Cluster)
class ClusterTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Questionnaire)
class QuestionnaireTranslationOptions(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ("en",)


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text")
    required_languages = ("en",)


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("label",)
    required_languages = ("en",)


@register(AssistanceCategory)
class AssistanceCategoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)
