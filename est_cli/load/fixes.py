"""The est.yaml snippets that would fix an unknown or ambiguous value in an export.

A problem says what is wrong; its `fix` is what to write, ready to copy: the value as an
alias of a category (or of an area), or an ignore entry that leaves its rows out. Values are
written as JSON strings, which YAML reads back as the same text whatever they hold.
"""

from __future__ import annotations

import json

from est_cli.errors import N_, Lines
from est_cli.models.settings import IncidentSource


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _source_block(source: IncidentSource, body: list[str]) -> list[str]:
    files = ", ".join(_quoted(f) for f in source.files)
    return ["sources:", "  incidents:", f"    - files: [{files}]", *(f"      {b}" for b in body)]


def ignore_category(source: IncidentSource, value: str) -> list[str]:
    return _source_block(source, ["ignore:", f"  categories: [{_quoted(value)}]"])


def ignore_column(source: IncidentSource, header: str, value: str) -> list[str]:
    return _source_block(
        source, ["ignore:", "  columns:", f"    {_quoted(header)}: [{_quoted(value)}]"]
    )


def category_fix(
    source: IncidentSource, value: str, ident: str | None, name: str | None, ambiguous: bool
) -> str:
    """Count `value` as a category (the suggested one, or one to choose), or leave it out
    (offered when nothing close was found: a misspelling is not left out, it is fixed)."""
    lines: list[str] = [
        N_("# in est.yaml, count it as %(name)s:", name=name)
        if name
        else N_("# in est.yaml, count it as a category (write its id):"),
        "categories:",
        f"  - id: {ident or '…'}",
        f"    aliases: [{_quoted(value)}]",
    ]
    if not ident or ambiguous:
        lines += [N_("# or leave these rows out of every figure:"), *ignore_category(source, value)]
    return Lines(lines)


def area_fix(source: IncidentSource, header: str, value: str, ident: str | None) -> str:
    """Add `value` to an area's aliases, or leave its rows out."""
    lines: list[str] = [
        N_("# in est.yaml, add it to the aliases of area '%(id)s':", id=ident)
        if ident
        else N_("# in est.yaml, add it to the aliases of the area it means:"),
        "areas:",
        f"  - id: {ident or '…'}",
        N_("    aliases: [%(value)s]  # beside the aliases already there", value=_quoted(value)),
    ]
    if not ident:
        lines += [
            N_("# or leave these rows out of every figure:"),
            *ignore_column(source, header, value),
        ]
    return Lines(lines)
