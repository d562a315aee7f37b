"""JSON Schema of the YAML formats, derived from the pydantic models (for editors), and the
categories an export's values may name (`est categories`)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaValue

from est_cli.models.lagesbild import Lagesbild
from est_cli.models.pledge import Pledge
from est_cli.models.settings import Settings
from est_cli.models.taxonomy import DEFAULT_CATEGORIES
from est_cli.models.week import WeekNotes

KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "settings": (Settings, "est.schema.json", "est.yaml: workspace settings"),
    "pledge": (Pledge, "pledge.schema.json", "pledges/*.yaml: a medborgarlöfte"),
    "week": (WeekNotes, "week.schema.json", "weeks/YYYY-Www.yaml: the meeting's notes"),
    "lagesbild": (
        Lagesbild,
        "lagesbild.schema.json",
        "lagesbild/YYYY.yaml: the yearly lägesbild's analysis and proposed measures",
    ),
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


@dataclass(frozen=True)
class CategoryInfo:
    """One category as a user mapping an export's values needs it (`est categories`)."""

    id: str
    name: str
    group: str | None
    aliases: list[str]
    default: bool  # one of est's default categories (perhaps with aliases from est.yaml)


def categories(settings: Settings | None) -> list[CategoryInfo]:
    """The categories a workspace's exports may name (by id, name or alias), in est.yaml's
    order after the defaults; without settings, est's default categories."""
    defaults = {c[0] for c in DEFAULT_CATEGORIES}
    if settings is None:
        return [CategoryInfo(i, n, g, list(a), True) for i, n, g, a in DEFAULT_CATEGORIES]
    return [
        CategoryInfo(c.id, c.name or c.id, c.group, list(c.aliases), c.id in defaults)
        for c in settings.resolved_categories()
    ]


def categories_json(items: list[CategoryInfo]) -> str:
    rows = [asdict(c) for c in items]
    return json.dumps({"categories": rows}, ensure_ascii=False, indent=2) + "\n"
