"""Property-based tests: quantities, coercion, the loader and extraction on generated input.

``tests/test_quantities.py`` already checks Chinese and Arabic numerals alone, integer
``format_quantity`` round trips without unit words, and that arbitrary text raises only
``QuantityError``. Here: whole quantities composed from every qualifier and unit word,
decimal and ``other``-unit round trips, and fuzzing of the code that meets user files.
"""

from __future__ import annotations

import datetime as dt
import math
import string
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analysis.errors import UserError
from analysis.load import load_ledger
from analysis.load.cells import coerce_column
from analysis.quantities import (
    INFIX_QUALIFIERS,
    PREFIX_QUALIFIERS,
    QUALIFIERS,
    SUFFIX_QUALIFIERS,
    UNIT_WORDS,
    UNITS,
    QuantityError,
    format_quantity,
    parse_number,
    parse_quantity,
)
from analysis.reference import division_codes
from analysis.schema import TABLES

_FULLWIDTH = str.maketrans(string.digits + ".,", "０１２３４５６７８９．，")
_MULTIPLIERS = {"": 1, "万": 10**4, "亿": 10**8}


@st.composite
def numerals(draw) -> tuple[str, float]:
    """An Arabic numeral as people type it: plain, with separators, full-width, decimal."""
    whole = draw(st.integers(min_value=0, max_value=99_999))
    decimals = draw(st.sampled_from(["", "5", "25", "05"]))
    text = f"{whole:,}" if draw(st.booleans()) else str(whole)
    value = float(f"{whole}.{decimals}") if decimals else float(whole)
    if decimals:
        text += "." + decimals
    if draw(st.booleans()):
        text = text.translate(_FULLWIDTH)
    return text, value


@st.composite
def quantities(draw) -> tuple[str, float, str | None, str]:
    """Qualifier + numeral + multiplier + unit word, with the value, unit and qualifier meant."""
    numeral, value = draw(numerals())
    unit_word = draw(st.sampled_from(["", *UNIT_WORDS]))
    multiplier = "" if unit_word == "%" else draw(st.sampled_from(list(_MULTIPLIERS)))
    position = draw(st.sampled_from(["none", "prefix", "infix", "suffix"]))
    word, qualifier = "", "exact"
    if position == "infix" and value.is_integer():
        word = draw(st.sampled_from(sorted(INFIX_QUALIFIERS)))
        qualifier = INFIX_QUALIFIERS[word]
    elif position == "prefix":
        word = draw(st.sampled_from(sorted(PREFIX_QUALIFIERS)))
        qualifier = PREFIX_QUALIFIERS[word]
    elif position == "suffix":
        word = draw(st.sampled_from(sorted(SUFFIX_QUALIFIERS)))
        qualifier = SUFFIX_QUALIFIERS[word]
    else:
        position = "none"
    space = draw(st.sampled_from(["", " ", "\u3000"]))
    core = numeral + multiplier
    if position == "infix":
        core += word
    text = space.join(p for p in (word if position == "prefix" else "", core, unit_word) if p)
    if position == "suffix":
        text += space + word
    unit = UNIT_WORDS[unit_word] if unit_word else None
    return text, value * _MULTIPLIERS[multiplier], unit, qualifier


@settings(max_examples=600, deadline=None)
@given(quantities())
def test_composed_quantities_parse_to_what_was_meant(case) -> None:
    text, value, unit, qualifier = case
    q = parse_quantity(text)
    assert q.unit == unit, text
    assert q.qualifier == qualifier, text
    assert math.isclose(q.value, value, rel_tol=1e-12, abs_tol=1e-9), text


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False),
    st.sampled_from([u for u in UNITS if u != "other"] + [None]),
    st.sampled_from(QUALIFIERS),
)
def test_small_decimals_round_trip_exactly(value, unit, qualifier) -> None:
    # Below 10⁴ no 万 is used, and two decimals are kept: the value comes back exactly.
    shown = format_quantity(float(value), unit, qualifier)
    back = parse_quantity(shown)
    assert (back.value, back.unit, back.qualifier) == (float(value), unit, qualifier)


_OTHER_WORDS = sorted(w for w, u in UNIT_WORDS.items() if u == "other")


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**12),
    st.sampled_from(_OTHER_WORDS),
    st.sampled_from(QUALIFIERS),
)
def test_other_units_round_trip_with_their_word(value, word, qualifier) -> None:
    shown = format_quantity(value, "other", qualifier, unit_text=word)
    back = parse_quantity(shown)
    assert (back.unit, back.unit_text, back.qualifier) == ("other", word, qualifier)
    assert abs(back.value - value) <= 0.005 * (1e8 if value >= 99995000 else 1e4) + 1e-9


@settings(max_examples=300, deadline=None)
@given(numerals())
def test_numerals_alone_parse_as_numbers(case) -> None:
    text, value = case
    assert parse_number(text) == value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１２３４５６７８９.,，万亿元人次余多近约超-－ ", max_size=15))
def test_parse_number_raises_only_quantity_error(text: str) -> None:
    try:
        value = parse_number(text)
    except QuantityError:
        return
    assert math.isfinite(value) and value >= 0


# ---------------------------------------------------------------------------- coercion


_CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.text(alphabet="0123456789-./年月日万元人％%是否 　Ｅ１", max_size=12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(),
)
#: One column of each kind (id, text, category, date, year, int, quantity, bool, division).
_KINDS = {}
for _table in TABLES.values():
    for _column in _table.columns:
        _KINDS.setdefault(_column.kind, _column)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(_KINDS)), st.lists(_CELLS, min_size=1, max_size=20))
def test_coerce_column_never_raises(kind: str, cells: list) -> None:
    column = _KINDS[kind]
    divisions = division_codes()
    raw = pd.Series(cells, dtype=object)
    result = coerce_column(raw, column, divisions)
    assert len(result.values) == len(cells)
    for i, cell in enumerate(cells):
        # Every cell is exactly one of: blank, an error with a reason, a value, or (an
        # industry that names no division) unresolved with a reason.
        has_error = result.errors[i] is not None
        has_value = not pd.isna(result.values.iloc[i])
        unresolved = result.unresolved is not None and result.unresolved[i] is not None
        states = int(bool(result.blank[i])) + int(has_error) + int(has_value) + int(unresolved)
        assert states == 1, (cell, kind)


# ---------------------------------------------------------------------------- the loader


_CSV_TEXT = st.text(
    alphabet=st.sampled_from(list('活动编号项目名称,"\n\r 12-3E日期路演杭州万元\t=＝'))
    | st.characters(codec="utf-8"),
    max_size=200,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=_CSV_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_loader_on_arbitrary_csv_accounts_or_raises_user_error(
    tmp_path: Path, body: str, encoding: str
) -> None:
    header = "活动编号,项目名称,活动名称,活动类型,地区,日期\n"
    try:
        data = (header + body).encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    folder = tmp_path / "ledger"
    folder.mkdir(exist_ok=True)
    (folder / "活动.csv").write_bytes(data)
    try:
        report = load_ledger(folder).report
    except UserError:
        return
    count = report.counts["events"]
    assert count.rows_read == count.rows_accepted + count.rows_rejected + count.rows_skipped
    rejected_rows = {r.row for r in report.rejections if r.table == "events"}
    if None not in rejected_rows:
        assert len(rejected_rows) == count.rows_rejected


# ---------------------------------------------------------------------------- extraction


def _extract():
    return pytest.importorskip("analysis.extract", reason="extraction is on the extract branch")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), _CSV_TEXT))
def test_extract_statistics_on_any_text(text: str) -> None:
    extract = _extract()
    try:
        frame = extract.extract_statistics(text)
    except QuantityError:
        return
    assert list(frame.columns) == list(extract.COLUMNS)
    for row in frame.itertuples(index=False):
        # Spans point into the text given, whatever normalisation happened inside.
        assert text[row.start : row.end] == row.quantity_text
        assert math.isfinite(row.value)
        assert row.qualifier in QUALIFIERS


_COUNTED = [("举办", "场", "event"), ("签约", "项", "item"), ("吸引", "人", "person")]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**7), st.sampled_from(_COUNTED), st.booleans())
def test_generated_statistics_are_extracted_with_their_value(n, counted, fullwidth) -> None:
    extract = _extract()
    verb, unit_word, unit = counted
    shown = format_quantity(n, unit, "exact", unit_text=unit_word)
    if fullwidth:
        shown = shown.translate(_FULLWIDTH)
    text = f"2023年共{verb}{shown}，成效明显。"
    frame = extract.extract_statistics(text)
    assert len(frame) == 1, (text, frame)
    row = frame.iloc[0]
    assert row["quantity_text"] == shown
    assert row["unit"] == unit
    # format_quantity shows two decimals of 万/亿: the value is within half a last place.
    assert abs(row["value"] - n) <= 0.005 * (1e8 if n >= 99995000 else 1e4) + 1e-9


_GOOD_WORKBOOK = Path(__file__).parent / "bad_inputs" / "files" / "dangling_references.xlsx"


def _stored(data: bytes) -> bytes:
    """The same package without compression, so that flipped bytes land in the XML."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    return out.getvalue()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    stored=st.booleans(),
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255), st.booleans()),
        min_size=1,
        max_size=8,
    ),
)
def test_mutated_workbooks_load_or_raise_user_error(tmp_path: Path, stored, edits) -> None:
    data = bytearray(_GOOD_WORKBOOK.read_bytes())
    if stored:
        data = bytearray(_stored(bytes(data)))
    for where, byte, delete in edits:
        pos = int(where * len(data))
        if delete:
            del data[pos : pos + 1 + byte % 32]
        elif pos < len(data):
            data[pos] = byte
    path = tmp_path / "mutated.xlsx"
    path.write_bytes(bytes(data))
    try:
        report = load_ledger(path).report
    except UserError:
        return
    for count in report.counts.values():
        assert count.rows_read == count.rows_accepted + count.rows_rejected + count.rows_skipped
