"""Writes of national coordination, by area; import them from here."""

from coordination.services.assignments import AssignmentRefused, assign, unassign
from coordination.services.contributors import invite_contributor, remove_contributor

__all__ = ["AssignmentRefused", "assign", "invite_contributor", "remove_contributor", "unassign"]
