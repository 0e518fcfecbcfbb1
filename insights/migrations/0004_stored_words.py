"""PostgreSQL: the words of each document stored once, in its language's text-search configuration.

Matching with to_tsvector(body) parsed every document the planner walked (newest first, for a
common word), thousands of times a search: 0.9 s for a Chinese word at scale. A stored column,
filled by PostgreSQL itself (GENERATED), costs one parse per save, and one GIN index over it
serves every language: each branch of the match (insights/backends.py) asks its own language's
rows with its own configuration. Chinese and Arabic, with no configuration, keep 'simple' words
and the trigram index of 0002. SQLite keeps its FTS5 table: nothing to do there.
"""

from django.db import migrations

TABLE = "insights_searchdocument"
# Keep in step with insights/backends.py CONFIGURATIONS.
CONFIGURATION = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'es' THEN 'spanish'::regconfig WHEN 'ru' THEN 'russian'::regconfig "
    "WHEN 'pt' THEN 'portuguese'::regconfig ELSE 'simple'::regconfig END"
)
CODES = ("en", "fr", "es", "ru", "pt")

POSTGRESQL = [
    f"ALTER TABLE {TABLE} ADD COLUMN words tsvector GENERATED ALWAYS AS (to_tsvector({CONFIGURATION}, body)) STORED",
    f"CREATE INDEX search_words ON {TABLE} USING GIN (words)",
    # The expression indexes of 0002 are no longer asked.
    *(f"DROP INDEX IF EXISTS search_words_{code}" for code in CODES),
    "DROP INDEX IF EXISTS search_words_simple",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_words",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS words",
    *(
        f"CREATE INDEX search_words_{code} ON {TABLE} USING GIN (to_tsvector('{config}'::regconfig, body)) "
        f"WHERE language = '{code}'"
        for code, config in zip(CODES, ("english", "french", "spanish", "russian", "portuguese"), strict=True)
    ),
    f"CREATE INDEX search_words_simple ON {TABLE} USING GIN (to_tsvector('simple'::regconfig, body)) "
    "WHERE language IN ('zh-hans', 'ar')",
]


def _run(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("insights", "0003_working_group_reports")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]
