"""The workspace's side of the police's open events: which municipalities, which types.

A workspace whose data/polisen/ holds imported events reads them with the `polisen:`
defaults even when est.yaml has no such section, so `est check` knows the police's own
categories the import wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from est_cli.errors import N_, Problem, did_you_mean
from est_cli.load.aliases import Registry, normalize
from est_cli.load.yamldoc import YamlDoc
from est_cli.models.polisen import POLISEN_DIR, builtin_types
from est_cli.models.settings import SKIP, Polisen, Settings

# Municipalities whose genitive is not the name and an 's' ("Falu kommun" is Falun's), or
# whose name ends in an 's' after a consonant (the rule below takes it for a genitive).
_GENITIVE = {"falu": "Falun", "grums": "Grums"}


def police_rows(frame: pd.DataFrame) -> pd.Series[bool]:
    """The rows `est import polisen` wrote (files under data/polisen/)."""
    return frame["source"].astype(str).str.startswith(POLISEN_DIR + "/")


def with_police(root: Path, settings: Settings) -> Settings:
    """The settings with `polisen:`'s defaults when imported events are there to read."""
    if settings.polisen is None and any((root / POLISEN_DIR).glob("*.csv")):
        return settings.model_copy(update={"polisen": Polisen()})
    return settings


def municipality_name(municipality: str) -> str:
    """The name the police use: 'Trelleborgs kommun' → 'Trelleborg', 'Solna stad' → 'Solna'.

    Swedish adds a genitive -s before 'kommun'/'stad', except to names that already end in
    s (Borås, Bollnäs, Hofors): an -s after a vowel or an r is part of the name. The one
    rule: est init's place of signing (est_cli.scaffold.place_name) calls this too.
    """
    name = re.sub(r"^region\s+", "", municipality.strip(), flags=re.I)
    match = re.match(r"^(.*?)\s+(?:kommun|stad)$", name, flags=re.I)
    if not match:
        return name
    base = match[1].strip()
    if base.casefold() in _GENITIVE:
        return _GENITIVE[base.casefold()]
    if len(base) > 2 and base.endswith("s") and base[-2].lower() not in "aeiouyåäör":
        return base[:-1]
    return base


def municipality_names(settings: Settings) -> list[str]:
    police = settings.polisen or Polisen()
    return police.municipalities or [municipality_name(settings.municipality)]


@dataclass(frozen=True)
class TypeTable:
    """Police type (normalised) → category id or None (skipped), with the spellings."""

    table: dict[str, str | None]
    spelling: dict[str, str]

    @classmethod
    def of(cls, police: Polisen) -> TypeTable:
        spelled = builtin_types()
        for t in police.skip:
            spelled[t] = None
        for t, ident in police.types.items():
            spelled[t] = None if ident == SKIP else ident
        table = {normalize(t): ident for t, ident in spelled.items()}
        spelling = {normalize(t): t for t in spelled}
        return cls(table, spelling)

    def known(self, police_type: str) -> bool:
        return normalize(police_type) in self.table

    def category(self, police_type: str) -> str | None:
        return self.table.get(normalize(police_type))

    def closest(self, police_type: str) -> str | None:
        close = did_you_mean(normalize(police_type), list(self.table), n=1)
        return self.spelling[close[0]] if close else None


def police_problems(
    settings: Settings, doc: YamlDoc, areas: Registry, categories: Registry
) -> list[Problem]:
    """est.yaml's `polisen:` section checked against the areas and categories."""
    police = settings.polisen
    if police is None or not isinstance(doc.data, dict) or "polisen" not in doc.data:
        return []
    out: list[Problem] = []
    if areas.resolve(police.area) is None:
        out.append(
            doc.problem(
                ("polisen", "area"),
                areas.unknown(police.area),
                hint=areas.unknown_hint(police.area),
                code="unknown-area",
            )
        )
    for police_type, ident in police.types.items():
        if ident != SKIP and ident not in categories.names:
            out.append(
                doc.problem(
                    ("polisen", "types", police_type),
                    N_("'%(value)s' is not a category id", value=ident),
                    hint=N_(
                        "%(hint)s; or write '%(skip)s' to leave the type out",
                        hint=categories.unknown_hint(ident),
                        skip=SKIP,
                    ),
                    code="unknown-category",
                )
            )
    return out
