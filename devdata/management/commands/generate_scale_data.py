from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devdata.scale.reviews import SCALE_PASSWORD, ScaleGenerator


class Command(BaseCommand):
    help = "Fill a fresh database with a realistic load for benchmarks (bulk inserts, seeded)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", type=float, default=1.0, help="1.0 is the full scale; 0.1 a tenth.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--questions", type=int, default=300, help="Questions per questionnaire.")
        parser.add_argument("--comments", type=int, default=100_000, help="Comments at size 1.0.")

    def handle(self, *args, size: float, seed: int, questions: int, comments: int, **options) -> None:
        started = time.perf_counter()
        generator = ScaleGenerator(size=size, seed=seed, questions=questions, comments=comments, stdout=self.stdout)
        try:
            report = generator.run()
        except ValueError as error:
            raise CommandError(str(error)) from error
        # Fresh bulk loads leave the planner without statistics until autovacuum comes by: a
        # benchmark run right away measured PostgreSQL pages up to twice as slow. Gather them now.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"done in {time.perf_counter() - started:.1f}s: {report}")
        self.stdout.write(
            f"accounts: scale.fp.<iso3>@example.net, scale.expert<n>.<iso3>@example.net, password {SCALE_PASSWORD}"
        )
