"""data/polisen/archive.yaml: since when the workspace's archive of the police's events is whole.

The police's feed serves only its latest 500 events (about a week of the whole country): an
event not fetched in time is gone for good. `est import polisen` writes down the first day
the archive holds in full and every stretch it missed, so a document never counts the weeks
before the archive starts as weeks without events.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from est_cli.models.base import Strict

ARCHIVE_FILE = "data/polisen/archive.yaml"


class Gap(Strict):
    """A stretch no import covered: events the police published in it were never imported."""

    after: datetime = Field(description="the last event published before the gap")
    before: datetime = Field(description="the first event published after it")


class PoliceArchive(Strict):
    """What est import polisen has seen of the feed (written by est; review it, don't edit)."""

    since: date = Field(description="the first day the imports hold in full")
    latest: datetime = Field(description="when the latest event imported was published")
    gaps: list[Gap] = Field(default_factory=list, description="stretches no import covered")
