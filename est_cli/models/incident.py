"""One incident row, after column mapping and validation."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

# The area of a row that is in no area: counted in every total and category, shown apart
# from the areas, never ranked among them. Not an identifier est.yaml can give an area.
UNPLACED_AREA = "_unplaced"


class Incident(BaseModel):
    """A usable incident. `occurred_at` is naive local wall time in the workspace zone."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="unique id; derived from the row's content when missing")
    occurred_at: datetime = Field(description="local date and time (00:00 when time unknown)")
    has_time: bool = Field(description="false when the export gave only a date")
    area: str = Field(
        description=f"area id, or {UNPLACED_AREA!r}: in no area (the whole municipality)"
    )
    category: str = Field(description="category id")
    place: str | None = None
    reporter_org: str | None = None
    severity: int | None = None
    description: str | None = Field(default=None, description="internal only, never published")
    lat: float | None = None
    lon: float | None = None
    source: str = Field(description="workspace-relative path of the CSV file")
    line: int = Field(description="line number of the row in its file")


# How each field is held in the incident frame. The kinds come from the model's own types;
# the sizes are chosen for memory (a million rows): repeated text as categories, a small
# severity scale in 16 bits, line numbers in 32.
_KINDS = {str: "string", datetime: "datetime64[ns]", bool: "bool", int: "Int64", float: "Float64"}
_COMPACT = {
    "area": "category",
    "category": "category",
    "place": "category",
    "reporter_org": "category",
    "source": "category",
    "severity": "Int16",
    "line": "int32",
}


def frame_dtypes() -> dict[str, str]:
    """Column → pandas dtype for every field of `Incident`, in the model's order."""
    out: dict[str, str] = {}
    for name, info in Incident.model_fields.items():
        kinds = [t for t in getattr(info.annotation, "__args__", (info.annotation,)) if t in _KINDS]
        out[name] = _COMPACT.get(name, _KINDS[kinds[0]])
    return out
