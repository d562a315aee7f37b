"""Publication suppression: small counts hidden, and never recoverable from published totals."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from suppress_helpers import protect_line, protect_table, single

from est_cli.aggregate.suppress import (
    HIDDEN,
    SHOWN,
    SUPPRESSED,
    Figure,
    FigureKey,
    Kind,
    Line,
    SuppressionError,
    difference,
    protect_linked,
)
from est_cli.errors import EstError

ATOM = Kind("atom", leaf=True, private=True)
GROUP = Kind("group", private=True)
CELL = Kind("cell", leaf=True)
GRAND = Kind("grand")


def test_single_counts_at_below_and_above_the_threshold():
    assert single(0, 3) == Figure(0)
    assert single(1, 3) == Figure(None, SUPPRESSED)
    assert single(2, 3) == Figure(None, SUPPRESSED)
    assert single(3, 3) == Figure(3)
    assert single(4, 3) == Figure(4)
    assert single(1, 0) == Figure(1)  # 0 turns suppression off


def test_difference_needs_two_shown_figures():
    assert difference(Figure(10), Figure(7)) == 3
    assert difference(Figure(10), Figure(None, SUPPRESSED)) is None


def test_one_small_cell_under_a_total_hides_a_second_one():
    cells, total = protect_line([21, 2], 3)
    assert total == Figure(23)
    assert cells == [Figure(None, HIDDEN), Figure(None, SUPPRESSED)]


def test_two_small_cells_whose_sum_pins_them_down_are_protected():
    # 1 + 1 = 2: a reader who knows both lie in 1..2 would know both are 1.
    cells, total = protect_line([1, 1, 9], 3)
    assert total == Figure(11)
    assert [c.state for c in cells] == [SUPPRESSED, SUPPRESSED, HIDDEN]
    # 1 + 2 = 3 cannot be split in one way only: nothing more needs hiding.
    cells, _ = protect_line([1, 2, 9], 3)
    assert [c.state for c in cells] == [SUPPRESSED, SUPPRESSED, SHOWN]


def _states(table) -> dict[str, set]:
    """Where each kind of figure of a protected table is: cells (r, c) and totals by name."""
    found: dict[str, set] = {SHOWN: set(), SUPPRESSED: set(), HIDDEN: set()}
    for r, row in enumerate(table.cells):
        for c, fig in enumerate(row):
            found[fig.state].add((r, c))
    for r, fig in enumerate(table.row_totals):
        found[fig.state].add(f"row {r}")
    for c, fig in enumerate(table.col_totals):
        found[fig.state].add(f"col {c}")
    found[table.grand.state].add("grand")
    return found


def test_a_hand_made_table_hides_exactly_the_one_count_it_must():
    """Worked out by hand (threshold 3):

        1  2  4 |  7        The three counts below 3 are "färre än 3". Column 0 (5 − 4)
        4  1  3 |  8        pins its 1 down, so a second count of column 0 must go: the 4
        -------+---        below it. Then 1 + 2 = 3 (row 0) and 2 + 1 = 3 (column 1) split
        5  3  7 | 15        either way, and row 1 (8 − 3 = 4 + 1 or 3 + 2) agrees with both.

    One × is the fewest: with none the 1 is 5 − 4. It is the only one that works: hiding
    column 0's total leaves 8 − 4 − 3 = 1 in row 1, and hiding a count of row 0 still
    leaves column 0's 5 − 4. Suppression before this hid the 4 of row 0 as well.
    """
    table = protect_table([[1, 2, 4], [4, 1, 3]], 3)
    found = _states(table)
    assert found[HIDDEN] == {(1, 0)}
    assert found[SUPPRESSED] == {(0, 0), (0, 1), (1, 1)}
    assert table.col_totals[1] == Figure(3) and table.grand == Figure(15)


def test_one_hidden_total_does_what_three_hidden_figures_did():
    """Worked out by hand (threshold 3):

    2  8 | 10           Row 0 (10 − 8) pins its 2 down; the 1 below it is "färre än 3"
    1  0 |  1           and so is row 1's total. Hiding row 0's 10 is enough: the grand
    -----+---           total 11 less "färre än 3" leaves 9 or 10, so the 2 may be 1 or
    3  8 | 11           2 (column 0 then says the 1 is 2 or 1). Suppression before this
                        hid the 8 and column 0's 3 as well.
    """
    table = protect_table([[2, 8], [1, 0]], 3)
    found = _states(table)
    assert found[HIDDEN] == {"row 0"}
    assert found[SUPPRESSED] == {(0, 0), (1, 0), "row 1"}
    assert table.col_totals == [Figure(3), Figure(8)] and table.cells[0][1] == Figure(8)


def _line(values: list[int]) -> tuple[dict[FigureKey, int], list[Line]]:
    raw = {CELL(i): v for i, v in enumerate(values)}
    raw[GRAND()] = sum(values)
    return raw, [(GRAND(), [CELL(i) for i in range(len(values))])]


def test_bounds_still_narrowing_at_the_cap_stop_the_document():
    """23 shown with 21 beside a "färre än 3": the first round of narrowing pins the small
    one down (2), so one round cannot show that nothing more can be worked out."""
    raw, lines = _line([21, 2])
    with pytest.raises(SuppressionError, match="stopped at its cap of 1 rounds") as info:
        protect_linked(raw, lines, 3, max_rounds=1)
    assert isinstance(info.value, EstError)  # the CLI prints it and exits 1
    assert "nothing was published" in str(info.value)
    # With the usual cap it settles: the 21 is hidden too.
    figures = protect_linked(raw, lines, 3)
    assert [figures[CELL(i)].state for i in range(2)] == [HIDDEN, SUPPRESSED]


def test_the_cap_counts_rounds_that_still_narrow():
    """Nothing to narrow (every figure shown and exact): one round settles it."""
    raw, lines = _line([5, 6])
    figures = protect_linked(raw, lines, 3, max_rounds=1)
    assert all(f.shown for f in figures.values())


def _totals(values):
    rows = [sum(r) for r in values]
    cols = [sum(c) for c in zip(*values, strict=True)]
    return rows, cols, sum(rows)


def _possible_values(values, threshold):
    """Every table a reader could reconstruct from the published figures (brute force).

    A candidate must match every shown figure, put every "färre än N" count in 1 … N-1 and
    every "×" cell at N or more (a reader who knows the rule knows that much) unless it
    hides a small count itself.
    """
    table = protect_table(values, threshold)
    n_rows, n_cols = len(values), len(values[0])
    hidden = [(r, c) for r in range(n_rows) for c in range(n_cols) if not table.cells[r][c].shown]
    top = sum(map(sum, values)) + 1
    domains = [
        range(1, threshold)
        if table.cells[r][c].state == SUPPRESSED
        else range(threshold if values[r][c] >= threshold else 1, top)
        for r, c in hidden
    ]
    size = 1
    for d in domains:
        size *= len(d)
    assume(size <= 20_000)  # keep the brute force quick
    found = []
    for combo in itertools.product(*domains):
        guess = [row[:] for row in values]
        for (r, c), v in zip(hidden, combo, strict=True):
            guess[r][c] = v
        rows, cols, grand = _totals(guess)
        figures = [
            *zip(table.row_totals, rows, strict=True),
            *zip(table.col_totals, cols, strict=True),
            (table.grand, grand),
        ]
        if all(
            (f.value == v) if f.shown else (1 <= v < threshold if f.state == SUPPRESSED else True)
            for f, v in figures
        ):
            found.append(combo)
    return hidden, table, found


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 5), min_size=2, max_size=3), min_size=2, max_size=2).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    )
)
def test_no_small_cell_can_be_worked_out_from_the_totals(values):
    threshold = 3
    hidden, table, found = _possible_values(values, threshold)
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            fig = table.cells[r][c]
            assert (fig.value == v) if fig.shown else fig.value is None
            if 1 <= v < threshold:
                assert not fig.shown
    for i, (r, c) in enumerate(hidden):
        if 1 <= values[r][c] < threshold:
            assert len({combo[i] for combo in found}) >= 2, (values, (r, c))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4)), min_size=2, max_size=2))
def test_overlapping_figures_do_not_give_away_the_difference(months):
    """Indicator A counts all incidents, B only those in one area (b); o = A − B is private.

    Brute force over every (b, o) per month a reader could think of: each small count,
    published or private (the difference), must have at least two possible values.
    """
    threshold = 3
    raw: dict[FigureKey, int] = {}
    lines: list[Line] = []
    for m, (b, o) in enumerate(months):
        raw[ATOM(m, "b")], raw[ATOM(m, "o")] = b, o
        raw[CELL(0, 0, m)], raw[CELL(1, 0, m)] = b + o, b
        lines.append((CELL(0, 0, m), [ATOM(m, "b"), ATOM(m, "o")]))
        lines.append((CELL(1, 0, m), [ATOM(m, "b")]))
    for i in (0, 1):
        raw[GRAND(i)] = sum(raw[CELL(i, 0, m)] for m in range(2))
        lines.append((GRAND(i), [CELL(i, 0, m) for m in range(2)]))
    # The grand totals as parts too (as est_cli.aggregate.atoms links them): A∖B over the
    # whole tertial is a count of its own.
    for part in ("b", "o"):
        raw[GROUP(part)] = sum(raw[ATOM(m, part)] for m in range(2))
        lines.append((GROUP(part), [ATOM(m, part) for m in range(2)]))
    lines.append((GRAND(0), [GROUP("b"), GROUP("o")]))
    lines.append((GRAND(1), [GROUP("b")]))
    figures = protect_linked(raw, lines, threshold)
    assert not any(key.private for key in figures)
    for key, fig in figures.items():
        assert (fig.value == raw[key]) if fig.shown else fig.value is None
        if 1 <= raw[key] < threshold:
            assert not fig.shown

    def published(guess):
        values = {}
        for m, (b, o) in enumerate(guess):
            values[CELL(0, 0, m)], values[CELL(1, 0, m)] = b + o, b
        for i in (0, 1):
            values[GRAND(i)] = sum(values[CELL(i, 0, m)] for m in range(2))
        return values

    def fits(values):
        for key, fig in figures.items():
            v = values[key]
            if fig.state == SHOWN and v != fig.value:
                return False
            if fig.state == SUPPRESSED and not 1 <= v < threshold:
                return False
            if fig.state == HIDDEN and v < (threshold if raw[key] >= threshold else 1):
                return False
        return True

    domain = range(0, 12)
    found = [
        guess
        for guess in itertools.product(itertools.product(domain, domain), repeat=2)
        if fits(published(guess))
    ]
    for m, (b, o) in enumerate(months):
        if 1 <= o < threshold:
            assert len({g[m][1] for g in found}) >= 2, (months, m, "outside")
        if 1 <= b < threshold:
            assert len({g[m][0] for g in found}) >= 2, (months, m, "inside")
    if 1 <= sum(o for _, o in months) < threshold:  # A − B over the tertial
        assert len({g[0][1] + g[1][1] for g in found}) >= 2, (months, "outside in all")
    for key in figures:
        if 1 <= raw[key] < threshold:
            assert len({published(g)[key] for g in found}) >= 2, (months, key)
