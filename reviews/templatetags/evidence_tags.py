"""What the evidence partial needs: each question's form, the size limit, the names of the kinds."""

from __future__ import annotations

from django import template
from django.conf import settings

from reviews.evidence_forms import EvidenceForm
from reviews.file_kinds import allowed_kinds, kind_of

register = template.Library()


@register.simple_tag
def evidence_form(question, data=None, problems=None) -> EvidenceForm:
    """Bound to what was posted when this question's upload was refused, so nothing typed is lost."""
    if problems and question.pk in problems:
        return EvidenceForm(data, question_pk=question.pk)
    return EvidenceForm(question_pk=question.pk)


@register.simple_tag
def evidence_max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES


@register.simple_tag
def evidence_kinds() -> str:
    """The kinds an upload may be, named in the reader's language."""
    return ", ".join(str(kind.label) for kind in allowed_kinds())


@register.filter
def evidence_kind(content_type: str) -> str:
    kind = kind_of(content_type)
    return str(kind.label) if kind else content_type
