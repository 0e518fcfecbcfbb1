from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.questionnaire_io import QuestionnaireFileError, import_questionnaire, parse_questionnaire_text
from reviews.services import publish_questionnaire


class Command(BaseCommand):
    help = "Import a questionnaire from a YAML or JSON file (docs/questionnaire-format.md) as a draft."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--publish", action="store_true", help="Publish it after importing.")

    def handle(self, *args, file: Path, publish: bool, **options) -> None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        try:
            questionnaire = import_questionnaire(parse_questionnaire_text(text))
        except QuestionnaireFileError as error:
            raise CommandError(f"{file}: {error}") from error
        if publish:
            publish_questionnaire(questionnaire)
        count = questionnaire.questions.count()
        self.stdout.write(f"imported questionnaire {questionnaire.pk}: {questionnaire} with {count} questions")
