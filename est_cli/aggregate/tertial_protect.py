"""The protection of a whole tertial document: every count it publishes (the tables', the
insatser's windows and comparisons, the map's areas, and the bounds "Mest i" tells) passed
to one `protect_linked` for a choice of table layouts (est_cli.aggregate.annex_layout)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from est_cli.aggregate.annex_layout import Layout, Spans, indicator_counts
from est_cli.aggregate.atoms import Count, link
from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.suppress import (
    INF,
    Figure,
    FigureKey,
    Kind,
    Line,
    Unprotectable,
    protect_linked,
)
from est_cli.models.base import Insats
from est_cli.models.pledge import Indicator

if TYPE_CHECKING:
    import pandas as pd

TOP_AREAS = 3

# Insats windows are stand-alone leaves; the tables' kinds are in annex_layout.
BEFORE = Kind("before", leaf=True, standalone=True)  # j: the 4 weeks before the insats
AFTER = Kind("after", leaf=True, standalone=True)  # j: the 4 weeks after
# j: the same windows in the insats' comparison areas (est_cli.aggregate.evaluation): its
# ratio and interval tell them, so they are published and protected like the others
COMPARISON_BEFORE = Kind("cbefore", leaf=True, standalone=True)
COMPARISON_AFTER = Kind("cafter", leaf=True, standalone=True)
# area: every incident in one area over the tertial, as the map shows it (issue 8 §3)
MAP = Kind("map", leaf=True, standalone=True)
# i, area: an indicator's count in one area over the tertial. Never published, but "Mest i"
# tells a reader which areas have at least N (and, naming fewer than three, that the others
# have fewer): so it takes part in suppression with those bounds.
IN_AREA = Kind("in_area", leaf=True, private=True)


class Protect:
    """Protects the whole document for a choice of table layouts: what it publishes."""

    def __init__(
        self,
        df: pd.DataFrame,
        indicators: list[Indicator],
        insatser: list[Insats],
        spans: Spans,
        coverage: Coverage,
        threshold: int,
        area_name: dict[str, str],
        days: tuple[int, int],
        mapped: list[str],
    ):
        self.df, self.indicators, self.spans = df, indicators, spans
        self.threshold, self.area_name = threshold, area_name
        self.fixed: list[Count] = []  # the insatser's windows, the areas' and the map's counts
        self.windows: list[tuple[date, date, date, date]] = []
        base = len(indicators)
        compared: list[Count] = []
        for j, ins in enumerate(insatser):
            end = ins.end or ins.start
            before_first = ins.start - timedelta(days=days[0])
            after_first = end + timedelta(days=1)
            after_last = end + timedelta(days=days[1])
            self.windows.append(
                (before_first, ins.start - timedelta(days=1), after_first, after_last)
            )
            cats_j = frozenset(ins.categories) if ins.categories else None
            area_j = frozenset([ins.area]) if ins.area else None
            if coverage.covers(before_first, ins.start - timedelta(days=1)):
                self.fixed.append(
                    Count(BEFORE(j), base + j, cats_j, area_j, before_first, ins.start)
                )
            after_end = after_last + timedelta(days=1)
            if coverage.covers(after_first, after_last):
                self.fixed.append(Count(AFTER(j), base + j, cats_j, area_j, after_first, after_end))
            others = frozenset(comparison_areas(ins, area_name))
            if others and coverage.covers(before_first, after_last):
                compared += [
                    Count(COMPARISON_BEFORE(j), j, cats_j, others, before_first, ins.start),
                    Count(COMPARISON_AFTER(j), j, cats_j, others, after_first, after_end),
                ]
        self.by_area: list[dict[str, FigureKey]] = []
        for i, ind in enumerate(indicators):
            scope = (
                [] if not spans.covered or len(ind.areas) == 1 else ind.areas or sorted(area_name)
            )
            self.by_area.append({a: IN_AREA(i, a) for a in dict.fromkeys(scope)})
            source = base + len(insatser) + sum(len(d) for d in self.by_area[:-1])
            for k, (area, key) in enumerate(self.by_area[-1].items()):
                self.fixed.append(
                    Count(
                        key,
                        source + k,
                        frozenset(ind.categories),
                        frozenset([area]),
                        *spans.whole,
                    )
                )
        # a source is one area filter: the comparisons' sources come after all the others,
        # and the map's areas after them
        source = base + len(insatser) + sum(len(d) for d in self.by_area)
        self.fixed += [replace(c, source=source + c.source) for c in compared]
        first_map = source + len(insatser)
        for k, area in enumerate(mapped):
            self.fixed.append(
                Count(MAP(area), first_map + k, None, frozenset([area]), *spans.whole)
            )

    def __call__(
        self, layouts: list[Layout], fewest: bool = False
    ) -> tuple[dict[FigureKey, int], dict[FigureKey, Figure], list[list[str]]]:
        """Raw values, published figures and "Mest i" of the document with these layouts;
        `fewest`: look for fewer "×" too (slower: only for the layouts kept)."""
        counts: list[Count] = []
        totals: list[Count] = []  # row, column and grand totals: linked to their parts too
        lines: list[Line] = []
        for i, (ind, layout) in enumerate(zip(self.indicators, layouts, strict=True)):
            areas = frozenset(ind.areas) if ind.areas else None
            c, t, ln = indicator_counts(i, layout, areas, self.spans)
            counts += c
            totals += t
            lines += ln
        ins_counts = [c for c in self.fixed if c.key.kind in _LEAVES]
        area_counts = [c for c in self.fixed if c.key.kind not in _LEAVES]
        raw, lines = link(self.df, [*counts, *ins_counts, *totals, *area_counts], lines)
        threshold = self.threshold
        tops = [_top_areas(raw, keys, threshold, self.area_name) for keys in self.by_area]
        while True:
            try:
                known = _told(self.by_area, tops, threshold)
                figures = protect_linked(raw, lines, threshold, known=known, fewest=fewest)
                return raw, figures, tops
            except Unprotectable as exc:
                # "Mest i" of that indicator (of the first one that says something, when the
                # count is not one of an indicator) would give a small count away: it is left
                # out, and an empty list then says nothing, as it may be empty either way.
                at = exc.key.at[0] if exc.key.at else None
                drop = at if isinstance(at, int) and at < len(tops) and tops[at] else None
                if drop is None:
                    drop = next((n for n, top in enumerate(tops) if top), None)
                if drop is None:
                    raise
                tops[drop] = []


_LEAVES = (BEFORE, AFTER, COMPARISON_BEFORE, COMPARISON_AFTER, MAP)  # fixed counts that are leaves


def comparison_areas(ins: Insats, area_name: dict[str, str]) -> list[str]:
    """The areas an insats is compared with: those it names, else every other area."""
    if ins.area is None:
        return []
    return list(dict.fromkeys(ins.comparison)) or [a for a in area_name if a != ins.area]


def _told(
    by_area: list[dict[str, FigureKey]], tops: list[list[str]], threshold: int
) -> dict[FigureKey, tuple[int, int]]:
    """What "Mest i" tells a reader of each area's count: at least N when named; fewer when
    not named while one or two are. No list tells nothing: it may have been left out."""
    n = max(threshold, 1)
    return {
        key: (n, INF) if a in top else (0, n - 1) if len(top) < TOP_AREAS else (0, INF)
        for keys, top in zip(by_area, tops, strict=True)
        if top
        for a, key in keys.items()
    }


def _top_areas(
    raw: dict[FigureKey, int], keys: dict[str, FigureKey], threshold: int, names: dict[str, str]
) -> list[str]:
    """The (up to three) areas with the most incidents, at least N each: "Mest i"."""
    found = sorted(
        ((a, raw[k]) for a, k in keys.items() if raw[k] >= max(threshold, 1)),
        key=lambda kv: (-kv[1], names.get(kv[0], kv[0]).casefold()),
    )
    return [a for a, _ in found[:TOP_AREAS]]
