"""Shared building blocks of the file formats."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from est_cli.errors import N_
from est_cli.periods import YEARS


class Strict(BaseModel):
    """Every file model forbids unknown keys: a typo in a key is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


Text = Annotated[str, Field(min_length=1)]
IDENTIFIER_PATTERN = r"^[a-z0-9][a-z0-9_\-]*$"
Identifier = Annotated[
    str,
    Field(
        pattern=IDENTIFIER_PATTERN,
        description="lower-case id: letters a–z, digits, '_' and '-' (no å, ä, ö)",
    ),
]


# The largest count a pledge promises or reports (a target, a progress): generous for any
# real activity, and what est's number formatting is sure to write out.
MAX_COUNT = 1_000_000


def _check_day(value: date) -> date:
    """A date of the files lies in the years est's periods span (a typo like 9999 does not:
    its weeks and tertials cannot be counted)."""
    if value.year not in YEARS:
        raise ValueError(
            N_(
                "%(value)s is not a plausible date; expected a year from %(first)s to %(last)s",
                value=str(value),
                first=YEARS.start,
                last=YEARS[-1],
            )
        )
    return value


Day = Annotated[date, AfterValidator(_check_day)]


class Owner(StrEnum):
    """Who carries out an activity or a priority."""

    polisen = "polisen"
    kommunen = "kommunen"
    gemensamt = "gemensamt"


class Status(StrEnum):
    """Where an activity or focus area stands at a follow-up."""

    ej_paborjad = "ej påbörjad"
    pagar = "pågår"
    genomford = "genomförd"
    installd = "inställd"


_TERTIAL = re.compile(r"^(\d{4})-T([123])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _check_year(value: str, year: int) -> None:
    if year not in YEARS:
        raise ValueError(
            N_(
                "'%(value)s': the year is out of range; expected %(first)s–%(last)s",
                value=value,
                first=YEARS.start,
                last=YEARS[-1],
            )
        )


def _check_tertial(value: str) -> str:
    m = _TERTIAL.match(value)
    if not m:
        raise ValueError(
            N_("'%(value)s' is not a tertial; expected YYYY-T1, YYYY-T2 or YYYY-T3", value=value)
        )
    _check_year(value, int(m[1]))
    return value


def _check_week(value: str) -> str:
    m = _WEEK.match(value)
    if not m:
        raise ValueError(
            N_("'%(value)s' is not an ISO week; expected YYYY-Www, e.g. 2026-W47", value=value)
        )
    year, week = int(m[1]), int(m[2])
    _check_year(value, year)
    last = date(year, 12, 28).isocalendar().week
    if not 1 <= week <= last:
        raise ValueError(
            N_("'%(value)s': %(year)s has weeks 01–%(last)s", value=value, year=year, last=last)
        )
    return value


TertialKey = Annotated[str, AfterValidator(_check_tertial)]
WeekKey = Annotated[str, AfterValidator(_check_week)]


class Insats(Strict):
    """A measure with a date and place, e.g. a targeted police operation."""

    id: Identifier | None = Field(
        default=None, description="optional short id, for `est insats evaluate ID`"
    )
    title: Text = Field(description="what was done, e.g. 'Riktad insats mot villainbrott'")
    start: Day = Field(description="first day of the measure")
    end: Day | None = Field(default=None, description="last day; default: the start day")
    area: Identifier | None = Field(default=None, description="area id from est.yaml")
    categories: list[Identifier] = Field(
        default_factory=list, description="category ids the measure aimed at"
    )
    owner: Owner | None = Field(default=None, description="polisen, kommunen or gemensamt")
    note: str | None = Field(default=None, description="optional public remark")
    comparison: list[Identifier] = Field(
        default_factory=list,
        description="area ids the insats area is compared with in its evaluation; default: "
        "every other area of the municipality",
    )
