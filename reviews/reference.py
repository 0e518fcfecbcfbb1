"""Load reviews/data/reference.yaml: instruments, clusters and step durations."""

from __future__ import annotations

from pathlib import Path

import yaml

REFERENCE_FILE = Path(__file__).parent / "data" / "reference.yaml"


def translated(values: dict[str, str], field: str) -> dict[str, str]:
    """``{"en": "x", "zh-hans": "y"}`` as modeltranslation columns ``{"field_en": "x", "field_zh_hans": "y"}``."""
    columns = {f"{field}_{code.replace('-', '_')}": text for code, text in values.items()}
    return columns | {field: values["en"]}


def load_reference_data(instrument_model, cluster_model, duration_model) -> None:
    """Create or update the reference rows; the models may be a migration's historical ones."""
    data = yaml.safe_load(REFERENCE_FILE.read_text(encoding="utf-8"))
    for item in data["instruments"]:
        fields = translated(item["name"], "name") | translated(item["short_name"], "short_name")
        instrument_model.objects.update_or_create(code=item["code"], defaults=fields | {"order": item["order"]})
    for item in data["clusters"]:
        cluster_model.objects.update_or_create(number=item["number"], defaults=translated(item["name"], "name"))
    for step, days in data["step_days"].items():
        duration_model.objects.get_or_create(step=step, defaults={"days": days})
