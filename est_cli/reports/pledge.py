"""`est pledge render`: the medborgarlöfte document itself, ready to publish.

Introduction, the situation, what we will achieve together, what the police and the
municipality promise (the focus areas and their activities with measurable targets), the
expected effect, how and when it is followed up, place, date and signatories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from est_cli.errors import N_, Problem
from est_cli.load.personal import in_pledge_document
from est_cli.load.pledges import load_pledge_file, pledge_for_day
from est_cli.load.workspace import Workspace
from est_cli.models.pledge import Pledge
from est_cli.periods import Tertial
from est_cli.render.document import document_env, render_formats
from est_cli.render.fmt import Formatter
from est_cli.render.labels import owner_names
from est_cli.reports.identity import identity_context
from est_cli.reports.period import (
    building,
    document_language,
    refuse_placeholders,
    require_complete,
    write_document,
)
from est_cli.reports.personal import personal_data_in, refuse_personal_data

FORMATS = ("md", "html", "pdf")


@dataclass
class PledgeResult:
    pledge: str
    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)
    root: Path = Path(".")


def render_pledge(
    ws: Workspace,
    *,
    today: date,
    pledge: Path | None = None,
    formats: list[str] | None = None,
    out: Path | None = None,
    language: str | None = None,
    allow_personal_data: bool = False,
    strict: bool = False,
) -> PledgeResult:
    """Render `pledge`, or the one valid `today` (the only one, when there is just one)."""
    lang = document_language(ws, language)
    loaded = load_pledge_file(ws, pledge) if pledge else pledge_for_day(ws, today)
    assert loaded.model is not None and loaded.doc is not None
    refuse_placeholders(loaded.problems, file=loaded.rel, document=N_("pledge document"))
    personal = personal_data_in(ws, loaded.doc, in_pledge_document, allow=allow_personal_data)
    refuse_personal_data(personal, document=N_("pledge document"))
    require_complete(
        personal, document=N_("pledge document"), stop_on="warning" if strict else "fatal"
    )
    stem = loaded.path.stem
    with building(ws, "pledge", stem, N_("est pledge render of %(file)s", file=loaded.rel)):
        env, fmt = document_env(ws.root, lang)
        context = pledge_context(loaded.model, fmt)
        context.update(identity_context(ws, loaded.rel, fmt))
        # the PDF is dated the day the pledge was signed, or else the day it takes effect
        dated = loaded.model.signed or loaded.model.valid_from
        texts: dict[str, str | bytes] = dict(
            render_formats(env, "pledge", formats or ["md", "html"], dated=dated, **context)
        )
        written = write_document(ws, out, "pledge", stem, texts)
        return PledgeResult(loaded.rel, written, personal, ws.root)


def _span(pledge: Pledge, fmt: Formatter) -> str:
    """'2019', '2022–2023' for whole calendar years, else the dates: '1 mars 2021–…'."""
    first, last = pledge.valid_from, pledge.valid_to
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    return fmt.span(first, last)


def pledge_context(pledge: Pledge, fmt: Formatter) -> dict[str, Any]:
    lang = fmt.language
    _ = fmt.words.gettext
    schedule = []
    for tertial in Tertial.covering(pledge.valid_from, pledge.valid_to):
        published = tertial.shift(1).first_day
        month = f"{fmt.month(published.month)} {published.year}"
        schedule.append(
            _("%(period)s: early %(month)s", period=fmt.tertial_period(tertial), month=month)
        )
    focus = [
        {
            "title": f.title,
            "problem": f.problem,
            "activities": [
                {
                    "text": a.text,
                    "owner": owner_names(fmt.words)[a.owner.value],
                    "target": _(
                        "Target: at least %(count)s %(unit)s",
                        count=fmt.number(a.target.count),
                        unit=a.target.unit,
                    )
                    if a.target
                    else None,
                }
                for a in f.activities
            ],
        }
        for f in pledge.focus_areas
    ]
    signed = None
    if pledge.signed:
        day = fmt.date(pledge.signed)
        signed = _("%(place)s, %(date)s", place=pledge.place, date=day) if pledge.place else day
    return {
        "lang": lang,
        "title": pledge.title,
        "pledge": pledge,
        "parties": fmt.join(list(pledge.parties)),
        "span": _span(pledge, fmt),
        "focus_areas": focus,
        "schedule": schedule,
        "signed": signed,
        "signatories": [
            {
                "name": s.name,
                "role": s.role,
                "unit": s.organisation or s.party,
                # a signatory's own date, where it is not the date the pledge was signed
                "date": fmt.date(s.date) if s.date and s.date != pledge.signed else None,
            }
            for s in pledge.signatories
        ],
    }
