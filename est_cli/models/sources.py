"""est.yaml's `sources:`: which files hold each kind of export, and how to read them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from est_cli.errors import N_
from est_cli.models.base import Strict, Text


class IncidentField(StrEnum):
    """The fields of an incident row that export columns can be mapped to."""

    id = "id"
    occurred_at = "occurred_at"
    date = "date"
    time = "time"
    area = "area"
    category = "category"
    place = "place"
    reporter_org = "reporter_org"
    severity = "severity"
    description = "description"
    lat = "lat"
    lon = "lon"
    ignore = "ignore"


class Ignore(Strict):
    """Rows of an export that are not part of the situation picture (traffic accidents,
    summaries of the night): left out of every figure, and counted wherever rows are."""

    categories: list[Text] = Field(
        default_factory=list,
        description="category values whose rows are left out, as the export writes them "
        "(any case or spacing), e.g. 'Trafikolycka'",
    )
    columns: dict[Text, list[Text]] = Field(
        default_factory=dict,
        description="export header → values whose rows are left out, e.g. "
        "{'Rapportör': ['Testkonto']}",
    )


def _check_pattern(pattern: str) -> str:
    """A glob pattern names files: not just '.' (a pattern reaching outside the workspace,
    absolute or with '..', is refused where the workspace is read: est_cli.load.confine)."""
    if not PurePosixPath(pattern).parts:
        raise ValueError(
            N_(
                "'%(pattern)s' names no files; write a pattern such as %(example)s",
                pattern=pattern,
                example=DEFAULT_FILES,
            )
        )
    return pattern


DEFAULT_FILES = "data/incidents/*.csv"
Pattern = Annotated[Text, AfterValidator(_check_pattern)]


class CsvSource(Strict):
    """What every source of exports says: which files, and how to read their text (an
    Excel workbook, .xlsx, is read as it is)."""

    files: list[Pattern] = Field(
        description="glob patterns relative to the workspace, e.g. 'data/incidents/*.csv'"
    )
    delimiter: Literal["auto", ";", ",", "\t"] = Field(
        default="auto", description="column separator; 'auto' detects ';', ',' or tab"
    )
    encoding: Literal["auto", "utf-8", "utf-8-sig", "cp1252", "latin-1"] = Field(
        default="auto", description="'auto' detects UTF-8 (with or without BOM) or Windows-1252"
    )

    @field_validator("files", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class IncidentSource(CsvSource):
    """Which CSV or Excel files hold incidents, and how to read them."""

    decimal: Literal[",", "."] = Field(default=",", description="decimal mark in numbers")
    columns: dict[str, IncidentField] = Field(
        default_factory=dict,
        description="export header → est field, for headers est does not recognise by itself",
    )
    ignore: Ignore = Field(
        default_factory=Ignore,
        description="rows to leave out: category values, or any column's values; counted in "
        "est check and in every document's data note",
    )


class PoliceSource(IncidentSource):
    """The files `est import polisen` writes: an empty area is the whole municipality (the
    police's events carry only its centre), and a text it neutralised for spreadsheets
    ("'=…") is read back as the police wrote it. Not a setting: est adds it by itself."""


SURVEY_FILES = ["data/survey/*.csv", "data/survey/*.xlsx"]


class SurveySource(CsvSource):
    """Which CSV or Excel files hold the survey tool's exports, and how to read them."""

    columns: dict[str, Text] = Field(
        default_factory=dict,
        description="export header → submitted_at, respondent, organisation, area, comment, "
        "ignore, or a factor id: for headers est does not recognise by itself",
    )


STATISTICS_FILES = "data/statistik/*.csv"


class StatisticsField(StrEnum):
    """The columns of the police's monthly statistics of reported crimes (anmälda brott)."""

    month = "month"
    category = "category"
    count = "count"  # type: ignore[assignment]  # the member, not str.count
    area = "area"
    ignore = "ignore"


class StatisticsSource(CsvSource):
    """Which CSV or Excel files hold the police's statistics: one row per month and crime
    category (and area, when the police break it down), with the number of reported crimes.
    The categories are the police's own labels, never est's incident categories."""

    columns: dict[str, StatisticsField] = Field(
        default_factory=dict,
        description="file header → month, category, count, area or ignore, for headers est "
        "does not recognise by itself (Månad, Brottskategori, Antal, Område are)",
    )


class Sources(Strict):
    incidents: list[IncidentSource] = Field(
        default_factory=lambda: [IncidentSource(files=[DEFAULT_FILES])],
        min_length=1,
        description="incident exports; default: data/incidents/*.csv",
    )
    survey: list[SurveySource] = Field(
        default_factory=lambda: [SurveySource(files=list(SURVEY_FILES))],
        min_length=1,
        description="survey exports, read when est.yaml has a survey section; default: "
        "data/survey/*.csv and *.xlsx",
    )
    statistics: list[StatisticsSource] = Field(
        default_factory=list,
        description="the police's monthly statistics of reported crimes, e.g. "
        "data/statistik/*.csv; none unless given",
    )
