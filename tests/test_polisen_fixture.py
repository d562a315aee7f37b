"""The committed synthetic police events (examples/polisen/, a few hundred, made by
examples/generate_polisen_events.py) imported into a copy of the demo workspace: the
summary a coordinator sees, and the events in check and the weekly report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, demo_without_overrides
from typer.testing import CliRunner

from est_cli.cli.app import app

GENERATOR = REPO / "examples" / "generate_polisen_events.py"
EVENTS = REPO / "examples" / "polisen"
FIRST, LATER = EVENTS / "events-2021-12.json", EVENTS / "events-2022-01.jsonl"


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path)], check=True)
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in EVENTS.iterdir()}
    assert fresh == committed, "run `python examples/generate_polisen_events.py` and commit"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_without_overrides(tmp_path_factory.mktemp("demo") / "ws")


def est(root: Path, *args: str) -> list[str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, [*args, "-w", str(root)])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_importing_the_fixture_then_an_overlapping_newer_file(demo: Path) -> None:
    first = est(demo, "import", "polisen", str(FIRST), "--areas-from-summary")
    assert first[1:] == [
        "Importerade 112 nya händelser till data/polisen/2021.csv, data/polisen/2022.csv; "
        "0 fanns redan.",
        "Tid ur namnet: 106; ur datetime (namnet saknar klockslag): 6.",
        "Placerade: 56 för hela kommunen, utan område; 56 efter sammanfattningen (Centrum 17, "
        "Ramdal 13, Stenvik 9, Sunda 9, Frösäng 8).",
        "andra kommuner (kvar: Oxelösund): 87: Nyköping 69, Trosa 18",
        "händelser för ett helt län, räknas inte som kommunens: 25: Södermanlands län 25",
        "sammanfattningar av många händelser, överhoppade: 8: Sammanfattning natt 8",
        "överhoppade typer, inte händelser för en lägesbild: 22: Trafikolycka 9, Övrigt 6, "
        "Trafikkontroll 4, Information 3",
        "okända typer: 3: Sprängning 3",
        "Ange typens kategori under polisen.types i est.yaml för att importera den (ett "
        "kategori-id, eller skip).",
        "Arkivet av polisens händelser är komplett från 2021-12-02 (data/polisen/archive.yaml).",
    ]
    later = est(demo, "import", "polisen", str(LATER), "--areas-from-summary")
    assert later[1] == "Importerade 64 nya händelser till data/polisen/2022.csv; 43 fanns redan."
    again = est(demo, "import", "polisen", str(FIRST), str(LATER))
    assert again[1] == "Inga nya händelser; 176 fanns redan."
    assert "upprepade i indata (räknade en gång): 98" in again


def test_the_imported_events_pass_check_and_are_counted_apart_in_the_week(demo: Path) -> None:
    if not (demo / "data" / "polisen").exists():
        est(demo, "import", "polisen", str(FIRST), "--areas-from-summary")
    assert est(demo, "check")[-1].endswith(": 0 fel, 0 varningar.")
    est(demo, "week", "build", "--week", "2021-W50", "--format", "md")
    text = (demo / "reports" / "weekly" / "2021-W50.md").read_text(encoding="utf-8")
    assert (
        "Under veckan rapporterades 49 händelser. Av dem är 14 polisens öppna händelser "
        "(polisen.se) och 35 samverkansparternas rapporter.\n"
    ) in text
    assert "| Brand (polisen) |" in text
