"""The review workflow as an explicit state machine: which step may follow which, and who moves it."""

from __future__ import annotations

from dataclasses import dataclass

from reviews.enums import Step

ORDER = list(Step)


@dataclass(frozen=True)
class Move:
    to_step: Step
    secretariat: bool = True
    reviewed_focal_point: bool = False


def next_step(step: Step | str) -> Step | None:
    index = ORDER.index(Step(step))
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def forward_moves(step: Step | str) -> list[Move]:
    """The steps a review may go on to from ``step`` (a Step or its value): always the next one.

    Submitting the questionnaire (drafting -> feedback) is the focal point's move, made
    through ``submit_questionnaire`` so that the required answers are checked first.
    """
    following = next_step(step)
    if following is None:
        return []
    return [Move(following, secretariat=True, reviewed_focal_point=following == Step.FEEDBACK)]


def reopen_moves(step: Step | str) -> list[Step]:
    """The secretariat can reopen any earlier step."""
    return ORDER[: ORDER.index(Step(step))]


def is_allowed(from_step: Step | str, to_step: Step | str) -> bool:
    to_step = Step(to_step)
    return any(move.to_step == to_step for move in forward_moves(from_step)) or to_step in reopen_moves(from_step)
