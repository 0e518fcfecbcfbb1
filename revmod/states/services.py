from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation

from revmod.states.data import member_state_rows
from revmod.states.models import MemberState


def name_fields(names: dict[str, str]) -> dict[str, str]:
    """Babel's names keyed by the modeltranslation columns (``name_zh_hans``)."""
    return {f"name_{code.replace('-', '_')}": names[code] for code, _label in settings.LANGUAGES} | {
        "name": names[settings.LANGUAGE_CODE]
    }


@transaction.atomic
def sync_member_states(model: type[MemberState] = MemberState) -> int:
    """Create or update every State from the data file; return how many changed.

    ``model`` lets the data migration pass its historical model.
    """
    # The untranslated ``name`` column holds English: compare and write it in English
    # whatever language the calling request had activated.
    with translation.override(settings.LANGUAGE_CODE):
        return _sync_member_states(model)


def _sync_member_states(model: type[MemberState]) -> int:
    existing = {state.iso3: state for state in model.objects.all()}
    to_create, to_update = [], []
    for row in member_state_rows():
        values = {key: value for key, value in row.items() if key != "names"} | name_fields(row["names"])
        state = existing.get(row["iso3"])
        if state is None:
            to_create.append(model(**values))
        elif any(getattr(state, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(state, key, value)
            to_update.append(state)
    model.objects.bulk_create(to_create)
    if to_update:
        fields = [key for key in vars(to_update[0]) if key.startswith(("name", "party_", "regional", "iso2"))]
        model.objects.bulk_update(to_update, fields)
    return len(to_create) + len(to_update)
