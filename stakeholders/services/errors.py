from __future__ import annotations


class StakeholderError(Exception):
    """A request the rules refuse; the message is for the person who made it, in their language."""
