"""Tests for analysis.load.cells: each kind of cell, read from the forms users write."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.load.cells import cell_text, coerce_column, normalise_header
from analysis.reference import division_codes
from analysis.schema import TABLES

DIVISIONS = division_codes()


def _one(table: str, column: str, value: object):
    result = coerce_column(
        pd.Series([value], dtype=object), TABLES[table].column(column), DIVISIONS
    )
    return result


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2023, 10, 28),
        dt.date(2023, 10, 28),
        45227.0,  # Excel serial: 1899-12-30 + 45227 days
        "2023-10-28",
        "2023/10/28",
        "2023年10月28日",
        "2023.10.28",
        "2023-10-28 00:00:00",
        "２０２３年１０月２８日",  # full-width digits
        "20231028",
    ],
)
def test_dates(value: object) -> None:
    result = _one("events", "date", value)
    assert result.errors[0] is None
    assert result.values.iat[0] == pd.Timestamp("2023-10-28")


@pytest.mark.parametrize(
    ("value", "keyword"),
    [
        ("2023-02-30", "invalid calendar date"),
        ("下周", "unreadable date"),
        ("1850-01-01", "out of range"),
        (2023, "number is not a date"),  # a year typed into a date column, not serial 2023
        (45227.5, "number is not a date"),
    ],
)
def test_bad_dates(value: object, keyword: str) -> None:
    result = _one("events", "date", value)
    assert keyword in result.errors[0]
    assert pd.isna(result.values.iat[0])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("13 农副食品加工业", "13"),
        (13, "13"),
        (6.0, "06"),
        ("06", "06"),
        ("C13", "13"),
        ("97", "97"),
    ],
)
def test_divisions(value: object, code: str) -> None:
    result = _one("fiveg_cases", "division_code", value)
    assert result.errors[0] is None and result.values.iat[0] == code


@pytest.mark.parametrize("value", ["98", 0, "00", "130", "矿业", "C", "38 汽车制造业"])
def test_industries_that_name_no_division_keep_the_case(value: object) -> None:
    # Issue 22: a case whose industry is no division (a section, an unknown word or code, a
    # code and name that disagree) counts as a case, covers no division, and is reported.
    result = _one("fiveg_cases", "division_code", value)
    assert result.errors[0] is None
    assert pd.isna(result.values.iat[0])
    assert result.unresolved is not None and result.unresolved[0]


def test_a_number_that_is_no_code_is_rejected() -> None:
    assert _one("fiveg_cases", "division_code", 13.5).errors[0] is not None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("TRUE", True),
        (0, False),
        (1.0, True),
        (True, True),
    ],
)
def test_bools(value: object, expected: bool) -> None:
    result = _one("fiveg_cases", "national_pilot", value)
    assert result.errors[0] is None
    assert bool(result.values.iat[0]) is expected


@pytest.mark.parametrize(
    ("value", "number", "qualifier"),
    [
        (1200, 1200.0, "exact"),  # a bare number takes the column unit (yuan)
        ("2万", 20_000.0, "exact"),  # a multiplier only, no unit: still yuan
        ("35.71亿元", 3.571e9, "exact"),
    ],
)
def test_quantities(value: object, number: float, qualifier: str) -> None:
    result = _one("budget", "planned", value)
    assert result.errors[0] is None
    assert result.values.iat[0] == pytest.approx(number)
    assert result.qualifiers[0] == qualifier
    assert result.units[0] == "yuan"


@pytest.mark.parametrize(
    ("value", "keyword"),
    [
        (-5, "negative"),
        ("20人", "unit mismatch"),
        ("若干", "unreadable quantity"),
        (dt.date(2023, 1, 1), "unreadable quantity"),
    ],
)
def test_bad_quantities(value: object, keyword: str) -> None:
    assert keyword in _one("budget", "planned", value).errors[0]


@pytest.mark.parametrize("value", ["待定", "不详", "暂无", "/", "—"])
def test_words_for_no_value_yet_are_blank_and_marked(value: str) -> None:
    result = _one("signings", "value", value)
    assert result.errors[0] is None and result.blank[0] and bool(result.unknown[0])
    assert pd.isna(result.values.iat[0])


@pytest.mark.parametrize(
    ("value", "yuan"),
    [
        # In a 万元 column (scale 1e4) a bare number is 万元; a cell's own 万/亿 or 元 wins.
        (1200.0, 12_000_000.0),
        ("1,200.5", 12_005_000.0),
        ("约800", 8_000_000.0),
        ("1200万", 12_000_000.0),  # 1200万元, never 1200万 × 万
        ("1200万元", 12_000_000.0),
        ("3.5亿元", 350_000_000.0),
        ("80万元", 800_000.0),
    ],
)
def test_amounts_in_a_wan_column_read_at_the_scale_a_person_reads(value, yuan) -> None:
    column = TABLES["signings"].column("value")
    result = coerce_column(pd.Series([value], dtype=object), column, DIVISIONS, scale=1e4)
    assert result.errors[0] is None
    assert result.values.iat[0] == pytest.approx(yuan)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("已签约", "signed"),
        ("洽谈中", "intention"),
        ("已落地", "landed"),
        ("已实施", "landed"),
        ("终止", "terminated"),
        ("已签约待落地", "signed"),  # 待落地: still to land, so not landed
    ],
)
def test_status_words_give_the_stage(value: str, code: str) -> None:
    assert _one("signings", "stage", value).values.iat[0] == code


def test_a_denied_status_is_not_read_as_the_stage() -> None:
    assert "unknown category" in _one("signings", "stage", "未签约").errors[0]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("技术转让", "transfer"),
        ("专利许可", "licence"),
        ("独占许可", "licence"),
        ("作价入股", "equity"),
        ("共同实施", "joint_implementation"),
        ("自行实施", "self_implementation"),
        ("自行投资实施", "self_implementation"),
    ],
)
def test_mode_words_give_article_16_modes(value: str, code: str) -> None:
    assert _one("signings", "mode", value).values.iat[0] == code


def test_contract_types_are_not_modes() -> None:
    assert "unknown category" in _one("signings", "mode", "技术开发").errors[0]
    assert _one("signings", "contract_type", "技术开发").values.iat[0] == "development"


@pytest.mark.parametrize("value", ["转让、许可", "技术转让、许可", "路演对接会"])
def test_two_categories_in_one_cell_are_ambiguous(value: str) -> None:
    table, column = ("events", "event_type") if "路演" in value else ("signings", "mode")
    assert "ambiguous" in _one(table, column, value).errors[0]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("项目路演", "roadshow"),
        ("成果对接会", "matchmaking"),
        ("专题培训", "training"),
        ("论坛", "conference"),
        ("博览会", "exposition"),
        ("座谈会", "symposium"),
    ],
)
def test_event_forms(value: str, code: str) -> None:
    assert _one("events", "event_type", value).values.iat[0] == code


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2023年8月", "2023-08-01"),
        ("2023/7/1-7/3", "2023-07-01"),
        ("2023.03.05", "2023-03-05"),
        ("2023年6月12日-14日", "2023-06-12"),
    ],
)
def test_months_and_spans_read_as_their_first_day(value: str, day: str) -> None:
    result = _one("events", "date", value)
    assert result.errors[0] is None and str(result.values.iat[0].date()) == day


def test_years() -> None:
    column = TABLES["budget"].column("year")
    result = coerce_column(
        pd.Series([2023.0, "2024年", "二〇二三", None], dtype=object), column, DIVISIONS
    )
    assert result.values.iloc[:2].tolist() == [2023, 2024]
    assert "unreadable year" in result.errors[2]
    assert result.blank.tolist() == [False, False, False, True]


def test_text_and_ids_from_excel_numbers() -> None:
    assert [cell_text(v) for v in (1.0, 12.5, "  S1 ", 7)] == ["1", "12.5", "S1", "7"]
    result = _one("budget", "line_id", 3.0)
    assert result.values.iat[0] == "3" and result.values.dtype == "str"


def test_headers_normalise_brackets_spaces_and_width() -> None:
    assert normalise_header("合同金额（元）") == normalise_header("合同 金额") == "合同金额"
    assert normalise_header("ＳＩＧＮＩＮＧ_ID") == "signing_id"


def test_unit_labels_cover_the_units_of_quantities() -> None:
    # Every base unit first, then the derived units the indicators write (per event, per
    # person …), so that a statistics table the project wrote reads back.
    from analysis.load.cells import UNIT_LABELS
    from analysis.quantities import DERIVED_UNIT_LABELS, UNITS

    assert tuple(UNIT_LABELS)[: len(UNITS)] == UNITS
    assert set(UNIT_LABELS) == set(UNITS) | set(DERIVED_UNIT_LABELS)


def test_plain_number_text_fast_path_agrees_with_parse_quantity() -> None:
    from analysis.quantities import parse_quantity

    column = TABLES["budget"].column("planned")
    texts = ["0", "12", "1200.5", " 7 "]
    result = coerce_column(pd.Series(texts, dtype=object), column, DIVISIONS)
    assert result.values.tolist() == [parse_quantity(t.strip()).value for t in texts]
    assert result.qualifiers.tolist() == ["exact"] * 4


# ---------------------------------------------------------------------------- bad-input fixes


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("合同金额（千元）", (1000.0, "千元")),
        ("合同金额(亿元)", (1e8, "亿元")),
        ("合同金额 ( 万元 )", (1e4, "万元")),
        ("合同金额（人）", None),  # not the column's unit: ignored
        ("合同金额（约万元）", None),  # a qualifier is not a unit
        ("合同金额（必填）", None),
    ],
)
def test_header_scale(header: str, expected) -> None:
    from analysis.load.cells import header_scale

    assert header_scale(header, TABLES["signings"].column("value")) == expected


def _value_column(cells: list, scale: float = 1.0):
    return coerce_column(
        pd.Series(cells, dtype=object),
        TABLES["signings"].column("value"),
        frozenset(),
        scale=scale,
    )


def test_scale_applies_to_numbers_without_their_own_unit() -> None:
    # In a 万元 column: 120 → 120万元; "约120" → about 120万元; "3万元" keeps its unit.
    out = _value_column([120, "120", "约120", "3万元"], scale=1e4)
    assert out.values.tolist() == [1.2e6, 1.2e6, 1.2e6, 3e4]
    assert out.qualifiers.tolist() == ["exact", "exact", "approx", "exact"]


@pytest.mark.parametrize("text", ["-3", "－３", "−5万元", " - 12 元"])
def test_negative_text_is_named_negative(text: str) -> None:
    assert _value_column([text]).errors[0] == "数量不能为负 (negative quantity)"


def test_plausible_maximum_is_inclusive() -> None:
    # 1e13 元 (10万亿元) is the largest accepted amount.
    out = _value_column([1e13, 1.0000001e13, "10万亿元", "10.1万亿元"])
    assert out.values.notna().tolist() == [True, False, True, False]
    assert "implausibly large" in out.errors[1]


def test_ids_are_width_normalised() -> None:
    column = TABLES["events"].column("event_id")
    out = coerce_column(pd.Series(["Ｅ１", " E2 ", "活动１"], dtype=object), column, frozenset())
    assert out.values.tolist() == ["E1", "E2", "活动1"]


def test_ids_blank_and_mixed_cells() -> None:
    column = TABLES["events"].column("event_id")
    # All strings (the one-pass path): an ideographic space is blank like an empty cell.
    out = coerce_column(
        pd.Series(["Ｅ１", "\u3000", None, "E1"], dtype=object), column, frozenset()
    )
    assert out.values.astype(object).where(out.values.notna(), None).tolist() == [
        "E1",
        None,
        None,
        "E1",
    ]
    assert out.blank.tolist() == [False, True, True, False]
    # A number among the ids (the per-value path): Excel's 7.0 is the id "7".
    out = coerce_column(pd.Series([7.0, "Ｅ２"], dtype=object), column, frozenset())
    assert out.values.tolist() == ["7", "E2"]


def test_uncached_formula_is_an_error_not_a_blank() -> None:
    from analysis.load.cells import FORMULA_REASON
    from analysis.load.xlsx_scan import UncachedFormula

    column = TABLES["events"].column("name")
    out = coerce_column(pd.Series([UncachedFormula("A1&B1")], dtype=object), column, frozenset())
    assert (out.errors[0], bool(out.blank[0])) == (FORMULA_REASON, False)


# ---------------------------------------------------------------------------- issue 20


@pytest.mark.parametrize(
    "code", ["#N/A", "#DIV/0!", "#REF!", "#value!", " #SPILL! ", "#GETTING_DATA"]
)
def test_typed_error_values_are_rejected_by_name(code: str) -> None:
    result = _one("events", "attendees_onsite", code)
    assert f"Excel error value {code.strip().upper()}" in result.errors[0]


def test_error_marker_is_rejected_in_any_column() -> None:
    from analysis.load.xlsx_scan import ErrorValue

    for column in ("name", "date", "attendees_onsite"):
        result = _one("events", column, ErrorValue("#REF!"))
        assert "Excel error value #REF!" in result.errors[0]
        assert not result.blank[0]


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "+Infinity", " INF "])
def test_nan_and_infinity_text_are_rejected(text: str) -> None:
    assert "not a number" in _one("signings", "value", text).errors[0]


def test_serial_60_and_dates_before_1900_03_01_are_refused() -> None:
    for value in (60, 60.0, dt.datetime(1900, 2, 28), dt.date(1900, 1, 1)):
        assert "fictitious 1900-02-29" in _one("events", "date", value).errors[0]


def test_1904_serials_count_from_1904() -> None:
    from analysis.load.xlsx_scan import Number1904

    # 43765 days after 1904-01-01 is 2023-10-28 (45227 in the 1900 system, 1,462 days more).
    result = _one("events", "date", Number1904(43765))
    assert result.values[0] == pd.Timestamp(2023, 10, 28)
    assert _one("events", "attendees_onsite", Number1904(300)).values[0] == 300.0


def test_plain_numbers_in_one_pass_read_as_one_by_one(monkeypatch):
    """Quantity cells that are plain numbers are parsed together (``_plain_quantities``);
    values, qualifiers, units, errors and blanks are those of the cell-by-cell parser."""
    from analysis.load import cells
    from analysis.load.xlsx_scan import Number1904
    from analysis.schema import TABLES

    column = TABLES["signings"].column("value")
    raw = pd.Series(
        [0, -0.0, 5, 2.5, -1.0, 1e20, float("inf"), True, Number1904(3.0), "约3万", None, 7],
        dtype=object,
    )
    together = cells.coerce_column(raw, column, frozenset(), scale=1e4)
    monkeypatch.setattr(cells, "_plain_quantities", lambda *args: None)
    alone = cells.coerce_column(raw, column, frozenset(), scale=1e4)
    pd.testing.assert_series_equal(together.values, alone.values)
    for field in ("errors", "blank", "qualifiers", "units"):
        assert list(getattr(together, field)) == list(getattr(alone, field)), field
    # By hand: 5 in a 万元 column is 50,000 yuan; -1 is refused as negative.
    assert together.values.iloc[2] == 50_000.0
    assert together.errors[4] == cells.NEGATIVE_REASON


@pytest.mark.parametrize(
    ("table", "name", "kept", "dropped"),
    [
        # The dropped cells are a total row's and a footer's: values no kept row holds.
        ("signings", "value", ["120万元", 5.0, None, "近500万元"], ["合计", "不详", -3.0]),
        ("signings", "stage", ["已签约", "洽谈中", "签约"], ["卖掉", "不详"]),
        ("events", "date", ["2023-10-28", dt.datetime(2023, 5, 1), ""], ["填表人：张三"]),
        ("fiveg_cases", "division_code", ["C38", "06", None], ["门类", "不详"]),
    ],
)
def test_a_factorization_of_more_rows_gives_the_same_column(table, name, kept, dropped):
    """The loader factorizes a sheet's column once, before totals and footers are dropped;
    coercing the kept rows with those codes must equal coercing them afresh."""
    import numpy as np

    column = TABLES[table].column(name)
    cells = np.array(dropped + kept + kept, dtype=object)
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    rows = np.arange(len(dropped), len(cells))
    raw = pd.Series(cells[rows], dtype=object)
    afresh = coerce_column(raw, column, division_codes())
    shared = coerce_column(raw, column, division_codes(), factorized=(codes[rows], uniques))
    pd.testing.assert_series_equal(shared.values, afresh.values)
    for field in ("errors", "blank", "qualifiers", "units", "unknown", "unresolved"):
        a, b = getattr(shared, field), getattr(afresh, field)
        assert (a is None) == (b is None), field
        if a is not None:
            assert list(a) == list(b), field
