from __future__ import annotations

from django.core.management.base import BaseCommand

from insights.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index from every question, answer, comment, feedback, observation and summary."

    def handle(self, *args, **options) -> None:
        counts = rebuild_index()
        for kind, number in counts.items():
            self.stdout.write(f"{kind}: {number}")
        self.stdout.write(self.style.SUCCESS(f"search index rebuilt: {sum(counts.values())} documents"))
