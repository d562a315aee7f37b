"""The lägesbild's "Uppföljning av insatser": each insats of the year against the rest of the
municipality (or its named comparison areas), as `est insats evaluate` measures it.

The document publishes the ratio, its interval and the verdict in words, not the four
counts behind them, so its own suppression has nothing to add: `document_evaluations`
without `shown` publishes a ratio only when every count behind it reaches
`publication.suppress_below`. The windows are 4-week spans that none of the lägesbild's
published figures (years, months, areas, categories) nest with, so no small count can be
worked out by subtracting one from another.
"""

from __future__ import annotations

from typing import Any

from est_cli.aggregate.coverage import Coverage
from est_cli.load.incidents import IncidentSet
from est_cli.load.workspace import Workspace
from est_cli.periods import Year
from est_cli.render.fmt import Formatter
from est_cli.reports.insats import all_insatser, document_evaluations, workspace_windows
from est_cli.reports.insats_text import caveats, method_text


def insats_follow_up(
    ws: Workspace, period: Year, incidents: IncidentSet, fmt: Formatter
) -> dict[str, Any] | None:
    """The insatser that started in the year, evaluated; None when there are none (the
    section is left out)."""
    listed, _problems = all_insatser(ws)  # est check reports a broken week file
    insatser = [ins for _file, ins in listed if ins.start.year == period.year]
    if not insatser:
        return None
    coverage = Coverage(incidents.first_day, incidents.last_day)
    evaluations = document_evaluations(incidents.frame, insatser, coverage, ws, fmt)
    names = dict(ws.areas.names)
    rows = [
        {
            "title": ins.title,
            "start": ins.start.isoformat(),
            "end": (ins.end or ins.start).isoformat(),
            "when": fmt.date(ins.start)
            if not ins.end or ins.end == ins.start
            else fmt.span(ins.start, ins.end),
            "area": names.get(ins.area, ins.area) if ins.area else None,
            "compared_with": ev.other,
            "ratio": ev.ratio,
            "rrr": ev.rrr,
            "low": ev.low,
            "high": ev.high,
            "verdict": ev.verdict,
            "text": ev.text,
            "seasonal": ev.seasonal,
        }
        for ins, ev in zip(insatser, evaluations, strict=True)
    ]
    threshold = ws.settings.publication.suppress_below
    return {
        "rows": rows,
        "caveats": caveats(fmt),
        "method": method_text(workspace_windows(ws), fmt),
        "suppression": fmt.words.gettext(
            "A ratio is published only when each of its four counts is at least %(n)s.",
            n=max(threshold, 1),
        ),
    }
