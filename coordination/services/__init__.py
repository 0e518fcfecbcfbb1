"""Writes of national coordination, by area; import them from here."""

from coordination.services.assignments import AssignmentRefused, assign, unassign

__all__ = ["AssignmentRefused", "assign", "unassign"]
