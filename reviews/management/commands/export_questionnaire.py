from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reviews.models import Questionnaire
from reviews.questionnaire_io import dump_questionnaire, export_questionnaire


class Command(BaseCommand):
    help = "Export a questionnaire to a YAML (or .json) file in the import format."

    def add_arguments(self, parser) -> None:
        parser.add_argument("questionnaire_id", type=int)
        parser.add_argument("file", type=Path)

    def handle(self, *args, questionnaire_id: int, file: Path, **options) -> None:
        questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
        if questionnaire is None:
            raise CommandError(f"there is no questionnaire {questionnaire_id}")
        text = dump_questionnaire(export_questionnaire(questionnaire), as_json=file.suffix == ".json")
        file.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {file}")
