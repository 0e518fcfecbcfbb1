"""Authoring the self-assessment questionnaires, and translating them: the secretariat's tools.

The questionnaire models belong to ``reviews`` (reviews answer them); this app writes them
through its own services and reads them through ``reviews``. Nothing in ``reviews`` imports it.
"""
