"""The pages of national coordination, by area."""
