"""Back up the stack of `make prod-local` with deploy/backup.sh, restore it with deploy/restore.sh
into a fresh database of the same cluster and an empty media folder, and compare.

Equal after the restore: the row count of every table (against the manifest, taken in the
dump's own snapshot, since the live stack keeps writing), and for the reviews this case writes
the rows of answers, revisions, comments and evidence files with a checksum of every answer
value, comment body and evidence file's bytes. Refused, exit code and message, nothing changed:
a destination that exists, a database that has tables, a backup whose archive was damaged.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.enums import ParticipantRole, Step, ThreadVisibility
from reviews.services import add_evidence, save_answer
from reviews.services.threads import get_or_create_thread, post_comment
from revmod.states.services import sync_member_states
from tests.factories.reviews import participant, review
from tests.faults.stack import ROOT

pytestmark = pytest.mark.faults

REVIEWS = 3
COMMENTS_PER_REVIEW = 4
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def run(script: str, *args: str, env_file: Path) -> tuple[subprocess.CompletedProcess, float]:
    began = time.monotonic()
    result = subprocess.run(
        ["bash", str(ROOT / "deploy" / script), *args],
        env={**os.environ, "REVMOD_ENV": str(env_file), "REVMOD_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    return result, time.monotonic() - began


def as_postgres(port: int, sql: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-p", str(port), "-qc", sql], check=True)


def query(database_url: str, sql: str, **variables: str) -> list[list[str]]:
    """The rows of ``sql`` in a database of the cluster; ``variables`` as psql's :'name' and :"name"."""
    url = urlsplit(database_url)
    given = [f"--variable={name}={value}" for name, value in variables.items()]
    result = subprocess.run(
        ["psql", "-X", "-qAt", "-F", "\t", "-v", "ON_ERROR_STOP=1", *given],
        input=sql,
        env={
            **os.environ,
            "PGHOST": url.hostname or "",
            "PGPORT": str(url.port or 5432),
            "PGUSER": url.username or "",
            "PGPASSWORD": url.password or "",
            "PGDATABASE": url.path.lstrip("/"),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split("\t") for line in result.stdout.splitlines()]


def fingerprint(database_url: str, media_root: Path, review_ids: list[int]) -> dict:
    """Rows and checksums of what the case wrote, read straight from a database and a media folder."""
    ids = "{" + ",".join(map(str, review_ids)) + "}"
    digest = {}
    for name, sql in {
        "answers": "SELECT id, value::text, revision FROM reviews_answer "
        "WHERE review_id = ANY(:'ids'::int[]) ORDER BY id",
        "revisions": "SELECT r.id, r.value::text FROM reviews_answerrevision r JOIN reviews_answer a "
        "ON a.id = r.answer_id WHERE a.review_id = ANY(:'ids'::int[]) ORDER BY r.id",
        "comments": "SELECT c.id, c.body FROM reviews_comment c JOIN reviews_thread t ON t.id = c.thread_id "
        "WHERE t.review_id = ANY(:'ids'::int[]) ORDER BY c.id",
        "evidence": "SELECT e.id, e.file, e.sha256 FROM reviews_evidence e JOIN reviews_answer a "
        "ON a.id = e.answer_id WHERE a.review_id = ANY(:'ids'::int[]) ORDER BY e.id",
    }.items():
        rows = query(database_url, sql, ids=ids)
        digest[name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    files = [row[1] for row in query(database_url, FILES_SQL, ids=ids)]
    contents = [(name, hashlib.sha256((media_root / name).read_bytes()).hexdigest()) for name in files]
    digest["file bytes"] = (sum((media_root / name).stat().st_size for name in files), repr(contents))
    return digest


FILES_SQL = (
    "SELECT e.id, e.file FROM reviews_evidence e JOIN reviews_answer a ON a.id = e.answer_id "
    "WHERE a.review_id = ANY(:'ids'::int[]) ORDER BY e.id"
)


def table_count(database_url: str) -> int:
    return int(query(database_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0])


def listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(path.relative_to(folder)), path.stat().st_size) for path in folder.rglob("*"))


@pytest.fixture
def written(live_db, run_id, questionnaire):
    """Reviews with a yes/no answer (two revisions each), an evidence file each, and comments."""
    sync_member_states()
    made = []
    for number in range(REVIEWS):
        country_review = review(of="FRA", questionnaire=questionnaire)
        focal_point = participant(
            country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email=f"fp{number}-{run_id}@backup.example"
        )
        expert = participant(country_review, iso3="DEU", email=f"ex{number}-{run_id}@backup.example")
        question = questionnaire.sections.first().questions.first()
        answer = save_answer(country_review, question, value="yes", base_revision=0, user=focal_point)
        save_answer(country_review, question, value="no", base_revision=answer.revision, user=focal_point)
        add_evidence(
            country_review,
            question,
            upload=SimpleUploadedFile(f"law{number}.pdf", PDF + f"% {run_id} {number}\n".encode() * 200),
            title=f"Law {number}",
            language="fr",
            user=focal_point,
        )
        country_review.step = Step.DIALOGUE
        country_review.save(update_fields=["step"])
        thread = get_or_create_thread(country_review, question=None, visibility=ThreadVisibility.ALL)
        for index in range(COMMENTS_PER_REVIEW):
            author = focal_point if index % 2 else expert
            post_comment(thread, author=author, body=f"Commentaire {index} « {run_id} » 中文 عربي")
        made.append(country_review.pk)
    return made


def test_a_backup_restores_into_a_fresh_database_whole_and_refuses_what_it_must(stack, written, run_id, tmp_path):
    database_url = os.environ["DATABASE_URL"]
    live_env = stack.state / "revmod.env"
    scratch = f"revmod_restore_{run_id}"
    scratch_url = database_url.rsplit("/", 1)[0] + f"/{scratch}"
    media = tmp_path / "media"
    restore_env = tmp_path / "revmod.env"
    restore_env.write_text(
        "".join(
            f"DATABASE_URL={scratch_url}\n"
            if line.startswith("DATABASE_URL=")
            else f"MEDIA_ROOT={media}\n"
            if line.startswith("MEDIA_ROOT=")
            else line + "\n"
            for line in live_env.read_text().splitlines()
        )
    )
    original = fingerprint(database_url, Path(settings.MEDIA_ROOT), written)

    backed_up, backup_seconds = run("backup.sh", str(tmp_path / "backups"), "revmod-case", env_file=live_env)
    assert backed_up.returncode == 0, backed_up.stderr
    backup = tmp_path / "backups" / "revmod-case"
    assert sorted(path.name for path in (tmp_path / "backups").iterdir()) == ["revmod-case"]  # no partial left

    # A destination that exists: refused, the backup there untouched.
    before = listing(backup), (backup / "manifest.txt").read_bytes()
    again, _seconds = run("backup.sh", str(tmp_path / "backups"), "revmod-case", env_file=live_env)
    assert (again.returncode, "exists already" in again.stderr) == (6, True), again.stderr
    assert (listing(backup), (backup / "manifest.txt").read_bytes()) == before
    assert sorted(path.name for path in (tmp_path / "backups").iterdir()) == ["revmod-case"]

    as_postgres(stack.pg_port, f"CREATE DATABASE {scratch} OWNER revmod")
    try:
        # A damaged archive: refused by its checksum before anything is touched.
        damaged = tmp_path / "damaged"
        subprocess.run(["cp", "-a", str(backup), str(damaged)], check=True)
        with (damaged / "media.tar.gz").open("r+b") as archive:
            archive.seek(100)
            byte = archive.read(1)
            archive.seek(100)
            archive.write(bytes([byte[0] ^ 0xFF]))
        refused, _seconds = run("restore.sh", str(damaged), env_file=restore_env)
        assert (refused.returncode, "checksum" in refused.stderr) == (7, True), refused.stderr
        assert (table_count(scratch_url), media.exists()) == (0, False)

        restored, restore_seconds = run("restore.sh", str(backup), env_file=restore_env)
        assert restored.returncode == 0, restored.stdout + restored.stderr

        manifest = [line.split() for line in (backup / "manifest.txt").read_text().splitlines()]
        expected = {fields[1]: int(fields[2]) for fields in manifest if fields[0] == "rows"}
        main_tables = [
            "reviews_answer",
            "reviews_answerrevision",
            "reviews_comment",
            "reviews_thread",
            "reviews_evidence",
            "reviews_countryreview",
            "reviews_participant",
            "accounts_user",
            "audit_auditentry",
        ]
        found = {
            table: int(query(scratch_url, 'SELECT count(*) FROM :"table"', table=table)[0][0]) for table in main_tables
        }
        assert found == {table: expected[table] for table in main_tables}
        copy = fingerprint(scratch_url, media, written)
        assert copy == original
        assert original["answers"][0] == REVIEWS
        assert original["comments"][0] == REVIEWS * COMMENTS_PER_REVIEW
        assert original["evidence"][0] == REVIEWS

        # A database that has tables now: refused, nothing changed in it or in the media folder.
        tables, files = table_count(scratch_url), listing(media)
        over, _seconds = run("restore.sh", str(backup), env_file=restore_env)
        assert (over.returncode, "already has" in over.stderr, "createdb" in over.stderr) == (6, True, True)
        assert (table_count(scratch_url), listing(media)) == (tables, files)
    finally:
        as_postgres(stack.pg_port, f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")

    print(
        f"\nbackup and restore: {sum(expected.values())} rows in {len(expected)} tables "
        f"({', '.join(f'{table} {count}' for table, count in found.items())}); "
        f"dump {(backup / 'database.dump').stat().st_size} bytes, media archive "
        f"{(backup / 'media.tar.gz').stat().st_size} bytes, {len(listing(media))} media entries; "
        f"backup {backup_seconds:.1f} s, restore {restore_seconds:.1f} s (migrate and check included)\n"
        f"  {backed_up.stdout.strip().splitlines()[-1]}\n  {restored.stdout.strip().splitlines()[-1]}"
    )
