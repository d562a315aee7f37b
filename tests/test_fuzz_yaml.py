"""Fuzz campaign, YAML files: whatever est.yaml, a pledge (with its follow-ups) or a week's
notes hold, est answers with its own messages (exit 0, 1 or 2, never a traceback, every
problem naming its file).

Three kinds of documents: built from the pydantic models themselves (every field, mostly
plausible values, sometimes the wrong type, a missing or an unknown key); any YAML at all
(random data, and random text made of YAML's own syntax); and the real files of the demo
workspace and examples/, mutated as an editor or a merge would (a line lost or doubled,
indentation off, a value of the wrong kind). Alias bombs and deep nesting are refused by
the YAML limits (another part of issue 11); the texts here stay small.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from conftest import BASIC_PLEDGE, BASIC_SETTINGS, REPO
from fuzzing import TALLY, budget, run_est, workspace
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from est_cli.load.yamldoc import parse_yaml
from est_cli.models.pledge import Pledge
from est_cli.models.settings import Settings
from est_cli.models.week import WeekNotes

WEEK_FILE = "weeks/2021-W05.yaml"
GOOD_WEEK = "week: 2021-W05\nmeeting_date: 2021-02-04\nassessment: Lugnt.\n"
CSV = (
    "Datum;Tid;Område;Kategori;Plats\n"
    + "".join(
        f"2021-{m:02d}-{d:02d};21:40;Centrum;Klotter;Torget\n" for m in (1, 2) for d in (4, 18)
    )
    + "2021-02-05;;Sunda;Skadegörelse;\n"
)

# --- documents from the models ------------------------------------------------------------

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["", " ", "~", "ja", "nej", "yes", "on", "0x1F", "1e3", ".nan", "-.inf"]),
)
text = st.one_of(
    st.sampled_from(["Polisen", "Testkommun", "Skadegörelse", "fall av klotter", "Lugnt."]),
    st.text(max_size=40),
    st.sampled_from(["a: b", "- x", "# c", "{{ x }}", "19811218-9876", "070-123 45 67"]),
)
ids = st.sampled_from(["centrum", "ramdal", "sunda", "klotter", "skadegorelse", "stold"])
ids |= st.sampled_from(["inbrott", "okand", "Centrum", "sköndal", "a b", "", "-x", "x" * 300])
dates = st.dates(dt.date(2019, 1, 1), dt.date(2023, 12, 31)).map(dt.date.isoformat)
dates |= st.sampled_from(["2021-02-30", "2021-13-01", "20210101", "1.1.2021", "0001-01-01"])
dates |= st.sampled_from(["9999-12-31", "2021-01-01T10:00", "1900-01-01", "2021-W05"])
tertials = st.sampled_from(["2021-T1", "2021-T2", "2021-T3", "2020-T3", "2022-T1", "2021-T4"])
tertials |= st.sampled_from(["T1", "2021-t1", "2021-T1 ", "99999-T1", "0000-T1"])
weeks = st.sampled_from(["2021-W05", "2021-W04", "2020-W53", "2021-W53", "2021-W00", "W05"])
weeks |= st.sampled_from(["2021-W5", "9999-W52", "0000-W01", "2021-w05"])
zones = st.sampled_from(["Europe/Stockholm", "UTC", "Mars/Olympus", "", "europe/stockholm"])
zones |= st.sampled_from(["Etc/GMT+12", "Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu"])
globs = st.sampled_from(["data/incidents/*.csv", "**/*.csv", "../*.csv", "/etc/*", "*", ""])
globs |= st.sampled_from(["data/incidents/[", "data/**/x/**/*.csv", "data/incidents/a.csv"])

# Values of the right kind at the edges of what est accepts, or just past them: a valid
# document with one of these in it is where a crash hides (a date in year 9999, a count of
# thirty digits), and a random document rarely gets that far.
EXTREME_DATES = ["1900-01-01", "2200-12-31", "1899-12-31", "2201-01-01", "9999-12-31"]
EXTREME_DATES += ["0001-01-01", "2021-02-29", "2020-02-29", "2021-12-31", "2021-01-01"]
EXTREME_INTS = [0, -1, 1, 2, 999_999, 1_000_000, 1_000_001, 2**31, 2**63, 10**30, -(10**30)]
EXTREME_FLOATS = [0.0, -0.0, 1e-300, 0.999999999, 1.0, float("nan"), float("inf"), 1e308]
EXTREME_TEXT = ["", " ", "x" * 5000, "\n", "a\tb", "\u202e", "''", "[red]x[/red]", ":x:"]
EXTREME_TEXT += ["{% raw %}", "{{ 7*7 }}", "19811218-9876", "<script>", "|", "**", "# x"]
EXTREME_KEYS = ["1900-T1", "2200-T3", "1899-T3", "2201-T1", "0000-T1", "9999-T3", "2021-T0"]
EXTREME_KEYS += ["1900-W01", "2200-W53", "2201-W01", "0000-W01", "2020-W53", "2021-W53"]


@st.composite
def extreme_like(draw: st.DrawFn, value: object) -> object:
    """A value of the same kind as `value` (a date, a number, a key, a text) at an edge."""
    if isinstance(value, bool):
        return draw(st.sampled_from([0, 1, "ja", None]))
    if isinstance(value, int):
        return draw(st.sampled_from(EXTREME_INTS))
    if isinstance(value, float):
        return draw(st.sampled_from(EXTREME_FLOATS))
    if isinstance(value, str) and len(value) == 10 and value[4:5] == value[7:8] == "-":
        return draw(st.sampled_from(EXTREME_DATES))
    if isinstance(value, str) and len(value) in (7, 8) and value[4:6] in ("-T", "-W"):
        return draw(st.sampled_from(EXTREME_KEYS))
    if isinstance(value, list):
        return [] if not value or draw(st.booleans()) else value * 50
    return draw(st.sampled_from(EXTREME_TEXT))


# Values chosen by the name of the field (or of the list or mapping holding them).
BY_NAME: dict[str, st.SearchStrategy[Any]] = {
    "id": ids,
    "area": ids,
    "parent": ids,
    "areas": ids,
    "categories": ids,
    "week": weeks,
    "timezone": zones,
    "files": globs,
    "meeting_date": dates,
    "follow_ups": tertials,
}
# A clean document: every value plausible and consistent with BASIC_SETTINGS and the week
# file's name, so that the documents get rendered, not only refused.
CLEAN: dict[str, st.SearchStrategy[Any]] = {
    "id": st.sampled_from(["a", "b", "centrum", "trygghet-1"]),
    "area": st.sampled_from(["centrum", "ramdal", "sunda"]),
    "parent": st.sampled_from(["centrum", "ramdal"]),
    "areas": st.sampled_from(["centrum", "ramdal", "sunda"]),
    "categories": st.sampled_from(["klotter", "skadegorelse", "stold", "inbrott"]),
    "week": st.just("2021-W05"),
    "timezone": st.sampled_from(["Europe/Stockholm", "UTC", "Asia/Kathmandu"]),
    "files": st.just("data/incidents/*.csv"),
    "meeting_date": st.just("2021-02-04"),
    "valid_from": st.sampled_from(["2021-01-01", "2020-09-01", "2021-02-15"]),
    "valid_to": st.sampled_from(["2021-12-31", "2021-04-30", "2021-03-01"]),
    "follow_ups": st.sampled_from(["2021-T1", "2021-T2", "2021-T3"]),
    "language": st.sampled_from(["sv", "en"]),
    "name": st.sampled_from(["Centrum", "Ramdal", "Sunda", "Klotter", "Maria Påhittad"]),
    "aliases": st.sampled_from(["Centrala stan", "Ramdalsområdet", "Sundaområdet", "graffiti"]),
    "suppress_below": st.integers(0, 5),
}
clean_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1)
clean_text = clean_text.filter(str.strip) | st.sampled_from(["Polisen", "Trygghetsvandring"])


class Mode:
    """How a generated document goes wrong: `rate` 0 never, else one value in `rate` is junk
    and a required field is left out now and then; `edges`: a clean document, with one
    value in about `edges` at an edge of its kind (`extreme_like`)."""

    def __init__(self, rate: int, edges: int = 0):
        self.rate, self.edges = rate, edges
        self.vocabulary = CLEAN if rate == 0 else BY_NAME

    def junk(self, draw: st.DrawFn) -> bool:
        return self.rate > 0 and draw(st.integers(0, self.rate - 1)) == 0

    def edge(self, draw: st.DrawFn, value: object) -> object:
        if self.edges and draw(st.integers(0, self.edges - 1)) == 0:
            return draw(extreme_like(value))
        return value


modes = st.sampled_from([Mode(0), Mode(0, 8), Mode(0, 20), Mode(0, 20), Mode(6), Mode(40)])


def _strip(annotation: object) -> object:
    """The type inside Annotated[...] (constraints are in the field's metadata)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


@st.composite
def value_for(draw: st.DrawFn, annotation: object, name: str, mode: Mode, depth: int = 0) -> Any:
    """A value for a field of type `annotation` named `name`: mostly of the right kind."""
    value = draw(_value_for(annotation, name, mode, depth))
    if isinstance(value, dict) and name == "follow_ups" and mode.edges:
        return {mode.edge(draw, k): v for k, v in value.items()}
    return value if isinstance(value, dict) else mode.edge(draw, value)


@st.composite
def _value_for(draw: st.DrawFn, annotation: object, name: str, mode: Mode, depth: int) -> Any:
    if mode.junk(draw) or depth > 6:
        return draw(junk)
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(annotation)
        return draw(_value_for(draw(st.sampled_from(options)), name, mode, depth))
    if origin is list:
        (item,) = typing.get_args(annotation)
        size = draw(st.integers(0 if mode.rate else 1, 3))
        return [draw(value_for(item, name, mode, depth + 1)) for _ in range(size)]
    if origin is dict:
        _, item = typing.get_args(annotation)
        key = mode.vocabulary["follow_ups"] if name == "follow_ups" else text
        keys = draw(st.lists(key, max_size=3, unique=True))
        return {k: draw(value_for(item, "", mode, depth + 1)) for k in keys}
    if origin is typing.Literal:
        return draw(st.sampled_from(typing.get_args(annotation)))
    if annotation is type(None):
        return None
    model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    if name in mode.vocabulary and not model and annotation is not bool:
        return draw(mode.vocabulary[name])
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return draw(document(annotation, mode, depth + 1))
        if issubclass(annotation, Enum):
            extra = ["pågår ", "polis"] if mode.rate else []
            return draw(st.sampled_from([e.value for e in annotation] + extra))
        if issubclass(annotation, bool):
            return draw(st.booleans())
        if issubclass(annotation, int):
            if not mode.rate:
                return draw(st.integers(1, 40))
            return draw(st.integers(-3, 60) | st.sampled_from([0, 10**6, 2**63, -(2**63)]))
        if issubclass(annotation, float):
            if not mode.rate:
                return draw(st.floats(0.001, 0.5))
            return draw(st.floats(-1, 2) | st.sampled_from([0.0, 1e-300, float("nan")]))
        if issubclass(annotation, dt.date):
            return draw(st.sampled_from(["2021-01-28", "2021-03-01"]) if not mode.rate else dates)
        if issubclass(annotation, str):
            return draw(clean_text if not mode.rate else text)
    return draw(junk)


@st.composite
def document(
    draw: st.DrawFn, model: type[BaseModel], mode: Mode | None = None, depth: int = 0
) -> dict[str, Any]:
    """A mapping for `model`: each field present (required ones nearly always), sometimes a
    key the model does not know."""
    mode = mode or draw(modes)
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.is_required():
            keep = not mode.junk(draw) or draw(st.booleans())
        else:
            keep = draw(st.booleans())
        if keep:
            out[info.alias or name] = draw(value_for(info.annotation, name, mode, depth))
    if mode.junk(draw):
        out[draw(st.sampled_from(["follow_up", "Title", "areas ", "x", "id"]))] = draw(junk)
    return out


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@budget(6)
@given(document(Settings))
def test_any_settings_document_gets_est_messages(data):
    """est.yaml built from the Settings model: `est check`, `est stats`, `est week build`."""
    files = {"est.yaml": dump(data), "pledges/2021.yaml": BASIC_PLEDGE}
    files |= {"data/incidents/a.csv": CSV, WEEK_FILE: GOOD_WEEK}
    with workspace(files, test="yaml: settings from the model") as root:
        run_est(root, "check", "--no-cache")
        run_est(root, "stats", "--week", "2021-W05")
        run_est(root, "week", "build", "--week", "2021-W05", "--format", "json")


@budget(6)
@given(document(Pledge))
def test_any_pledge_with_follow_ups_gets_est_messages(data):
    """A pledge built from the Pledge model, follow-ups and all: `est check`, `est tertial
    render`, `est pledge render`."""
    files = {"est.yaml": BASIC_SETTINGS, "pledges/2021.yaml": dump(data)}
    files["data/incidents/a.csv"] = CSV
    with workspace(files, test="yaml: pledge from the model") as root:
        run_est(root, "check")
        run_est(root, "tertial", "render", "--tertial", "2021-T1", "--format", "md")
        run_est(root, "pledge", "render", "--format", "md")


@budget(6)
@given(document(WeekNotes))
def test_any_week_notes_get_est_messages(data):
    """A week's notes built from the WeekNotes model: `est check`, `est week build`."""
    files = {"est.yaml": BASIC_SETTINGS, WEEK_FILE: dump(data), "data/incidents/a.csv": CSV}
    with workspace(files, test="yaml: week notes from the model") as root:
        run_est(root, "check")
        run_est(root, "week", "build", "--week", "2021-W05", "--format", "md")


# --- any YAML at all ----------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), dates
)
any_data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)
TOKENS = ["key: ", "- ", "  ", "\n", "\n  ", "\t", "&a ", "*a", "<<: *a\n", "!!str ", "!!int "]
TOKENS += ["!!python/object/apply:os.system ['id']", "!!binary aGVq", "!!timestamp 2021-01-01"]
TOKENS += ["!local ", "{", "}", "[", "]", ", ", "|\n", ">-\n", "'", '"', "# c\n", "%YAML 1.1\n"]
TOKENS += ["---\n", "...\n", "? ", "~", "null", ".nan", "2021-01-01", "0o17", "\ufeff", "\x00"]
TOKENS += ["\x85", "\u2028", "\x1b", "valid_from: ", "focus_areas:\n", "areas:\n", "week: "]
TOKENS += ["follow_ups:\n", "2021-T1: ", "municipality: X\n", "id: centrum\n", "=", "@", "`"]
yaml_text = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=40).map("".join)
TARGETS = ["est.yaml", "pledges/2021.yaml", WEEK_FILE]


@budget(10)
@given(
    st.one_of(
        any_data.map(dump),
        st.dictionaries(st.sampled_from(["municipality", "areas", "focus_areas"]), any_data).map(
            dump
        ),
        yaml_text,
        yaml_text.map(lambda t: t.encode("utf-16")),
        st.binary(max_size=200),
    ),
    st.sampled_from(TARGETS),
)
def test_any_yaml_in_any_file_gets_est_messages(content, target):
    """Random YAML data, random text of YAML syntax or random bytes as est.yaml, a pledge or
    a week's notes: `est check` (and `est pledge render`) answer in words."""
    files: dict[str, str | bytes] = {
        "est.yaml": BASIC_SETTINGS,
        "pledges/2021.yaml": BASIC_PLEDGE,
        "data/incidents/a.csv": CSV,
    }
    files[target] = content
    with workspace(files, test="yaml: any yaml") as root:
        run_est(root, "check", "--format", "json")
        if target != WEEK_FILE:
            run_est(root, "pledge", "render", "--format", "md")


# --- the real files, mutated --------------------------------------------------------------

# Workspaces to mutate, each copied once per test session (its cache then stays warm):
# the demo at the repository root (with its templates) and the example workspaces.
SOURCES = {
    "demo": (REPO, 2021),
    "strangnas-2019": (REPO / "examples" / "strangnas-2019", 2019),
    "strangnas-2021": (REPO / "examples" / "strangnas-2021", 2021),
    "trosa-2021": (REPO / "examples" / "trosa-2021", 2021),
}
_COPIES: dict[str, Path] = {}
_TMP = Path(tempfile.mkdtemp(prefix="est-fuzz-copies-"))
atexit.register(shutil.rmtree, _TMP, True)


def copy_of(name: str) -> Path:
    """The session's copy of workspace `name`, made on first use."""
    if name not in _COPIES:
        src, _ = SOURCES[name]
        dst = _TMP / name
        dst.mkdir()
        for part in ("est.yaml", "pledges", "weeks", "data", "templates", "logos", "geo"):
            if (src / part).is_dir():
                shutil.copytree(src / part, dst / part)
            elif (src / part).is_file():
                shutil.copyfile(src / part, dst / part)
        _COPIES[name] = dst
    return _COPIES[name]


def yaml_files_of(name: str) -> list[str]:
    src, _ = SOURCES[name]
    found = ["est.yaml", *(p.relative_to(src).as_posix() for p in src.glob("pledges/*.yaml"))]
    return found + [p.relative_to(src).as_posix() for p in src.glob("weeks/*.yaml")]


def _paths(data: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*path, i))
    return out


@st.composite
def data_mutation(draw: st.DrawFn, text_: str) -> str:
    """The document's data with one to three values changed, removed, renamed or doubled."""
    doc, _ = parse_yaml(text_, "x.yaml")
    assert doc is not None
    data = doc.data
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        what = draw(
            st.sampled_from(["edge", "edge", "edge", "junk", "other", "delete", "rename"])
            | st.sampled_from(["double", "empty", "edge-key"])
        )
        if what == "edge":
            parent[key] = draw(extreme_like(parent[key]))
        elif what == "edge-key" and isinstance(parent, dict):
            parent[draw(extreme_like(key))] = parent.pop(key)
        elif what == "junk":
            parent[key] = draw(junk | any_data)
        elif what == "other":  # a value from elsewhere in the file: the wrong kind, often
            source: Any = data
            for part in draw(st.sampled_from(paths)):
                source = source[part]
            parent[key] = yaml.safe_load(dump(source))
        elif what == "delete":
            del parent[key]
        elif what == "rename" and isinstance(parent, dict):
            parent[f"{key}{draw(st.sampled_from(['s', ' ', '_', 'X']))}"] = parent.pop(key)
        elif what == "double" and isinstance(parent, list):
            parent.insert(key, yaml.safe_load(dump(parent[key])))
        else:
            parent[key] = draw(st.sampled_from([[], {}, "", None]))
    return dump(data)


@st.composite
def text_mutation(draw: st.DrawFn, text_: str) -> str:
    """The text with lines lost, doubled, swapped or indented wrongly, or characters typed."""
    lines = text_.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        what = draw(st.sampled_from(["delete", "double", "swap", "indent", "type", "cut"]))
        if what == "delete":
            del lines[i]
        elif what == "double":
            lines.insert(i, lines[i])
        elif what == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif what == "indent":
            pad = draw(st.sampled_from([" ", "  ", "\t", "-"]))
            lines[i] = pad + lines[i] if draw(st.booleans()) else lines[i].lstrip(" ")
        elif what == "type":
            at = draw(st.integers(0, len(lines[i])))
            typed = draw(st.sampled_from([":", "-", "#", "'", '"', "&", "*", "!", "{", "ö", "\t"]))
            lines[i] = lines[i][:at] + typed + lines[i][at:]
        else:
            lines = lines[:i]
    return "".join(lines)


@budget(10)
@given(st.data(), st.sampled_from(sorted(SOURCES)), st.booleans())
def test_the_real_files_mutated_get_est_messages(data, name, by_text):
    """A file of the demo or an example workspace, mutated, in a copy of that workspace:
    `est check` and the command that reads the file answer in words."""
    root = copy_of(name)
    rel = data.draw(st.sampled_from(yaml_files_of(name)), label="file")
    original = (root / rel).read_bytes()
    mutation = text_mutation if by_text else data_mutation
    mutated = data.draw(mutation(original.decode("utf-8")), label="mutated")
    TALLY.inputs["yaml: real files mutated"] += 1
    year = SOURCES[name][1]
    try:
        (root / rel).write_text(mutated, encoding="utf-8")
        run_est(root, "check")
        if rel.startswith("weeks/"):
            run_est(root, "week", "build", "--week", Path(rel).stem, "--format", "md")
        elif rel.startswith("pledges/"):
            run_est(root, "tertial", "render", "--tertial", f"{year}-T1", "--format", "md")
            run_est(root, "pledge", "render", "--pledge", rel, "--format", "md")
        else:
            run_est(root, "stats", "--tertial", f"{year}-T1")
    finally:
        (root / rel).write_bytes(original)
