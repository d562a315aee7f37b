"""An export's area and category values: resolved to ids, or a problem with its fix; and
the rows est.yaml's `ignore:` leaves out.

Each distinct value is looked at once. A value est does not know, or one that exports use
for more than one thing ('Brand': arson, or any fire), is an error on its rows with the
est.yaml snippet that decides it. Ignored rows are not errors and not incidents: they are
counted, by the rule that matched, wherever rows are counted.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from est_cli.errors import N_, Problem
from est_cli.load.aliases import Registry, normalize
from est_cli.load.fixes import area_fix, category_fix
from est_cli.load.found import Found, distinct, text_at
from est_cli.models.incident import UNPLACED_AREA
from est_cli.models.settings import IncidentField, IncidentSource

F = IncidentField


def resolve(
    values: pd.Series[str],
    fld: IncidentField,
    registry: Registry,
    found: Found,
    source: IncidentSource,
    exempt: npt.NDArray[np.bool_] | None = None,
) -> pd.Categorical[str]:
    """Area or category ids (a categorical); an unknown or ambiguous value is a problem on
    each of its rows, with a suggestion only when one is really close. `exempt` rows are
    not reported (an empty area that the row's position places)."""
    codes, uniques = distinct(values)
    header = found.header(fld)
    ids: list[str | None] = []
    messages: dict[int, tuple[str, str | None]] = {}
    fixes: dict[int, str | None] = {}
    codes_of: dict[int, str] = {}
    for u, raw in enumerate(uniques.tolist()):
        ambiguous = registry.ambiguity(raw) if raw else None
        ident = registry.resolve(raw) if raw and not ambiguous else None
        ids.append(ident)
        if ident is not None:
            continue
        codes_of[u] = f"unknown-{registry.kind}"
        if not raw:
            messages[u] = (registry.empty(), N_("known: %(names)s", names=registry.known()))
            fixes[u] = None
        elif ambiguous:
            guess, other = ambiguous
            name = registry.names[guess]
            messages[u] = (
                N_(
                    "'%(value)s' is ambiguous (it may mean %(name)s, or %(other)s)",
                    value=raw,
                    name=name,
                    other=other,
                ),
                N_("est does not guess: decide in est.yaml what it is, or leave such rows out"),
            )
            fixes[u] = category_fix(source, raw, guess, name, ambiguous=True)
            codes_of[u] = f"ambiguous-{registry.kind}"
        else:
            close = registry.closest(raw)
            first = close[0] if close else None
            hint = registry.hint(raw) or N_(
                "known: %(names)s; add it (or an alias) in est.yaml", names=registry.known()
            )
            messages[u] = (registry.unknown(raw), hint)
            fixes[u] = (
                category_fix(source, raw, first, registry.names.get(first or ""), ambiguous=False)
                if fld == F.category
                else area_fix(source, header, raw, first)
            )
    for code in sorted(set(codes_of.values())):
        which = [u for u, c in codes_of.items() if c == code]
        wrong = np.isin(codes, which)
        if exempt is not None:
            wrong &= ~exempt
        rows = np.flatnonzero(wrong)
        if not rows.size:
            continue
        found.add(
            rows,
            fld,
            lambda r: messages[codes[r]],
            code,
            fix=lambda r: fixes[codes[r]],
        )
    # all ids, so every file's column has the same type; an area may be none (UNPLACED_AREA)
    categories = sorted([*registry.names, UNPLACED_AREA] if fld == F.area else registry.names)
    position: dict[str | None, int] = {ident: k for k, ident in enumerate(categories)}
    lookup = np.array([position.get(i, -1) for i in ids], dtype=np.int32)
    row_codes = lookup[codes] if len(codes) else np.zeros(0, dtype=np.int32)
    return pd.Categorical.from_codes(row_codes, categories=pd.Index(categories))


def ignored(
    cells: pd.DataFrame,
    headers: list[str],
    mapping: dict[IncidentField, int],
    source: IncidentSource,
) -> npt.NDArray[np.object_]:
    """For every row, the `ignore:` rule that leaves it out ('Trafikolycka', 'Rapportör =
    Testkonto'), or None. Values and headers match in any case or spacing; the first rule
    that matches a row names it."""
    labels: npt.NDArray[np.object_] = np.full(len(cells), None, dtype=object)
    rules: list[tuple[int, dict[str, str]]] = []
    if source.ignore.categories and F.category in mapping:
        wanted = {normalize(v): v for v in source.ignore.categories}
        rules.append((mapping[F.category], wanted))
    for header, values in source.ignore.columns.items():
        for i, h in enumerate(headers):
            if normalize(h) == normalize(header):
                rules.append((i, {normalize(v): f"{h} = {v}" for v in values}))
                break
    for i, wanted in rules:
        codes, uniques = distinct(cells[i])
        names = [wanted.get(normalize(text_at(uniques, u))) for u in range(len(uniques))]
        if not any(names):
            continue
        row_names = np.array(names, dtype=object)[codes]
        free = pd.isna(labels)
        labels[free] = row_names[free]
    return labels


def missing_ignore_columns(
    rel: str, line: int, headers: list[str], source: IncidentSource
) -> list[Problem]:
    """A warning for each `ignore.columns` header this file lacks: a rule that cannot match
    is not left to look as if it had nothing to ignore."""
    present = {normalize(h) for h in headers}
    return [
        Problem(
            rel,
            line,
            None,
            "sources.incidents.ignore.columns",
            N_(
                "est.yaml ignores rows by the column '%(header)s', but this file has no such "
                "column",
                header=header,
            ),
            severity="warning",
            hint=N_(
                "the file's columns: %(columns)s; correct the header in est.yaml, or remove "
                "the rule",
                columns=", ".join(h for h in headers if h),
            ),
            code="ignore-column-missing",
        )
        for header in source.ignore.columns
        if normalize(header) not in present
    ]
