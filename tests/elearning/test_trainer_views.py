from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from elearning import permissions, services
from elearning.enums import CourseState
from elearning.models import Choice, Course, Lesson, LessonFile, Module, Question
from tests.factories import SecretariatFactory
from tests.factories.elearning import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def course_owner(course):
    return permissions.course_owners(course).get()


def translated(name: str, values: dict[str, str]) -> dict[str, str]:
    languages = ["en", "ar", "zh_hans", "fr", "ru", "es", "pt"]
    return {f"{name}_{language}": values.get(language, "") for language in languages}


def test_manage_pages_are_hidden_from_learners_and_anonymous_visitors(client, course, learner):
    anonymous = client.get("/en/learning/manage/")
    client.force_login(learner)

    assert anonymous.status_code == 302
    assert client.get("/en/learning/manage/").status_code == 404
    assert client.get(f"/en/learning/manage/courses/{course.pk}/").status_code == 404


def test_trainer_cannot_edit_another_trainers_course(client, course, lessons, other_trainer):
    client.force_login(other_trainer)

    assert client.get(f"/en/learning/manage/courses/{course.pk}/").status_code == 404
    assert client.post(f"/en/learning/manage/courses/{course.pk}/edit/", {}).status_code == 404
    assert client.get(f"/en/learning/manage/lessons/{lessons[0].pk}/edit/").status_code == 404
    assert "Taking part" not in client.get("/en/learning/manage/").content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_manage_courses_query_count_is_constant(client, trainer, django_assert_num_queries, count):
    for _number in range(count):
        permissions.grant_course_ownership(CourseFactory(), trainer)
    client.force_login(trainer)
    client.get("/en/learning/manage/")  # warm the content-type and session caches

    with django_assert_num_queries(5):
        client.get("/en/learning/manage/")


def test_trainer_creates_a_course_and_owns_it(client, trainer):
    client.force_login(trainer)
    data = {
        **translated("title", {"en": "Dialogue skills", "fr": "Le dialogue"}),
        **translated("summary", {}),
        "status": CourseState.DRAFT,
        "expected_minutes": 30,
        "requires_all_lessons": "on",
    }

    response = client.post("/en/learning/manage/courses/new/", data)

    course = Course.objects.get(title_en="Dialogue skills")
    assert response["Location"] == f"/en/learning/manage/courses/{course.pk}/"
    assert course.title_fr == "Le dialogue"
    assert permissions.can_edit_course(trainer, course) is True


def test_editing_english_marks_translations_outdated(client, trainer):
    client.force_login(trainer)
    base = {"status": CourseState.DRAFT, "expected_minutes": 30, **translated("summary", {})}
    client.post(
        "/en/learning/manage/courses/new/",
        {**base, **translated("title", {"en": "Old", "fr": "Ancien", "es": "Antiguo"})},
    )
    course = Course.objects.get(title_en="Old")

    client.post(
        f"/en/learning/manage/courses/{course.pk}/edit/",
        {**base, **translated("title", {"en": "New", "fr": "Nouveau", "es": "Antiguo"})},
    )
    page = client.get(f"/en/learning/manage/courses/{course.pk}/edit/").content.decode()

    fieldsets = {chunk.split('"', 1)[0]: chunk for chunk in page.split('<fieldset class="el-language" lang="')[1:]}
    assert "Up to date" in fieldsets["fr"]
    assert "Older than the English source" in fieldsets["es"]
    assert "Missing" in fieldsets["ar"]


def test_lesson_text_is_sanitized(client, course, trainer):
    module = course.modules.first()
    client.force_login(trainer)
    body = '<p onclick="x()">Hi <a href="https://example.org">law</a><script>alert(1)</script></p>'

    client.post(
        f"/en/learning/manage/modules/{module.pk}/lessons/new/",
        {**translated("title", {"en": "Safe"}), **translated("body", {"en": body}), "position": 3},
    )

    lesson = Lesson.objects.get(title_en="Safe")
    assert lesson.body_en == '<p>Hi <a href="https://example.org" rel="nofollow noopener">law</a></p>'


def test_trainer_adds_a_module_and_a_question_with_its_answers(client, course, trainer):
    client.force_login(trainer)
    client.post(
        f"/en/learning/manage/courses/{course.pk}/modules/new/", {**translated("title", {"en": "Extra"}), "position": 3}
    )
    pool = course.quizzes.get().pools.get()
    data = {
        **translated("text", {"en": "Who submits?"}),
        "kind": "single",
        "position": 9,
        "choices-TOTAL_FORMS": 4,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for index, (text, correct) in enumerate([("The focal point", True), ("Anyone", False)]):
        data |= {f"choices-{index}-{key}": value for key, value in translated("text", {"en": text}).items()}
        data |= {f"choices-{index}-{key}": value for key, value in translated("feedback", {}).items()}
        if correct:
            data[f"choices-{index}-is_correct"] = "on"

    response = client.post(f"/en/learning/manage/pools/{pool.pk}/questions/new/", data)

    assert response.status_code == 302, response.context["formset"].errors
    assert Module.objects.filter(course=course, title_en="Extra").exists()
    question = Question.objects.get(text_en="Who submits?")
    assert list(question.choices.values_list("text_en", "is_correct")) == [("The focal point", True), ("Anyone", False)]


def test_single_choice_question_needs_exactly_one_correct_answer(client, course, trainer):
    client.force_login(trainer)
    pool = course.quizzes.get().pools.get()
    data = {
        **translated("text", {"en": "Which?"}),
        "kind": "single",
        "position": 1,
        "choices-TOTAL_FORMS": 2,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for index in range(2):
        data |= {f"choices-{index}-{key}": value for key, value in translated("text", {"en": f"A{index}"}).items()}
        data |= {f"choices-{index}-{key}": value for key, value in translated("feedback", {}).items()}
        data |= {f"choices-{index}-is_correct": "on"}

    response = client.post(f"/en/learning/manage/pools/{pool.pk}/questions/new/", data)

    assert response.status_code == 200
    assert "exactly one correct answer" in response.content.decode()
    assert not Choice.objects.filter(text_en="A0").exists()


# --- Files -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("trainer")
def test_trainer_uploads_a_pdf_that_only_enrolled_learners_download(client, course, lessons, learner, stranger):
    client.force_login(course_owner(course))
    upload = SimpleUploadedFile("guide.pdf", PDF_BYTES, content_type="application/pdf")

    client.post(f"/en/learning/manage/lessons/{lessons[0].pk}/files/new/", {"title": "Guide", "file": upload})

    lesson_file = LessonFile.objects.get()
    assert lesson_file.content_type == "application/pdf"
    assert lesson_file.original_name == "guide.pdf"
    assert "guide" not in lesson_file.file.name
    services.enrol(learner, course)
    client.force_login(stranger)
    assert client.get(f"/en/learning/files/{lesson_file.pk}/").status_code == 404
    client.force_login(learner)
    response = client.get(f"/en/learning/files/{lesson_file.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert 'filename="guide.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.pdf", b"<html><script>alert(1)</script></html>"),
        ("image.png", PDF_BYTES),
        ("tool.exe", b"MZ\x90\x00"),
    ],
)
@pytest.mark.usefixtures("course")
def test_upload_checks_the_content_not_only_the_name(client, lessons, trainer, name, content):
    client.force_login(trainer)

    response = client.post(
        f"/en/learning/manage/lessons/{lessons[0].pk}/files/new/",
        {"title": "Bad", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 200
    assert not LessonFile.objects.exists()


def test_upload_accepts_a_word_document(client, course, lessons, trainer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    client.force_login(trainer)

    client.post(
        f"/en/learning/manage/lessons/{lessons[0].pk}/files/new/",
        {"title": "Form", "file": SimpleUploadedFile("form.docx", buffer.getvalue())},
    )

    assert LessonFile.objects.get().content_type.endswith("wordprocessingml.document")


@pytest.mark.usefixtures("course")
def test_upload_refuses_a_file_over_the_limit(client, lessons, trainer, monkeypatch):
    monkeypatch.setattr("elearning.uploads.MAX_UPLOAD_BYTES", 10)
    client.force_login(trainer)

    response = client.post(
        f"/en/learning/manage/lessons/{lessons[0].pk}/files/new/",
        {"title": "Big", "file": SimpleUploadedFile("big.pdf", PDF_BYTES)},
    )

    assert "too large" in response.content.decode()
    assert not LessonFile.objects.exists()


# --- Owners and learners --------------------------------------------------------------------------


def test_only_the_secretariat_manages_owners(client, course, trainer, other_trainer):
    client.force_login(trainer)
    trainer_status = client.get(f"/en/learning/manage/courses/{course.pk}/owners/").status_code
    client.force_login(SecretariatFactory())

    client.post(f"/en/learning/manage/courses/{course.pk}/owners/", {"trainer": other_trainer.pk})
    granted = permissions.can_edit_course(other_trainer, course)
    client.post(f"/en/learning/manage/courses/{course.pk}/owners/{trainer.pk}/revoke/")

    assert trainer_status == 404
    assert granted is True
    assert permissions.can_edit_course(trainer, course) is False


def test_trainer_enrols_learners_by_email(client, course, trainer, learner):
    client.force_login(trainer)

    client.post(f"/en/learning/manage/courses/{course.pk}/learners/", {"emails": f"{learner.email}\n"})
    page = client.get(f"/en/learning/manage/courses/{course.pk}/learners/").content.decode()

    assert learner.enrolments.get().enrolled_by == trainer
    assert "Lena Learner" in page
    assert "0 of 3 lessons" in page


@pytest.mark.parametrize("count", [1, 5])
def test_learners_page_query_count_is_constant(client, course, trainer, django_assert_num_queries, count):
    for _number in range(count):
        EnrolmentFactory(course=course)
    client.force_login(trainer)
    url = f"/en/learning/manage/courses/{course.pk}/learners/"
    client.get(url)  # warm the content-type and session caches

    with django_assert_num_queries(10):
        body = client.get(url).content.decode()

    assert body.count("<tr><td>") == count
