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

from est_cli.errors import N_, DataError, Problem, did_you_mean
from est_cli.load.aliases import Registry, normalize
from est_cli.load.municipalities import by_name, municipalities
from est_cli.load.yamldoc import YamlDoc
from est_cli.load.yamlvalidation import load_model
from est_cli.models.polisen import POLISEN_DIR, builtin_types
from est_cli.models.polisen_archive import ARCHIVE_FILE, PoliceArchive
from est_cli.models.settings import SKIP, Polisen, Settings

# Municipalities whose genitive is not the name and an 's' ("Falu kommun" is Falun's), or
# whose name ends in an 's' after a consonant (the rule below takes it for a genitive).
_GENITIVE = {"falu": "Falun", "grums": "Grums"}


# A cell that would start a formula in a spreadsheet (OWASP, "CSV Injection"): the import
# writes it behind an apostrophe, which spreadsheets show as text, and est reads it back
# without it.
FORMULA_START = "=+-@\t\r"
NEUTRALISED = r"^'(?=[=+\-@\t\r])"


def neutralise(cell: str) -> str:
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)", for a CSV opened in a spreadsheet."""
    return "'" + cell if cell[:1] and cell[0] in FORMULA_START else cell


def read_archive(root: Path) -> PoliceArchive | None:
    """data/polisen/archive.yaml, or None when there is none yet; a file est cannot use is
    an error at its line (it is in the workspace, so a pull request may have changed it)."""
    path = root / ARCHIVE_FILE
    if not path.is_file():
        return None
    record, _, problems = load_model(path, ARCHIVE_FILE, PoliceArchive)
    if record is None or any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return record


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
    """The official names of the municipalities whose events a workspace keeps: those under
    `polisen.municipalities`, else the one of `municipality_code`, else the name derived
    from `municipality` (a workspace made before est init wrote the code)."""
    police = settings.polisen or Polisen()
    if police.municipalities:
        return police.municipalities
    known = municipalities().get(settings.municipality_code or "")
    return [known.name if known else municipality_name(settings.municipality)]


def code_problem(settings: Settings, doc: YamlDoc, *, importing: bool = False) -> Problem | None:
    """est.yaml's `municipality_code` checked against SCB's table; when it is missing and the
    police's events are used, the line to add (from `municipality` when the name is known).

    `importing`: a missing code whose name is not in the table is an error, since nothing
    of the police's events could be told to be the workspace's."""
    code = settings.municipality_code
    police = settings.polisen or Polisen()
    if code is not None:
        if code in municipalities():
            return None
        guess = by_name(municipality_name(settings.municipality))
        return doc.problem(
            ("municipality_code",),
            N_("'%(value)s' is not a municipality code in SCB's table", value=code),
            hint=N_("did you mean '%(code)s' (%(name)s)?", code=guess.code, name=guess.name)
            if guess
            else N_("SCB's codes have four digits, e.g. '0481' for Oxelösund"),
            code="unknown-municipality",
        )
    if police.municipalities:
        return None
    guess = by_name(municipality_name(settings.municipality))
    if guess is None:
        return Problem(
            "est.yaml",
            *doc.locate(("municipality",)),
            "municipality_code",
            N_(
                "'%(name)s' is no municipality in SCB's table, so est cannot tell which of the "
                "police's events are this municipality's",
                name=municipality_name(settings.municipality),
            ),
            hint=N_("add municipality_code: with SCB's four-digit code after this line"),
            severity="error" if importing else "warning",
            code="missing-municipality-code",
        )
    return Problem(
        "est.yaml",
        *doc.locate(("municipality",)),
        "municipality_code",
        N_(
            "est.yaml has no municipality_code; the police's events of %(name)s (SCB code "
            "%(code)s) are taken as this municipality's",
            name=guess.name,
            code=guess.code,
        ),
        hint=N_("add this line after line %(line)s", line=doc.locate(("municipality",))[0] or 1),
        severity="warning",
        code="missing-municipality-code",
        fix=f'municipality_code: "{guess.code}"',
    )


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
    out: list[Problem] = []
    code = code_problem(settings, doc) if settings.municipality_code or police else None
    if code is not None:
        out.append(code)
    if police is None or not isinstance(doc.data, dict) or "polisen" not in doc.data:
        return out
    if police.area is not None and areas.resolve(police.area) is None:
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
