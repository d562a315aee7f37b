"""The tertial follow-up as a communicator would sign it off (issue 15) and the parties'
identity in the published documents (issue 12 §4): the opening and the closing, period
labels in words, no tool output, one fact once, the draft refusal and watermark, logos
embedded through the workspace's confinement, contact persons and signatories."""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path

import pytest
from conftest import BASIC_SETTINGS
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.periods import Tertial
from est_cli.render.fmt import Formatter

PLEDGE = """\
title: Medborgarlöfte 2021
municipality: Testkommun
parties: [Polisen, Testkommun]
valid_from: 2021-01-01
valid_to: 2021-12-31
url: https://www.testkommun.se/medborgarlofte
signed: 2021-02-01
place: Teststad
signatories:
  - name: Maria Påhittad
    role: Kommunstyrelsens ordförande
    party: Testkommun
  - name: Lars Exempelsson
    role: Lokalpolisområdeschef
    party: Polisen
    organisation: Polisen, lokalpolisområde Test
    date: 2021-02-03
purpose: Öka tryggheten.
method: Vi arbetar enligt EST.
focus_areas:
  - id: skadegorelse
    title: Skadegörelse
    problem: >-
      Klotter kostar pengar. Mest drabbade är centrum, Ramdalsområdet och Sunda.
    indicators:
      - categories: [skadegorelse, klotter]
        phrase: fall av skadegörelse
    activities:
      - id: vandringar
        text: Vi genomför trygghetsvandringar.
        owner: gemensamt
        follow_ups:
          2021-T1: {{status: ej påbörjad}}
{follow_ups}"""

FOLLOW_UPS = """\
    follow_ups:
      2021-T1:
        status: pågår
        measures: [Rondering av vaktbolag]
        effect: Bedömd preventiv effekt.
"""

IDENTITY = """\
  contacts:
    - name: Anna Påhittad
      role: trygghetssamordnare, Testkommun
      phone: 0155-380 00
      email: trygghet@testkommun.se
    - "kommunens växel 0155-380 00"
  logos:
    - file: logos/polisen.svg
      alt: Polisen
    - file: logos/kommun.png
      alt: Testkommuns logotyp
  published:
    2021-T1: 2021-05-12
    pledges/2021.yaml: 2021-02-05
"""

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10"/></svg>\n'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24

HEADER = "Datum;Tid;Område;Kategori\n"


def incidents() -> str:
    """Six in Centrum, four in Ramdal, three in Sunda in T1 2021, and data back to 2020."""
    rows = ["2020-01-01;12:00;Centrum;Rån", "2021-04-30;12:00;Centrum;Rån"]
    for area, n in (("Centrum", 6), ("Ramdal", 4), ("Sunda", 3)):
        rows += [f"2021-02-{10 + i:02d};21:00;{area};Klotter" for i in range(n)]
    return HEADER + "\n".join(rows) + "\n"


def workspace(make_workspace, *, follow_ups: bool = True, identity: bool = True, **extra):
    files = {
        "pledges/2021.yaml": PLEDGE.format(follow_ups=FOLLOW_UPS if follow_ups else ""),
        "data/incidents/a.csv": incidents(),
        "logos/polisen.svg": SVG,
        "logos/kommun.png": PNG,
        **extra,
    }
    return make_workspace(files, est_yaml=BASIC_SETTINGS + (IDENTITY if identity else ""))


def render(runner: CliRunner, root: Path, *args: str):
    return runner.invoke(
        app, ["tertial", "render", "-w", str(root), "-t", "2021-T1", "-f", "md,html,json", *args]
    )


def outputs(root: Path) -> dict[str, str]:
    folder = root / "reports" / "tertial"
    return {
        e: (folder / f"2021-T1.{e}").read_text(encoding="utf-8") for e in ("md", "html", "json")
    }


def text_of(html: str) -> str:
    """What a reader sees of an HTML document: no style, no tags."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


# --- period labels, opening, method note ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "n", "label"),
    [("sv", 1, "jan–apr 2021"), ("sv", 2, "maj–aug 2021"), ("sv", 3, "sep–dec 2021"),
     ("en", 2, "May–Aug 2021"), ("en", 3, "Sep–Dec 2021")],
)  # fmt: skip
def test_tertial_short_labels_are_months_in_words(lang: str, n: int, label: str) -> None:
    assert Formatter(lang).tertial_short(Tertial(2021, n)) == label


def test_period_labels_in_the_document_are_words_never_codes(make_workspace, runner) -> None:
    root = workspace(make_workspace)
    result = render(runner, root)
    assert result.exit_code == 0, result.output
    out = outputs(root)
    assert "| Totalt jan–apr 2021 | Samma period 2020 |" in out["md"]
    assert '<th scope="col" class="num">Totalt jan–apr 2021</th>' in out["html"]
    for ext in ("md", "html"):
        shown = out[ext] if ext == "md" else text_of(out[ext])
        assert not re.search(r"\d{4}-T\d", shown), ext


def test_the_opening_says_what_a_pledge_is_whose_and_which_period(make_workspace, runner):
    root = workspace(make_workspace)
    assert render(runner, root).exit_code == 0
    md = outputs(root)["md"]
    intro = md.split("## ")[0]
    assert "Ett medborgarlöfte är ett löfte från polisen och kommunen" in intro
    assert "medborgarlöftet i Testkommun, första tertialet (januari–april) 2021:" in intro
    html = outputs(root)["html"]
    assert "<p>Ett medborgarlöfte är ett löfte" in html
    english = render(runner, root, "--language", "en")
    assert english.exit_code == 0
    assert (
        "the citizen pledge in Testkommun, the first tertial (January–April) 2021"
        in (outputs(root)["md"])
    )


def test_the_method_note_says_what_the_figures_rest_on_without_tool_output(
    make_workspace, runner
) -> None:
    root = workspace(make_workspace)
    assert render(runner, root).exit_code == 0
    md = outputs(root)["md"]
    assert "Siffrorna bygger på 15 rapporter om händelser" in md
    for tool_word in ("filer", "rader", "st.", "Underlag:", "est.yaml"):
        assert tool_word not in md, tool_word
    assert json.loads(outputs(root)["json"])["data"]["files"] == 1  # the details stay in JSON


def test_a_fact_the_figures_give_is_not_repeated_from_the_hand_written_text(
    make_workspace, runner
) -> None:
    """'Flest i Centrum, Ramdal och Sunda' is computed; the pledge's 'Mest drabbade är
    centrum, Ramdalsområdet och Sunda.' (an alias for Ramdal) is left out, the rest kept."""
    root = workspace(make_workspace)
    assert render(runner, root).exit_code == 0
    md = outputs(root)["md"]
    cell = next(line for line in md.splitlines() if line.startswith("| **Skadegörelse**"))
    assert "Flest i Centrum, Ramdal och Sunda." in cell
    assert "Mest drabbade" not in cell
    assert "Klotter kostar pengar." in cell


def test_a_sentence_naming_other_areas_than_the_figures_is_kept(make_workspace, runner):
    root = workspace(make_workspace)
    pledge = root / "pledges/2021.yaml"
    text = pledge.read_text(encoding="utf-8").replace("centrum, Ramdalsområdet och", "Frösäng och")
    pledge.write_text(text, encoding="utf-8")
    assert render(runner, root).exit_code == 0
    assert "Mest drabbade är Frösäng och Sunda." in outputs(root)["md"]


def test_category_names_inside_a_phrase_are_lower_case() -> None:
    fmt = Formatter("sv")
    assert fmt.join_names(["Ordningsstörning", "Skadegörelse"]) == (
        "Ordningsstörning och skadegörelse"
    )
    assert fmt.join_names(["Klotter", "EST-möte", "Hot och våld"]) == (
        "Klotter, EST-möte och hot och våld"
    )


def test_the_html_hyphenates_swedish_and_lets_short_values_keep_their_width(
    make_workspace, runner
) -> None:
    root = workspace(make_workspace)
    assert render(runner, root).exit_code == 0
    html = outputs(root)["html"]
    assert '<html lang="sv">' in html
    assert "hyphens: auto;" in html
    assert "table-layout: fixed" not in html  # columns squeezed to a share broke words
    assert '<td class="status">Ej påbörjad</td>' in html
    assert "td.status { white-space: nowrap; }" in html


# --- the closing: Kontakt, the pledge's link, the publication date -------------------------


def test_the_follow_up_closes_with_contact_link_and_publication_date(make_workspace, runner):
    root = workspace(make_workspace)
    assert render(runner, root).exit_code == 0
    out = outputs(root)
    closing = out["md"].split("## Kontakt")[1]
    assert closing.splitlines()[2:4] == [
        "- **Anna Påhittad**, trygghetssamordnare, Testkommun, 0155-380 00, trygghet@testkommun.se",
        "- kommunens växel 0155-380 00",
    ]
    assert "Läs hela medborgarlöftet: [Medborgarlöfte 2021]" in closing
    assert "(<https://www.testkommun.se/medborgarlofte>)" in closing
    assert closing.rstrip().endswith("Publicerad 12 maj 2021.")
    html = out["html"]
    assert '<h2 id="contact">Kontakt</h2>' in html
    assert '<a href="mailto:trygghet@testkommun.se">trygghet@testkommun.se</a>' in html
    assert '<a href="https://www.testkommun.se/medborgarlofte">Medborgarlöfte 2021</a>' in html
    assert json.loads(out["json"])["published"] == "2021-05-12"


def test_without_contacts_there_is_no_empty_kontakt_heading(make_workspace, runner):
    root = workspace(make_workspace, identity=False)
    assert render(runner, root).exit_code == 0
    out = outputs(root)
    assert "Kontakt" not in out["md"] and "Kontakt" not in out["html"]
    assert "Publicerad" not in out["md"]  # no date in est.yaml: none made up


# --- nothing followed up: refused, or a draft -----------------------------------------------


def test_a_follow_up_without_any_focus_area_followed_up_is_refused(make_workspace, runner):
    root = workspace(make_workspace, follow_ups=False)
    result = render(runner, root)
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "pledges/2021.yaml:20:1: fel: focus_areas: no focus area has a follow-up for" in output
    assert "--draft" in result.output
    assert not (root / "reports").exists()


def test_a_draft_is_watermarked_utkast(make_workspace, runner):
    root = workspace(make_workspace, follow_ups=False)
    result = render(runner, root, "--draft")
    assert result.exit_code == 0, result.output
    out = outputs(root)
    assert out["md"].startswith("> **UTKAST** – inte för publicering")
    assert "Ingen uppföljning för perioden." in out["md"]
    assert "<title>Utkast: Medborgarlöfte 2021" in out["html"]
    assert '<p class="draft" role="note"><strong>Utkast</strong>' in out["html"]
    assert 'body::after { content: "Utkast";' in out["html"]
    assert json.loads(out["json"])["draft"] is True


def test_a_follow_up_that_is_not_a_draft_carries_no_watermark(make_workspace, runner):
    root = workspace(make_workspace)
    assert render(runner, root).exit_code == 0
    out = outputs(root)
    assert "Utkast" not in out["md"] and "Utkast" not in out["html"]
    assert json.loads(out["json"])["draft"] is False


# --- logos ------------------------------------------------------------------------------


def test_logos_are_embedded_with_their_alt_text(make_workspace, runner):
    root = workspace(make_workspace)
    assert render(runner, root).exit_code == 0
    html = outputs(root)["html"]
    svg = base64.b64encode(SVG).decode()
    png = base64.b64encode(PNG).decode()
    assert f'<img src="data:image/svg+xml;base64,{svg}" alt="Polisen">' in html
    assert f'<img src="data:image/png;base64,{png}" alt="Testkommuns logotyp">' in html
    assert "logos/polisen.svg" not in html  # embedded: the HTML is one file
    pledge = runner.invoke(app, ["pledge", "render", "-w", str(root)])
    assert pledge.exit_code == 0, pledge.output
    assert 'alt="Polisen"' in (root / "reports/pledge/2021.html").read_text(encoding="utf-8")


def _check(runner: CliRunner, root: Path) -> str:
    result = runner.invoke(app, ["check", "-w", str(root)])
    assert result.exit_code == 1
    return " ".join(result.output.split())


def test_a_missing_logo_is_named_at_its_line_with_a_fix(make_workspace, runner):
    root = workspace(make_workspace)
    (root / "logos/kommun.png").unlink()
    out = _check(runner, root)
    line = BASIC_SETTINGS.count("\n") + 10  # the `file:` of the second logo
    assert (
        f"est.yaml:{line}:13: fel: publication.logos[1].file: det finns ingen fil "
        "'logos/kommun.png' i arbetsytan (lägg logotypen i logos/kommun.png, eller rätta "
        "sökvägen)"
    ) in out
    assert "15 rader: 1 fel" in out  # the rest of est.yaml is usable: every file is checked
    assert render(runner, root).exit_code == 1  # nor is a document made without it
    week = runner.invoke(app, ["week", "build", "-w", str(root), "--week", "2021-W06"])
    assert week.exit_code == 0, week.output  # the weekly report shows no logo


def test_a_logo_outside_the_workspace_is_refused_and_not_read(make_workspace, runner, tmp_path):
    secret = tmp_path / "outside.svg"
    secret.write_bytes(SVG.replace(b"<rect", b"<rect id='HEMLIGT'"))
    root = workspace(make_workspace)
    (root / "logos/polisen.svg").unlink()
    os.symlink(secret, root / "logos/polisen.svg")
    out = _check(runner, root)
    assert "publication.logos[0].file: 'logos/polisen.svg' leder utanför arbetsytans mapp" in out
    assert "HEMLIGT" not in out and str(secret) not in out
    result = render(runner, root)
    assert result.exit_code == 1
    assert not (root / "reports").exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../outside.svg", "går uppåt med '..'"),
        ("/etc/logo.svg", "är en absolut sökväg"),
        ("logos/logo.gif", "är ingen SVG- eller PNG-fil"),
    ],
)
def test_a_logo_path_that_cannot_be_embedded_is_an_error(make_workspace, runner, path, message):
    root = workspace(make_workspace)
    settings = root / "est.yaml"
    text = settings.read_text(encoding="utf-8").replace("logos/polisen.svg", path)
    settings.write_text(text, encoding="utf-8")
    assert f"publication.logos[0].file: '{path}' {message}" in _check(runner, root)


def test_a_file_that_is_not_the_picture_its_name_says_is_an_error(make_workspace, runner):
    root = workspace(make_workspace)
    (root / "logos/kommun.png").write_bytes(b"GIF89a not a png")
    assert "'logos/kommun.png' är ingen PNG-bild" in _check(runner, root)


# --- signatories -----------------------------------------------------------------------


def test_the_pledge_shows_its_signatories_with_party_and_date(make_workspace, runner):
    root = workspace(make_workspace)
    result = runner.invoke(app, ["pledge", "render", "-w", str(root)])
    assert result.exit_code == 0, result.output
    md = (root / "reports/pledge/2021.md").read_text(encoding="utf-8")
    signatures = md.split("## Underskrifter")[1]
    assert "**Maria Påhittad**  \nKommunstyrelsens ordförande  \nTestkommun\n" in signatures
    assert (
        "**Lars Exempelsson**  \nLokalpolisområdeschef  \nPolisen, lokalpolisområde Test  \n"
        "Undertecknat 3 februari 2021\n"
    ) in signatures
    assert signatures.rstrip().endswith("Publicerad 5 februari 2021.")
    html = (root / "reports/pledge/2021.html").read_text(encoding="utf-8")
    signer = "<p><strong>Maria Påhittad</strong><br>Kommunstyrelsens ordförande<br>Testkommun</p>"
    assert signer in html


def test_a_signatory_for_a_party_the_pledge_does_not_have_is_an_error(make_workspace, runner):
    root = workspace(make_workspace)
    pledge = root / "pledges/2021.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("party: Polisen", "party: Polisenn"),
        encoding="utf-8",
    )
    out = _check(runner, root)
    assert (
        "pledges/2021.yaml:15:12: fel: signatories[1].party: 'Polisenn' är inte en av "
        "löftets parter (Polisen, Testkommun)"
    ) in out


# --- the settings: init writes them commented, and they are valid when uncommented ----------


def test_init_writes_the_identity_settings_commented_and_they_validate(tmp_path, runner):
    target = tmp_path / "ws"
    init = runner.invoke(app, ["init", str(target), "-m", "Testkommun", "--year", "2021"])
    assert init.exit_code == 0
    settings = target / "est.yaml"
    text = settings.read_text(encoding="utf-8")
    for key in ("# contacts:", "# logos:", "# published:"):
        assert key in text
    start = text.index("  # contacts:")
    end = text.index("\n\n", start)
    yaml_line = re.compile(r"^  #( +)(- |[a-z_]+: |[0-9a-z/.\-]+: |[a-z_]+:$)")
    block = "\n".join(
        "  " + line[4:] if yaml_line.match(line) else line for line in text[start:end].splitlines()
    )
    settings.write_text(text[:start] + block + text[end:], encoding="utf-8")
    out = _check(runner, target)  # valid settings, only the example logos are missing
    assert "det finns ingen fil 'logos/polisen.svg' i arbetsytan" in out
    assert "publication.contacts" not in out and "publication.published" not in out
