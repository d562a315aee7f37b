"""The annex leaves out a table that would tell nothing but its total (issue 15)."""

from __future__ import annotations

import dataclasses
import json

from test_tertial_render import outputs, pledge, render, rows, span

from est_cli.aggregate import tertial as figures_mod
from est_cli.aggregate.suppress import HIDDEN, SUPPRESSED, Figure
from est_cli.aggregate.tertial import AnnexRow, IndicatorFigures
from est_cli.reports import tertial as report_mod

X = Figure(None, HIDDEN)


def indicator(rows_: list[AnnexRow], totals: AnnexRow) -> IndicatorFigures:
    return IndicatorFigures(
        phrase="fall",
        categories=[r.name for r in rows_],
        areas=[],
        total=totals.total,
        last_year=totals.last_year,
        change=None,
        change_ratio=None,
        top_areas=[],
        months=[1, 2],
        rows=rows_,
        totals=totals,
    )


def test_a_table_of_only_hidden_figures_but_its_total_tells_only_the_total():
    two_rows = [AnnexRow("A", [X, X], X, X), AnnexRow("B", [X, X], X, X)]
    assert indicator(two_rows, AnnexRow("", [X, X], Figure(17), Figure(14))).only_total
    # Last year's count of one category is more than the totals.
    last_year = [AnnexRow("A", [X, X], X, Figure(7)), two_rows[1]]
    assert not indicator(last_year, AnnexRow("", [X, X], Figure(17), Figure(14))).only_total
    # One "färre än 3", or one shown count, tells more than the total.
    fewer = [AnnexRow("A", [X, Figure(None, SUPPRESSED)], X, X), two_rows[1]]
    assert not indicator(fewer, AnnexRow("", [X, X], Figure(17), X)).only_total
    shown_sum = AnnexRow("", [Figure(9), X], Figure(17), X)
    assert not indicator(two_rows, shown_sum).only_total
    # One row: its total is the table's total, and its last year's is in the text.
    one = [AnnexRow("A", [X, X], Figure(9), Figure(4))]
    assert indicator(one, AnnexRow("", [X, X], Figure(9), Figure(4))).only_total
    # No data for the months ("–") is not a table emptied by suppression.
    dashes = [AnnexRow("A", [None, None], None, None)]
    assert not indicator(dashes, AnnexRow("", [None, None], None, None)).only_total


def test_the_annex_leaves_such_a_table_out_and_the_json_keeps_it(
    make_workspace, runner, monkeypatch
):
    data = rows(
        *[("2021-02-10", "21:00", "Sunda", "Klotter")] * 5, *span("2020-01-01", "2021-04-30")
    )
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    assert "| Klotter |" in outputs(root)["md"]

    real = figures_mod.document_figures

    def all_hidden(*args, **kwargs):
        """As if suppression had hidden every figure of the table but its total."""
        inds, ins = real(*args, **kwargs)
        ind = inds[0]
        hide = [AnnexRow(r.name, [X] * len(r.months), X, X) for r in ind.rows]
        totals = AnnexRow("", [X] * len(ind.months), ind.total, ind.last_year)
        return [dataclasses.replace(ind, rows=hide, totals=totals)], ins

    monkeypatch.setattr(report_mod, "document_figures", all_hidden)
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    out = outputs(root)
    assert "| Klotter |" not in out["md"] and "Klotter</td>" not in out["html"]
    assert "Under perioden har 5 fall av skadegörelse rapporterats." in out["md"]
    doc = json.loads(out["json"])
    kept = doc["focus_areas"][0]["indicators"][0]
    assert kept["rows"][1]["name"] == "Klotter" and kept["total"]["value"] == 5
