"""The questionnaires in the JSON API: read as participants may, written by the secretariat as documents."""
