"""Writes of national coordination, by area; import them from here."""
