"""Why a JSON file does not parse, said as a text of est's catalogue.

Python's json module words its errors in English ("Expecting value"); a Swedish run would
print that English amid Swedish words. The reasons it gives are few, so each has a message
of its own here; one est does not know stays as Python says it."""

from __future__ import annotations

import json

from est_cli.errors import N_, Text

_REASONS = {
    "Expecting value": N_("a value is missing or is not JSON"),
    "Expecting ',' delimiter": N_("a comma is missing"),
    "Expecting ':' delimiter": N_("a colon is missing"),
    "Expecting property name enclosed in double quotes": N_(
        "a key is not a text in double quotes (or a comma is left before '}')"
    ),
    "Unterminated string starting at": N_("a text is not closed with a double quote"),
    "Invalid control character at": N_("a text holds a line break or a control character"),
    "Invalid \\escape": N_("a text holds a backslash that is not an escape"),
    "Invalid \\uXXXX escape": N_("a text holds a \\u escape that is not four hex digits"),
    "Extra data": N_("more follows after the JSON value"),
    "Expecting ',' or ']' after an event": N_("a comma or ']' is missing after an event"),
    "Extra data after the array": N_("more follows after the array's closing ']'"),
}


def json_reason(exc: json.JSONDecodeError) -> Text | str:
    """What is wrong at the error's position (its line and column are the problem's own)."""
    return _REASONS.get(exc.msg, exc.msg)
