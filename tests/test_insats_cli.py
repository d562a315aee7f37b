"""`est insats evaluate`, the evaluation in the tertial follow-up, its words and `est check`.

The workspace has three areas (Centrum, Ramdal, Sunda) and one insats against klotter in
Sunda on 15 March 2021: its windows are 15 Feb – 14 Mar and 16 Mar – 12 Apr (28 days).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import BASIC_SETTINGS
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from est_cli.aggregate.evaluation import Comparison, ratio_of_rate_ratios, verdict_of
from est_cli.cli.app import app
from est_cli.render.fmt import Formatter
from est_cli.reports.insats_text import verdict_text

HEADER = "Datum;Tid;Område;Kategori;Plats;Organisation;Beskrivning\n"
PLEDGE = """\
title: Medborgarlöfte 2021
municipality: Testkommun
parties: [Polisen, Testkommun]
valid_from: 2021-01-01
valid_to: 2021-12-31
purpose: Öka tryggheten.
method: Vi arbetar enligt EST.
focus_areas:
  - id: skadegorelse
    title: Skadegörelse
    problem: Mycket skadegörelse.
    indicators:
      - categories: [skadegorelse]
        phrase: fall av skadegörelse
    follow_ups:
      2021-T1: {status: pågår, measures: [Rondering], effect: Bedömd effekt.}
    activities:
      - id: vandringar
        text: Vi genomför trygghetsvandringar.
        owner: gemensamt
insatser:
  - id: klotter-sunda
    title: Klotterinsats i Sunda
    start: 2021-03-15
    area: sunda
    categories: [klotter]
"""


def data(a: int, b: int, c: int, d: int) -> str:
    """a before and b after in Sunda; c before and d after in Centrum (klotter), and two
    robberies marking that the data covers January to June."""
    rows = [
        *[("2021-03-01", "Sunda")] * a,
        *[("2021-04-01", "Sunda")] * b,
        *[("2021-03-01", "Centrum")] * c,
        *[("2021-04-01", "Centrum")] * d,
    ]
    out = HEADER + "2021-01-01;10:00;Centrum;Rån;;;\n2021-06-30;10:00;Centrum;Rån;;;\n"
    return out + "".join(f"{day};21:00;{area};Klotter;;;\n" for day, area in rows)


def workspace(make_workspace, a: int, b: int, c: int, d: int, pledge: str = PLEDGE) -> Path:
    return make_workspace({"pledges/2021.yaml": pledge, "data/incidents/a.csv": data(a, b, c, d)})


def flat(text: str) -> str:
    return " ".join(text.split())


def test_cli_prints_the_ratio_and_the_words(make_workspace, runner: CliRunner) -> None:
    """Sunda 40 → 10 against Centrum 100 → 100 (Ramdal has none): RRR 0,25, interval
    0,12–0,53 (worked out in test_insats_evaluation.test_clear_effect): a clear difference,
    said without claiming the insats caused it; and the caveats."""
    root = workspace(make_workspace, 40, 10, 100, 100)
    result = runner.invoke(app, ["insats", "evaluate", "-w", str(root)])
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "40 → 10" in out and "100 → 100" in out
    assert "0,25 (0,12–0,53)" in out
    assert (
        "Antalet minskade mer än i resten av kommunen, och skillnaden är större än vad slumpen "
        "brukar ge. Det visar inte i sig att insatsen var orsaken." in out
    )
    assert "Regression mot medelvärdet" in out and "Gemensamma trender" in out
    assert "28 dagar före" in out


def test_cli_json_one_insats_by_id_and_number(make_workspace, runner: CliRunner) -> None:
    root = workspace(make_workspace, 40, 10, 100, 100)
    for ident in ("klotter-sunda", "1"):
        result = runner.invoke(
            app, ["insats", "evaluate", ident, "-w", str(root), "--format", "json", "--years", "0"]
        )
        assert result.exit_code == 0, result.output
        doc = json.loads(result.output)
        (ins,) = doc["insatser"]
        r = ins["result"]
        assert (r["area_before"], r["area_after"]) == (40, 10)
        assert (r["comparison_before"], r["comparison_after"]) == (100, 100)
        assert abs(r["rrr"] - 0.25) < 1e-12 and r["verdict"] == "below"
        assert ins["comparison"] == ["centrum", "ramdal"] and ins["earlier"] == []
        assert doc["windows"] == {"before_days": 28, "after_days": 28, "earlier_years": 0}


def test_cli_unknown_id_is_a_usage_error(make_workspace, runner: CliRunner) -> None:
    root = workspace(make_workspace, 40, 10, 100, 100)
    result = runner.invoke(app, ["insats", "evaluate", "nope", "-w", str(root)])
    assert result.exit_code == 2
    assert "1 (klotter-sunda)" in flat(result.output)


def test_cli_windows_from_options(make_workspace, runner: CliRunner) -> None:
    """--before 7: the 1 March incidents (14 days before) fall outside: Sunda 0 → 10 and no
    ratio ("för få händelser"), never a made-up number."""
    root = workspace(make_workspace, 40, 10, 100, 100)
    result = runner.invoke(app, ["insats", "evaluate", "-w", str(root), "--before", "7"])
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert "0 → 10" in out and "För få händelser för att säga något." in out


def test_tertial_shows_the_ratio_beside_the_counts(make_workspace, runner: CliRunner) -> None:
    root = workspace(make_workspace, 40, 10, 100, 100)
    result = runner.invoke(
        app, ["tertial", "render", "-w", str(root), "-t", "2021-T1", "--format", "md,json"]
    )
    assert result.exit_code == 0, result.output
    md = (root / "reports/tertial/2021-T1.md").read_text(encoding="utf-8")
    assert "| Sunda | Klotter | 40 | 10 | 100 → 100 | 0,25 (0,12–0,53) |" in md
    assert "Antalet minskade mer än i resten av kommunen, och skillnaden är större" in md
    assert "En kvot publiceras bara när vart och ett av de fyra antalen är minst 3." in md
    doc = json.loads((root / "reports/tertial/2021-T1.json").read_text(encoding="utf-8"))
    ins = doc["insatser"][0]
    ev = ins["evaluation"]
    assert abs(ev["rrr"] - 0.25) < 1e-12 and ev["verdict"] == "below"
    # the counts the ratio tells are published, and protected, beside it
    assert ins["comparison"] == ["Centrum", "Ramdal"]
    assert ins["comparison_before"] == {"value": 100, "state": "shown"}


def test_tertial_suppresses_a_ratio_of_small_counts(make_workspace, runner: CliRunner) -> None:
    """Centrum 2 → 20 (2 is below suppress_below 3): the CLI, internal, shows the ratio;
    the published follow-up does not (it could give the 2 away), and says too few."""
    root = workspace(make_workspace, 40, 10, 2, 20)
    cli = runner.invoke(app, ["insats", "evaluate", "-w", str(root)])
    assert "0,025 (" in flat(cli.output)  # (10/40)/(20/2) = 0.025
    result = runner.invoke(app, ["tertial", "render", "-w", str(root), "-t", "2021-T1"])
    assert result.exit_code == 0, result.output
    md = (root / "reports/tertial/2021-T1.md").read_text(encoding="utf-8")
    assert "| 40 | 10 | färre än 3 → 20 | – |" in md
    assert "**Klotterinsats i Sunda**: För få händelser för att säga något." in md


def test_check_validates_comparison_areas(make_workspace, runner: CliRunner) -> None:
    pledge = PLEDGE + "    comparison: [ramdl, sunda]\n"
    root = workspace(make_workspace, 1, 1, 1, 1, pledge)
    result = runner.invoke(app, ["check", "-w", str(root)])
    assert result.exit_code == 1
    out = flat(result.output)
    assert "insatser[0].comparison[0]: 'ramdl'" in out and "menade du 'Ramdal'" in out
    assert "insatser[0].comparison[1]" in out and "insatsens eget område" in out


def test_named_comparison_is_used_and_named(make_workspace, runner: CliRunner) -> None:
    root = workspace(make_workspace, 40, 10, 100, 100, PLEDGE + "    comparison: [ramdal]\n")
    result = runner.invoke(app, ["insats", "evaluate", "-w", str(root)])
    assert result.exit_code == 0, result.output
    assert "För få händelser" in flat(result.output)  # Ramdal has none: 0 → 0


RATIO = st.integers(min_value=1, max_value=300)


@given(RATIO, RATIO, RATIO, RATIO)
def test_wording_never_claims_what_the_interval_does_not(a: int, b: int, c: int, d: int) -> None:
    """Whatever the counts: an interval covering 1 is worded as within chance, never as a
    clear difference; a clear one always says it does not show the insats was the cause."""
    interval = ratio_of_rate_ratios(a, b, c, d)
    assert interval is not None
    rrr, low, high = interval
    day = date(2021, 1, 1)
    comp = Comparison(0, day, day, day, day, a, b, c, d, rrr, low, high, verdict_of(interval))
    text = verdict_text(comp, "resten av kommunen", Formatter("sv"))
    if low <= 1 <= high:
        assert "större än vad slumpen" not in text
        assert "inom vad slumpen kan ge" in text or "ingen skillnad" in text
    else:
        assert "större än vad slumpen brukar ge" in text and "visar inte i sig" in text


def test_shared_fall_is_worded_as_no_difference() -> None:
    """40 → 20 against 200 → 100: both halve, RRR exactly 1."""
    interval = ratio_of_rate_ratios(40, 20, 200, 100)
    assert interval is not None and interval[0] == 1.0
    day = date(2021, 1, 1)
    comp = Comparison(0, day, day, day, day, 40, 20, 200, 100, *interval, verdict_of(interval))
    text = verdict_text(comp, "resten av kommunen", Formatter("sv"))
    assert (
        text == "Antalet förändrades i samma proportion som i resten av kommunen: ingen skillnad."
    )


def test_settings_windows(make_workspace, runner: CliRunner) -> None:
    settings = BASIC_SETTINGS + "evaluation:\n  before_days: 14\n  after_days: 21\n"
    root = make_workspace(
        {"pledges/2021.yaml": PLEDGE, "data/incidents/a.csv": data(40, 10, 100, 100)},
        est_yaml=settings,
    )
    result = runner.invoke(app, ["tertial", "render", "-w", str(root), "-t", "2021-T1"])
    assert result.exit_code == 0, result.output
    md = (root / "reports/tertial/2021-T1.md").read_text(encoding="utf-8")
    assert "| 2 veckor före | 3 veckor efter |" in md
    assert "14 dagar före dess första dag och 21 dagar efter" in md
