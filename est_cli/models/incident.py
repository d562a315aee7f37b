"""One incident row, after column mapping and validation."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class Incident(BaseModel):
    """A usable incident. `occurred_at` is naive local wall time in the workspace zone."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="unique id; derived from the row's content when missing")
    occurred_at: datetime = Field(description="local date and time (00:00 when time unknown)")
    has_time: bool = Field(description="false when the export gave only a date")
    area: str = Field(description="area id")
    category: str = Field(description="category id")
    place: str | None = None
    reporter_org: str | None = None
    severity: int | None = None
    description: str | None = Field(default=None, description="internal only, never published")
    lat: float | None = None
    lon: float | None = None
    source: str = Field(description="workspace-relative path of the CSV file")
    line: int = Field(description="line number of the row in its file")
