"""A password made of one repeated character, a keyboard run or a counting run is refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KEYBOARD_ROWS = [
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "azertyuiop",
    "qwertzuiop",
    "abcdefghijklmnopqrstuvwxyz",
]


class PatternPasswordValidator:
    """Most characters of the password belong to a repetition or to a run along the keyboard or alphabet."""

    def __init__(self, share: float = 0.6) -> None:
        self.share = share

    def validate(self, password: str, user=None) -> None:
        text = password.lower()
        if len(text) >= 4 and self._patterned(text) >= self.share * len(text):
            raise ValidationError(
                _("This password is made of a repeated or keyboard pattern. Choose something less predictable."),
                code="password_pattern",
            )

    @staticmethod
    def _patterned(text: str) -> int:
        covered = [False] * len(text)
        for index in range(len(text) - 2):
            chunk = text[index : index + 3]
            repeated = len(set(chunk)) == 1
            run = any(chunk in row or chunk in row[::-1] for row in KEYBOARD_ROWS)
            if repeated or run:
                covered[index : index + 3] = [True, True, True]
        # A password that is one short piece said again and again ("abcabcabc").
        for size in range(1, len(text) // 2 + 1):
            if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
                return len(text)
        return sum(covered)

    def get_help_text(self) -> str:
        return _("Your password cannot be a repeated or keyboard pattern.")
