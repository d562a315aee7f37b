"""What a reader can work out from published tertial follow-ups: an exact integer model.

The reader knows every incident lies in one cell x[stretch, category, area] (stretches of
days between every window edge of the documents), that each cell is a whole number ≥ 0, and
every published figure: a shown count is the sum of its cells, "färre än N" is 1 … N-1, "×"
is at least 1, "Mest i" names areas with at least N incidents in order, a change is the
difference of two counts, and "incidents used" is the sum of everything. For a count we ask
the smallest and largest value it can take over all integer solutions (scipy's MILP): a
count pinned down to one value is known to the reader.

Built from the documents' JSON only (the names in it), never from est's own figure keys, so
it checks the suppression code instead of repeating it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

OTHER = "*other*"  # categories no figure names: a reader cannot rule them out


@dataclass(frozen=True)
class Window:
    first: date  # inclusive
    end: date  # exclusive
    categories: frozenset[str] | None  # None: every category
    areas: frozenset[str] | None  # None: every area


@dataclass
class Published:
    """One published figure: the window it counts and what the document says of it."""

    name: str
    window: Window
    state: str
    value: int | None


@dataclass
class Reader:
    areas: list[str]
    threshold: int
    figures: list[Published] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)  # "incidents used" of each document
    ranks: list[tuple[Window, list[str], list[str]]] = field(default_factory=list)
    changes: list[tuple[Window, Window, int]] = field(default_factory=list)
    data: tuple[date, date] | None = None  # [first, end) of the data

    # --- reading documents ---------------------------------------------------------------

    def read(self, doc: dict[str, Any]) -> None:
        first = date.fromisoformat(doc["period"]["first_day"])
        last = date.fromisoformat(doc["period"]["last_day"])
        year = first.year
        tertial = (first, last + timedelta(days=1))
        ly = (first.replace(year=year - 1), last.replace(year=year - 1) + timedelta(days=1))
        d = doc["data"]
        self.data = (date.fromisoformat(d["first_day"]), date.fromisoformat(d["last_day"]))
        self.data = (self.data[0], self.data[1] + timedelta(days=1))
        self.totals.append(d["incidents_used"])
        for focus in doc["focus_areas"]:
            for i, ind in enumerate(focus["indicators"]):
                cats = frozenset(ind["categories"])
                areas = frozenset(ind["areas"]) if ind["areas"] else None
                where = f"{doc['tertial']}:{focus['id']}[{i}]"
                months = [_month(year, m) for m in ind["months"]]

                def add(
                    name: str,
                    span: tuple[date, date],
                    c: frozenset[str],
                    fig: Any,
                    areas: frozenset[str] | None = areas,
                ) -> None:
                    if fig is not None:
                        w = Window(span[0], span[1], c, areas)
                        self.figures.append(Published(name, w, fig["state"], fig["value"]))

                for row in ind["rows"]:  # a row of "övriga kategorier" counts several
                    one = frozenset(row["categories"])
                    for m, cell in enumerate(row["months"]):
                        add(f"{where} {row['name']} month {m}", months[m], one, cell)
                    add(f"{where} {row['name']} total", tertial, one, row["total"])
                    add(f"{where} {row['name']} last year", ly, one, row["last_year"])
                tot = ind["totals"]
                for m, cell in enumerate(tot["months"]):
                    add(f"{where} sum month {m}", months[m], cats, cell)
                add(f"{where} sum", tertial, cats, tot["total"])
                add(f"{where} sum last year", ly, cats, tot["last_year"])
                add(f"{where} total", tertial, cats, ind["total"])
                add(f"{where} last year", ly, cats, ind["last_year"])
                if ind["change"] is not None:
                    self.changes.append(
                        (
                            Window(*tertial, cats, areas),
                            Window(*ly, cats, areas),
                            ind["change"],
                        )
                    )
                scope = sorted(areas) if areas is not None else self.areas
                self.ranks.append((Window(*tertial, cats, areas), ind["top_areas"], scope))
        for j, ins in enumerate(doc["insatser"]):
            cats = frozenset(ins["categories"]) if ins["categories"] else None
            areas = frozenset([ins["area"]]) if ins["area"] else None
            for side in ("before", "after"):
                fig = ins[side]
                if fig is None:
                    continue
                span = (
                    date.fromisoformat(ins[f"{side}_first"]),
                    date.fromisoformat(ins[f"{side}_last"]) + timedelta(days=1),
                )
                w = Window(*span, cats, areas)
                self.figures.append(
                    Published(f"{doc['tertial']}:insats {j} {side}", w, fig["state"], fig["value"])
                )
                # the same window in the comparison areas (its ratio tells it)
                fig = ins[f"comparison_{side}"]
                if fig is not None:
                    w = Window(*span, cats, frozenset(ins["comparison"]))
                    name = f"{doc['tertial']}:insats {j} comparison {side}"
                    self.figures.append(Published(name, w, fig["state"], fig["value"]))

    # --- the cells -----------------------------------------------------------------------

    def cells(self) -> list[tuple[date, date, str, str]]:
        """Every (first, end, category, area) cell a reader must allow for."""
        assert self.data is not None
        lo, hi = self.data
        edges = {lo, hi}
        windows = [f.window for f in self.figures] + [w for w, _, _ in self.ranks]
        for w in windows:
            edges |= {min(max(w.first, lo), hi), min(max(w.end, lo), hi)}
        cuts = sorted(edges)
        cats = [*sorted({c for w in windows if w.categories for c in w.categories}), OTHER]
        return [
            (a, b, c, area)
            for a, b in itertools.pairwise(cuts)
            for c in cats
            for area in self.areas
        ]

    def row(self, cells: list[tuple[date, date, str, str]], w: Window) -> np.ndarray:
        return np.array(
            [
                1.0
                if w.first <= a
                and b <= w.end
                and (w.categories is None or c in w.categories)
                and (w.areas is None or area in w.areas)
                else 0.0
                for a, b, c, area in cells
            ]
        )

    def true_values(
        self, cells: list[tuple[date, date, str, str]], incidents: list[tuple[date, str, str]]
    ) -> np.ndarray:
        """The cells' real sizes, from the incidents (day, category, area) generated."""
        x = np.zeros(len(cells))
        for day, cat, area in incidents:
            for k, (a, b, c, ar) in enumerate(cells):
                if (
                    a <= day < b
                    and ar == area
                    and (c == cat or (c == OTHER and not self._named(cat)))
                ):
                    x[k] += 1
        return x

    def _named(self, cat: str) -> bool:
        return any(f.window.categories and cat in f.window.categories for f in self.figures) or any(
            w.categories and cat in w.categories for w, _, _ in self.ranks
        )

    # --- what the reader knows -----------------------------------------------------------

    def constraints(self, cells: list[tuple[date, date, str, str]]) -> LinearConstraint:
        rows, lo, hi = [], [], []

        def rule(r: np.ndarray, low: float, high: float) -> None:
            rows.append(r)
            lo.append(low)
            hi.append(high)

        t = self.threshold
        for f in self.figures:
            r = self.row(cells, f.window)
            if f.state == "shown":
                rule(r, f.value, f.value)
            elif f.state == "suppressed":
                rule(r, 1, t - 1)
            else:  # "×": a count above 0 (est hides no zero)
                rule(r, 1, np.inf)
        for total in self.totals:
            rule(np.ones(len(cells)), total, total)
        for now, before, diff in self.changes:
            rule(self.row(cells, now) - self.row(cells, before), diff, diff)
        at_least = max(t, 1)
        for w, top, scope in self.ranks:
            if not top:  # no "Mest i": it may have been left out, so it tells nothing
                continue
            per_area = {
                a: self.row(cells, Window(w.first, w.end, w.categories, {a})) for a in scope
            }
            for a in top:
                rule(per_area[a], at_least, np.inf)
            for a, b in itertools.pairwise(top):
                rule(per_area[a] - per_area[b], 0, np.inf)
            for a in scope:
                if a in top:
                    continue
                if len(top) < 3:  # fewer than three named: every other area has fewer than N
                    rule(per_area[a], -np.inf, at_least - 1)
                else:
                    rule(per_area[top[-1]] - per_area[a], 0, np.inf)
        return LinearConstraint(np.array(rows), np.array(lo), np.array(hi))


def value_range(constraints: LinearConstraint, objective: np.ndarray) -> tuple[float, float]:
    """The smallest and largest whole value of `objective · x` the published figures allow."""
    n = len(objective)
    out = []
    for sign in (1.0, -1.0):
        res = milp(
            sign * objective,
            constraints=constraints,
            integrality=np.ones(n),
            bounds=Bounds(np.zeros(n), np.full(n, np.inf)),
        )
        if res.status == 3 or (res.status != 0 and sign < 0):  # unbounded above
            out.append(np.inf if sign < 0 else 0.0)
            continue
        assert res.status == 0, res.message
        out.append(sign * res.fun)
    return round(out[0]), out[1] if out[1] == np.inf else round(out[1])


def _month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, end
