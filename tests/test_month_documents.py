"""The monthly follow-up as documents: the demo's March 2021 in plain Swedish with periods in
words, marked internal, byte-identical when rebuilt, in English on request, with workspace
template overrides, the police statistics' slot, and the CLI around it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import BASIC_SETTINGS, REPO, TODAY
from test_week_wording import _sentences_starting_with_a_digit
from typer.testing import CliRunner

from est_cli.aggregate.coverage import Coverage
from est_cli.aggregate.monthly import monthly_figures
from est_cli.cli.app import app
from est_cli.load.incidents import load_incidents
from est_cli.load.workspace import load_workspace
from est_cli.periods import Month
from est_cli.reports.monthly import build_monthly, render_monthly
from est_cli.reports.monthly_parts import MonthSurvey

DEMO_MONTH = "2021-03"
MARKING = "Internt – för samverkansparterna"
FORMATS = ["md", "html", "json"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_ws: Path) -> Path:
    out = tmp_path_factory.mktemp("monthly")
    build_monthly(load_workspace(demo_ws), today=TODAY, month=DEMO_MONTH, formats=FORMATS, out=out)
    return out


def _text(out: Path, ext: str) -> str:
    return (out / f"{DEMO_MONTH}.{ext}").read_text(encoding="utf-8")


def test_the_demo_month_reads_in_swedish_with_its_periods_in_words(demo):
    md = _text(demo, "md")
    assert md.startswith("# Månadsuppföljning: mars 2021\n")
    assert "Under mars 2021 rapporterades 110 händelser." in md
    assert "| Föregående månad (februari 2021) | 99 | +11 |" in md
    assert "| Samma månad förra året (mars 2020) | 108 | +2 |" in md
    assert "| Snitt per månad mars 2020–februari 2021 | 127,9 | −17,9 |" in md
    head = "| Kategori | Mars 2021 | Februari 2021 | Mars 2020 | Snitt per månad | Förändring |"
    assert head in md
    assert "Händelser januari–mars 2021 per veckodag och tid på dygnet." in md
    assert "## Utveckling de senaste 13 månaderna" in md
    assert "## Kategorier och områden som ökat" in md
    assert "## Månadens insatser" in md
    # never a period code or a tool's words in the text (the chart's file name is a link)
    text = md.replace(f"]({DEMO_MONTH}.svg)", "]")
    assert not re.search(r"\b20\d\d-(0[1-9]|1[0-2])\b|\b20\d\d-W\d\d\b", text), text
    assert _sentences_starting_with_a_digit(md) == []
    assert "**Om underlaget:** Rapporten bygger på 4\u00a0654 rader ur 36 filer" in md


def test_the_rise_rule_is_stated_in_plain_swedish_and_the_figure_in_the_method_note(demo):
    md = _text(demo, "md")
    start, end = (
        md.index("## Kategorier och områden som ökat"),
        md.index("## Händelser per kategori"),
    )
    rule = md[start:end]
    assert "En kategori eller ett område räknas som ökat när minst 5 händelser" in rule
    assert (
        "- **Inbrott** (kategori): denna månad 8 händelser, mot vanligen 2,5 per månad. "
        "Så många händelser inträffar av en slump bara ungefär en månad av 240." in rule
    )
    plain = rule[: rule.index("*Metod:")]
    assert "0,004" not in plain and "Poisson" not in plain
    assert "Poissonfördelning" in rule and "Sannolikheten denna månad: Inbrott 0,004." in rule


def test_the_monthly_report_is_marked_internal_in_header_and_footer(demo):
    md = _text(demo, "md")
    assert md.index(f"**{MARKING}**") < md.index("## Månaden i siffror")
    assert md.rstrip().endswith(f"*{MARKING}*")
    html = _text(demo, "html")
    assert f'<p class="marking" data-marking="{MARKING}">{MARKING}</p>' in html
    assert json.loads(_text(demo, "json"))["internal"] is True


def test_the_trend_chart_has_a_text_alternative_and_its_figures_in_a_table(demo):
    html = _text(demo, "html")
    assert 'alt="Diagram över händelser per månad, mars 2020–mars 2021: totalt, sedan' in html
    assert html.count('<img src="data:image/svg+xml;base64,') == 1
    table = html[html.index('<h2 id="h-trend">') :]
    assert '<th scope="row">Mars 2020</th><td class="num">108</td>' in table
    assert (demo / f"{DEMO_MONTH}.svg").read_bytes().startswith(b"<?xml")


def test_the_demo_month_is_the_committed_one(demo):
    """scripts/build-reports.sh rebuilds it; the committed files are what it writes."""
    for ext in ("md", "html", "json", "svg"):
        committed = REPO / "reports" / "monthly" / f"{DEMO_MONTH}.{ext}"
        assert committed.read_bytes() == (demo / f"{DEMO_MONTH}.{ext}").read_bytes(), ext


def test_two_builds_are_byte_identical(tmp_path, demo_ws):
    for name in ("a", "b"):
        build_monthly(
            load_workspace(demo_ws),
            today=TODAY,
            month=DEMO_MONTH,
            formats=FORMATS,
            out=tmp_path / name,
            use_cache=False,
        )
    for ext in ("md", "html", "json", "svg"):
        first = (tmp_path / "a" / f"{DEMO_MONTH}.{ext}").read_bytes()
        assert first == (tmp_path / "b" / f"{DEMO_MONTH}.{ext}").read_bytes(), ext


def test_in_english_on_request(tmp_path, demo_ws):
    build_monthly(
        load_workspace(demo_ws),
        today=TODAY,
        month=DEMO_MONTH,
        formats=["md"],
        out=tmp_path,
        language="en",
    )
    md = (tmp_path / f"{DEMO_MONTH}.md").read_text(encoding="utf-8")
    assert md.startswith("# Monthly follow-up: March 2021\n")
    assert "| Previous month (February 2021) | 99 | +11 |" in md
    assert "Internal – for the cooperating parties" in md


def test_a_workspace_template_overrides_one_block(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": "Datum;Tid;Område;Kategori\n"
            "2021-02-01;10:00;Centrum;Klotter\n2021-03-31;10:00;Centrum;Klotter\n",
            "templates/monthly.md.j2": '{% extends "builtin:monthly.md.j2" %}\n'
            "{% block footer %}Frågor: trygghetssamordnaren.{% endblock %}\n",
        }
    )
    build_monthly(load_workspace(root), today=TODAY, month=DEMO_MONTH, formats=["md", "html"])
    md = (root / "reports/monthly/2021-03.md").read_text(encoding="utf-8")
    assert "Frågor: trygghetssamordnaren." in md
    assert "Framtagen med est" not in md and "## Månaden i siffror" in md
    html = (root / "reports/monthly/2021-03.html").read_text(encoding="utf-8")
    assert "Framtagen med est" in html  # only the Markdown template was overridden


def test_the_police_statistics_slot_is_empty_until_it_is_filled(tmp_path):
    """`statistics` None renders nothing; given rows, the block shows them, labelled."""
    ws = load_workspace(REPO)
    incidents = load_incidents(ws)
    month = Month(2021, 3)
    coverage = Coverage(incidents.first_day, incidents.last_day)
    figures = monthly_figures(incidents.frame, month, coverage, ws.areas.names, ws.categories.names)
    args = (ws, figures, month, {}, "", MonthSurvey(None), [])
    empty = render_monthly(*args, formats=["md", "html"], language="sv")
    assert all("anmälda brott" not in str(t) for t in empty.values())
    rows = [SimpleNamespace(name="Skadegörelsebrott", this=14, previous=9, last_year=None)]
    filled = render_monthly(
        *args, formats=["md", "html"], language="sv", statistics=SimpleNamespace(rows=rows)
    )
    for ext in ("md", "html"):
        text = str(filled[ext])
        assert "Polisens anmälda brott" in text
        assert "ett annat mått än händelserapporterna ovan; de två räknas aldrig ihop" in text
    assert "| Skadegörelsebrott | 14 | 9 | – |" in str(filled["md"])


def test_the_police_statistics_beside_the_incidents_by_hand(make_workspace):
    """Statistics for March 2021, February 2021 and March 2020 (Ramdal's and Sunda's rows
    summed where the municipality has no row of its own): the block shows each period's
    count, and the incident figures are the same as without the statistics."""
    incidents = "Datum;Tid;Område;Kategori\n2020-03-02;10:00;Centrum;Klotter\n"
    incidents += "2021-02-01;10:00;Centrum;Klotter\n2021-03-05;10:00;Centrum;Klotter\n"
    statistics = (
        "Månad;Brottskategori;Antal;Område\n"
        "2021-03;Skadegörelse;14;\n2021-02;Skadegörelse;9;\n2020-03;Skadegörelse;11;\n"
        "2021-03;Bostadsinbrott;2;Ramdal\n2021-03;Bostadsinbrott;3;Sunda\n"
        "2021-02;Bostadsinbrott;1;Sunda\n"
    )
    settings = BASIC_SETTINGS + 'sources:\n  statistics:\n    - files: ["data/statistik/*.csv"]\n'
    files = {"data/incidents/a.csv": incidents, "data/statistik/s.csv": statistics}
    root = make_workspace(files, est_yaml=settings)
    build_monthly(load_workspace(root), today=TODAY, month=DEMO_MONTH, formats=["md", "json"])
    md = (root / "reports/monthly/2021-03.md").read_text(encoding="utf-8")
    assert "## Polisens anmälda brott" in md
    assert "| Skadegörelse | 14 | 9 | 11 |" in md
    assert "| Bostadsinbrott | 5 | 1 | 0 |" in md
    data = json.loads((root / "reports/monthly/2021-03.json").read_text(encoding="utf-8"))
    assert data["statistics"]["months"] == ["2021-03", "2021-02", "2020-03"]
    assert data["figures"]["total"]["this"] == 1  # the police's 19 never join the incidents
    plain = make_workspace({"data/incidents/a.csv": incidents})
    build_monthly(load_workspace(plain), today=TODAY, month=DEMO_MONTH, formats=["json"])
    without = json.loads((plain / "reports/monthly/2021-03.json").read_text(encoding="utf-8"))
    assert without["statistics"] is None and without["figures"] == data["figures"]


def test_est_month_build_on_the_command_line(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": "Datum;Tid;Område;Kategori\n"
            "2021-02-01;10:00;Centrum;Klotter\n2021-03-05;10:00;Centrum;Klotter\n"
            "2021-03-31;10:00;Ramdal;Stöld\n",
        }
    )
    runner = CliRunner()
    ok = runner.invoke(app, ["month", "build", "--month", "2021-03", "-w", str(root)])
    assert ok.exit_code == 0, ok.output
    assert "mars 2021" in ok.output and "denna månad" in ok.output
    assert (root / "reports/monthly/2021-03.md").is_file()
    assert (root / "reports/monthly/2021-03.html").is_file()
    assert not (root / "reports/monthly/2021-03.json").exists()
    late = runner.invoke(app, ["month", "build", "--month", "2021-06", "-w", str(root)])
    assert late.exit_code == 1 and "2021-03" in late.output
    wrong = runner.invoke(app, ["month", "build", "--month", "mars", "-w", str(root)])
    assert wrong.exit_code == 2
    args = ["month", "build", "--month", "2021-03", "-f", "docx", "-w", str(root)]
    bad = runner.invoke(app, args)
    assert bad.exit_code == 2
