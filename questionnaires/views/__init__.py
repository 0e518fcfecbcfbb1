"""The authoring and translation pages of the secretariat."""
