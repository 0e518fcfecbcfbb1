"""The secretariat's timetable: a cycle's days per step, deadline extensions, a review's working languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from reviews.enums import CycleStatus, ParticipantRole, Step
from reviews.models import CountryReview, DeadlineExtension, ReviewCycle, StepDuration
from reviews.notifications import send_deadline_reminders
from reviews.services import ReviewError, add_participant, deadline_for, draw_lots, move_review
from reviews.services.timetable import extend_deadline, save_step_days, set_working_languages
from reviews.timetable_forms import end_of_day
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification
from tests.clients import sign_in_as
from tests.factories import UserFactory, state
from tests.factories.reviews import cycle

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "anonymous")
DEFAULTS = {
    "drawn": 14,
    "staffing": 14,
    "consultation": 30,
    "saq_drafting": 183,
    "feedback": 183,
    "dialogue": 90,
    "observations": 90,
    "summary": 60,
}


def days_data(**changes) -> dict:
    return {step: str(days) for step, days in DEFAULTS.items()} | changes


def audit(action: AuditAction) -> list[dict]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk").values_list("data", flat=True))


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


# --- Days per step and deadline_for --------------------------------------------------


def test_deadline_for_takes_the_cycles_days_first_then_the_global_default(world):
    start = dt.datetime(2027, 1, 1, 9, 0, tzinfo=dt.UTC)
    the_cycle = world.review.cycle
    the_cycle.step_days = {"dialogue": 10}
    the_cycle.save(update_fields=["step_days"])

    assert deadline_for(the_cycle, Step.DIALOGUE, start) == start + dt.timedelta(days=10)
    assert deadline_for(the_cycle, Step.SUMMARY, start) == start + dt.timedelta(days=60)
    assert deadline_for(the_cycle, Step.FINALIZED, start) is None


def test_a_step_opened_in_a_cycle_with_its_own_days_is_due_after_them(world):
    save_step_days(world.review.cycle, days=DEFAULTS | {"feedback": 45}, by=world.secretariat)
    StepDuration.objects.filter(step=Step.FEEDBACK).update(days=999)  # the cycle's own value wins
    world.review.refresh_from_db()

    transition = move_review(world.review, to_step=Step.FEEDBACK, user=world.secretariat)

    world.review.refresh_from_db()
    assert world.review.due_at == transition.at + dt.timedelta(days=45)


def test_a_draw_gives_the_reviews_the_cycles_days_for_the_first_step(world):
    fresh = cycle(title="Own timetable")
    save_step_days(fresh, days=DEFAULTS | {"drawn": 3}, by=world.secretariat)

    draw_lots(ReviewCycle.objects.get(pk=fresh.pk), seed=5, by=world.secretariat)

    drawn = CountryReview.objects.filter(cycle=fresh).first()
    assert drawn is not None
    assert drawn.due_at is not None
    assert drawn.due_at - drawn.step_started_at == dt.timedelta(days=3)


def test_the_cycle_page_shows_the_global_defaults_until_the_cycle_has_its_own(client, world):
    client.force_login(world.secretariat)

    form = client.get(reverse("reviews:cycle", kwargs={"pk": world.review.cycle.pk})).context["timetable_form"]

    assert {name: field.initial for name, field in form.fields.items()} == DEFAULTS


def test_the_secretariat_saves_the_days_per_step_and_the_change_is_audited(client, world):
    client.force_login(world.secretariat)
    url = reverse("reviews:cycle_timetable", kwargs={"pk": world.review.cycle.pk})

    response = client.post(url, days_data(dialogue="120", summary="45"))

    the_cycle = ReviewCycle.objects.get(pk=world.review.cycle.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:cycle", kwargs={"pk": the_cycle.pk})
    assert the_cycle.step_days == DEFAULTS | {"dialogue": 120, "summary": 45}
    assert audit(AuditAction.TIMETABLE_CHANGED) == [
        {"old": {"dialogue": 90, "summary": 60}, "new": {"dialogue": 120, "summary": 45}}
    ]
    form = client.get(reverse("reviews:cycle", kwargs={"pk": the_cycle.pk})).context["timetable_form"]
    assert form.fields["dialogue"].initial == 120


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("0", "A step takes at least one day."),
        ("-5", "A step takes at least one day."),
        ("1.5", "Enter a whole number of days, such as 30."),
        ("thirty", "Enter a whole number of days, such as 30."),
        ("", "Enter the number of days this step takes."),
        ("99999", "A step takes at most 3650 days."),
    ],
)
def test_bad_days_name_the_step_and_save_nothing(client, world, value, error):
    client.force_login(world.secretariat)
    url = reverse("reviews:cycle_timetable", kwargs={"pk": world.review.cycle.pk})

    response = client.post(url, days_data(dialogue=value, summary="45"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"dialogue": [error]}
    assert ReviewCycle.objects.get(pk=world.review.cycle.pk).step_days == {}
    assert audit(AuditAction.TIMETABLE_CHANGED) == []


def test_bad_days_are_explained_in_the_readers_language(client, world):
    client.force_login(world.secretariat)

    response = client.post(f"/fr/reviews/cycles/{world.review.cycle.pk}/timetable/", days_data(dialogue="abc"))

    with translation.override("fr"):
        expected = translation.gettext("Enter a whole number of days, such as 30.")
    assert response.context["form"].errors["dialogue"] == [expected]


def test_a_closed_cycles_timetable_stays(world):
    ReviewCycle.objects.filter(pk=world.review.cycle.pk).update(status=CycleStatus.CLOSED)

    with pytest.raises(ReviewError, match="A closed cycle cannot be changed"):
        save_step_days(world.review.cycle, days=DEFAULTS, by=world.secretariat)
    assert ReviewCycle.objects.get(pk=world.review.cycle.pk).step_days == {}


def test_the_service_refuses_days_that_are_not_whole_positive_numbers(world):
    for days in ({"dialogue": 0}, {"dialogue": 1.5}, {"nonsense": 3}):
        with pytest.raises(ReviewError, match="whole number of days"):
            save_step_days(world.review.cycle, days=days, by=world.secretariat)
    assert ReviewCycle.objects.get(pk=world.review.cycle.pk).step_days == {}


@pytest.mark.parametrize("method", ["get", "post"])
def test_permission_table_of_the_timetable_page(client, world, method):
    statuses = []
    url = reverse("reviews:cycle_timetable", kwargs={"pk": world.review.cycle.pk})
    for person in PEOPLE:
        sign_in_as(client, world, person)
        days = days_data(dialogue="100" if person == "secretariat" else "1")
        response = client.post(url, days) if method == "post" else client.get(url)
        statuses.append(response.status_code)

    expected = (302 if method == "post" else 200, 404, 404, 404, 302)
    assert dict(zip(PEOPLE, statuses, strict=True)) == dict(zip(PEOPLE, expected, strict=True))
    stored = ReviewCycle.objects.get(pk=world.review.cycle.pk).step_days
    assert stored == ({} if method == "get" else DEFAULTS | {"dialogue": 100})


def test_only_the_secretariat_sets_days_through_the_service(world):
    with pytest.raises(ReviewError):
        save_step_days(world.review.cycle, days=DEFAULTS, by=world.focal_point)


# --- Deadline extensions --------------------------------------------------------------


def set_deadline(world, due_at: dt.datetime) -> None:
    CountryReview.objects.filter(pk=world.review.pk).update(due_at=due_at)
    world.review.refresh_from_db()


def test_an_extension_moves_the_deadline_keeps_the_history_and_is_audited(world):
    previous = timezone.now() + dt.timedelta(days=3)
    set_deadline(world, previous)
    new = end_of_day(in_days(30))

    extension = extend_deadline(world.review, due_at=new, reason="  Elections  ", user=world.secretariat)

    world.review.refresh_from_db()
    assert world.review.due_at == new
    stored = DeadlineExtension.objects.get(review=world.review)
    assert (stored.pk, stored.step, stored.previous_due_at, stored.due_at, stored.reason, stored.by) == (
        extension.pk,
        Step.SAQ_DRAFTING,
        previous,
        new,
        "Elections",
        world.secretariat,
    )
    assert audit(AuditAction.DEADLINE_EXTENDED) == [
        {"step": "saq_drafting", "previous": previous.isoformat(), "new": new.isoformat(), "reason": "Elections"}
    ]


def test_an_extension_notifies_every_participant_in_their_language(world, django_capture_on_commit_callbacks):
    set_deadline(world, timezone.now() + dt.timedelta(days=3))
    world.expert.preferred_language = "fr"
    world.expert.save(update_fields=["preferred_language"])
    mail.outbox.clear()
    new_day = in_days(30)

    with django_capture_on_commit_callbacks(execute=True):
        extend_deadline(world.review, due_at=end_of_day(new_day), reason="Elections", user=world.secretariat)

    told = set(Notification.objects.filter(kind=NotificationKind.DEADLINE).values_list("user_id", flat=True))
    people = {
        world.focal_point,
        world.expert,
        world.reviewing_expert,
        world.reviewing_focal_point,
        world.observer,
        world.contributor,
    }
    assert told == {person.pk for person in people}
    assert (
        Notification.objects.get(user=world.expert, kind=NotificationKind.DEADLINE).data["due"] == new_day.isoformat()
    )
    assert Notification.objects.filter(user=world.stranger, kind=NotificationKind.DEADLINE).count() == 0
    french = next(message for message in mail.outbox if message.to == [world.expert.email])
    english = next(message for message in mail.outbox if message.to == [world.focal_point.email])
    with translation.override("fr"):
        assert translation.gettext("Dear %(name)s,") % {"name": world.expert.full_name} in french.body
        assert formats.date_format(new_day, "DATE_FORMAT") in french.body
    assert formats.date_format(new_day, "DATE_FORMAT") in english.body
    assert len(mail.outbox) == len(people)


@pytest.mark.parametrize(
    ("dates", "reason", "expected"),
    [
        ((0, None), "Elections", ("due_on", "Choose a date after today.")),
        ((-3, None), "Elections", ("due_on", "Choose a date after today.")),
        ((5, 10), "Elections", ("due_on", "Choose a date after the current deadline, ")),
        ((10, 10), "Elections", ("due_on", "Choose a date after the current deadline, ")),
        ((20, 10), "", ("reason", "Give the reason for the extension.")),
        ((20, 10), "   ", ("reason", "Give the reason for the extension.")),
    ],
)
def test_a_bad_extension_is_explained_and_changes_nothing(client, world, dates, reason, expected):
    (days, current_in), (field, error) = dates, expected
    current = end_of_day(in_days(current_in)) if current_in is not None else None
    set_deadline(world, current)
    client.force_login(world.secretariat)

    response = client.post(
        reverse("reviews:extend_deadline", kwargs={"pk": world.review.pk}),
        {"due_on": in_days(days).isoformat(), "reason": reason},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert errors[field][0].startswith(error)
    world.review.refresh_from_db()
    assert world.review.due_at == current
    assert DeadlineExtension.objects.count() == 0
    assert audit(AuditAction.DEADLINE_EXTENDED) == []
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE).count() == 0


def test_a_date_that_is_not_a_date_is_refused(client, world):
    client.force_login(world.secretariat)

    response = client.post(
        reverse("reviews:extend_deadline", kwargs={"pk": world.review.pk}), {"due_on": "31/31/2027", "reason": "x"}
    )

    assert response.context["form"].errors == {"due_on": ["Enter a date, such as 2027-03-31."]}
    assert DeadlineExtension.objects.count() == 0


def test_the_service_refuses_what_the_form_refuses(world):
    set_deadline(world, end_of_day(in_days(10)))

    with pytest.raises(ReviewError, match="after the current deadline"):
        extend_deadline(world.review, due_at=end_of_day(in_days(9)), reason="x", user=world.secretariat)
    with pytest.raises(ReviewError, match="after today"):
        extend_deadline(world.review, due_at=timezone.now(), reason="x", user=world.secretariat)
    with pytest.raises(ReviewError, match="reason"):
        extend_deadline(world.review, due_at=end_of_day(in_days(20)), reason=" ", user=world.secretariat)
    with pytest.raises(ReviewError, match="Only the secretariat"):
        extend_deadline(world.review, due_at=end_of_day(in_days(20)), reason="x", user=world.focal_point)
    CountryReview.objects.filter(pk=world.review.pk).update(step=Step.FINALIZED)
    with pytest.raises(ReviewError, match="finalized"):
        extend_deadline(world.review, due_at=end_of_day(in_days(20)), reason="x", user=world.secretariat)
    assert DeadlineExtension.objects.count() == 0


def test_the_secretariat_extends_from_the_review_page_and_sees_the_history(client, world):
    set_deadline(world, end_of_day(in_days(2)))
    client.force_login(world.secretariat)
    new_day = in_days(40)

    response = client.post(
        reverse("reviews:extend_deadline", kwargs={"pk": world.review.pk}),
        {"due_on": new_day.isoformat(), "reason": "Ministries reorganised"},
    )
    page = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk}))

    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:detail", kwargs={"pk": world.review.pk})
    body = page.content.decode()
    assert 'action="{}"'.format(reverse("reviews:extend_deadline", kwargs={"pk": world.review.pk})) in body
    assert "Ministries reorganised" in body
    assert world.secretariat.full_name in body
    assert f'<time datetime="{end_of_day(new_day).isoformat()}">' in body
    assert [extension.reason for extension in page.context["review"].extensions.all()] == ["Ministries reorganised"]


def test_participants_see_the_history_but_not_the_form(client, world):
    set_deadline(world, end_of_day(in_days(2)))
    extend_deadline(world.review, due_at=end_of_day(in_days(40)), reason="Elections", user=world.secretariat)
    client.force_login(world.focal_point)

    body = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()

    assert "Elections" in body
    assert reverse("reviews:extend_deadline", kwargs={"pk": world.review.pk}) not in body
    assert reverse("reviews:working_languages", kwargs={"pk": world.review.pk}) not in body


@pytest.mark.parametrize("method", ["get", "post"])
def test_permission_table_of_the_extension_page(client, world, method):
    set_deadline(world, end_of_day(in_days(2)))
    statuses = []
    url = reverse("reviews:extend_deadline", kwargs={"pk": world.review.pk})
    for index, person in enumerate(PEOPLE):
        sign_in_as(client, world, person)
        data = {"due_on": in_days(10 + index).isoformat(), "reason": f"By {person}"}
        response = client.post(url, data) if method == "post" else client.get(url)
        statuses.append(response.status_code)

    expected = (302 if method == "post" else 200, 404, 404, 404, 302)
    assert dict(zip(PEOPLE, statuses, strict=True)) == dict(zip(PEOPLE, expected, strict=True))
    reasons = list(DeadlineExtension.objects.values_list("reason", flat=True))
    assert reasons == (["By secretariat"] if method == "post" else [])


def test_a_review_of_another_state_answers_404_to_its_participants(client, world):
    client.force_login(world.stranger)

    response = client.get(reverse("reviews:extend_deadline", kwargs={"pk": world.review.pk}))

    assert response.status_code == 404


# --- Reminders after an extension -------------------------------------------------------


def deadline_reminders(user) -> list[int]:
    return list(
        Notification.objects.filter(user=user, kind=NotificationKind.DEADLINE, key__startswith="deadline:")
        .order_by("pk")
        .values_list("data__days", flat=True)
    )


def test_after_an_extension_the_reminders_of_the_new_deadline_go_out_at_their_time(world):
    # Fixed mornings, so that "7 days and 1 hour from now" falls on the 7th day whenever the suite runs.
    now = dt.datetime(2030, 3, 10, 9, 0, tzinfo=dt.UTC)
    set_deadline(world, now + dt.timedelta(days=7, hours=1))
    send_deadline_reminders(now=now)
    assert deadline_reminders(world.focal_point) == [7]

    new = dt.datetime(2030, 4, 9, 23, 59, 59, tzinfo=dt.UTC)  # 30 days after the first morning
    review = CountryReview.objects.get(pk=world.review.pk)
    # The clock of the service is the real one; the deadline checks are on dates after it.
    extend_deadline(review, due_at=new, reason="Elections", user=world.secretariat)
    sent_again = send_deadline_reminders(now=now)
    too_early = send_deadline_reminders(now=now + dt.timedelta(days=15))
    fourteen = send_deadline_reminders(now=now + dt.timedelta(days=16))
    repeated = send_deadline_reminders(now=now + dt.timedelta(days=16))
    seven = send_deadline_reminders(now=now + dt.timedelta(days=23))
    one = send_deadline_reminders(now=now + dt.timedelta(days=29))
    late = send_deadline_reminders(now=now + dt.timedelta(days=31))

    assert (sent_again, too_early, repeated) == (0, 0, 0)
    assert min(fourteen, seven, one, late) > 0
    assert deadline_reminders(world.focal_point) == [7, 14, 7, 1]
    overdue = Notification.objects.filter(user=world.focal_point, kind=NotificationKind.OVERDUE)
    assert overdue.count() == 1


def test_a_late_review_extended_is_reminded_of_its_new_deadline_and_of_lateness_again(world):
    now = dt.datetime(2030, 3, 10, 9, 0, tzinfo=dt.UTC)
    set_deadline(world, now - dt.timedelta(days=2))
    send_deadline_reminders(now=now)
    review = CountryReview.objects.get(pk=world.review.pk)

    extend_deadline(
        review, due_at=dt.datetime(2030, 3, 20, 23, 59, 59, tzinfo=dt.UTC), reason="x", user=world.secretariat
    )
    quiet = send_deadline_reminders(now=now + dt.timedelta(days=1))
    one_day = send_deadline_reminders(now=now + dt.timedelta(days=9))
    late_again = send_deadline_reminders(now=now + dt.timedelta(days=11))

    assert quiet == 0
    assert min(one_day, late_again) > 0
    assert deadline_reminders(world.focal_point) == [1]
    assert Notification.objects.filter(user=world.focal_point, kind=NotificationKind.OVERDUE).count() == 2


# --- Working languages ----------------------------------------------------------------


def test_the_secretariat_sets_the_working_languages_and_it_is_audited(client, world):
    client.force_login(world.secretariat)

    response = client.post(
        reverse("reviews:working_languages", kwargs={"pk": world.review.pk}),
        {"working_language": "fr", "other_working_languages": ["en", "fr", "ar"]},
    )

    world.review.refresh_from_db()
    assert response.status_code == 302
    assert (world.review.working_language, world.review.other_working_languages) == ("fr", ["ar", "en"])
    assert audit(AuditAction.WORKING_LANGUAGES_CHANGED) == [
        {"old": {"main": "en", "others": []}, "new": {"main": "fr", "others": ["ar", "en"]}}
    ]


def test_saving_the_same_working_languages_records_nothing(world):
    set_working_languages(world.review, main="en", others=[], by=world.secretariat)

    assert audit(AuditAction.WORKING_LANGUAGES_CHANGED) == []


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"working_language": "xx"}, "working_language"),
        ({"working_language": ""}, "working_language"),
        ({"working_language": "fr", "other_working_languages": ["klingon"]}, "other_working_languages"),
    ],
)
def test_bad_working_languages_are_refused_and_change_nothing(client, world, data, field):
    client.force_login(world.secretariat)

    response = client.post(reverse("reviews:working_languages", kwargs={"pk": world.review.pk}), data)

    world.review.refresh_from_db()
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert (world.review.working_language, world.review.other_working_languages) == ("en", [])
    assert audit(AuditAction.WORKING_LANGUAGES_CHANGED) == []


def test_the_service_refuses_unknown_languages_and_other_people(world):
    with pytest.raises(ReviewError):
        set_working_languages(world.review, main="xx", others=[], by=world.secretariat)
    with pytest.raises(ReviewError):
        set_working_languages(world.review, main="fr", others=[], by=world.expert)
    world.review.refresh_from_db()
    assert world.review.working_language == "en"


@pytest.mark.parametrize("method", ["get", "post"])
def test_permission_table_of_the_working_languages_page(client, world, method):
    statuses = []
    url = reverse("reviews:working_languages", kwargs={"pk": world.review.pk})
    mains = {"secretariat": "fr", "trainer": "ar", "focal_point": "ru", "expert": "es", "anonymous": "pt"}
    for person in PEOPLE:
        sign_in_as(client, world, person)
        response = client.post(url, {"working_language": mains[person]}) if method == "post" else client.get(url)
        statuses.append(response.status_code)

    expected = (302 if method == "post" else 200, 404, 404, 404, 302)
    assert dict(zip(PEOPLE, statuses, strict=True)) == dict(zip(PEOPLE, expected, strict=True))
    world.review.refresh_from_db()
    assert world.review.working_language == ("fr" if method == "post" else "en")


def test_the_review_page_shows_the_working_languages_and_offers_them_first_for_export(client, world):
    set_working_languages(world.review, main="fr", others=["es"], by=world.secretariat)
    client.force_login(world.focal_point)

    response = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk}))

    body = response.content.decode()
    codes = [language["code"] for language in response.context["export_languages"]]
    assert codes[:2] == ["fr", "es"]
    assert sorted(codes) == sorted(["ar", "zh-hans", "en", "fr", "ru", "es", "pt"])
    export_select = body[
        body.index('<select id="export-language"') : body.index("</select>", body.index("export-language"))
    ]
    assert '<option value="fr" selected>' in export_select
    assert export_select.count(" selected>") == 1
    assert "<dt>Other working languages</dt><dd>Spanish</dd>" in body


def test_the_export_is_made_in_the_working_language_chosen(client, world):
    set_working_languages(world.review, main="ru", others=[], by=world.secretariat)
    client.force_login(world.secretariat)
    page = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()

    assert '<option value="ru" selected>' in page


def test_the_step_opened_notification_names_the_working_languages_in_the_readers_language(
    world, django_capture_on_commit_callbacks
):
    set_working_languages(world.review, main="fr", others=["ar"], by=world.secretariat)
    world.expert.preferred_language = "es"
    world.expert.save(update_fields=["preferred_language"])
    newcomer = UserFactory(state=state("FRA"), preferred_language="en")
    add_participant(world.review, user=newcomer, role=ParticipantRole.EXPERT)
    world.review.refresh_from_db()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        move_review(world.review, to_step=Step.CONSULTATION, user=world.secretariat)

    notification = Notification.objects.get(user=world.expert, kind=NotificationKind.STEP_OPENED)
    assert notification.data["languages"] == ["fr", "ar"]
    spanish = next(message for message in mail.outbox if message.to == [world.expert.email])
    english = next(message for message in mail.outbox if message.to == [newcomer.email])
    assert "The review works mainly in French, and also in Arabic." in english.body
    with translation.override("es"):
        step_text = translation.gettext("The review of %(state)s is now at the step “%(step)s”.") % {
            "state": "Francia",
            "step": translation.gettext("Preliminary consultation"),
        }
        french_name = str(translation.gettext("French"))
    assert step_text in spanish.body
    assert french_name in spanish.body
    assert french_name != "French"


# --- Query counts of the lists this adds -------------------------------------------------


@pytest.mark.parametrize("count", [1, 5])
def test_review_page_query_count_does_not_grow_with_extensions(client, world, django_assert_num_queries, count):
    set_deadline(world, end_of_day(in_days(2)))
    for index in range(count):
        review = CountryReview.objects.get(pk=world.review.pk)
        extend_deadline(
            review, due_at=end_of_day(in_days(10 + index)), reason=f"Reason {index}", user=world.secretariat
        )
    client.force_login(world.focal_point)
    url = reverse("reviews:detail", kwargs={"pk": world.review.pk})
    client.get(url)

    # The focal point's own participation (the coordination links); the meetings and the State whose
    # time zone they are shown in.
    with django_assert_num_queries(15):
        body = client.get(url).content.decode()

    assert all(f"Reason {index}" in body for index in range(count))


@pytest.mark.parametrize("count", [1, 5])
def test_secretariat_review_page_query_count_does_not_grow_with_extensions(
    client, world, django_assert_num_queries, count
):
    set_deadline(world, end_of_day(in_days(2)))
    for index in range(count):
        review = CountryReview.objects.get(pk=world.review.pk)
        extend_deadline(
            review, due_at=end_of_day(in_days(10 + index)), reason=f"Reason {index}", user=world.secretariat
        )
    client.force_login(world.secretariat)
    url = reverse("reviews:detail", kwargs={"pk": world.review.pk})
    client.get(url)

    with django_assert_num_queries(13):  # one of them the meetings section
        body = client.get(url).content.decode()

    assert [f"Reason {index}" in body for index in range(5)] == [index < count for index in range(5)]
