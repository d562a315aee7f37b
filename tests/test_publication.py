"""Publication-ready documents (issue 12): the accessible PDF, print and phone layout, colour.

The PDFs are read with the standard library only (their compressed streams inflated), so
these tests need neither poppler nor a browser: scripts/check-accessibility.sh checks the
committed reports with those in CI. Print layout is read from WeasyPrint's own page boxes.
"""

from __future__ import annotations

import re
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, TODAY, demo_without_overrides

from est_cli.load.workspace import load_workspace
from est_cli.render.document import table_regions
from est_cli.render.drawing import BAR_COLOUR, LINE_COLOUR
from est_cli.render.i18n import Words
from est_cli.reports.pledge import render_pledge
from est_cli.reports.tertial import render_tertial
from est_cli.reports.weekly import build_weekly

TERTIAL_TITLE = "Medborgarlöfte 2021 – Uppföljning av första tertialet"


def _demo(dst: Path) -> Path:
    demo_without_overrides(dst)
    shutil.copytree(REPO / "templates", dst / "templates")
    return dst


def _build(root: Path, out: Path) -> dict[str, Path]:
    ws = load_workspace(root)
    common = {"today": TODAY, "out": out}
    build_weekly(ws, week="2021-W10", formats=["html", "pdf"], **common)
    render_tertial(load_workspace(root), tertial="2021-T1", formats=["html", "pdf"], **common)
    pledge = root / "pledges/2021.yaml"
    render_pledge(load_workspace(root), pledge=pledge, formats=["html", "pdf"], **common)
    return {p.name: p for p in out.iterdir()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = _demo(tmp_path_factory.mktemp("demo"))
    return _build(root, tmp_path_factory.mktemp("out"))


def _inflated(pdf: bytes) -> bytes:
    """The PDF with every Flate stream inflated after it: what a reader's parser sees."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


PDFS = ["2021-W10.pdf", "2021-T1.pdf", "2021.pdf"]


@pytest.mark.parametrize("name", PDFS)
def test_the_pdf_is_tagged_pdf_ua_with_title_and_language(
    built: dict[str, Path], name: str
) -> None:
    data = _inflated(built[name].read_bytes())
    assert data.startswith(b"%PDF-1.7")
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked true", data), "not marked as tagged"
    assert b"/StructTreeRoot" in data, "no structure tree"
    assert re.search(rb"pdfuaid:part[^0-9]*1", data), "not declared PDF/UA-1"
    assert re.search(rb"/Lang\s*\(sv\)", data), "no document language"
    assert b"/DisplayDocTitle true" in data, "viewers would show the file name, not the title"
    if name == "2021-W10.pdf":  # the chart is a Figure with the HTML's alt text
        alt = "Diagram över antal händelser".encode("utf-16-be").hex().encode()
        assert re.search(rb"/Alt\s*<feff" + alt, data), "the chart has no alternative text"
    html = built[name.replace(".pdf", ".html")].read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title.group(1).strip()
    assert f'<rdf:li xml:lang="x-default">{title.group(1).strip()}</rdf:li>'.encode() in data


def test_the_pdf_is_dated_by_its_period_not_the_clock(built: dict[str, Path]) -> None:
    """The tertial ends on 30 April 2021, the week on Sunday 14 March 2021; TODAY is 2026."""
    for name, day in [("2021-T1.pdf", b"20210430"), ("2021-W10.pdf", b"20210314")]:
        data = _inflated(built[name].read_bytes())
        assert re.findall(rb"/CreationDate\s*\(D:(\d{8})", data) == [day], name
        assert re.findall(rb"/ModDate\s*\(D:(\d{8})", data) == [day], name


def test_two_builds_give_the_same_pdf_bytes(
    built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Another copy of the workspace, another folder, another moment: the same bytes."""
    root = _demo(tmp_path_factory.mktemp("again"))
    again = _build(root, tmp_path_factory.mktemp("out-again"))
    for name in PDFS:
        assert again[name].read_bytes() == built[name].read_bytes(), name


def _pages_text(html: str) -> list[str]:
    """The text WeasyPrint lays out on each page, margin boxes included."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    pages = HTML(string=html).render().pages
    return [
        " ".join(b.text for b in p._page_box.descendants() if isinstance(b, TextBox)) for p in pages
    ]


def test_print_layout_of_the_follow_up(built: dict[str, Path]) -> None:
    """A4 pages with title and page number in the footer; the follow-up table starts on
    page 1 (no half-empty first page) and its header row is repeated on the next page."""
    pages = _pages_text(built["2021-T1.html"].read_text(encoding="utf-8"))
    n = len(pages)
    for i, text in enumerate(pages, 1):
        assert TERTIAL_TITLE in text and f"{i} / {n}" in text, f"page {i}: no running footer"
    assert "Problemområde Åtgärd Effekt" in pages[0]
    assert "Skadegörelse" in pages[0].split("Problemområde Åtgärd Effekt", 1)[1]
    assert pages[1].lstrip().startswith("Problemområde Åtgärd Effekt"), pages[1][:80]


def test_the_weekly_report_says_it_is_internal_on_every_printed_page(
    built: dict[str, Path],
) -> None:
    """The weekly report carries place-level counts and operational plans: each page's footer
    says it is internal, so a page printed alone still does; the public follow-up's does not."""
    marking = "Internt – för samverkansparterna"
    weekly = _pages_text(built["2021-W10.html"].read_text(encoding="utf-8"))
    assert len(weekly) > 1
    for i, text in enumerate(weekly, 1):
        # page 1: the header's marking and the footer's
        assert text.count(marking) == (2 if i == 1 else 1), f"page {i}: no internal marking"
    tertial = _pages_text(built["2021-T1.html"].read_text(encoding="utf-8"))
    assert not any(marking in text for text in tertial)


def test_a_long_table_breaks_between_rows_under_a_repeated_header() -> None:
    """With est's print styles: the header row on every page, no row split over two pages
    (each row's first and last word on the same page), the heading kept with its table."""
    rows = "".join(f"<tr><th>rad{i}</th><td>{'ord ' * 150}slut{i}</td></tr>" for i in range(30))
    base = (REPO / "est_cli/templates/base.html.j2").read_text(encoding="utf-8")
    style = base.split("{% block style %}", 1)[1].split("{% endblock %}", 1)[0]
    html = (
        f'<!DOCTYPE html><html lang="sv"><head><title>T</title><style>{style}</style></head>'
        f'<body data-title="T"><p>{"inledning " * 400}</p><h2>Rubrik</h2><table><thead>'
        f"<tr><th>Namn</th><th>Text</th></tr></thead><tbody>{rows}</tbody></table></body></html>"
    )
    pages = _pages_text(html)
    assert len(pages) > 3
    seen = []
    for text in pages:
        if "Rubrik" in text:
            assert "Rubrik Namn Text rad" in text, "the heading ends a page"
        elif "rad" in text:
            assert text.lstrip().startswith("Namn Text rad"), text[:60]
        on_page = re.findall(r"\brad(\d+) ", text)
        assert on_page == re.findall(r"\bslut(\d+)\b", text), "a row split over two pages"
        seen += on_page
    assert seen == [str(i) for i in range(30)]


@pytest.mark.parametrize("name", ["2021-W10.html", "2021-T1.html"])
def test_every_table_region_is_focusable_and_named(built: dict[str, Path], name: str) -> None:
    html = built[name].read_text(encoding="utf-8")
    wraps = re.findall(r'<div class="table-wrap"([^>]*)>', html)
    assert len(wraps) >= 3
    labels = []
    for attrs in wraps:
        assert 'tabindex="0"' in attrs and 'role="region"' in attrs, attrs
        label = re.search(r'aria-label="([^"]+)"', attrs)
        assert label, attrs
        labels.append(label.group(1))
    assert len(set(labels)) == len(labels), f"two regions share a name: {labels}"
    sections = set(re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', html))
    assert not sections & set(labels), "a region named as its section (axe: landmark-unique)"


def test_a_table_without_caption_is_named_after_its_heading() -> None:
    page = (
        '<h2>Insatser &amp; resultat</h2><p>x</p><div class="table-wrap">\n<table><thead>'
        '</thead></table></div><div class="table-wrap"><table class="x">\n'
        "<caption>Per <em>månad</em></caption></table></div>"
    )
    out = table_regions(page, Words("sv"))
    assert 'aria-label="Tabell: Insatser &amp; resultat"' in out
    assert 'aria-label="Per månad"' in out
    assert out.count('tabindex="0" role="region"') == 2


def _root_colours(css: str) -> dict[str, str]:
    root = re.search(r":root\s*{([^}]*)}", css)
    assert root
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", root.group(1)))


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _backgrounds(css: str) -> Iterator[str]:
    yield "#ffffff"
    yield from re.findall(r"background:\s*(#[0-9a-fA-F]{6})", css)


def test_text_colours_have_a_contrast_of_at_least_4_5() -> None:
    """Ink, muted text, headings and warnings on every background the stylesheets use,
    the demo's own accent colour included (WCAG 1.4.3)."""
    base = (REPO / "est_cli/templates/base.html.j2").read_text(encoding="utf-8")
    colours = _root_colours(base)
    demo = (REPO / "templates/tertial.html.j2").read_text(encoding="utf-8")
    backgrounds = [c.lower() for c in _backgrounds(base)] + [colours["bg-alt"]]
    assert "#fafbfc" in backgrounds
    for text in ("ink", "muted", "accent", "warn"):
        for bg in backgrounds:
            assert contrast(colours[text], bg) >= 4.5, (text, bg)
    for bg in backgrounds:
        assert contrast(_root_colours(demo)["accent"], bg) >= 4.5


def test_chart_marks_stand_out_against_white() -> None:
    """The chart draws one panel per series (no colour has to tell series apart), so what
    must hold is that its bars and lines are visible against white (3:1, WCAG 1.4.11)."""
    assert contrast(BAR_COLOUR, "#ffffff") >= 3
    assert contrast(LINE_COLOUR, "#ffffff") >= 3
    assert contrast("#e69f00", "#ffffff") < 3  # the check can fail: Okabe–Ito's orange does
