"""The full-text match, one way per database: PostgreSQL text search and trigrams, or SQLite FTS5.

Both take the words of a query and return a condition every word must meet; the indexes
they use are made by migrations 0002_full_text_search and 0004_stored_words (keep them in step).
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

MAX_TERMS = 8
# PostgreSQL has a text-search configuration for these; Chinese and Arabic have none.
CONFIGURATIONS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "pt": "portuguese"}
TRIGRAM_LANGUAGES = ("zh-hans", "ar")
BODY = '"insights_searchdocument"."body"'
# PostgreSQL only: the words of the body in its language's configuration, stored (migration 0004).
WORDS = '"insights_searchdocument"."words"'
LANGUAGE = '"insights_searchdocument"."language"'
ID = '"insights_searchdocument"."id"'
WORD = re.compile(r"\w+", re.UNICODE)


def terms_of(query: str) -> list[str]:
    """The words of a query, lower case, without repeats, at most MAX_TERMS."""
    seen: list[str] = []
    for word in WORD.findall(query.lower()):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _postgresql(terms: list[str]) -> RawSQL:
    words = " ".join(terms)
    branches = [
        f"({LANGUAGE} = '{code}' AND {WORDS} @@ plainto_tsquery('{config}'::regconfig, %s))"
        for code, config in CONFIGURATIONS.items()
    ]
    params: list[str] = [words] * len(branches)
    substrings = " AND ".join(f"{BODY} ILIKE %s" for _term in terms)
    languages = ", ".join(f"'{code}'" for code in TRIGRAM_LANGUAGES)
    branches.append(
        f"({LANGUAGE} IN ({languages}) AND ({WORDS} @@ plainto_tsquery('simple'::regconfig, %s) OR ({substrings})))"
    )
    params += [words, *(_like(term) for term in terms)]
    # The SQL text holds only constants of this module; the words of the query are parameters.
    return RawSQL(f"({' OR '.join(branches)})", params, output_field=BooleanField())  # noqa: S611


def _sqlite(terms: list[str]) -> RawSQL:
    # The trigram tokenizer finds a word of three characters or more anywhere, in any script;
    # shorter words (two Chinese characters are often one word) are looked for with LIKE.
    long_terms = [term for term in terms if len(term) >= 3]
    conditions, params = [], []
    if long_terms:
        conditions.append(f"{ID} IN (SELECT rowid FROM insights_search_fts WHERE insights_search_fts MATCH %s)")  # noqa: S608
        params.append(" AND ".join('"' + term.replace('"', '""') + '"' for term in long_terms))
    for term in terms:
        if len(term) < 3:
            conditions.append(f"{BODY} LIKE %s ESCAPE '\\'")
            params.append(_like(term))
    return RawSQL(f"({' AND '.join(conditions)})", params, output_field=BooleanField())  # noqa: S611 - as above


def matching(terms: list[str]) -> RawSQL:
    """The condition a document meets when it holds every term (terms must not be empty)."""
    if connection.vendor == "postgresql":
        return _postgresql(terms)
    return _sqlite(terms)
