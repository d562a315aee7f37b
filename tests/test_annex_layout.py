"""The annex hides only what it must: fewest "×", and coarser tables before a hidden row."""

from __future__ import annotations

import json

from suppress_helpers import protect_table
from test_tertial_render import outputs, pledge, render, rows, span

from est_cli.aggregate.suppress import HIDDEN, SUPPRESSED


def _hidden(table) -> set:
    return (
        {
            (r, c)
            for r, row in enumerate(table.cells)
            for c, fig in enumerate(row)
            if fig.state == HIDDEN
        }
        | {f"row {r}" for r, f in enumerate(table.row_totals) if f.state == HIDDEN}
        | {f"col {c}" for c, f in enumerate(table.col_totals) if f.state == HIDDEN}
    )


def test_two_hidden_figures_where_one_at_a_time_took_four():
    """Worked out by hand (threshold 3):

         2  2 |  4     Row 0 is two "färre än 3" adding up to 4: both are 2, so one figure
         8  5 | 13     of row 0 must be "×". Column 1 (15 − 5 − 8) pins its 2 down as well.
         1  8 |  9     Best: the 2 of row 0, column 1 shown as "×" (1 or more) and the 8 below
        ------+---     it hidden: with a = the 2 of column 0, column 0 gives the 1 as 3 − a,
        11 15 | 26     row 2 the hidden 8 as 6 + a, column 1 the "×" as 4 − a, and row 0
                       a + (4 − a) = 4 holds for a = 1 and a = 2 alike.

    No single figure does it: row 0's total hidden leaves column 1's 15 − 5 − 8 = 2; either
    2 of row 0 as "×" alone leaves the other pinned by its column. Hiding as needed one at a
    time took four (both counts of column 0's first two rows, the 5 and the lower 8).
    """
    table = protect_table([[2, 2], [8, 5], [1, 8]], 3)
    assert _hidden(table) == {(0, 1), (2, 1)}
    assert table.cells[0][0].state == SUPPRESSED and table.cells[2][0].state == SUPPRESSED
    assert [f.value for f in table.row_totals] == [4, 13, 9]
    assert [f.value for f in table.col_totals] == [11, 15] and table.grand.value == 26


THREE = pledge().replace("[skadegorelse, klotter]", "[skadegorelse, klotter, nedskrapning]")


def test_a_small_category_is_merged_into_other_categories_instead_of_hiding_its_row(
    make_workspace, runner
):
    """Worked out by hand (threshold 3), January to April:

        Skadegörelse   5  5  5  5 | 20     Klotter's 2 is "färre än 3" in its row total,
        Klotter        0  1  1  0 |  2     and the 1s beside Skadegörelse's and
        Nedskräpning   3  3  3  3 | 12     Nedskräpning's shown counts could be worked out
        Summa          8  9  9  8 | 34     from the sums: the row must go, or figures around it.

    Merged with the smallest other category (Nedskräpning, 12), "övriga kategorier" is
    3 4 4 3 | 14, every count 3 or more: nothing at all is hidden, and the note says what
    the row holds.
    """
    data = rows(
        *[(f"2021-0{m}-10", "21:00", "Sunda", "Skadegörelse") for m in range(1, 5)] * 5,
        ("2021-02-11", "21:00", "Sunda", "Klotter"),
        ("2021-03-11", "21:00", "Sunda", "Klotter"),
        *[(f"2021-0{m}-12", "21:00", "Sunda", "Nedskräpning") for m in range(1, 5)] * 3,
        *span("2021-01-01", "2021-04-30"),
    )
    root = make_workspace({"pledges/2021.yaml": THREE, "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    out = outputs(root)
    md = out["md"]
    assert "| Skadegörelse | 5 | 5 | 5 | 5 | 20 |" in md
    assert "| Övriga kategorier | 3 | 4 | 4 | 3 | 14 |" in md
    assert "| **Summa** | **8** | **9** | **9** | **8** | **34** |" in md
    assert "\n\nÖvriga kategorier: klotter och nedskräpning.\n" in md
    annex = md[md.index("## Bilaga") : md.index("## Om siffrorna")]
    assert "| Klotter |" not in annex and "×" not in annex
    assert '<th scope="row">Övriga kategorier</th>' in out["html"]
    row = json.loads(out["json"])["focus_areas"][0]["indicators"][0]["rows"][1]
    assert row["other"] is True and row["categories"] == ["Klotter", "Nedskräpning"]
    assert row["total"] == {"value": 14, "state": "shown"}


def test_the_month_split_is_dropped_when_only_that_keeps_a_row(make_workspace, runner):
    """Worked out by hand (threshold 3):

    Skadegörelse   5  5  5  5 | 20     Klotter's four "färre än 3" add up to 4: all are
    Klotter        1  1  1  1 |  4     1. Its total must go, and then 24 − 20 gives it
    Summa          6  6  6  6 | 24     back: the whole row is lost. Two categories leave
                                       nothing to merge with; for the period alone,
                                       20, 4 and 24 are all 3 or more and all shown.
    """
    data = rows(
        *[(f"2021-0{m}-10", "21:00", "Sunda", "Skadegörelse") for m in range(1, 5)] * 5,
        *[(f"2021-0{m}-11", "21:00", "Sunda", "Klotter") for m in range(1, 5)],
        *span("2021-01-01", "2021-04-30"),
    )
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    md = outputs(root)["md"]
    assert "| Kategori | Totalt jan–apr 2021 |\n|---|--:|\n" in md
    assert "| Skadegörelse | 20 |\n| Klotter | 4 |\n| **Summa** | **24** |\n" in md
    assert "Tabellen visar bara hela perioden: per månad skulle antalen bli för små" in md
