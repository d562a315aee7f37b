"""The weekly report as the parties read it: priorities first, marked internal, plain Swedish,
week ranges as people write them, and a chart that stays legible on a phone (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY

from est_cli.load.workspace import load_workspace
from est_cli.periods import IsoWeek
from est_cli.render import drawing
from est_cli.render.charts import at_most, svg_size, week_ticks
from est_cli.render.fmt import Formatter
from est_cli.reports.weekly import build_weekly, chance

DEMO_WEEK = "2021-W10"
MARKING = "Internt – för samverkansparterna"
PHONE_CONTENT_PX = 390 - 2 * 12  # a 390 px screen less the page's padding on a phone
PHONE_BODY_PX = 15  # the body text's size on a phone (base.html.j2)
HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_ws: Path) -> Path:
    out = tmp_path_factory.mktemp("weekly-wording")
    build_weekly(
        load_workspace(demo_ws),
        today=TODAY,
        week=DEMO_WEEK,
        formats=["md", "html", "json"],
        out=out,
    )
    return out


def _text(out: Path, ext: str, stem: str = DEMO_WEEK) -> str:
    return (out / f"{stem}.{ext}").read_text(encoding="utf-8")


def test_the_meetings_assessment_and_priorities_come_before_the_figures(demo):
    md = _text(demo, "md")
    order = [
        "## Mötets bedömning",
        "### Prioriteringar inför helgen och kommande vecka",
        "### Uppföljning av förra veckans prioriteringar",
        "## Veckan i siffror",
        "## Områden som sticker ut",
        "## Händelser per kategori",
        "## Utveckling de senaste 12 veckorna",
        "**Om underlaget:**",
    ]
    assert [md.index(h) for h in order] == sorted(md.index(h) for h in order)
    html = _text(demo, "html")
    ids = re.findall(r'<h2 id="(h-[a-z]+)"', html)
    assert ids[:3] == ["h-meeting", "h-headline", "h-hotspots"]


def test_every_weekly_report_is_marked_internal_in_header_and_footer(demo):
    md = _text(demo, "md")
    head = md[: md.index("## Mötets bedömning")]
    assert f"**{MARKING}**" in head
    assert md.rstrip().endswith(f"*{MARKING}*")
    html = _text(demo, "html")
    header = html[html.index('<header class="doc">') : html.index("</header>")]
    # the print footer takes its text from data-marking (the pdf part's @page rules)
    assert f'<p class="marking" data-marking="{MARKING}">{MARKING}</p>' in header
    assert '"marking": "Internt – för samverkansparterna"' in _text(demo, "json")


def test_an_override_of_the_header_keeps_the_marking(make_workspace):
    root = make_workspace(
        {
            "data/incidents/a.csv": HEADER + "2021-03-09;22:15;Sunda;Inbrott;;\n",
            "templates/weekly.html.j2": '{% extends "builtin:weekly.html.j2" %}'
            "{% block header %}<h1>Egen</h1>{% endblock %}",
            "templates/weekly.md.j2": '{% extends "builtin:weekly.md.j2" %}'
            "{% block header %}# Egen\n{% endblock %}{% block footer %}{% endblock %}",
        }
    )
    build_weekly(load_workspace(root), today=TODAY, week=DEMO_WEEK, language="en")
    html = _text(root / "reports/weekly", "html")
    assert "<h1>Egen</h1>" in html
    assert 'data-marking="Internal – for the cooperating parties"' in html
    md = _text(root / "reports/weekly", "md")
    assert md.startswith("# Egen\n**Internal – for the cooperating parties**")
    assert md.rstrip().endswith("*Internal – for the cooperating parties*")


@pytest.mark.parametrize(
    ("first", "last", "label"),
    [
        ("2021-W02", "2021-W09", "v. 2–9 2021"),
        ("2020-W51", "2021-W02", "v. 51 2020–v. 2 2021"),
        ("2020-W53", "2021-W01", "v. 53 2020–v. 1 2021"),
        ("2021-W09", "2021-W09", "v. 9 2021"),
    ],
)
def test_week_ranges_write_the_year_once_unless_it_changes(first, last, label):
    assert Formatter("sv").week_range(first, last) == label


def test_the_baseline_and_the_chart_use_week_ranges(demo, make_workspace):
    md = _text(demo, "md")
    assert "Jämförelseperioden är v. 2–9 2021 (8 veckor med underlag)." in md
    assert "v. 2 2021–v. 9 2021" not in md
    assert "per vecka, v. 52 2020–v. 10 2021:" in md  # the chart's text alternative
    # a baseline across the new year
    rows = "".join(f"2020-12-{d:02};10:00;Sunda;Inbrott;;\n" for d in range(1, 32))
    rows += "2021-01-11;10:00;Sunda;Inbrott;;\n"
    root = make_workspace({"data/incidents/a.csv": HEADER + rows})
    build_weekly(load_workspace(root), today=TODAY, week="2021-W02", formats=["md"])
    text = _text(root / "reports/weekly", "md", "2021-W02")
    assert "Jämförelseperioden är v. 50 2020–v. 1 2021 (5 veckor med underlag)." in text


# a sentence ends at . ! or ?, but not the abbreviations of week and time ("v. 9", "kl. 12")
SENTENCE_START = re.compile(r"(?:^|(?<!\bv\.)(?<!\bw\.)(?<!\bkl\.)(?<=[.!?])\s+)(\S)")


def _sentences_starting_with_a_digit(md: str) -> list[str]:
    found = []
    for line in md.splitlines():
        if line.startswith("|") or not line.strip():
            continue  # table cells are values, not sentences
        text = re.sub(r"^(#+\s+)?(([-*>]|\d+\.)\s+)?", "", line.strip())  # "### 1. Inbrott"
        text = re.sub(r"^\*\*[^*]+:\*\*\s*", "", text).strip("*_ ")  # a bold label: …
        for m in SENTENCE_START.finditer(text):
            if m[1][0].isdigit():
                found.append(text[m.start(1) : m.start(1) + 40])
    return found


def test_no_sentence_of_the_demo_week_starts_with_a_digit(demo):
    assert _sentences_starting_with_a_digit(_text(demo, "md")) == []
    # the check itself finds one
    assert _sentences_starting_with_a_digit("Lugnt. 4 händelser saknar klockslag.") == [
        "4 händelser saknar klockslag."
    ]


def test_plain_words_for_hotspots_and_the_exact_figure_in_the_method_note(demo):
    md = _text(demo, "md")
    assert "Hotspot" not in md and "Brännpunkt" not in md and "Sannolikhet |" not in md
    assert (
        "- **Sunda · Inbrott:** Så många händelser inträffar nästan aldrig av en slump i det "
        "här området. Under de 8 föregående veckorna rapporterades 4." in md
    )
    assert "Sannolikheten denna vecka: Ramdal · Ordningsstörning < 0,001; Sunda · Inbrott" in md
    sv = Formatter("sv")
    assert (
        chance(sv, 0.0004)
        == "Så många händelser inträffar nästan aldrig av en slump i det här området."
    )
    assert chance(sv, 0.004) == (
        "Så många händelser inträffar av en slump bara ungefär en vecka av 250 i det här området."
    )
    assert "en vecka av 20 " in chance(sv, 0.05)


def test_the_line_about_the_data_is_short_and_fits_the_report(demo, make_workspace):
    md = _text(demo, "md")
    line = md[md.index("**Om underlaget:**") :].split("\n")[0]
    assert line == (
        "**Om underlaget:** Rapporten bygger på 4\u00a0654 rader ur 36 filer från "
        "incidentrapporteringen; alla används. Underlaget täcker alla veckor som rapporten "
        "jämför med. Av veckans händelser saknar 4 klockslag och räknas separat."
    )
    assert "data/incidents/" not in md and "31 december 2021" not in md
    # data that begins within the compared weeks: the report says what it covers
    rows = "2021-03-01;10:00;Sunda;Inbrott;;\n2021-03-14;10:00;Sunda;Inbrott;;\n"
    root = make_workspace({"data/incidents/a.csv": HEADER + rows})
    build_weekly(load_workspace(root), today=TODAY, week=DEMO_WEEK, formats=["md"])
    text = _text(root / "reports/weekly", "md")
    assert (
        "Underlaget omfattar 1–14 mars 2021; veckor som det inte täcker helt jämförs inte" in text
    )


def test_week_ticks_carry_the_year_where_it_changes():
    weeks = [IsoWeek.parse(k, 0) for k in ("2020-W52", "2020-W53", "2021-W01", "2021-W02")]
    assert week_ticks(weeks) == ["52\n2020", "53", "1\n2021", "2"]
    assert week_ticks(weeks[2:]) == ["1\n2021", "2"]


def test_more_than_five_series_group_the_rest_as_others():
    series = [(f"k{i}", [i, None, 1]) for i in range(7)]
    grouped = at_most(series, "Övriga")
    assert [name for name, _ in grouped] == ["k0", "k1", "k2", "k3", "Övriga"]
    assert grouped[-1][1] == [4 + 5 + 6, None, 3]
    assert at_most(series[:5], "Övriga") == series[:5]
    svg = drawing.trend_chart(["1", "2", "3"], grouped, bars=("Totalt", [21, None, 7])).decode(
        "utf-8"
    )
    assert svg.count('<g id="axes_') == 6  # the total and five series, no more
    assert "<!-- Övriga -->" in svg and "<!-- k4 -->" not in svg
    assert "<!-- k0 -->" in svg  # each panel is labelled directly: no legend
    assert 'id="legend_' not in svg


def test_chart_text_is_body_size_on_a_phone(demo):
    svg = (demo / f"{DEMO_WEEK}.svg").read_bytes()
    width, height = svg_size(svg)
    assert width == 360 and height > width  # narrow and tall: one panel per series
    shown = min(width, PHONE_CONTENT_PX)
    assert drawing.FONT * shown / width >= PHONE_BODY_PX
    html = _text(demo, "html")
    assert f'width="{width}" height="{height}"' in html  # the page reserves the chart's size
    assert b'viewBox="0 0 360 ' in svg  # scales with the page
