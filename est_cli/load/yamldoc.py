"""Safe YAML loading that remembers where every value came from.

Pydantic reports errors by path (`focus_areas[1].activities[0].owner`); users need
`pledges/2021.yaml:14:5`. We compose the YAML node tree ourselves so every path maps
back to a line and column, reject duplicate keys (PyYAML silently keeps the last one),
and leave dates as text so a bad date becomes a located validation error instead of
a crash inside the YAML parser. Validating a document against its model is in
`est_cli.load.yamlvalidation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeAlias

import yaml

from est_cli.errors import Problem, Severity

Path_ = tuple[str | int, ...]
# What a YAML file holds once parsed: plain scalars (a date only with an explicit
# !!timestamp tag, bytes with !!binary), lists, and mappings with text or number keys.
YamlData: TypeAlias = (
    str | int | float | bool | bytes | date | list["YamlData"] | dict[str | int, "YamlData"] | None
)

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


# Limits on what one YAML file may hold, generous for real files (a pledge is a few KB and a
# few hundred values; a county's est.yaml a few thousand): a file is data from a pull request,
# and must not be able to hang CI or fill its memory. Each is checked before the work it
# bounds: the size before reading, depth and values while composing, before any value is
# built, so that aliases that expand exponentially ("billion laughs") are refused at the alias.
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 100
MAX_VALUES = 100_000


class _Limit(Exception):
    """A file past one of the limits, at the node where it went past."""

    def __init__(self, event: yaml.Event, message: str, hint: str) -> None:
        super().__init__(message)
        mark = event.start_mark
        self.line: int | None = mark.line + 1 if mark else None
        self.col: int | None = mark.column + 1 if mark else None
        self.message, self.hint = message, hint


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (pydantic parses dates, and says where) that
    counts, while composing, the values and levels the file holds with its aliases expanded."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._limits()

    def _limits(self) -> None:
        self._depth = 0  # of the node being composed; the document's root is at 1
        self._deepest = 0  # the deepest level reached, aliases expanded, in the current node
        self._values = 0  # values so far, an alias counting every value its anchor holds
        self._anchored: dict[str, tuple[int, int]] = {}  # anchor: (values, levels) it holds
        self._open: set[str] = set()  # anchors of the nodes being composed

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.NodeEvent = self.peek_event()  # type: ignore[no-untyped-call]
        depth = self._depth + 1
        anchor = event.anchor
        if isinstance(event, yaml.AliasEvent):
            if anchor in self._open:
                raise _Limit(
                    event,
                    f"the alias *{anchor} is inside the value it refers to, so it never ends",
                    f"remove *{anchor}, or move it out of the value marked &{anchor}",
                )
            values, levels = self._anchored.get(anchor or "", (0, 0))  # unknown: yaml says so
            self._count(event, values, depth + levels - 1, alias=True)
            return super().compose_node(parent, index)
        before = self._values
        self._count(event, 1, depth, alias=False)
        outer, self._deepest, self._depth = self._deepest, depth, depth
        if anchor is not None:
            self._open.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth = depth - 1
        if anchor is not None:
            self._open.discard(anchor)
            self._anchored[anchor] = (self._values - before, self._deepest - depth + 1)
        self._deepest = max(outer, self._deepest)
        return node

    def _count(self, event: yaml.NodeEvent, values: int, deepest: int, *, alias: bool) -> None:
        self._values += values
        self._deepest = max(self._deepest, deepest)
        repeat = (
            "an alias (*name) repeats everything its anchor (&name) holds, aliases in it "
            "included; write the values out instead"
        )
        if self._values > MAX_VALUES:
            raise _Limit(
                event,
                f"the file holds more than {MAX_VALUES:,} values"
                + (" with its aliases expanded" if alias else "")
                + f" (est's limit for a YAML file is {MAX_VALUES:,})",
                repeat
                if alias
                else "est's YAML files hold settings, a pledge or notes; "
                "split a file this large or remove what does not belong in it",
            )
        if deepest > MAX_DEPTH:
            raise _Limit(
                event,
                f"values are nested more than {MAX_DEPTH} levels deep"
                + (" with the aliases expanded" if alias else "")
                + f" (est's limit for a YAML file is {MAX_DEPTH})",
                repeat
                if alias
                else "est's files need only a few levels; check for brackets that are not closed",
            )


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _fast_loader() -> type[_Loader] | None:
    """The same loader on libyaml's parser, about ten times faster on a large file.

    Only the events come from C; composing (where the limits are counted), resolving and
    constructing stay the Python code above, so positions and limits are the same. PyYAML's
    wheels ship libyaml; without it, the pure-Python loader does the same work more slowly.
    """
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return None

    class _FastLoader(CParser, _Loader):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._limits()

    for name in ("check_node", "get_node", "get_single_node", "compose_document"):
        setattr(_FastLoader, name, getattr(yaml.composer.Composer, name))
    for name in ("compose_scalar_node", "compose_sequence_node", "compose_mapping_node"):
        setattr(_FastLoader, name, getattr(yaml.composer.Composer, name))
    return _FastLoader


_FAST = _fast_loader()
# Files up to this size (every real pledge, notes file and est.yaml) are read by the Python
# parser, whose syntax messages est's errors are worded on ("expected <block end>, but found
# '-'"); only larger ones need libyaml's speed, and get its wording of a syntax error.
_REWORD_BELOW = 64 * 1024


@dataclass
class YamlDoc:
    """Plain data from one YAML file plus the position of every value and key."""

    file: str
    data: YamlData
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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
    if _FAST is not None and len(text) > _REWORD_BELOW:
        loader: _Loader = _FAST(text)
    else:
        try:
            loader = _Loader(text)  # checks for unprintable characters already
        except yaml.reader.ReaderError as exc:
            return None, [_reader_problem(exc, text, file)]
    try:
        node = loader.get_single_node()
    except _Limit as exc:
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
        what = exc.problem or exc.context or "invalid YAML"
        hint = "check indentation, and put text containing ': ' or '#' in quotes"
        if "maximum nesting depth" in what:  # libyaml's own limit (1,000) on a large file
            what = f"values are nested more than {MAX_DEPTH} levels deep"
            hint = "est's files need only a few levels; check for brackets that are not closed"
            return None, [
                Problem(file, line, col, None, what, hint=hint, code="yaml-limit", fatal=True)
            ]
        return None, [
            Problem(
                file,
                line,
                col,
                None,
                f"YAML syntax error: {what}",
                hint=hint,
                code="yaml-syntax",
                fatal=True,
            )
        ]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text, file)]
    except yaml.YAMLError as exc:
        return None, [
            Problem(file, None, None, None, f"YAML error: {exc}", code="yaml-syntax", fatal=True)
        ]
    finally:
        loader.dispose()
    return _document(loader, node, file)


def _document(loader: _Loader, node: yaml.Node | None, file: str) -> tuple[YamlDoc, list[Problem]]:
    doc = YamlDoc(file=file, data=None)
    problems: list[Problem] = []
    if node is None:
        return doc, problems
    doc.data = _build(loader, node, (), doc, problems)
    return doc, problems


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
        f"the control character U+{exc.character:04X} is not allowed in YAML",
        hint="delete it; it often comes with text pasted from a PDF or a word processor",
        code="yaml-syntax",
        fatal=True,
    )


def _build(
    loader: _Loader, node: yaml.Node, path: Path_, doc: YamlDoc, problems: list[Problem]
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
                        "a key must be plain text",
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
                        f"duplicate key '{key}' (first defined on line {first_line})",
                        hint="remove one of them or merge their contents",
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
        f"the YAML tag '{tag}' cannot be used here",
        hint="remove the tag (the part starting with '!'); est files hold plain text, numbers, "
        "lists and mappings",
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
                rel, None, None, None, f"cannot read file: {exc.strerror}", code="io", fatal=True
            )
        ]
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                rel,
                None,
                None,
                None,
                f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB, est's limit for a "
                "YAML file",
                hint="est's YAML files hold settings, a pledge or notes, a few KB each; "
                "remove what does not belong in it",
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
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                hint="save the file as UTF-8 in your editor",
                code="encoding",
                fatal=True,
            )
        ]
    return parse_yaml(text, rel)
