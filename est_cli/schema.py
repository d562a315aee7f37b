"""JSON Schema of the YAML formats, derived from the pydantic models (for editors)."""

from __future__ import annotations

import json

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaValue

from est_cli.models.pledge import Pledge
from est_cli.models.settings import Settings
from est_cli.models.week import WeekNotes

KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "settings": (Settings, "est.schema.json", "est.yaml: workspace settings"),
    "pledge": (Pledge, "pledge.schema.json", "pledges/*.yaml: a medborgarlöfte"),
    "week": (WeekNotes, "week.schema.json", "weeks/YYYY-Www.yaml: the meeting's notes"),
}


def json_schema(kind: str) -> JsonSchemaValue:
    model, filename, title = KINDS[kind]
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": filename,
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
