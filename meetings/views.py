"""The meeting pages: a review's meetings, proposing one, one meeting with its answers, time, minutes and files.

Anyone who may not see a meeting gets 404 on every address of it, as for a review.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from meetings import permissions, selectors, services
from meetings.calendar_events import event_of
from meetings.enums import MeetingStatus
from meetings.forms import AttendanceForm, FixForm, MeetingFileForm, MinutesForm, ProposeForm, SlotAnswersForm
from meetings.models import Meeting
from meetings.times import shown
from reviews.file_kinds import accept_attribute
from reviews.selectors import get_review_for_user
from revmod.accounts.http import AuthenticatedHttpRequest
from revmod.accounts.time_zones import zone_of
from revmod.core.calendar import ics_response


def _review(request: AuthenticatedHttpRequest, pk: int):
    review = get_review_for_user(request.user, pk)
    if not permissions.can_see_meetings(request.user, review):
        raise Http404
    return review


@login_required
@require_GET
def meeting_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    rows = selectors.meeting_rows(selectors.meetings_of_review(request.user, review), zone_of(request.user))
    context = {"review": review, "rows": rows, "can_propose": permissions.can_propose(request.user, review)}
    return render(request, "meetings/list.html", context)


@login_required
def propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    visibilities = permissions.proposable_visibilities(request.user, review)
    if not visibilities:
        raise Http404
    zone = zone_of(request.user)
    form = ProposeForm(request.POST or None, zone=zone, visibilities=visibilities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = ("kind", "title", "visibility", "agenda", "link", "venue", "duration_minutes")
        try:
            meeting = services.propose_meeting(
                review, user=request.user, starts=form.starts(), **{name: data[name] for name in fields}
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is proposed: participants are asked which times suit them."))
            return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/propose.html", {"review": review, "form": form, "zone": zone}, status=status)


def _page(request: AuthenticatedHttpRequest, meeting: Meeting, *, status: int = 200, **forms) -> HttpResponse:
    """The meeting's page; ``forms`` holds a form posted with errors, shown again in its place."""
    user = request.user
    can_manage = permissions.can_manage(user, meeting)
    zone = zone_of(user)
    page = selectors.meeting_page(meeting, user=user, zone=zone, with_people=can_manage)
    labels = [(view.slot.pk, str(view.shown)) for view in page.slots]
    can_answer = permissions.can_answer(user, meeting)
    context = {
        "meeting": meeting,
        "review": meeting.review,
        "page": page,
        "zone": zone,
        "fixed_time": shown(meeting.fixed_slot.starts_at, zone) if meeting.fixed_slot else None,
        "can_answer": can_answer,
        "can_manage": can_manage,
        "is_open": meeting.status != MeetingStatus.CANCELLED,
        "accept": accept_attribute(),
    }
    if can_answer:
        mine = {view.slot.pk: view.mine for view in page.slots if view.mine is not None}
        context["answer_form"] = forms.get("answer_form") or SlotAnswersForm(slots=labels, mine=mine)
    if can_manage and context["is_open"]:
        context["fix_form"] = forms.get("fix_form") or FixForm(choices=labels, initial={"slot": meeting.fixed_slot_id})
        context["file_form"] = forms.get("file_form") or MeetingFileForm()
        if meeting.status == MeetingStatus.FIXED:
            present = {row.user_id for row in page.attendance if row.attended}
            context["attendance_form"] = forms.get("attendance_form") or AttendanceForm(
                people=page.people, initial={"present": sorted(present)}
            )
            context["minutes_form"] = forms.get("minutes_form") or MinutesForm(initial={"minutes": meeting.minutes})
    return render(request, "meetings/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.get_meeting_for_user(request.user, pk))


def _refused(request: AuthenticatedHttpRequest, meeting: Meeting, error: Exception, **forms) -> HttpResponse:
    messages.error(request, str(error))
    return _page(request, meeting, status=400, **forms)


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    slots = [(slot.pk, str(slot.starts_at)) for slot in meeting.slots.all()]
    form = SlotAnswersForm(request.POST, slots=slots, mine={})
    try:
        if not form.is_valid():
            raise services.MeetingError(_("Say for each time whether it suits you."))
        services.answer_slots(meeting, user=request.user, answers=form.answers())
    except services.MeetingError as error:
        return _refused(request, meeting, error)
    messages.success(request, _("Your answers are saved."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def fix(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    slots = {slot.pk: slot for slot in meeting.slots.all()}
    form = FixForm(request.POST, choices=[(pk, str(slot.starts_at)) for pk, slot in slots.items()])
    try:
        if not form.is_valid():
            raise services.MeetingError(_("Choose one of the meeting's candidate times."))
        services.fix_meeting(meeting, slot=slots[form.cleaned_data["slot"]], user=request.user)
    except services.MeetingError as error:
        return _refused(request, meeting, error)
    messages.success(request, _("The time is fixed: participants are told, and can add it to their calendars."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    try:
        services.cancel_meeting(meeting, user=request.user)
    except services.MeetingError as error:
        return _refused(request, meeting, error)
    messages.success(request, _("The meeting is cancelled."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = AttendanceForm(request.POST, people=list(selectors.audience(meeting)))
    try:
        if not form.is_valid():
            raise services.MeetingError(_("Only the people this meeting concerns can be recorded as present."))
        services.record_attendance(meeting, attended=set(form.cleaned_data["present"]), user=request.user)
    except services.MeetingError as error:
        return _refused(request, meeting, error, attendance_form=form)
    messages.success(request, _("Attendance is recorded."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = MinutesForm(request.POST)
    form.is_valid()  # one optional text field
    try:
        services.save_minutes(meeting, text=form.cleaned_data.get("minutes", ""), user=request.user)
    except services.MeetingError as error:
        return _refused(request, meeting, error, minutes_form=form)
    messages.success(request, _("The minutes are saved."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def add_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = MeetingFileForm(request.POST, request.FILES)
    form.is_valid()  # every field is optional: the service says what is missing
    try:
        if "file" in form.errors:  # an empty or broken upload, as Django words it
            raise services.MeetingError(form.errors["file"][0])
        added = services.add_file(
            meeting, upload=form.cleaned_data.get("file"), title=form.cleaned_data.get("title", ""), user=request.user
        )
    except services.MeetingError as error:
        return _refused(request, meeting, error, file_form=form)
    messages.success(request, _("The file “%(title)s” is attached.") % {"title": added.title})
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_GET
def download_file(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> FileResponse:
    meeting_file = selectors.get_file_for_user(request.user, pk, file_pk)
    name = "".join(character for character in meeting_file.title if character.isprintable() and character not in '/\\"')
    response = FileResponse(
        meeting_file.file.open("rb"),
        as_attachment=True,
        filename=f"{name[:120].strip() or meeting_file.token}{meeting_file.extension}",
        content_type=meeting_file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_required
@require_GET
def calendar_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The meeting as an ``.ics`` file, once its time is fixed (a cancelled one too, so calendars drop it).

    A meeting still being scheduled has no time: rather than candidate times that would clutter
    calendars, the page says so and the file comes once the organiser fixes a slot.
    """
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if meeting.fixed_slot is None:
        messages.error(
            request, _("This meeting has no time yet: its calendar file comes once the organiser fixes one.")
        )
        return redirect("meetings:detail", pk=meeting.pk)
    return ics_response([event_of(meeting)], filename=f"meeting-{meeting.pk}.ics", name=meeting.title)
