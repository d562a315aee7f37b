"""The weekly documents: HTML structure and escaping, descriptions, meeting notes, rebuilds."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest import TODAY

from est_cli.errors import DataError
from est_cli.load.workspace import load_workspace
from est_cli.reports.weekly import build_weekly
from tests.conftest import BASIC_SETTINGS

HEADER = "Datum;Tid;Område;Kategori;Plats;Beskrivning\n"
ROWS = (
    "2021-03-01;10:00;Centrum;Klotter;Torget;Tagg på muren\n"
    "2021-03-09;22:15;Sunda;Inbrott;Villaområdet;Dörr uppbruten hos granne\n"
    "2021-03-10;;Ramdal;Stöld;Ramdals centrum;Cykel tagen\n"
)
NOTES = """\
week: 2021-W10
meeting_date: 2021-03-11
participants: [Polisen, Testkommun]
assessment: Lugn vecka utom i Sunda.
priorities:
  - area: sunda
    place: Villaområdet
    action: Patrullering nattetid
    owner: Polisen
    when: helgen
follow_up:
  - priority: Närvaro vid Torget
    status: genomförd
    comment: Lugnt.
"""


class Html(HTMLParser):
    """Collects tags, attributes and text, to check the HTML's structure."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.captions: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if "caption" in self.stack and data.strip():
            self.captions.append(data.strip())

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def parse(text: str) -> Html:
    parser = Html()
    parser.feed(text)
    return parser


@pytest.fixture
def ws(make_workspace):
    return make_workspace({"data/incidents/a.csv": HEADER + ROWS, "weeks/2021-W10.yaml": NOTES})


def test_html_is_structured_and_accessible(ws):
    build_weekly(load_workspace(ws), today=TODAY, week="2021-W10")
    html = (ws / "reports/weekly/2021-W10.html").read_text(encoding="utf-8")
    doc = parse(html)
    assert doc.tags[0] == ("html", {"lang": "sv"})
    assert doc.count("table") == doc.count("caption") >= 6  # every table has a caption
    assert doc.count("thead") == doc.count("table")
    assert all(a.get("scope") in {"col", "row"} for t, a in doc.tags if t == "th")
    imgs = [a for t, a in doc.tags if t == "img"]
    assert len(imgs) == 1
    assert imgs[0]["src"].startswith("data:image/svg+xml;base64,")  # self-contained
    assert "Diagram över antal händelser per vecka" in imgs[0]["alt"]
    assert "<link" not in html and "<script" not in html and "http" not in html.split("<body")[0]
    assert "Vecka 10, 8–14 mars 2021" in html


def test_markdown_links_the_chart_file_beside_it(ws):
    result = build_weekly(load_workspace(ws), today=TODAY, week="2021-W10")
    names = sorted(p.name for p in result.written)
    assert names == ["2021-W10.html", "2021-W10.md", "2021-W10.svg"]
    md = (ws / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    assert "](2021-W10.svg)" in md
    svg = (ws / "reports/weekly/2021-W10.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_input_text_is_escaped_in_html_and_markdown(make_workspace):
    settings = BASIC_SETTINGS.replace("name: Sunda", "name: <script>alert(1)</script>")
    settings += "categories:\n  - id: xss\n    name: <b>Kat</b>|x\n"
    rows = "2021-03-09;22:15;Sunda;xss;<img src=x onerror=alert(2)>;\n"
    notes = NOTES.replace("Lugn vecka utom i Sunda.", "<script>bad()</script>")
    root = make_workspace(
        {"data/incidents/a.csv": HEADER + rows, "weeks/2021-W10.yaml": notes}, est_yaml=settings
    )
    build_weekly(load_workspace(root), today=TODAY, week="2021-W10", formats=["md", "html"])
    html = (root / "reports/weekly/2021-W10.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img src=x" not in html and "<b>Kat" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;script&gt;bad()&lt;/script&gt;" in html
    md = (root / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    assert "<script" not in md and "<img" not in md
    assert "&lt;b&gt;Kat&lt;/b&gt;\\|x" in md  # table cell: tags and '|' escaped


def test_descriptions_are_left_out_by_default(ws):
    build_weekly(load_workspace(ws), today=TODAY, week="2021-W10", formats=["md", "html", "json"])
    for ext in ("md", "html", "json"):
        text = (ws / f"reports/weekly/2021-W10.{ext}").read_text(encoding="utf-8")
        assert "Dörr uppbruten" not in text and "Cykel tagen" not in text
        assert "händelsebeskrivningar" not in text  # the warning of the document with them


def test_include_descriptions_marks_the_document_internal(ws):
    result = build_weekly(
        load_workspace(ws),
        today=TODAY,
        week="2021-W10",
        formats=["md", "html", "json"],
        include_descriptions=True,
    )
    assert result.internal
    out = ws / "reports/weekly"
    assert sorted(p.name for p in out.iterdir()) == [
        f"2021-W10-internt.{ext}" for ext in ("html", "json", "md", "svg")
    ]
    md = (out / "2021-W10-internt.md").read_text(encoding="utf-8")
    html = (out / "2021-W10-internt.html").read_text(encoding="utf-8")
    data = json.loads((out / "2021-W10-internt.json").read_text(encoding="utf-8"))
    assert "> **Internt:** Dokumentet innehåller händelsebeskrivningar" in md
    assert "Dörr uppbruten hos granne" in md
    assert "](2021-W10-internt.svg)" in md  # its own chart, next to it
    assert '<span class="internal">Internt</span>' in html and "Cykel tagen" in html
    assert "händelsebeskrivningar" in html
    assert "Tagg på muren" not in md  # week 9's incident is not listed
    assert data["internal"] is True
    assert [i["description"] for i in data["figures"]["incidents"]] == [
        "Dörr uppbruten hos granne",
        "Cykel tagen",
    ]


def test_internal_document_never_overwrites_the_published_report(ws):
    formats = ["md", "html", "json"]
    published = build_weekly(
        load_workspace(ws), today=TODAY, week="2021-W10", formats=formats
    ).written
    before = {p: p.read_bytes() for p in published}
    internal = build_weekly(
        load_workspace(ws), today=TODAY, week="2021-W10", formats=formats, include_descriptions=True
    )
    assert not set(internal.written) & set(published)
    assert {p: p.read_bytes() for p in published} == before
    for path in published:
        assert b"Cykel tagen" not in path.read_bytes()
    assert all("-internt." in p.name for p in internal.written)


def test_meeting_notes_present(ws):
    result = build_weekly(load_workspace(ws), today=TODAY, week="2021-W10")
    assert result.notes_found
    md = (ws / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    assert "*Möte 11 mars 2021 · Deltagare: Polisen och Testkommun*" in md
    assert "Lugn vecka utom i Sunda." in md
    assert "| Villaområdet, Sunda | Patrullering nattetid | Polisen | helgen |" in md
    assert "| Närvaro vid Torget | Genomförd | Lugnt. |" in md


def test_meeting_notes_absent(make_workspace):
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS})
    result = build_weekly(
        load_workspace(root), today=TODAY, week="2021-W10", formats=["md", "html", "json"]
    )
    assert not result.notes_found
    md = (root / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    assert "Inga mötesanteckningar är registrerade för veckan ännu" in md
    assert "weeks/2021-W10.yaml" in md
    assert json.loads((root / "reports/weekly/2021-W10.json").read_text())["notes"] is None


def test_invalid_meeting_notes_stop_the_build_with_file_and_line(make_workspace):
    bad = NOTES.replace("    status: genomförd", "    status: klar")
    root = make_workspace({"data/incidents/a.csv": HEADER + ROWS, "weeks/2021-W10.yaml": bad})
    with pytest.raises(DataError) as err:
        build_weekly(load_workspace(root), today=TODAY, week="2021-W10")
    located = [p for p in err.value.problems if p.file == "weeks/2021-W10.yaml"]
    assert located and located[0].line == 13 and "status" in (located[0].field or "")
    assert not (root / "reports").exists()


def test_notes_of_another_week_are_not_used(ws):
    result = build_weekly(load_workspace(ws), today=TODAY, week="2021-W09")
    assert not result.notes_found


def test_rebuild_is_byte_identical(ws):
    first = build_weekly(
        load_workspace(ws), today=TODAY, week="2021-W10", formats=["md", "html", "json"]
    )
    before = {p.name: p.read_bytes() for p in first.written}
    again = build_weekly(
        load_workspace(ws), today=TODAY, week="2021-W10", formats=["md", "html", "json"]
    )
    assert {p.name: p.read_bytes() for p in again.written} == before
    assert len(before) == 4


def test_changing_the_notes_changes_only_the_text_documents(ws):
    first = build_weekly(
        load_workspace(ws), today=TODAY, week="2021-W10", formats=["md", "html", "json"]
    )
    before = {p.name: p.read_bytes() for p in first.written}
    notes = ws / "weeks/2021-W10.yaml"
    notes.write_text(NOTES.replace("Lugn vecka", "Orolig vecka"), encoding="utf-8")
    again = build_weekly(
        load_workspace(ws), today=TODAY, week="2021-W10", formats=["md", "html", "json"]
    )
    after = {p.name: p.read_bytes() for p in again.written}
    assert after["2021-W10.svg"] == before["2021-W10.svg"]
    for name in ("2021-W10.md", "2021-W10.html", "2021-W10.json"):
        assert after[name] != before[name]
        assert b"Orolig vecka" in after[name]


def test_json_holds_every_figure(ws):
    build_weekly(load_workspace(ws), today=TODAY, week="2021-W10", formats=["json"])
    assert sorted(p.name for p in (ws / "reports/weekly").iterdir()) == ["2021-W10.json"]
    data = json.loads((ws / "reports/weekly/2021-W10.json").read_text(encoding="utf-8"))
    f = data["figures"]
    assert data["week"] == "2021-W10" and data["label"] == "Vecka 10, 8–14 mars 2021"
    assert f["headline"]["this"] == 2 and f["headline"]["previous"] == 1
    assert {r["id"]: r["this"] for r in f["categories"]} == {"inbrott": 1, "stold": 1, "klotter": 0}
    assert f["rule"]["p_value"] == 0.01 and f["rule"]["baseline_weeks"] == 8
    assert len(f["weekday_time"]) == 7 and len(f["trend"]) == 12
    assert data["data_note"]["rows"] == 3 and data["data_note"]["excluded"] == 0


def test_english_documents(ws):
    build_weekly(load_workspace(ws), today=TODAY, week="2021-W10", language="en")
    html = (ws / "reports/weekly/2021-W10.html").read_text(encoding="utf-8")
    assert parse(html).tags[0] == ("html", {"lang": "en"})
    assert "Week 10, 8–14 March 2021" in html and "The week in figures" in html
    assert "Vecka" not in html
    # Statuses use the words every document shares (est_cli.render.labels).
    assert '<td data-label="Status">Completed</td>' in html


def test_excluded_rows_are_counted_in_the_line_about_the_data(make_workspace):
    """The document says how many rows could not be used; which and why is in the JSON."""
    bad = "2021-03-10;;Atlantis;Stöld;;\n"
    root = make_workspace(
        {"data/incidents/a.csv": HEADER + ROWS + bad, "weeks/2021-W10.yaml": NOTES}
    )
    build_weekly(load_workspace(root), today=TODAY, week="2021-W10", formats=["md", "html", "json"])
    md = (root / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    line = (
        "**Om underlaget:** Rapporten bygger på 4 rader ur 1 fil från incidentrapporteringen; "
        "1 kunde inte användas, varav 1 daterade denna vecka (est check visar vilka och varför)."
    )
    assert line in md
    assert "Atlantis" not in md and "a.csv" not in md  # no tool output in the document
    html = (root / "reports/weekly/2021-W10.html").read_text(encoding="utf-8")
    assert "<strong>Om underlaget:</strong> Rapporten bygger på 4 rader ur 1 fil" in html
    note = json.loads((root / "reports/weekly/2021-W10.json").read_text())["data_note"]
    assert note["files"][0]["file"] == "data/incidents/a.csv"
    [reason] = note["week_excluded_by_reason"]
    assert reason["first_rows"] == ["data/incidents/a.csv:5"] and "Atlantis" in reason["reason"]


def test_out_folder(ws, tmp_path):
    result = build_weekly(
        load_workspace(ws), today=TODAY, week="2021-W10", out=tmp_path / "elsewhere", formats=["md"]
    )
    assert sorted(p.name for p in result.written) == ["2021-W10.md", "2021-W10.svg"]
    assert (tmp_path / "elsewhere/2021-W10.md").is_file()
    assert not (ws / "reports").exists()


def test_excluded_rows_of_other_weeks_are_counted_too(make_workspace):
    rows = ROWS + "2021-03-11;10:00;Atlantis;Stöld;;\n" + "2021-13-45;10:00;Sunda;Stöld;;\n"
    root = make_workspace({"data/incidents/a.csv": HEADER + rows})
    result = build_weekly(
        load_workspace(root), today=TODAY, week="2021-W10", formats=["md", "json"]
    )
    assert result.rows_excluded == 2 and result.rows_read == 5
    md = (root / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    assert "; 2 kunde inte användas, varav 1 daterade denna vecka" in md
    assert "`data/incidents/a.csv" not in md
    note = json.loads((root / "reports/weekly/2021-W10.json").read_text())["data_note"]
    assert note["week_excluded"] == 1 and note["other_excluded"] == 1
    assert note["undated_excluded"] == 1


def test_workspace_template_can_override_one_block(ws):
    (ws / "templates").mkdir()
    (ws / "templates/weekly.md.j2").write_text(
        '{% extends "builtin:weekly.md.j2" %}\n{% block footer %}Egen fot.\n{% endblock %}\n',
        encoding="utf-8",
    )
    build_weekly(load_workspace(ws), today=TODAY, week="2021-W10", formats=["md"])
    md = (ws / "reports/weekly/2021-W10.md").read_text(encoding="utf-8")
    assert "\nEgen fot.\n" in md and "## Veckan i siffror" in md
    assert "Framtaget med est" not in md
    # the marking is outside the blocks: an override can not drop it
    assert md.endswith("*Internt – för samverkansparterna*\n")
