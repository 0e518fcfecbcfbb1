"""What changed between two versions of a legislation answer, citation by citation and field by field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext_lazy as _

FIELDS = ("title", "provision", "url")
FIELD_LABELS = {"title": _("Title of the law"), "provision": _("Provision"), "url": _("Link to the text")}

Change = Literal["added", "removed", "changed", "unchanged"]


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class CitationChange:
    change: Change
    fields: list[FieldChange]


def _citations(value) -> list[dict[str, str]]:
    if not isinstance(value, list):
        return []
    return [
        {field: str(item.get(field) or "") for field in FIELDS}
        for item in value
        if isinstance(item, dict) and any(item.get(field) for field in FIELDS)
    ]


def _shared(old: dict[str, str], new: dict[str, str]) -> int:
    """How many fields two citations share (empty fields do not count): 0 means they are unrelated."""
    return sum(1 for field in FIELDS if old[field] and old[field] == new[field])


def _change(change: Change, old: dict[str, str] | None, new: dict[str, str] | None) -> CitationChange:
    return CitationChange(
        change=change,
        fields=[
            FieldChange(
                name=field,
                label=str(FIELD_LABELS[field]),
                old=old[field] if old else "",
                new=new[field] if new else "",
            )
            for field in FIELDS
        ],
    )


def _closest(before: dict[str, str], candidates: list[dict[str, str]]) -> int | None:
    """Where the candidate sharing most with ``before`` stands (the same title first); None if none shares a field."""
    scores = [(candidate["title"] == before["title"], _shared(before, candidate)) for candidate in candidates]
    best = max(range(len(candidates)), key=lambda position: scores[position], default=None)
    return best if best is not None and scores[best][1] else None


def citation_diff(old_value, new_value) -> list[CitationChange]:
    """Each citation of either version: added, removed, changed (its old and new fields side by side) or unchanged.

    Identical citations are unchanged wherever they moved; of the others, an old citation is the
    new one it shares most fields with (the same title first), and one sharing none was removed.
    Citations come in the new version's order, a removed one where it stood.
    """
    old, new = _citations(old_value), _citations(new_value)
    matched: dict[int, tuple[int, Change]] = {}
    unused = list(range(len(new)))
    for index, before in enumerate(old):
        same = next((candidate for candidate in unused if new[candidate] == before), None)
        if same is not None:
            unused.remove(same)
            matched[index] = (same, "unchanged")
    for index, before in enumerate(old):
        closest = None if index in matched else _closest(before, [new[candidate] for candidate in unused])
        if closest is not None:
            matched[index] = (unused.pop(closest), "changed")
    placed: list[tuple[float, CitationChange]] = []
    for index, before in enumerate(old):
        if index in matched:
            after, change = matched[index]
            placed.append((after, _change(change, before, new[after])))
        else:
            earlier = [after for position, (after, _kind) in matched.items() if position < index]
            placed.append((max(earlier, default=-1) + 0.5, _change("removed", before, None)))
    placed.extend((index, _change("added", None, new[index])) for index in unused)
    return [change for _key, change in sorted(placed, key=lambda pair: pair[0])]
