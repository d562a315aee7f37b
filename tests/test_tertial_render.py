"""`est tertial render`: figures computed from incident rows, periods, pledges, warnings."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS, REPO
from typer.testing import CliRunner

from est_cli.aggregate import suppress
from est_cli.cli.app import app
from est_cli.load import workspace as wsmod

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
    problem: {problem}
    indicators:
      - categories: [skadegorelse, klotter]
        phrase: fall av skadegörelse
    activities:
      - id: vandringar
        text: Vi genomför trygghetsvandringar.
        owner: gemensamt
        target: {{count: 4, unit: trygghetsvandringar}}
        follow_ups:
          2021-T1: {{status: pågår, progress: {progress}}}
{follow_ups}"""

FOLLOW_UPS = """\
    follow_ups:
      2021-T1:
        status: pågår
        measures: [Rondering av vaktbolag]
        effect: Bedömd preventiv effekt.
"""

HEADER = "Datum;Tid;Område;Kategori;Plats;Organisation;Beskrivning\n"


T1_DATA = HEADER + "2021-01-01;00:00;Centrum;Rån;;;\n2021-04-30;23:00;Centrum;Rån;;;\n"


def pledge(problem: str = "Mycket skadegörelse.", progress: int = 2, follow_ups: bool = True):
    return PLEDGE.format(
        problem=problem, progress=progress, follow_ups=FOLLOW_UPS if follow_ups else ""
    )


def rows(*items: tuple[str, str, str, str]) -> str:
    """CSV rows (date, time, area, category) with a description, place and organisation."""
    return HEADER + "".join(
        f"{d};{t};{a};{c};Storgatan 12;Vaktbolaget Secur;HEMLIG-BESKRIVNING-{i}\n"
        for i, (d, t, a, c) in enumerate(items)
    )


def span(first: str, last: str) -> list[tuple[str, str, str, str]]:
    """Two robberies marking how far the data reaches (a period counts only when covered)."""
    return [(first, "00:00", "Centrum", "Rån"), (last, "23:00", "Centrum", "Rån")]


def render(runner: CliRunner, root: Path, *args: str):
    return runner.invoke(
        app, ["tertial", "render", "-w", str(root), "--format", "md,html,json", *args]
    )


def outputs(root: Path, key: str = "2021-T1") -> dict[str, str]:
    folder = root / "reports" / "tertial"
    return {
        ext: (folder / f"{key}.{ext}").read_text(encoding="utf-8") for ext in ("md", "html", "json")
    }


# --- the Oxelösund demo at the repository root --------------------------------------------


def test_oxelosund_demo_t1_counts_come_from_the_csv_rows(runner, tmp_path, demo_ws):
    from est_cli.load.incidents import load_incidents

    ws = wsmod.load_workspace(REPO)
    incidents = [
        i
        for i in load_incidents(ws).incidents
        if i.occurred_at.year == 2021 and i.occurred_at.month <= 4
    ]
    damage = sum(i.category in ("skadegorelse", "klotter") for i in incidents)
    theft = sum(i.category in ("inbrott", "stold") for i in incidents)
    assert (damage, theft) == (23, 25)  # the published follow-up's figures

    result = runner.invoke(
        app, ["tertial", "render", "-w", str(demo_ws), "-t", "2021-T1", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    md = (tmp_path / "2021-T1.md").read_text(encoding="utf-8")
    assert f"Under perioden har {damage} fall av skadegörelse rapporterats" in md
    assert f"Under perioden har {theft} stölder och inbrott eller inbrottsförsök rapporterats" in md
    line = next(x for x in md.split("<br>") if x.startswith("Flest i"))
    for area in ("Centrum", "Ramdal", "Sunda"):
        assert area in line
    assert "# Medborgarlöfte 2021 – Uppföljning av första tertialet" in md
    assert "januari–april 2021" in md


# --- periods ------------------------------------------------------------------------------


def test_tertial_boundary_is_midnight_between_30_april_and_1_may(make_workspace, runner):
    t1 = [("2021-04-30", "23:59", "Centrum", "Klotter")] * 3
    t2 = [("2021-05-01", "00:00", "Centrum", "Klotter")] * 4
    data = rows(*t1, *t2, *span("2021-01-01", "2021-08-31"))
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    assert render(runner, root, "-t", "2021-T2", "--draft").exit_code == 0  # no T2 follow-up
    assert "Under perioden har 3 fall av skadegörelse rapporterats" in outputs(root)["md"]
    t2_json = json.loads(outputs(root, "2021-T2")["json"])
    indicator = t2_json["focus_areas"][0]["indicators"][0]
    assert indicator["total"] == {"state": "shown", "value": 4}
    assert indicator["totals"]["months"][0] == {"state": "shown", "value": 4}  # May


def test_default_tertial_is_the_last_one_that_ended(make_workspace):
    from datetime import date

    from est_cli.reports.tertial import render_tertial

    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": T1_DATA})
    result = render_tertial(wsmod.load_workspace(root), today=date(2021, 5, 3))
    assert result.tertial == "2021-T1"
    assert (root / "reports/tertial/2021-T1.md").is_file()


def test_a_pledge_spanning_two_years_is_chosen_and_named_by_year(make_workspace, runner):
    two_years = (
        pledge()
        .replace("valid_from: 2021-01-01", "valid_from: 2021-07-01")
        .replace("valid_to: 2021-12-31", "valid_to: 2022-06-30")
        .replace("Medborgarlöfte 2021", "Medborgarlöfte 2021–2022")
        .replace("2021-T1", "2022-T1")
    )
    root = make_workspace(
        {
            "pledges/2020.yaml": pledge()
            .replace("2021-01-01", "2020-07-01")
            .replace("2021-12-31", "2021-06-30")
            .replace("2021-T1", "2021-T2"),
            "pledges/2021.yaml": two_years,
            "data/incidents/a.csv": rows(
                *[("2022-02-03", "12:00", "Sunda", "Skadegörelse")] * 5,
                *span("2022-01-01", "2022-04-30"),
            ),
        }
    )
    result = render(runner, root, "-t", "2022-T1")
    assert result.exit_code == 0, result.output
    md = outputs(root, "2022-T1")["md"]
    assert "# Medborgarlöfte 2021–2022 – Uppföljning av första tertialet 2022" in md
    assert "Under perioden har 5 fall av skadegörelse rapporterats" in md
    assert "Rondering av vaktbolag" in md  # the 2022-T1 follow-up was used
    assert "2 av 4 trygghetsvandringar" in md


def test_no_pledge_for_the_tertial_is_a_usage_error_naming_the_files(make_workspace, runner):
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": rows()})
    result = render(runner, root, "-t", "2023-T2")
    assert result.exit_code == 2
    assert "pledges/2021.yaml (2021-01-01 – 2021-12-31)" in result.output


def test_a_tertial_without_incidents(make_workspace, runner):
    data = rows(*span("2021-01-01", "2021-04-30"))
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    result = render(runner, root, "-t", "2021-T1", "--strict")
    assert result.exit_code == 0, result.output
    md = outputs(root)["md"]
    assert "Inga fall av skadegörelse har rapporterats." in md
    assert "Flest i " not in md.split("## Om siffrorna")[0]
    assert "Samma period 2020" not in md  # no data for last year: no comparison


# --- publication safety -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "text", "cell"),
    [
        (2, "Under perioden har färre än 3 fall av skadegörelse rapporterats.", "färre än 3"),
        (3, "Under perioden har 3 fall av skadegörelse rapporterats.", "3"),
        (4, "Under perioden har 4 fall av skadegörelse rapporterats.", "4"),
    ],
)
def test_suppression_below_at_and_above_the_threshold(make_workspace, runner, count, text, cell):
    incidents = [("2021-02-10", "21:00", "Sunda", "Klotter")] * count
    last_year = [("2020-01-10", "21:00", "Sunda", "Klotter")] * 10
    data = rows(*incidents, *last_year, *span("2020-01-01", "2021-04-30"))
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    out = outputs(root)
    assert text in out["md"]
    # The annex: Klotter row, February cell and the row total; the totals row too.
    klotter = next(x for x in out["md"].splitlines() if x.startswith("| Klotter |"))
    assert klotter == f"| Klotter | 0 | {cell} | 0 | 0 | {cell} | 10 |"
    assert f'<td class="num">{cell}</td>' in out["html"]
    indicator = json.loads(out["json"])["focus_areas"][0]["indicators"][0]
    if count < 3:
        assert indicator["total"] == {"state": "suppressed", "value": None}
        assert indicator["change"] is None  # 10 − total would give the count away
        assert "minskning" not in out["md"]
        assert str(count) not in klotter
    else:
        assert indicator["total"] == {"state": "shown", "value": count}
        assert indicator["change"] == count - 10


def test_suppressed_insats_counts_and_english_wording(make_workspace, runner):
    settings = BASIC_SETTINGS
    insats = (
        "insatser:\n  - title: Insats\n    start: 2021-03-15\n    area: sunda\n"
        "    categories: [klotter]\n"
    )
    before = [("2021-03-01", "21:00", "Sunda", "Klotter")] * 1
    after = [("2021-03-20", "21:00", "Sunda", "Klotter")] * 5
    root = make_workspace(
        {
            "pledges/2021.yaml": pledge() + insats,
            "data/incidents/a.csv": rows(
                ("2021-01-01", "10:00", "Centrum", "Rån"),  # the data starts in January
                *before,
                *after,
                ("2021-06-01", "10:00", "Sunda", "Rån"),  # and reaches past the window
            ),
        },
        est_yaml=settings,
    )
    assert render(runner, root, "-t", "2021-T1", "--language", "en").exit_code == 0
    md = outputs(root)["md"]
    assert "Medborgarlöfte 2021 – Follow-up of the first tertial" in md
    # March's 6 klotter minus the 5 after the insats would give away the 1 before it: the
    # windows are protected together with the annex, so the 5 after it is hidden too.
    assert "| Insats | 15 March 2021 | Sunda | Klotter | fewer than 3 | × | 0 → 0 | – |" in md
    assert "| Klotter | 0 | 0 | 6 | 0 | 6 |" in md
    assert "In the period, 6 fall av skadegörelse were reported." in md


def test_unsettled_suppression_publishes_nothing(make_workspace, runner, monkeypatch):
    """Suppression that cannot prove its protection (here: a cap of one round of narrowing)
    stops the follow-up with a clear message; no document is written."""
    monkeypatch.setattr(
        "est_cli.aggregate.tertial_protect.protect_linked",
        functools.partial(suppress.protect_linked, max_rounds=1),
    )
    incidents = [("2021-02-10", "21:00", "Sunda", "Klotter")] * 2
    data = rows(*incidents, *span("2020-01-01", "2021-04-30"))
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    result = render(runner, root, "-t", "2021-T1")
    assert result.exit_code == 1
    assert "stopped at its cap of 1 rounds" in result.output
    assert not (root / "reports" / "tertial").exists()


def test_no_description_place_or_organisation_reaches_the_documents(make_workspace, runner):
    data = rows(*[("2021-02-10", "21:00", "Sunda", "Klotter")] * 6)
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    for ext, text in outputs(root).items():
        assert "HEMLIG-BESKRIVNING" not in text, ext
        assert "Storgatan" not in text, ext
        assert "Secur" not in text, ext


def test_pledge_text_is_escaped_in_html(make_workspace, runner):
    root = make_workspace(
        {
            "pledges/2021.yaml": pledge(problem="'Klotter <script>alert(1)</script> & mer'"),
            "data/incidents/a.csv": T1_DATA,
        }
    )
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    out = outputs(root)
    assert "<script>" not in out["html"]
    assert "Klotter &lt;script&gt;alert(1)&lt;/script&gt; &amp; mer" in out["html"]
    assert "<script>" not in out["md"]


# --- follow-ups and progress --------------------------------------------------------------


def test_missing_follow_up_is_a_warning(make_workspace, runner):
    root = make_workspace(
        {"pledges/2021.yaml": pledge(follow_ups=False), "data/incidents/a.csv": T1_DATA}
    )
    # a draft: with no focus area followed up at all, the follow-up is refused without it
    result = render(runner, root, "-t", "2021-T1", "--draft")
    assert result.exit_code == 0
    assert "varning" in result.output
    assert "focus area 'skadegorelse' has no follow-up for 2021-T1" in result.output
    assert "Ingen uppföljning för perioden." in outputs(root)["md"]


def test_missing_follow_up_with_strict_is_an_error(make_workspace, runner):
    root = make_workspace(
        {"pledges/2021.yaml": pledge(follow_ups=False), "data/incidents/a.csv": HEADER}
    )
    result = render(runner, root, "-t", "2021-T1", "--strict")
    assert result.exit_code == 1
    assert "pledges/2021.yaml:9" in result.output  # the focus area's line
    assert "has no follow-up for 2021-T1" in result.output
    assert not (root / "reports/tertial/2021-T1.md").exists()


def test_strict_with_complete_follow_ups_succeeds(make_workspace, runner):
    data = rows(*span("2021-01-01", "2021-04-30"))
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    result = render(runner, root, "-t", "2021-T1", "--strict")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_progress_above_the_target_is_shown_as_exceeded(make_workspace, runner):
    root = make_workspace(
        {"pledges/2021.yaml": pledge(progress=6), "data/incidents/a.csv": T1_DATA}
    )
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    out = outputs(root)
    assert "6 av 4 trygghetsvandringar (målet är överträffat)" in out["md"]
    assert '<td class="exceeded">6 av 4 trygghetsvandringar' in out["html"]
    activity = json.loads(out["json"])["focus_areas"][0]["activities"][0]
    assert activity["target_state"] == "exceeded"


def test_negative_progress_is_an_error_with_its_line(make_workspace, runner):
    root = make_workspace(
        {"pledges/2021.yaml": pledge(progress=-1), "data/incidents/a.csv": HEADER}
    )
    result = render(runner, root, "-t", "2021-T1")
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    line = (
        pledge(progress=-1).splitlines().index("          2021-T1: {status: pågår, progress: -1}")
    )
    assert f"pledges/2021.yaml:{line + 1}:" in text
    assert "follow_ups.2021-T1.progress" in text
    assert "-1" in text


def test_t3_summarises_the_year(make_workspace, runner):
    text = pledge(progress=4).replace("2021-T1", "2021-T3") + "year_summary: Ett bra år.\n"
    data = rows(*span("2021-09-01", "2021-12-31"))
    root = make_workspace({"pledges/2021.yaml": text, "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T3").exit_code == 0
    md = outputs(root, "2021-T3")["md"]
    assert "Uppföljning av tredje tertialet" in md
    assert "## Året 2021 i sammanfattning" in md
    assert "Ett bra år." in md
    done = md.split("### Det här har vi gjort")[1].split("###")[0]
    assert "Vi genomför trygghetsvandringar." in done
    assert "4 av 4 trygghetsvandringar (målet är nått)" in done


# --- coverage, overlapping figures, insatser of the period, Markdown escaping --------------


def test_a_tertial_the_data_does_not_cover_shows_no_figures_and_warns(make_workspace, runner):
    data = rows(
        *[("2021-02-10", "21:00", "Sunda", "Klotter")] * 16,
        *[("2020-02-10", "21:00", "Sunda", "Klotter")] * 31,
        *span("2020-01-01", "2021-03-31"),  # the exports stop at the end of March
    )
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    result = render(runner, root, "-t", "2021-T1")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "data/incidents/*.csv" in text and "lacks 2021-04-01 – 2021-04-30" in text
    md = outputs(root)["md"]
    assert "fall av skadegörelse: uppgift saknas" in md
    assert "minskning" not in md and "16 fall" not in md  # no total, no comparison
    assert "| Klotter | 0 | 16 | 0 | – | – | 31 |" in md  # April and the total: no data
    strict = render(runner, root, "-t", "2021-T1", "--strict")
    assert strict.exit_code == 1 and "lacks 2021-04-01 – 2021-04-30" in strict.output


def test_a_tertial_after_the_data_publishes_no_zero(make_workspace, runner):
    data = rows(
        *[("2021-02-10", "21:00", "Sunda", "Klotter")] * 5, *span("2021-01-01", "2021-12-31")
    )
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    result = render(runner, root, "-t", "2022-T1", "--pledge", "pledges/2021.yaml")
    assert result.exit_code == 1  # issue 14.4: not published with empty figures
    assert "est tertial render --tertial 2021-T3" in result.output
    assert not (root / "reports").exists()


def test_last_year_needs_the_whole_tertial(make_workspace, runner):
    data = rows(
        *[("2021-02-10", "21:00", "Sunda", "Klotter")] * 5,
        *[("2020-01-27", "21:00", "Sunda", "Klotter")] * 9,
        *span("2020-01-27", "2021-04-30"),  # last year's tertial only partly covered
    )
    root = make_workspace({"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    md = outputs(root)["md"]
    assert "Under perioden har 5 fall av skadegörelse rapporterats." in md
    assert "Samma period 2020" not in md and "2020-T1" not in md


OVERLAP = """  - id: centrum
    title: Centrum
    problem: Skadegörelse i centrum.
    indicators:
      - categories: [skadegorelse]
        areas: [centrum]
        phrase: fall av skadegörelse
"""


def _overlap_pledge() -> str:
    text = pledge().replace("categories: [skadegorelse, klotter]", "categories: [skadegorelse]")
    return text.replace("focus_areas:\n", "focus_areas:\n" + OVERLAP)


def test_overlapping_indicators_do_not_give_away_a_small_count(make_workspace, runner):
    # The review's repro: all of the municipality against Centrum only; the one incident
    # outside Centrum must not follow from 11 − 10 in January or 26 − 25 in total.
    centrum = [("2021-01-10", "21:00", "Centrum", "Skadegörelse")] * 10
    centrum += [(f"2021-0{m}-10", "21:00", "Centrum", "Skadegörelse") for m in (2, 3, 4)] * 5
    data = rows(*centrum, ("2021-01-12", "21:00", "Sunda", "Skadegörelse"))
    data += "".join(rows(*span("2021-01-01", "2021-04-30")).splitlines(True)[1:])
    root = make_workspace({"pledges/2021.yaml": _overlap_pledge(), "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0, data
    figures = json.loads(outputs(root)["json"])
    inds = [f["indicators"][0] for f in figures["focus_areas"]]
    by_areas = {tuple(i["areas"]): i for i in inds}
    centrum_ind, all_ind = by_areas[("Centrum",)], by_areas[()]

    def shown(fig):
        return fig["value"] if fig["state"] == "shown" else None

    pairs = [(all_ind["total"], centrum_ind["total"])]
    pairs += list(zip(all_ind["totals"]["months"], centrum_ind["totals"]["months"], strict=True))
    for a, c in pairs:
        if shown(a) is not None and shown(c) is not None:
            assert not 1 <= shown(a) - shown(c) < 3, (a, c)
    assert shown(all_ind["total"]) is not None or shown(centrum_ind["total"]) is not None


def test_pledge_insatser_are_listed_in_the_tertial_they_start_in(make_workspace, runner):
    insatser = (
        "insatser:\n  - title: Marsinsatsen\n    start: 2021-03-15\n"
        "  - title: Septemberinsatsen\n    start: 2021-09-15\n"
    )
    text = pledge().replace("2021-T1", "2021-T3") + insatser
    data = rows(*span("2021-01-01", "2021-12-31"))
    root = make_workspace({"pledges/2021.yaml": text, "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T3").exit_code == 0
    md = outputs(root, "2021-T3")["md"]
    assert "Septemberinsatsen" in md
    assert "Marsinsatsen" not in md


def test_pledge_text_is_escaped_in_markdown(make_workspace, runner):
    text = pledge().replace("title: Medborgarlöfte 2021", "title: Löfte <script>x</script>")
    text = text.replace("municipality: Testkommun", "municipality: Test<b>kommun</b>")
    data = rows(*span("2021-01-01", "2021-04-30"))
    root = make_workspace({"pledges/2021.yaml": text, "data/incidents/a.csv": data})
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    md = outputs(root)["md"]
    assert "<script>" not in md and "<b>" not in md
    result = runner.invoke(app, ["pledge", "render", "-w", str(root), "-o", str(root / "out")])
    assert result.exit_code == 0, result.output
    (pledge_md,) = (root / "out").glob("*.md")
    assert "<script>" not in pledge_md.read_text(encoding="utf-8")


def test_rows_ignored_by_est_yaml_are_counted_not_published(make_workspace, runner):
    """Issue 14.2: ignored rows are in no figure, and the document says how many there were."""
    from conftest import BASIC_SETTINGS

    settings = BASIC_SETTINGS + (
        'sources:\n  incidents:\n    - files: ["data/incidents/*.csv"]\n'
        "      ignore: {categories: [Trafikolycka]}\n"
    )
    t1 = [("2021-02-01", "10:00", "Centrum", "Klotter")] * 3
    ignored = [("2021-02-02", "10:00", "Centrum", "Trafikolycka")] * 5
    data = rows(*t1, *ignored, *span("2021-01-01", "2021-08-31"))
    root = make_workspace(
        {"pledges/2021.yaml": pledge(), "data/incidents/a.csv": data}, est_yaml=settings
    )
    assert render(runner, root, "-t", "2021-T1").exit_code == 0
    out = outputs(root)
    assert "Under perioden har 3 fall av skadegörelse rapporterats" in out["md"]
    assert (
        "Av rapporterna handlar 5 om sådant som inte hör till lägesbilden; de räknas inte med."
        in out["md"]
    )
    data_note = json.loads(out["json"])["data"]
    assert data_note["rows_ignored"] == 5 and data_note["ignored_by"] == {"Trafikolycka": 5}


# These tests hold the core's English wording of problems (conftest.english_problems).
pytestmark = pytest.mark.usefixtures("english_problems")
