from modeltranslation.translator import TranslationOptions, register

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

# The fields each model translates; forms, translation status and the demo data read this.
TRANSLATED_FIELDS: dict[type, tuple[str, ...]] = {
    Course: ("title", "summary"),
    Module: ("title",),
    Lesson: ("title", "body"),
    LessonVideo: ("title", "transcript"),
    Quiz: ("title", "description"),
    QuestionPool: ("title",),
    Question: ("text",),
    Choice: ("text", "feedback"),
    TrainingSession: ("title", "description"),
}

for model, model_fields in TRANSLATED_FIELDS.items():
    register(model)(
        type(
            f"{model.__name__}TranslationOptions",
            (TranslationOptions,),
            {"fields": model_fields, "required_languages": ("en",)},
        )
    )
