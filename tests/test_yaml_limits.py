"""YAML that expands is refused before it is built: billion laughs, deep nesting, huge files.

A workspace file comes from a pull request and must not be able to hang CI or fill its memory
(issue 11). How long a refusal takes is measured by benchmarks/yaml_limits.py, not here; these
tests prove that the loader stops at the limit, at the line of the offending node.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASIC_PLEDGE, WorkspaceFactory
from typer.testing import CliRunner

from est_cli.cli.app import app
from est_cli.load import yamldoc, yamlparser
from est_cli.load.yamldoc import load_yaml, parse_yaml
from est_cli.load.yamlparser import MAX_BYTES, MAX_DEPTH, MAX_VALUES


def billion_laughs(levels: int = 9) -> str:
    """Each line repeats the one before nine times: 9**levels values from a few hundred bytes."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the values the loader builds, to show a refused file is never built."""
    calls: list[int] = []
    real = yamldoc._build

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(yamldoc, "_build", counting)
    return calls


def _grouped(n: int) -> str:
    """100 000, as the limit messages write it (a no-break space, the same in both languages)."""
    return f"{n:,}".replace(",", "\u00a0")


def test_billion_laughs_is_refused_at_the_alias_before_anything_is_built(
    builds: list[int],
) -> None:
    doc, problems = parse_yaml(billion_laughs(), "pledges/bomb.yaml")
    assert doc is None
    [problem] = problems
    # 9**5 = 59,049 values up to line 5; line 6 would hold 531,441: the alias there is refused
    assert (problem.file, problem.line, problem.col) == ("pledges/bomb.yaml", 6, 10)
    assert problem.fatal and problem.severity == "error" and problem.code == "yaml-limit"
    assert f"more than {_grouped(MAX_VALUES)} values with its aliases expanded" in problem.message
    assert "anchor" in (problem.hint or "")
    assert builds == []  # refused while composing: not one value was built


def test_the_value_limit_counts_every_copy_an_alias_makes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exactly at the limit is fine; one value more is not, however it is written."""
    monkeypatch.setattr(yamlparser, "MAX_VALUES", 10)
    # root mapping 1 + key 'a' 1 + list 1 + 3 items = 6; key 'b' 1 + *a 4 copies = 11
    doc, problems = parse_yaml("a: &a [1, 2, 3]\nb: *a\n", "f.yaml")
    assert doc is None and [(p.line, p.col) for p in problems] == [(2, 4)]
    doc, problems = parse_yaml("a: &a [1, 2]\nb: *a\n", "f.yaml")  # 1 + 1 + 3 + 1 + 3 = 9
    assert problems == [] and doc is not None and doc.data == {"a": [1, 2], "b": [1, 2]}
    doc, problems = parse_yaml("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", "f.yaml")  # 11 values
    assert doc is None and [(p.line, p.col) for p in problems] == [(1, 29)]
    assert "with its aliases expanded" not in problems[0].message


def test_an_alias_inside_its_own_anchor_is_refused_not_a_recursion_error() -> None:
    for text, where in (("x: &x [*x]\n", (1, 8)), ("a: &m\n  b: *m\n", (2, 6))):
        doc, problems = parse_yaml(text, "f.yaml")
        assert doc is None
        [problem] = problems
        assert (problem.line, problem.col) == where and problem.fatal
        assert "inside the value it refers to" in problem.message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 5000 + "]" * 5000, (1, 103)),
        ("a: " + "[\n" * 5000 + "]" * 5000, (100, 1)),
        ("- " * 5000 + "x\n", (1, 201)),
        ("a: " + "{a: " * 5000 + "}" * 5000, (1, 397)),
    ],
    ids=["flow-list", "flow-list-lines", "block-list", "flow-mapping"],
)
def test_thousands_of_levels_are_refused_at_the_first_level_too_many(
    text: str, where: tuple[int, int], builds: list[int]
) -> None:
    doc, problems = parse_yaml(text, "weeks/2026-W47.yaml")
    assert doc is None
    [problem] = problems
    assert (problem.line, problem.col) == where and problem.fatal
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message
    assert builds == []


def test_the_depth_limit_is_exact_and_counts_expanded_aliases() -> None:
    inside = MAX_DEPTH - 1  # the root mapping is the first level
    doc, problems = parse_yaml("a: " + "[" * inside + "]" * inside, "f.yaml")
    assert problems == [] and doc is not None
    doc, problems = parse_yaml("a: " + "[" * (inside + 1) + "]" * (inside + 1), "f.yaml")
    assert doc is None and problems[0].code == "yaml-limit"
    # 60 levels under &a; *a 50 levels down reaches 110 levels
    text = "a: &a " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 50 + "*a" + "]" * 50 + "\n"
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is None and [(p.line, p.col) for p in problems] == [(2, 54)]
    assert "with the aliases expanded" in problems[0].message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "est.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES)
    reads: list[int] = []
    real_open = Path.open

    def spying_open(self: Path, *args: object, **kwargs: object) -> object:
        handle = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        real_read = handle.read
        handle.read = lambda n=-1: reads.append(n) or real_read(n)  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(Path, "open", spying_open)
    doc, problems = load_yaml(path, "est.yaml")
    assert doc is None
    [problem] = problems
    assert problem.file == "est.yaml" and problem.line is None and problem.fatal
    assert problem.message == "the file is larger than 1 MB, est's limit for a YAML file"
    assert reads == [MAX_BYTES + 1]  # never the whole file


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES - 4) + b"\n")
    doc, problems = load_yaml(path, "f.yaml")
    assert problems == [] and doc is not None


def test_est_check_reports_a_billion_laughs_pledge_and_settings(
    make_workspace: WorkspaceFactory,
) -> None:
    root = make_workspace(
        {"pledges/2021.yaml": BASIC_PLEDGE, "pledges/bomb.yaml": billion_laughs()}
    )
    result = CliRunner().invoke(app, ["check", "--workspace", str(root)])
    assert result.exit_code == 1
    assert (
        f"pledges/bomb.yaml:6:10: fel: filen innehåller fler än {_grouped(MAX_VALUES)} värden när "
        f"dess alias har vecklats ut (ests gräns för en YAML-fil är {_grouped(MAX_VALUES)})"
    ) in result.output
    (root / "est.yaml").write_text(billion_laughs(), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--workspace", str(root)])
    assert result.exit_code == 1
    assert "est.yaml:6:10: fel: filen innehåller fler än" in result.output


def _large_pledge(activities: int) -> str:
    items = "".join(
        f"  - id: a{n}\n    text: \"Trygghetsvandring {n}: centrum, 'Ramdal'\"\n"
        f"    owner: gemensamt\n    when: {{from: 2021-01-{n % 28 + 1:02d}, to: null}}\n"
        for n in range(activities)
    )
    return "year: 2021\nactivities:\n" + items + "tags: &t [a, b]\nmore: *t\n"


def test_a_large_file_read_by_libyaml_gives_the_same_values_and_positions() -> None:
    text = _large_pledge(2_000)
    assert len(text) > yamlparser.PYTHON_PARSER_UP_TO and yamlparser.FAST_LOADER is not None
    fast, fast_problems = parse_yaml(text, "p.yaml")
    slow_loader = yamlparser.Loader(text)
    try:
        node = slow_loader.get_single_node()
    finally:
        slow_loader.dispose()
    slow, slow_problems = yamldoc._document(slow_loader, node, "p.yaml", text)
    assert fast is not None and fast_problems == slow_problems == []
    assert fast.data == slow.data and fast.values == slow.values and fast.keys == slow.keys


@pytest.mark.parametrize("levels", [150, 5_000])
def test_deep_nesting_in_a_large_file_is_the_depth_limit(levels: int) -> None:
    pad = "x" * yamlparser.PYTHON_PARSER_UP_TO
    text = f"pad: '{pad}'\na: " + "[" * levels + "]" * levels + "\n"
    doc, problems = parse_yaml(text, "big.yaml")
    assert doc is None and [p.code for p in problems] == ["yaml-limit"]
    assert f"more than {MAX_DEPTH} levels" in problems[0].message and problems[0].line == 2
