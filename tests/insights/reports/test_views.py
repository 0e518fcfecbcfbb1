"""The working-group report pages: the secretariat only, each member their own jobs; 404 for everyone else."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from insights.reports.enums import ReportFormat, ReportGrouping
from insights.reports.models import ReportJob
from insights.reports.services import build_report
from reviews.enums import ExportStatus
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import sign_in_as
from tests.factories import SecretariatFactory

pytestmark = pytest.mark.django_db

LIST = reverse("insights:report_list")
EVERYONE_ELSE = [
    "focal_point",
    "expert",
    "reviewing_expert",
    "reviewing_focal_point",
    "observer",
    "stranger",
    "nobody",
    "contributor",
    "other_contributor",
    "stakeholder",
    "trainer",
]
ASK = {"format": "xlsx", "language": "en", "grouping": "article", "anonymised": "on"}


def job_of(user, **fields) -> ReportJob:
    values = {"format": ReportFormat.XLSX, "language": "en", "grouping": ReportGrouping.ARTICLE} | fields
    return ReportJob.objects.create(requested_by=user, **values)


def urls(job) -> list[str]:
    return [
        reverse(f"insights:{name}", kwargs={"pk": job.pk})
        for name in ("report_job", "report_status", "report_download")
    ]


def test_the_secretariat_asks_for_a_report_waits_and_downloads_it(
    client, world, lists, django_capture_on_commit_callbacks
):
    client.force_login(world.secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, ASK)
    job = ReportJob.objects.get()
    page, status, download = (client.get(url) for url in urls(job))

    assert response.status_code == 302
    assert response["Location"] == urls(job)[0]
    assert status.json() == {"status": ExportStatus.DONE, "progress": 100}
    assert reverse("insights:report_download", kwargs={"pk": job.pk}) in page.content.decode()
    assert download["Content-Disposition"] == 'attachment; filename="working-group-report-article-anonymised-en.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert [sheet.title for sheet in workbook.worksheets] == [
        "Report",
        "Gaps and challenges",
        "Good practices",
        "Technical-assistance needs",
    ]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT_DOWNLOADED, target_id=str(job.pk)).count() == 1


@pytest.mark.parametrize("person", EVERYONE_ELSE)
def test_no_one_but_the_secretariat_sees_the_page_asks_or_opens_a_report(client, world, person):
    job = build_report(job_of(world.secretariat))
    sign_in_as(client, world, person)

    answers = [client.get(LIST).status_code, client.post(LIST, ASK).status_code]
    answers += [client.get(url).status_code for url in urls(job)]

    assert answers == [404] * 5
    assert ReportJob.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    job = job_of(world.secretariat)

    answers = [client.get(url) for url in [LIST, *urls(job)]] + [client.post(LIST, ASK)]

    assert {answer.status_code for answer in answers} == {302}
    assert all(answer["Location"].startswith(reverse("accounts:login")) for answer in answers)
    assert ReportJob.objects.count() == 1


def test_another_member_of_the_secretariat_cannot_open_someone_elses_report(client, world):
    job = build_report(job_of(world.secretariat))
    client.force_login(SecretariatFactory())

    assert [client.get(url).status_code for url in urls(job)] == [404, 404, 404]


def test_a_report_not_ready_has_nothing_to_download_and_its_page_follows_it_without_scripts(client, world):
    job = job_of(world.secretariat, status=ExportStatus.RUNNING, progress=40)
    client.force_login(world.secretariat)

    page, status, download = (client.get(url) for url in urls(job))

    content = page.content.decode()
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in content
    assert f'data-status-url="{urls(job)[1]}"' in content
    assert '<progress max="100" value="40"' in content
    assert status.json() == {"status": ExportStatus.RUNNING, "progress": 40}
    assert download.status_code == 404


def test_a_failed_report_says_so_and_why(client, world, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(default_storage, "save", full_disk)  # the edge: the file store
    job = job_of(world.secretariat)
    with pytest.raises(OSError, match="No space"):
        build_report(job)
    client.force_login(world.secretariat)

    content = client.get(urls(job)[0]).content.decode()

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert "The report could not be made." in content
    assert "What went wrong: No space left on device" in content
    assert "http-equiv" not in content


@pytest.mark.parametrize(
    "data",
    [
        ASK | {"format": "pdf"},
        ASK | {"language": "de"},
        ASK | {"grouping": "state"},
        ASK | {"cycle": "999999"},
        {},
    ],
)
def test_bad_choices_are_refused_in_the_users_language_and_nothing_is_asked_for(client, world, data):
    client.force_login(SecretariatFactory(preferred_language="fr"))
    with translation.override("fr"):
        url = reverse("insights:report_list")

    response = client.post(url, data)

    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode() or "Ce champ est obligatoire" in (
        response.content.decode()
    )
    assert ReportJob.objects.count() == 0


@pytest.mark.parametrize("count", [1, 5])
def test_the_list_of_reports_takes_the_same_queries_however_many(
    client, world, lists, count, django_assert_num_queries
):
    for number in range(count):
        job_of(world.secretariat, cycle=world.review.cycle if number % 2 else None, status=ExportStatus.DONE)
    job_of(SecretariatFactory())  # someone else's: not listed
    client.force_login(world.secretariat)

    with django_assert_num_queries(9):
        response = client.get(LIST)

    assert len(response.context["jobs"]) == count


def test_the_search_page_links_the_reports_for_the_secretariat_only(client, world):
    link = f'href="{LIST}"'

    client.force_login(world.secretariat)
    for_secretariat = client.get(reverse("insights:search")).content.decode()
    client.force_login(world.focal_point)
    for_focal_point = client.get(reverse("insights:search")).content.decode()

    assert link in for_secretariat
    assert link not in for_focal_point
