"""The full-text indexes, one backend each: PostgreSQL text search and trigrams, or SQLite FTS5.

PostgreSQL: one GIN index per text-search configuration, each over the documents of its
language (the search asks the same expression, so the planner uses them), and for Chinese
and Arabic, which PostgreSQL has no configuration for, 'simple' words plus pg_trgm trigrams.
SQLite: an FTS5 table of trigrams over the documents' text, kept in step by triggers.
"""

from django.db import migrations

# Keep in step with insights/backends.py, which builds the matching expressions.
CONFIGURATIONS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "pt": "portuguese"}
TRIGRAM_LANGUAGES = "('zh-hans', 'ar')"
TABLE = "insights_searchdocument"

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX search_words_{code} ON {TABLE} USING GIN (to_tsvector('{config}'::regconfig, body)) "
        f"WHERE language = '{code}'"
        for code, config in CONFIGURATIONS.items()
    ),
    f"CREATE INDEX search_words_simple ON {TABLE} USING GIN (to_tsvector('simple'::regconfig, body)) "
    f"WHERE language IN {TRIGRAM_LANGUAGES}",
    f"CREATE INDEX search_trigrams ON {TABLE} USING GIN (body gin_trgm_ops) WHERE language IN {TRIGRAM_LANGUAGES}",
]
POSTGRESQL_REVERSE = [
    *(f"DROP INDEX IF EXISTS search_words_{code}" for code in CONFIGURATIONS),
    "DROP INDEX IF EXISTS search_words_simple",
    "DROP INDEX IF EXISTS search_trigrams",
]

SQLITE = [
    f"CREATE VIRTUAL TABLE insights_search_fts USING fts5(body, content='{TABLE}', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER insights_search_fts_insert AFTER INSERT ON {TABLE} BEGIN "
    "INSERT INTO insights_search_fts(rowid, body) VALUES (new.id, new.body); END",
    f"CREATE TRIGGER insights_search_fts_delete AFTER DELETE ON {TABLE} BEGIN "
    "INSERT INTO insights_search_fts(insights_search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    f"CREATE TRIGGER insights_search_fts_update AFTER UPDATE ON {TABLE} BEGIN "
    "INSERT INTO insights_search_fts(insights_search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO insights_search_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO insights_search_fts(insights_search_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS insights_search_fts_insert",
    "DROP TRIGGER IF EXISTS insights_search_fts_delete",
    "DROP TRIGGER IF EXISTS insights_search_fts_update",
    "DROP TABLE IF EXISTS insights_search_fts",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("insights", "0001_search_documents")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
