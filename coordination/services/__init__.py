"""Writes of national coordination, by area; import them from here."""

from coordination.services.contributors import invite_contributor, remove_contributor

__all__ = ["invite_contributor", "remove_contributor"]
