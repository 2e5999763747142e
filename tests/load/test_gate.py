"""Tests for analysis.load.gate: pandera schemas agree with the loader's output."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

import analysis.load.table as load_table
from analysis.ledger import empty_frame, output_columns
from analysis.load import load_ledger
from analysis.load.gate import table_schema
from analysis.reference import division_codes
from analysis.schema import TABLES

DIVISIONS = division_codes()

SIGNINGS_CSV = (
    "签约编号,项目名称,成果名称,阶段,转化方式,地区,技术领域,签约日期,合同金额\n"
    "S1,P,电池,签约,转让,杭州,能源,2023-10-28,120万元\n"
    "S2,P,芯片,意向,许可,杭州,电子,2023-10-29,80万元\n"
)


@pytest.mark.parametrize("name", list(TABLES))
def test_empty_frames_pass_their_schema(name: str) -> None:
    frame = empty_frame(TABLES[name])
    assert list(frame.columns) == output_columns(TABLES[name])
    table_schema(TABLES[name], DIVISIONS).validate(frame)


def test_loaded_table_passes_and_broken_copies_fail(tmp_path: Path) -> None:
    (tmp_path / "签约.csv").write_text(SIGNINGS_CSV, encoding="utf-8")
    signings = load_ledger(tmp_path).signings
    schema = table_schema(TABLES["signings"], DIVISIONS)
    schema.validate(signings)
    broken = signings.copy()
    broken.loc[1, "signing_id"] = "S1"  # duplicate key
    broken.loc[0, "value"] = -1.0  # negative money
    with pytest.raises(pa.errors.SchemaErrors) as caught:
        schema.validate(broken, lazy=True)
    checks = set(caught.value.failure_cases["check"])
    assert "field_uniqueness" in checks
    assert "greater_than_or_equal_to(0)" in checks


def test_pandera_failures_become_rejections(tmp_path: Path, monkeypatch) -> None:
    """If coercion ever let a bad value through, the gate still rejects its row."""
    real = load_table.coerce_column

    def leaky(raw, column, divisions, **options):
        result = real(raw, column, divisions, **options)
        if column.name == "value":
            # Pretend the parser read the second row's amount as negative.
            result.values.iloc[1] = -5.0
        return result

    monkeypatch.setattr(load_table, "coerce_column", leaky)
    (tmp_path / "签约.csv").write_text(SIGNINGS_CSV, encoding="utf-8")
    ledger = load_ledger(tmp_path)
    [rejection] = ledger.report.rejections
    assert (rejection.row, rejection.column, rejection.value) == (3, "合同金额", "-5")
    assert "schema check failed" in rejection.reason
    count = ledger.report.counts["signings"]
    assert (count.rows_read, count.rows_accepted, count.rows_rejected) == (2, 1, 1)
    assert ledger.signings["signing_id"].tolist() == ["S1"]
    assert pd.api.types.is_float_dtype(ledger.signings["value"])


LEDGERS = Path(__file__).parents[1] / "data" / "ledgers"
LATE = pd.Timestamp(2200, 1, 1)  # past YEAR_RANGE


def _passes(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors:
        return False
    return True


def _gated_frames() -> list[tuple[str, pd.DataFrame]]:
    """Every non-empty frame the gate sees while other people's ledgers load.

    A ledger split over several sheets (one per quarter) reaches the gate sheet by sheet,
    so these are the frames to compare on, not the concatenated tables.
    """
    frames = []
    real = load_table.TableLoader.gate

    def keep(self, frame):
        if len(frame):
            frames.append((self.table.name, frame.copy()))
        return real(self, frame)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load_table.TableLoader, "gate", keep)
        for path in sorted(LEDGERS.glob("*.xlsx")) + sorted(LEDGERS.glob("*_csv")):
            load_ledger(path)
    return frames


def _broken(name: str, frame: pd.DataFrame, rng) -> list[tuple[str, pd.DataFrame]]:
    """Copies of ``frame`` that break one rule of its schema each (where the table has it)."""
    table = TABLES[name]
    out = []
    row = int(rng.integers(len(frame)))

    def copy_with(label, change):
        broken = frame.copy()
        change(broken)
        out.append((label, broken))

    for column in table.columns:
        c = column.name
        if column.kind == "quantity":
            copy_with(
                f"negative {c}", lambda f, c=c: f.__setitem__(c, f[c].where(f.index != row, -1.0))
            )
        if column.kind == "year":
            copy_with(
                f"year {c}", lambda f, c=c: f.__setitem__(c, f[c].where(f.index != row, 1066))
            )
        if column.kind == "date":
            copy_with(
                f"date {c}", lambda f, c=c: f.__setitem__(c, f[c].where(f.index != row, LATE))
            )
        if column.kind == "division":
            copy_with(
                f"division {c}", lambda f, c=c: f.__setitem__(c, f[c].where(f.index != row, "00"))
            )
        if column.required and column.kind in ("text", "id"):
            copy_with(
                f"null {c}", lambda f, c=c: f.__setitem__(c, f[c].where(f.index != row, None))
            )
        if column.kind in ("text", "id"):
            copy_with(f"numbers in {c}", lambda f, c=c: f.__setitem__(c, 1.5))
    if table.key is not None and len(frame) > 1:
        key = table.key
        copy_with(
            "duplicate key", lambda f: f.__setitem__(key, f[key].where(f.index != 1, f[key].iat[0]))
        )
    copy_with("row zero", lambda f: f.__setitem__("_row", f["_row"].where(f.index != row, 0)))
    copy_with("extra column", lambda f: f.__setitem__("extra", 1))
    copy_with("dropped column", lambda f: f.pop(f.columns[-1]))
    copy_with("float rows", lambda f: f.__setitem__("_row", f["_row"].astype("float64")))
    return out


def test_surely_valid_agrees_with_pandera_on_other_peoples_ledgers() -> None:
    """The fast test says "valid" exactly when pandera does, on real frames and broken copies.

    The frames are those the gate sees while the foreign ledgers in tests/data/ledgers
    load (all of which pass pandera), and copies of each that break one rule of its schema: a
    negative amount, a year of 1066, a date in 2200, division 00, a blank required cell, an
    number in a text column, a duplicate key, row 0, an extra or missing column, float row numbers.
    """
    import numpy as np

    from analysis.load.gate import surely_valid

    rng = np.random.default_rng(21)
    frames = _gated_frames()
    assert len(frames) >= 20  # the corpus has many tables; a loader change must not hide them
    checked, broken_from = 0, {}
    for name, frame in frames:
        schema = table_schema(TABLES[name], DIVISIONS)
        assert surely_valid(schema, frame) and _passes(schema, frame), name
        # Broken copies of the first two frames of each table: pandera takes a while on each.
        broken_from[name] = broken_from.get(name, 0) + 1
        if broken_from[name] > 2:
            continue
        for label, broken in _broken(name, frame, rng):
            # Each copy breaks a rule, so pandera fails it, and the fast test must not pass it.
            assert not _passes(schema, broken), (name, label)
            assert not surely_valid(schema, broken), (name, label)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("name", list(TABLES))
def test_empty_frames_are_surely_valid(name: str) -> None:
    from analysis.load.gate import surely_valid

    assert surely_valid(table_schema(TABLES[name], DIVISIONS), empty_frame(TABLES[name]))


def test_gate_still_runs_pandera_when_the_fast_test_is_unsure(monkeypatch) -> None:
    """A check the fast test does not know sends the frame to pandera, which passes it."""
    from analysis.load.gate import surely_valid

    schema = table_schema(TABLES["budget"], DIVISIONS)
    odd = schema.update_column("planned", checks=[pa.Check(lambda s: s >= 0, name="custom")])
    frame = empty_frame(TABLES["budget"])
    assert not surely_valid(odd, frame)
    assert _passes(odd, frame)
