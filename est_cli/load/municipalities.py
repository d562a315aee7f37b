"""Sweden's municipalities and counties with SCB's codes, shipped with est.

The table (`est_cli/data/kommuner.csv`) is SCB's regional division, "Län och kommuner i
kodnummerordning": 290 municipalities in 21 counties. The police's events name a municipality
by its official name ("Upplands Väsby", "Falun") and a county by its name ("Skåne län"); the
code in est.yaml says which municipality a workspace is, so no name has to be guessed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from est_cli.load.aliases import normalize

TABLE = "kommuner.csv"


@dataclass(frozen=True)
class Municipality:
    code: str  # SCB's four digits, e.g. '0581'
    name: str  # the official name, e.g. 'Norrköping'
    county_code: str
    county: str  # e.g. 'Östergötlands län'


@cache
def municipalities() -> dict[str, Municipality]:
    """Every municipality by its code, in SCB's order."""
    text = resources.files("est_cli").joinpath("data", TABLE).read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return {
        r["municipality_code"]: Municipality(
            r["municipality_code"], r["municipality_name"], r["county_code"], r["county_name"]
        )
        for r in rows
    }


@cache
def _by_name() -> dict[str, Municipality]:
    return {normalize(m.name): m for m in municipalities().values()}


def by_name(name: str) -> Municipality | None:
    """The municipality whose official name this is ('norrköping' → Norrköping), or None."""
    return _by_name().get(normalize(name))


@cache
def county_names() -> frozenset[str]:
    """The counties' names, normalised ('skåne län')."""
    return frozenset(normalize(m.county) for m in municipalities().values())


def is_county(name: str) -> bool:
    """Whether `name` is a county ('Östergötlands län'), as the police name events that
    concern a whole county."""
    return normalize(name) in county_names()
