"""Tests for ``python -m analysis indicators``."""

import importlib.util
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.cli import main
from analysis.commands import indicators as command
from analysis.ledger import Ledger
from analysis.schema import STATISTICS

SEED_STATS = pd.DataFrame(
    {
        "programme": ["广州国际技术交易服务中心"] * 2,
        "period": ["2020-2021"] * 2,
        "measure": ["deals_signed", "deal_value"],
        "breakdown": ["", ""],
        "value": [117.0, 35.71e8],
        "unit": ["item", "yuan"],
        "qualifier": ["exact", "exact"],
        "quantity_text": ["117项", "35.71亿元"],
        "source": ["004_70d010b94859217b.txt"] * 2,
        "quote": ["促成技术成果转化交易117项", "涉及金额35.71亿元"],
    }
)


@pytest.fixture
def fake_load(monkeypatch, tmp_path):
    """Stand in for the loader: .csv → SEED_STATS, .xlsx → empty Ledger (placeholder files)."""
    real = command.load_data

    def read(path, **options):
        if not path.exists():
            return real(path, **options)  # the real missing-file error
        return SEED_STATS.copy() if path.suffix == ".csv" else Ledger()

    monkeypatch.setattr(command, "load_data", read)
    stats = tmp_path / "statistics.csv"
    stats.write_text("placeholder", encoding="utf-8")
    ledger = tmp_path / "ledger.xlsx"
    ledger.write_bytes(b"placeholder")
    return stats, ledger


def test_statistics_to_csv_file(fake_load, tmp_path):
    stats, _ = fake_load
    out = tmp_path / "out" / "indicators.csv"
    assert main(["indicators", str(stats), "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel on Windows
    table = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert list(table.columns) == list(STATISTICS.names)
    mean = table[table.measure == "deal_value_mean"]
    # 35.71亿 ÷ 117 ≈ 3,052万元
    assert round(float(mean["value"].iloc[0]) / 1e4) == 3052


def test_statistics_to_stdout(fake_load, capsys):
    stats, _ = fake_load
    assert main(["indicators", str(stats)]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert "deal_value_mean" in set(table["measure"])


def test_xlsx_output_has_chinese_headers(fake_load, tmp_path):
    stats, _ = fake_load
    out = tmp_path / "indicators.xlsx"
    assert main(["indicators", str(stats), "--format", "xlsx", "-o", str(out)]) == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == [c.zh for c in STATISTICS.columns]
    assert sheet.max_row == 1 + 3  # two reported rows and the derived mean


def test_write_xlsx_twice_gives_identical_bytes(fake_load, tmp_path):
    stats, _ = fake_load
    for name in ("a.xlsx", "b.xlsx"):
        assert main(["indicators", str(stats), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    # Not the clock (two writes within a second would match anyway): fixed stamps.
    with zipfile.ZipFile(tmp_path / "a.xlsx") as package:
        assert {i.date_time for i in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert "2000-01-01T00:00:00Z" in package.read("docProps/core.xml").decode()


def test_empty_ledger_gives_header_only(fake_load, tmp_path):
    _, ledger = fake_load
    out = tmp_path / "empty.csv"
    assert main(["indicators", str(ledger), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").strip() == ",".join(STATISTICS.names)


def test_user_errors(tmp_path, capsys):
    assert main(["indicators", str(tmp_path / "missing.xlsx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    odd = tmp_path / "notes.txt"
    odd.write_text("x", encoding="utf-8")
    if importlib.util.find_spec("analysis.load") is None:
        pytest.skip("analysis.load is on another branch")
    assert main(["indicators", str(odd)]) == 2
    assert "不支持的文件类型" in capsys.readouterr().err


def test_xlsx_needs_an_output_file(fake_load, capsys):
    stats, _ = fake_load
    assert main(["indicators", str(stats), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_end_to_end_on_sample_ledger_and_seed_statistics(tmp_path):
    from analysis import paths

    if not (paths.SAMPLE_LEDGER.is_file() and paths.SEED_STATISTICS_CSV.is_file()):
        pytest.skip("sample ledger or seed statistics not bundled")
    ledger_out = tmp_path / "sample.csv"
    assert main(["indicators", str(paths.SAMPLE_LEDGER), "-o", str(ledger_out)]) == 0
    table = pd.read_csv(ledger_out, encoding="utf-8-sig", keep_default_na=False)
    assert set(table["source"]) == {"ledger"}
    # README of the sample: 60 of 97 divisions covered → 61.86%
    coverage = table[(table.measure == "fiveg_division_coverage") & (table.breakdown == "")]
    assert coverage["value"].max() == pytest.approx(6000 / 97)
    seeds_out = tmp_path / "seeds.xlsx"
    assert main(["indicators", str(paths.SEED_STATISTICS_CSV), "-o", str(seeds_out)]) == 0
    rows = list(load_workbook(seeds_out).active.iter_rows(values_only=True))
    header = rows[0]
    assert header[2] == "指标代码"
    measures = {r[2] for r in rows[1:]}
    assert {"fiveg_division_coverage", "converted_value_mean"} <= measures


def test_formula_like_programme_names_are_escaped_in_csv(fake_load, tmp_path, monkeypatch):
    hostile = SEED_STATS.assign(programme='=HYPERLINK("http://evil","x")')
    monkeypatch.setattr(command, "load_data", lambda path, **options: hostile.copy())
    stats, _ = fake_load
    out = tmp_path / "indicators.csv"
    assert main(["indicators", str(stats), "-o", str(out)]) == 0
    table = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    # A leading apostrophe keeps Excel from evaluating the cell (see analysis.export.safe.csv_text).
    assert set(table["programme"]) == {'\'=HYPERLINK("http://evil","x")'}


def test_rejected_ledger_rows_give_exit_code_1(tmp_path, capsys):
    folder = tmp_path / "ledger"
    folder.mkdir()
    # Two events, the second with an unreadable attendee count: one row rejected.
    (folder / "活动.csv").write_text(
        "活动编号,项目名称,活动名称,活动类型,地区,日期,线下参会人数\n"
        "E1,P,对接会一,对接会,甲市,2023-05-18,120人\n"
        "E2,P,对接会二,对接会,甲市,2023-06-01,很多人\n",
        encoding="utf-8",
    )
    out = tmp_path / "indicators.csv"
    assert main(["indicators", str(folder), "-o", str(out)]) == 1
    assert "validate" in capsys.readouterr().err
    table = pd.read_csv(out, encoding="utf-8-sig", dtype={"period": str}, keep_default_na=False)
    held = table[
        (table.measure == "events_held") & (table.period == "2023") & (table.breakdown == "")
    ]
    assert held["value"].tolist() == [1.0]  # only E1 was accepted
