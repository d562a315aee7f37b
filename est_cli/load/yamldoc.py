"""Safe YAML loading that remembers where every value came from.

Pydantic reports errors by path (`focus_areas[1].activities[0].owner`); users need
`pledges/2021.yaml:14:5`. We compose the YAML node tree ourselves so every path maps
back to a line and column, reject duplicate keys (PyYAML silently keeps the last one),
and leave dates as text so a bad date becomes a located validation error instead of
a crash inside the YAML parser. Validating a document against its model is in
`est_cli.load.yamlvalidation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeAlias

import yaml

from est_cli.errors import N_, Problem, Severity
from est_cli.load.yamlparser import (
    FAST_LOADER,
    MAX_BYTES,
    MAX_DEPTH,
    PYTHON_PARSER_UP_TO,
    LimitReached,
    Loader,
)

Path_ = tuple[str | int, ...]
# What a YAML file holds once parsed: plain scalars (a date only with an explicit
# !!timestamp tag, bytes with !!binary), lists, and mappings with text or number keys.
YamlData: TypeAlias = (
    str | int | float | bool | bytes | date | list["YamlData"] | dict[str | int, "YamlData"] | None
)


@dataclass
class YamlDoc:
    """Plain data from one YAML file plus the position of every value and key."""

    file: str
    data: YamlData
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the source, to locate text inside a value

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at `path`, or of its nearest ancestor."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        for cut in range(len(path) - 1, -1, -1):
            prefix = path[:cut]
            if prefix in self.values:
                return self.values[prefix]
        return None, None

    def problem(
        self,
        path: Path_,
        message: str,
        *,
        hint: str | None = None,
        severity: Severity = "error",
        code: str = "invalid",
        key: bool = False,
    ) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(
            file=self.file,
            line=line,
            col=col,
            field=format_path(path) or None,
            message=message,
            hint=hint,
            severity=severity,
            code=code,
            fatal=severity == "error",  # a YAML file with an error is not used at all
        )

    def locate_text(self, path: Path_, text: str) -> tuple[int | None, int | None]:
        """Line and column of `text` inside the value at `path` (a block or multi-line
        text): its first occurrence from the value's line on; else the value's position."""
        line, col = self.locate(path)
        if line is None:
            return line, col
        for n in range(line - 1, min(len(self.lines), line + 200)):
            at = self.lines[n].find(text, (col or 1) - 1 if n == line - 1 else 0)
            if at >= 0:
                return n + 1, at + 1
        return line, col


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def parse_yaml(text: str, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text; return the document or the problems that stopped it."""
    if FAST_LOADER is not None and len(text) > PYTHON_PARSER_UP_TO:
        loader: Loader = FAST_LOADER(text)
    else:
        try:
            loader = Loader(text)  # checks for unprintable characters already
        except yaml.reader.ReaderError as exc:
            return None, [_reader_problem(exc, text, file)]
    try:
        node = loader.get_single_node()
    except LimitReached as exc:
        return None, [
            Problem(
                file,
                exc.line,
                exc.col,
                None,
                exc.message,
                hint=exc.hint,
                code="yaml-limit",
                fatal=True,
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = syntax_problem(exc.problem or exc.context or "invalid YAML")
        hint = N_("check indentation, and put text containing ': ' or '#' in quotes")
        if "maximum nesting depth" in what:  # libyaml's own limit (1,000) on a large file
            what = N_("values are nested more than %(levels)s levels deep", levels=MAX_DEPTH)
            hint = N_("est's files need only a few levels; check for brackets that are not closed")
            return None, [
                Problem(file, line, col, None, what, hint=hint, code="yaml-limit", fatal=True)
            ]
        return None, [
            Problem(
                file,
                line,
                col,
                None,
                N_("YAML syntax error: %(what)s", what=what),
                hint=hint,
                code="yaml-syntax",
                fatal=True,
            )
        ]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text, file)]
    except yaml.YAMLError as exc:
        return None, [
            Problem(
                file,
                None,
                None,
                None,
                N_("YAML error: %(error)s", error=str(exc)),
                code="yaml-syntax",
                fatal=True,
            )
        ]
    finally:
        loader.dispose()
    return _document(loader, node, file, text)


def _document(
    loader: Loader, node: yaml.Node | None, file: str, text: str
) -> tuple[YamlDoc, list[Problem]]:
    doc = YamlDoc(file=file, data=None, lines=text.splitlines())
    problems: list[Problem] = []
    if node is None:
        return doc, problems
    doc.data = _build(loader, node, (), doc, problems)
    return doc, problems


# PyYAML's words for the syntax errors people make most (a ':' in a text, a tab, a quote
# left open), as texts of the catalogue; rarer ones are shown as PyYAML words them.
_SYNTAX = [
    (re.compile(r"mapping values are not allowed here"), N_("mapping values are not allowed here")),
    (
        re.compile(r"found character '(?P<char>.*)' that cannot start any token"),
        N_("found character '%(char)s' that cannot start any token"),
    ),
    (re.compile(r"found unexpected end of stream"), N_("found unexpected end of stream")),
    (re.compile(r"could not find expected ':'"), N_("could not find expected ':'")),
    (
        re.compile(r"expected (?P<expected><[^>]+>), but found (?P<found>.+)"),
        N_("expected %(expected)s, but found %(found)s"),
    ),
]


def syntax_problem(problem: str) -> str:
    """PyYAML's description of a syntax error, as a text of the catalogue when it is common."""
    for pattern, text in _SYNTAX:
        m = pattern.fullmatch(problem)
        if m:
            return N_(text.msgid, **m.groupdict())
    return problem


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """An unprintable character (often pasted from a PDF or a word processor), located."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    return Problem(
        file,
        line,
        col,
        None,
        N_(
            "the control character %(char)s is not allowed in YAML",
            char="U+" + format(exc.character, "04X"),
        ),
        hint=N_("delete it; it often comes with text pasted from a PDF or a word processor"),
        code="yaml-syntax",
        fatal=True,
    )


def _build(
    loader: Loader, node: yaml.Node, path: Path_, doc: YamlDoc, problems: list[Problem]
) -> YamlData:
    doc.values.setdefault(path, _pos(node))
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
        problems.append(_tag_problem(node, path, doc))
        return None
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out: dict[str | int, YamlData] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                problems.append(
                    Problem(
                        doc.file,
                        *_pos(key_node),
                        format_path(path) or None,
                        N_("a key must be plain text"),
                        code="yaml-key",
                        fatal=True,
                    )
                )
                continue
            if not isinstance(key, str | int):
                key = str(key)
            child = (*path, key)
            if key in out:
                first_line = doc.keys[child][0]
                problems.append(
                    Problem(
                        doc.file,
                        *_pos(key_node),
                        format_path(child),
                        N_(
                            "duplicate key '%(key)s' (first defined on line %(line)s)",
                            key=key,
                            line=first_line,
                        ),
                        hint=N_("remove one of them or merge their contents"),
                        code="duplicate-key",
                        fatal=True,
                    )
                )
                continue
            doc.keys[child] = _pos(key_node)
            out[key] = _build(loader, value_node, child, doc, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, i), doc, problems) for i, item in enumerate(node.value)
        ]
    try:
        scalar: YamlData = loader.construct_object(node, deep=True)  # SafeLoader: plain data
    except (yaml.constructor.ConstructorError, ValueError, TypeError):
        # an unknown tag (e.g. !!python/name:…) or a tag its value does not fit (!!int x)
        problems.append(_tag_problem(node, path, doc))
        return None
    return scalar


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _tag_problem(node: yaml.Node, path: Path_, doc: YamlDoc) -> Problem:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return Problem(
        doc.file,
        *_pos(node),
        format_path(path) or None,
        N_("the YAML tag '%(tag)s' cannot be used here", tag=tag),
        hint=N_(
            "remove the tag (the part starting with '!'); est files hold plain text, numbers, "
            "lists and mappings"
        ),
        code="yaml-tag",
        fatal=True,
    )


def load_yaml(path: Path, rel: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Read and parse a YAML file; undecodable bytes are a located problem too."""
    try:
        with path.open("rb") as handle:  # at most one byte past the limit is ever read
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [
            Problem(
                rel,
                None,
                None,
                None,
                N_("cannot read file: %(error)s", error=str(exc.strerror)),
                code="io",
                fatal=True,
            )
        ]
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                rel,
                None,
                None,
                None,
                N_(
                    "the file is larger than %(mb)s MB, est's limit for a YAML file",
                    mb=MAX_BYTES // (1024 * 1024),
                ),
                hint=N_(
                    "est's YAML files hold settings, a pledge or notes, a few KB each; "
                    "remove what does not belong in it"
                ),
                code="yaml-limit",
                fatal=True,
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                rel,
                line,
                None,
                None,
                N_("byte %(byte)s is not valid UTF-8", byte="0x" + format(raw[exc.start], "02x")),
                hint=N_("save the file as UTF-8 in your editor"),
                code="encoding",
                fatal=True,
            )
        ]
    return parse_yaml(text, rel)
