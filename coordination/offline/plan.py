"""From an uploaded file to what it would change, question by question.

``read_upload`` reads and checks the file once (its rows go into the session, cleaned);
``preview`` compares them with the answers as they are now, every time the preview is shown
and again on confirmation, so a change made online in between is never overwritten unseen.
"""

from __future__ import annotations

import zipfile
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import IO, Any

from django.utils.translation import gettext as _

from coordination.offline.documents import read_document
from coordination.offline.files import DOCX, XLSX, FileContent, NotAnAnswerFile
from coordination.offline.sheets import read_workbook
from coordination.offline.values import answer_from_file
from reviews.answer_values import AnswerValueError
from reviews.forms import value_as_text, word_diff
from reviews.models import Answer, AnswerRevision, CountryReview, Question, Questionnaire

MAX_ERRORS = 100


class Status(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    ERROR = "error"


@dataclass
class UploadedAnswer:
    """One question of the file, read and cleaned: what the session keeps until confirmation."""

    question: int
    number: str
    stamp: int
    value: Any = None
    error: str = ""


@dataclass
class Upload:
    file_format: str
    language: str
    answers: list[UploadedAnswer] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_session(self) -> dict:
        return {
            "file_format": self.file_format,
            "language": self.language,
            "answers": [asdict(answer) for answer in self.answers],
            "errors": self.errors,
        }

    @classmethod
    def from_session(cls, data: dict) -> Upload:
        answers = [UploadedAnswer(**answer) for answer in data["answers"]]
        return cls(data["file_format"], data["language"], answers, list(data["errors"]))


def _sniff(file: IO[bytes]) -> str:
    """xlsx or docx, from what the archive holds, not from the file's name."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        names = set()
    finally:
        file.seek(0)
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    raise NotAnAnswerFile(_("This file is neither an Excel workbook (.xlsx) nor a Word document (.docx)."))


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    """Every question with its options, every language loaded (the file may be in any of them)."""
    return list(questionnaire.questions.order_by("order").prefetch_related("choices"))


def read_upload(file: IO[bytes], *, review: CountryReview, questionnaire: Questionnaire) -> Upload:
    """The file's answers, each cleaned by the online form's rules or with what is wrong and where.

    Raises NotAnAnswerFile, changing nothing, for a file that is not an offline file of this
    review's ``questionnaire``.
    """
    content: FileContent = read_workbook(file) if _sniff(file) == XLSX else read_document(file)
    stamp = content.stamp
    if stamp.review != review.pk:
        raise NotAnAnswerFile(_("This file belongs to another review: download this review's file and fill it in."))
    if stamp.questionnaire != questionnaire.pk:
        raise NotAnAnswerFile(_("This file is of another questionnaire: upload it on that questionnaire's page."))
    questions = questions_of(questionnaire)
    by_pk = {question.pk: question for question in questions}
    by_number = {question.number: question for question in questions}
    upload = Upload(content.file_format, stamp.language)
    seen: set[int] = set()

    def fail(where: str, number: str, message: str) -> None:
        if len(upload.errors) < MAX_ERRORS:
            text = _("%(where)s, question %(number)s: %(message)s") if number else _("%(where)s: %(message)s")
            upload.errors.append(text % {"where": where, "number": number, "message": message})

    for row in content.rows:
        question = by_pk.get(row.question) if row.question is not None else by_number.get(row.number)
        if row.problem:
            fail(row.where, row.number, row.problem)
            continue
        if question is None:
            fail(row.where, row.number, _("this is not a question of this questionnaire."))
            continue
        if question.pk in seen:
            fail(row.where, question.number, _("the question appears a second time."))
            continue
        seen.add(question.pk)
        item = UploadedAnswer(question=question.pk, number=question.number, stamp=row.revision or 0)
        try:
            item.value = answer_from_file(question, row.answer, language=stamp.language)
        except AnswerValueError as error:
            item.error = _("%(where)s, question %(number)s: %(message)s") % {
                "where": row.where,
                "number": question.number,
                "message": str(error),
            }
        upload.answers.append(item)
    return upload


@dataclass
class Item:
    """One question of the preview: what the file would do to its answer."""

    question: Question
    status: Status
    uploaded: UploadedAnswer
    revision: int
    now: str = ""
    new: str = ""
    diff: list[tuple[str, str]] = field(default_factory=list)
    choice: str = ""  # for a conflict: the version the person chose, when the page is shown again


@dataclass
class Preview:
    items: list[Item]
    errors: list[str]

    def having(self, status: Status) -> list[Item]:
        return [item for item in self.items if item.status == status]

    @property
    def changes(self) -> list[Item]:
        return self.having(Status.CHANGED)

    @property
    def conflicts(self) -> list[Item]:
        return self.having(Status.CONFLICT)

    @property
    def unchanged(self) -> list[Item]:
        return self.having(Status.UNCHANGED)

    @property
    def problems(self) -> list[str]:
        return self.errors + [item.uploaded.error for item in self.having(Status.ERROR)]

    @property
    def seen(self) -> dict[str, int]:
        """The online revision of each question the person decides on: the base of every save on confirmation."""
        return {str(item.question.pk): item.revision for item in self.items if item.status != Status.UNCHANGED}


def preview(review: CountryReview, questionnaire: Questionnaire, upload: Upload) -> Preview:
    """Each question of the upload against its answer now, in four queries.

    Unchanged: the file holds the answer as it is online, or as it was downloaded (the person
    did not touch it, whatever happened online since). Changed: the person edited it and
    nobody did online. Conflict: both did.
    """
    questions = {question.pk: question for question in questions_of(questionnaire)}
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(review=review, question__questionnaire=questionnaire).only(
            "pk", "question_id", "value", "revision"
        )
    }
    moved = {
        answers[item.question].pk: item.stamp
        for item in upload.answers
        if item.question in answers and answers[item.question].revision > item.stamp > 0
    }
    downloaded: dict[int, Any] = {}
    if moved:
        revisions = AnswerRevision.objects.filter(answer_id__in=list(moved), number__in=set(moved.values()))
        for answer_id, number, value in revisions.values_list("answer_id", "number", "value"):
            if moved[answer_id] == number:
                downloaded[answer_id] = value
    errors = list(upload.errors)
    items = []
    for uploaded in upload.answers:
        question = questions.get(uploaded.question)
        if question is None:  # gone from the questionnaire since the upload: it cannot be
            continue
        answer = answers.get(question.pk)
        revision, value = (answer.revision, answer.value) if answer else (0, None)
        item = Item(question, Status.UNCHANGED, uploaded, revision)
        if uploaded.error:
            item.status = Status.ERROR
        elif uploaded.stamp > revision:
            item.status = Status.ERROR
            message = _("Question %(number)s: the file names a version of the answer the platform never had.")
            uploaded.error = message % {"number": question.number}
        elif uploaded.value != value:
            at_download = downloaded.get(answer.pk) if answer and uploaded.stamp else None
            if uploaded.stamp == revision:
                item.status = Status.CHANGED
            elif uploaded.value != at_download:
                item.status = Status.CONFLICT
        if item.status in (Status.CHANGED, Status.CONFLICT):
            item.now, item.new = value_as_text(question, value), value_as_text(question, uploaded.value)
            item.diff = word_diff(item.now, item.new)
        items.append(item)
    return Preview(items, errors)
