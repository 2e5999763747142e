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
