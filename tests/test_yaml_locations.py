"""YAML with line numbers: safe loading, duplicate keys, and every pydantic error mapped
back to the line and column of the value (or key) it is about."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE

from est_cli.load.yamldoc import load_yaml, parse_yaml
from est_cli.load.yamlvalidation import load_model, validate_doc
from est_cli.models.pledge import Pledge
from est_cli.models.settings import Settings
from est_cli.models.week import WeekNotes


def parse(text: str):  # type: ignore[no-untyped-def]
    doc, problems = parse_yaml(textwrap.dedent(text), "f.yaml")
    return doc, [str(p) for p in problems]


def messages(text: str, model=Pledge) -> list[str]:  # type: ignore[no-untyped-def]
    doc, problems = parse_yaml(textwrap.dedent(text), "p.yaml")
    assert doc is not None, problems
    return [str(p) for p in problems + validate_doc(doc, model)[1]]


def test_positions_of_values_and_keys() -> None:
    doc, problems = parse(
        """\
        title: Löfte
        focus_areas:
          - id: a
            activities:
              - id: b
                owner: polis
        """
    )
    assert problems == []
    assert doc.locate(("focus_areas", 0, "activities", 0, "owner")) == (6, 16)
    assert doc.locate(("focus_areas", 0, "activities", 0, "owner"), key=True) == (6, 9)
    assert doc.locate(("focus_areas", 0)) == (3, 5)
    # a missing value is located at its nearest existing ancestor
    assert doc.locate(("focus_areas", 0, "activities", 0, "text")) == (5, 9)
    assert doc.locate(("nothing", "here")) == (1, 1)


def test_dates_stay_text_for_pydantic() -> None:
    doc, _ = parse("valid_from: 2021-01-01\nwhen: 2021-01-01 10:00:00\nn: 12\nok: true\n")
    assert doc.data == {
        "valid_from": "2021-01-01",
        "when": "2021-01-01 10:00:00",
        "n": 12,
        "ok": True,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: !!python/name:os.system\n",
            "f.yaml:1:8: title: the YAML tag '!!python/name:os.system' cannot be used here",
        ),
        (
            "!!python/object/apply:os.system [echo hi]\n",
            "f.yaml:1:1: the YAML tag '!!python/object/apply:os.system' cannot be used here",
        ),
        ("a: !custom {x: 1}\n", "f.yaml:1:4: a: the YAML tag '!custom' cannot be used here"),
        ("a: !!int x\n", "f.yaml:1:4: a: the YAML tag '!!int' cannot be used here"),
    ],
)
def test_tags_are_refused_not_executed(text: str, expected: str) -> None:
    _, problems = parse(text)
    assert problems == [
        f"{expected} (remove the tag (the part starting with '!'); est files hold plain "
        "text, numbers, lists and mappings)"
    ]


def test_control_character_is_located() -> None:
    doc, problems = parse("title: Löfte\npurpose: Öka\x0ctryggheten\n")
    assert doc is None
    assert problems == [
        "f.yaml:2:13: the control character U+000C is not allowed in YAML (delete it; it often "
        "comes with text pasted from a PDF or a word processor)"
    ]


def test_tab_indentation_is_a_located_syntax_error() -> None:
    _, problems = parse("title: x\nfocus_areas:\n\t- id: a\n")
    assert problems == [
        "f.yaml:3:1: YAML syntax error: found character '\\t' that cannot start any token "
        "(check indentation, and put text containing ': ' or '#' in quotes)"
    ]


def test_unclosed_quote() -> None:
    _, problems = parse('title: "Löfte\npurpose: x\n')
    assert len(problems) == 1
    assert problems[0].startswith("f.yaml:3:1: YAML syntax error: found unexpected end of stream")


def test_duplicate_keys_at_any_depth() -> None:
    doc, problems = parse(
        """\
        title: a
        focus_areas:
          - id: x
            title: b
            id: y
        title: c
        """
    )
    assert problems == [
        "f.yaml:5:5: focus_areas[0].id: duplicate key 'id' (first defined on line 3) "
        "(remove one of them or merge their contents)",
        "f.yaml:6:1: title: duplicate key 'title' (first defined on line 1) "
        "(remove one of them or merge their contents)",
    ]
    assert doc.data["title"] == "a"  # the first one is kept, and the doc still validates


def test_merge_keys_and_anchors() -> None:
    doc, problems = parse("base: &b {owner: polisen, text: x}\nact:\n  <<: *b\n  id: a\n")
    assert problems == []
    assert doc.data["act"] == {"owner": "polisen", "text": "x", "id": "a"}


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("title: Löfte\npurpose: Öka\n".encode("cp1252"))
    doc, problems = load_yaml(path, "pledges/p.yaml")
    assert doc is None
    assert [str(p) for p in problems] == [
        "pledges/p.yaml:1: byte 0xf6 is not valid UTF-8 (save the file as UTF-8 in your editor)"
    ]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASIC_PLEDGE.encode("utf-8"))
    pledge, _doc, problems = load_model(path, "p.yaml", Pledge)
    assert problems == []
    assert pledge is not None and pledge.title == "Medborgarlöfte 2021"


# --- pydantic errors → located messages ------------------------------------------------


def test_issue_example_position() -> None:
    text = BASIC_PLEDGE + textwrap.indent(
        textwrap.dedent(
            """\
            - id: trygghet
              title: Trygghet
              problem: Oro på kvällar.
              activities:
                - id: narvaro
                  text: Synlig polis.
                  owner: polis
            """
        ),
        "  ",
    )
    lines = text.splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t.endswith("owner: polis"))
    col = lines[line - 1].index("polis") + 1
    assert messages(text) == [
        f"p.yaml:{line}:{col}: focus_areas[1].activities[0].owner: 'polis' is not one of polisen, "
        "kommunen, gemensamt (did you mean 'polisen'?)"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("title: Medborgarlöfte 2021", "title: 2021"),
            "p.yaml:1:8: title: expected text, found 2021 (put the value in quotes)",
        ),
        (
            ("parties: [Polisen, Testkommun]", "parties: []"),
            "p.yaml:3:10: parties: must not be empty; expected at least one item (write each "
            "item on its own line starting with '- ')",
        ),
        (
            ("purpose: Öka tryggheten.", "purpose: ''"),
            "p.yaml:6:10: purpose: must not be empty",
        ),
        (
            ("  - id: skadegorelse", "  - id: Skadegörelse"),
            "p.yaml:9:9: focus_areas[0].id: 'Skadegörelse' is not a valid id; expected "
            "lower-case letters a–z, digits, '_' and '-' (no å, ä, ö, no spaces) "
            "(e.g. 'skadegorelse')",
        ),
        (
            ("categories: [skadegorelse, klotter]", "categories: [skadegorelse, Klotter i city]"),
            "p.yaml:13:36: focus_areas[0].indicators[0].categories[1]: 'Klotter i city' is not a "
            "valid id; expected lower-case letters a–z, digits, '_' and '-' (no å, ä, ö, no "
            "spaces) (e.g. 'klotter_i_city')",
        ),
        (
            ("        phrase: fall av skadegörelse\n", ""),
            "p.yaml:13:9: focus_areas[0].indicators[0].phrase: missing required field 'phrase'",
        ),
        (
            ("target: {count: 4,", "target: {cnt: 4,"),
            "p.yaml:19:18: focus_areas[0].activities[0].target.cnt: unknown key 'cnt' (did you "
            "mean 'count'?)",
        ),
        (
            ("owner: gemensamt", "owner: [polisen]"),
            "p.yaml:18:16: focus_areas[0].activities[0].owner: a list is not one of polisen, "
            "kommunen, gemensamt (did you mean 'polisen'?)",
        ),
        (
            ("focus_areas:", "focus_areas: skadegörelse\nfocus:"),
            "p.yaml:8:14: focus_areas: expected a list, found 'skadegörelse' (write each item on "
            "its own line starting with '- ')",
        ),
        (
            ("target: {count: 4,", "target: {count: 0,"),
            "p.yaml:19:25: focus_areas[0].activities[0].target.count: expected a number of at "
            "least 1, found 0",
        ),
    ],
    ids=[
        "text-found-number",
        "empty-list",
        "empty-text",
        "bad-id",
        "bad-id-in-list",
        "missing-nested",
        "unknown-nested-key",
        "list-for-enum",
        "text-for-list",
        "below-minimum",
    ],
)
def test_pledge_errors(change: tuple[str, str], expected: str) -> None:
    assert change[0] in BASIC_PLEDGE
    found = messages(BASIC_PLEDGE.replace(*change))
    assert expected in found
    # a renamed key is also a missing one; all other mistakes give exactly one message
    assert len(found) == (2 if change[1].startswith(("focus_areas: ", "target: {cnt")) else 1)


def test_measures_may_be_one_text_or_a_list() -> None:
    follow = "    follow_ups:\n      2021-T1:\n        status: pågår\n        measures: {m}\n"
    assert messages(BASIC_PLEDGE + follow.format(m="Fler vandringar")) == []
    assert messages(BASIC_PLEDGE + follow.format(m="[Fler vandringar, Ljus]")) == []
    assert messages(BASIC_PLEDGE + follow.format(m="[Fler vandringar, '']")) == [
        "p.yaml:23:37: focus_areas[0].follow_ups.2021-T1.measures[1]: must not be empty"
    ]


def test_settings_errors() -> None:
    text = "municipality: X\nparties: [Polisen]\nareas: [{id: a, name: A}]\n"
    assert messages(text + "default_categories: kanske\n", Settings) == [
        "p.yaml:4:21: default_categories: expected true or false, found 'kanske'"
    ]
    assert messages(
        text + "sources:\n  incidents:\n    - files: x\n      delimiter: '|'\n", Settings
    ) == ["p.yaml:7:18: sources.incidents[0].delimiter: '|' is not one of auto, ';', ',', tab"]
    assert messages(text + "language: de\n", Settings) == [
        "p.yaml:4:11: language: 'de' is not one of sv, en"
    ]


def test_week_errors() -> None:
    assert messages("week: 2026-W47\nmeeting_date: 2026-11-19\n", WeekNotes) == [
        "p.yaml:1:1: assessment: missing required field 'assessment'"
    ]
    assert messages("week: 2026-47\nmeeting_date: 2026-11-19\nassessment: x\n", WeekNotes) == [
        "p.yaml:1:7: week: '2026-47' is not an ISO week; expected YYYY-Www, e.g. 2026-W47"
    ]


def test_top_level_not_a_mapping() -> None:
    assert messages("just some text\n") == [
        "p.yaml:1:1: expected a mapping of 'key: value' lines at the top, found 'just some text'"
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"title: [unclosed\n",  # syntax
        b"a: 1\na: 2\n",  # duplicate key
        b"? [a]\n: 1\n",  # a key that is a list
        b"a: !!python/name:os.system x\n",  # a tag
        b"a: \x07\n",  # a control character
        b"a: \xff\n",  # not UTF-8
        b"",  # empty
        b"- a\n- b\n",  # not a mapping
        b"title: x\nvalid_from: 2021-13-01\nunknown: 1\n",  # validation errors
    ],
)
def test_every_error_in_a_yaml_file_is_fatal(tmp_path: Path, raw: bytes) -> None:
    """A YAML file with an error is not used at all: no document is made from it."""
    path = tmp_path / "p.yaml"
    path.write_bytes(raw)
    _, _, problems = load_model(path, "p.yaml", Pledge)
    errors = [p for p in problems if p.severity == "error"]
    assert errors
    assert all(p.fatal for p in errors), errors
