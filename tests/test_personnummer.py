"""Finding personal identity numbers in free text, and masking them without a trace."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from est_cli.load.personnummer import find_personnummer, luhn_ok, mask, redact


def check_digit(nine: str) -> str:
    """The Luhn check digit Skatteverket appends to YYMMDDNNN."""
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


@st.composite
def personnummer(draw: st.DrawFn) -> str:
    """A valid personnummer (or samordningsnummer) in one of the ways people write it."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)  # samordningsnummer
    serial = draw(st.integers(min_value=0, max_value=999))
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    ten = nine + check_digit(nine)
    assert luhn_ok(ten)
    century = f"{born:%Y}"[:2]
    form = draw(st.sampled_from(["10", "10-", "10+", "12", "12-"]))
    head, tail = ten[:6], ten[6:]
    return {
        "10": ten,
        "10-": f"{head}-{tail}",
        "10+": f"{head}+{tail}",
        "12": century + ten,
        "12-": f"{century}{head}-{tail}",
    }[form]


# surrounding text that cannot itself extend the number
AROUND = st.text(alphabet="abcdeåäö ,.:;()/\n", max_size=15)


@given(number=personnummer(), before=AROUND, after=AROUND)
def test_valid_personnummer_is_found_and_masked(number: str, before: str, after: str) -> None:
    text = f"{before}{number}{after}"
    (found,) = find_personnummer(text)
    assert text[found.start : found.end] == number
    assert found.masked == re.sub(r"\d", "X", number)
    assert redact(text) == f"{before}{found.masked}{after}"
    assert not re.search(r"\d", redact(text))


@given(digits=st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_bare_ten_digits_failing_luhn_are_not_flagged(digits: str) -> None:
    assume(not luhn_ok(digits))
    assert find_personnummer(digits) == []
    assert find_personnummer(f"Ordernummer {digits}.") == []
    assert redact(digits) == digits


@given(number=personnummer(), other=personnummer())
def test_every_number_in_a_text_is_masked(number: str, other: str) -> None:
    text = f"Anmälare {number} och vittne {other}."
    assert len(find_personnummer(text)) == 2
    assert not re.search(r"\d", redact(text))


@pytest.mark.parametrize(
    "text",
    [
        "Ring 070-123 45 67",
        "Händelsen 2021-03-14 kl 18.30",
        "Ärende 5000-K123456-21",
        "Postnummer 613 31 Oxelösund",
        "Belopp 1234567890 kr",  # ten digits, Luhn fails
        "851312-1234",  # month 13
        "850332-1234",  # day 32
        "21850312-1231",  # century 21
        "1985031212311",  # thirteen digits
        "12345678-1234-5678",  # part of a longer code
    ],
)
def test_not_a_personnummer(text: str) -> None:
    assert find_personnummer(text) == []
    assert redact(text) == text


def test_separator_form_needs_only_a_plausible_date() -> None:
    # Written with a separator, a mistyped check digit is still somebody's number.
    assert [f.masked for f in find_personnummer("850312-1234")] == ["XXXXXX-XXXX"]
    assert not luhn_ok("8503121234")


def test_known_example_and_mask() -> None:
    assert luhn_ok("8112189876")  # Skatteverket's example 811218-9876
    assert mask("19811218-9876") == "XXXXXXXX-XXXX"
    assert redact("pnr 811218-9876, tel 0155-12345") == "pnr XXXXXX-XXXX, tel 0155-12345"
