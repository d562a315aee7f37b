"""Validating a YAML document against its pydantic model, every error a located problem.

Pydantic reports an error by its path through the data and a type code; this module
turns each into a `Problem` at the line and column of the value (`YamlDoc.locate`), in
words a user can act on, with a suggestion where one is close.
"""

from __future__ import annotations

import ast
import re
import types
import typing
import unicodedata
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from est_cli.errors import N_, Problem, suggestion
from est_cli.load.yamldoc import Path_, YamlData, YamlDoc, load_yaml
from est_cli.models.base import IDENTIFIER_PATTERN

M = TypeVar("M", bound=BaseModel)


def _describe(value: object) -> str:
    if value is None:
        return N_("an empty value")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return N_("a mapping")
    if isinstance(value, list):
        return N_("a list")
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _expected_choices(expected: str) -> list[str]:
    """The allowed values from pydantic's "'a', 'b' or 'c'" (values may hold ',' or quotes)."""
    quoted = _QUOTED.findall(expected)
    if quoted:
        return [str(ast.literal_eval(q)) for q in quoted]
    text = expected.replace(" or ", ", ")
    return [c.strip() for c in text.split(",") if c.strip()]


def _show_choice(choice: str) -> str:
    """Words as they are (polisen, pågår); punctuation quoted (';'); a tab named."""
    if choice == "\t":
        return "tab"
    return choice if re.fullmatch(r"[\w][\w .-]*", choice) else f"'{choice}'"


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The pydantic model a field annotation holds directly (through Optional)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def _container_item(annotation: object) -> object:
    """The element/value annotation of a list or dict annotation (through Optional)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) in (list, dict, tuple):
                return _container_item(arg)
        return None
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """Walk model annotations along a data path; None if the path leaves models."""
    annotation: object = model
    for part in path:
        current = _model_in(annotation)
        if current is not None and isinstance(part, str):
            info = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None
            )
            if info is None:
                return None
            annotation = info.annotation
        else:
            annotation = _container_item(annotation)
            if annotation is None:
                return None
    return _model_in(annotation)


def _data_path(data: YamlData, loc: tuple[str | int, ...]) -> tuple[Path_, bool]:
    """Reduce a pydantic loc to the path through the actual data.

    Pydantic adds union-member tags and validator names to `loc`; we keep only the
    parts that index into the data. Returns the path and whether it ends on a dict key.
    """
    path: list[str | int] = []
    current = data
    on_key = False
    for part in loc:
        if part == "[key]":
            on_key = True
            continue
        if isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and (
            part in current or (isinstance(part, str) and not path_is_tag(part))
        ):
            path.append(part)  # a missing or unknown key too: it is kept for the message
            current = current.get(part)
    return tuple(path), on_key


def path_is_tag(part: str) -> bool:
    """Pydantic union/validator tags look like 'list[str]' or 'function-after[...]'."""
    return "[" in part or part in {"str", "int", "float", "bool", "date", "datetime"}


def _slug(text: str) -> str:
    """'Skadegörelse i centrum' → 'skadegorelse_i_centrum': a valid id close to `text`."""
    plain = unicodedata.normalize("NFKD", text.strip().lower().replace(" ", "_"))
    return re.sub(r"[^a-z0-9_\-]", "", plain.encode("ascii", "ignore").decode()).lstrip("_-")


_BOUNDS = {
    "greater_than_equal": N_("expected a number of at least %(limit)s, found %(found)s"),
    "greater_than": N_("expected a number greater than %(limit)s, found %(found)s"),
    "less_than_equal": N_("expected a number of at most %(limit)s, found %(found)s"),
    "less_than": N_("expected a number less than %(limit)s, found %(found)s"),
}


def validation_problems(
    exc: ValidationError, doc: YamlDoc, model: type[BaseModel]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Path_, str]] = set()
    for err in exc.errors(include_url=False):
        path, on_key = _data_path(doc.data, tuple(err["loc"]))
        kind = err["type"]
        if (path, kind) in seen:
            continue
        seen.add((path, kind))
        value = err.get("input")
        ctx = err.get("ctx") or {}
        message: str
        hint: str | None = None
        at_key = on_key
        code = kind
        if kind == "extra_forbidden":
            key = path[-1] if path else "?"
            parent = _model_at(model, path[:-1])
            names = list(parent.model_fields) if parent else []
            message = N_("unknown key '%(key)s'", key=key)
            hint = suggestion(str(key), names) or (
                N_("allowed keys: %(keys)s", keys=", ".join(names)) if names else None
            )
            at_key, code = True, "unknown-key"
        elif kind == "missing":
            message = (
                N_("missing required field '%(name)s'", name=path[-1])
                if path
                else N_("missing required field")
            )
            code = "missing-field"
            problems.append(doc.problem(path, message, code=code))
            continue
        elif kind in ("literal_error", "enum"):
            choices = _expected_choices(str(ctx.get("expected", "")))
            message = N_(
                "%(found)s is not one of %(choices)s",
                found=_describe(value),
                choices=", ".join(_show_choice(c) for c in choices),
            )
            hint = suggestion(str(value), choices)
            code = "bad-choice"
        elif kind.startswith("date") or kind.startswith("datetime"):
            message = N_(
                "%(found)s is not a valid date; expected YYYY-MM-DD, e.g. 2026-03-31",
                found=_describe(value),
            )
            code = "bad-date"
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            message = N_("expected a whole number, found %(found)s", found=_describe(value))
            code = "wrong-type"
        elif kind in ("float_parsing", "float_type"):
            message = N_("expected a number, found %(found)s", found=_describe(value))
            code = "wrong-type"
        elif kind in ("string_type",):
            message = N_("expected text, found %(found)s", found=_describe(value))
            quotes = isinstance(value, int | float | bool)
            hint = N_("put the value in quotes") if quotes else None
            code = "wrong-type"
        elif kind in ("list_type",):
            message = N_("expected a list, found %(found)s", found=_describe(value))
            hint = N_("write each item on its own line starting with '- '")
            code = "wrong-type"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = N_(
                "expected a mapping of 'key: value' lines, found %(found)s", found=_describe(value)
            )
            code = "wrong-type"
        elif kind in ("bool_parsing", "bool_type"):
            message = N_("expected true or false, found %(found)s", found=_describe(value))
            code = "wrong-type"
        elif kind == "value_error":
            error = ctx.get("error")
            said = error.args[0] if isinstance(error, ValueError) and error.args else None
            message = (
                said  # a Text of the model's validator (est_cli.models), said in any language
                if isinstance(said, str) and said == str(error)
                else str(error or err["msg"]).removeprefix("Value error, ")
            )
            code = "invalid"
        elif kind == "string_pattern_mismatch" and ctx.get("pattern") == IDENTIFIER_PATTERN:
            message = N_(
                "%(found)s is not a valid id; expected lower-case letters a–z, "
                "digits, '_' and '-' (no å, ä, ö, no spaces)",
                found=_describe(value),
            )
            slug = _slug(str(value))
            hint = N_("e.g. '%(id)s'", id=slug) if slug else None
            code = "bad-id"
        elif kind == "string_pattern_mismatch":
            message = N_(
                "%(found)s does not have the expected form (%(pattern)s)",
                found=_describe(value),
                pattern=str(ctx.get("pattern")),
            )
            code = "bad-format"
        elif kind in _BOUNDS:
            limit = next(iter(ctx.values()), "?")
            message = N_(_BOUNDS[kind].msgid, limit=limit, found=_describe(value))
            code = "out-of-range"
        elif kind == "too_short":
            least = ctx.get("min_length", 1)
            message = (
                N_("must not be empty; expected at least one item")
                if least == 1
                else N_(
                    "expected at least %(least)s items, found %(found)s",
                    least=least,
                    found=ctx.get("actual_length"),
                )
            )
            hint = N_("write each item on its own line starting with '- '")
            code = "too-short"
        elif kind == "string_too_short":
            least = ctx.get("min_length", 1)
            message = (
                N_("must not be empty")
                if least == 1
                else N_(
                    "expected at least %(least)s characters, found %(found)s",
                    least=least,
                    found=_describe(value),
                )
            )
            code = "too-short"
        else:
            message = err["msg"]
        problems.append(doc.problem(path, message, hint=hint, key=at_key, code=code))
    return problems


def validate_doc(doc: YamlDoc, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed document against its model; problems carry file:line:col."""
    if doc.data is None:
        return None, [
            Problem(
                doc.file,
                1,
                1,
                None,
                N_("the file is empty"),
                hint=N_(
                    "it should hold a %(model)s mapping; see `est schema`", model=model.__name__
                ),
                code="empty-file",
                fatal=True,
            )
        ]
    if not isinstance(doc.data, dict):
        return None, [
            doc.problem(
                (),
                N_(
                    "expected a mapping of 'key: value' lines at the top, found %(found)s",
                    found=_describe(doc.data),
                ),
                code="wrong-type",
            )
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, validation_problems(exc, doc, model)


def load_model(
    path: Path, rel: str, model: type[M]
) -> tuple[M | None, YamlDoc | None, list[Problem]]:
    doc, problems = load_yaml(path, rel)
    if doc is None:
        return None, None, problems
    obj, more = validate_doc(doc, model)
    return obj, doc, problems + more
