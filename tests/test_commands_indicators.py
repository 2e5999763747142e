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


SAMPLE = "data/sample/sample_ledger.xlsx"
FOREIGN = "tests/data/statistics/foreign_gb18030.csv"


def test_indicators_of_indicators_is_the_same_table(tmp_path):
    """indicators → indicators → indicators: the CSV comes back byte for byte.

    Before, the second run rejected the units the first had written (day, person_per_event,
    yuan_per_person …: 149 rows) and added a 97-division coverage to every 5G section row.
    """
    first, second, third = (tmp_path / f"{n}.csv" for n in ("first", "second", "third"))
    assert main(["indicators", SAMPLE, "-o", str(first)]) == 0
    assert main(["indicators", str(first), "-o", str(second)]) == 0
    assert main(["indicators", str(second), "-o", str(third)]) == 0
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    units = set(pd.read_csv(first, encoding="utf-8-sig")["unit"])
    assert {"day", "person_per_event", "yuan_per_person"} <= units  # the units once refused


def test_indicators_workbook_reads_back(tmp_path):
    """An xlsx written by indicators is read as statistics (its 统计 sheet), not as a ledger."""
    book, again = tmp_path / "first.xlsx", tmp_path / "again.csv"
    reference = tmp_path / "reference.csv"
    assert main(["indicators", SAMPLE, "-o", str(book)]) == 0
    assert main(["indicators", SAMPLE, "-o", str(reference)]) == 0
    assert main(["indicators", str(book), "-o", str(again)]) == 0
    read = pd.read_csv(again, encoding="utf-8-sig", keep_default_na=False)
    expected = pd.read_csv(reference, encoding="utf-8-sig", keep_default_na=False)
    # openpyxl stores 16 significant digits (Excel shows 15): values agree to that precision.
    pd.testing.assert_frame_equal(read, expected, check_exact=False, rtol=1e-15)


def test_validate_reads_statistics(tmp_path, capsys):
    out = tmp_path / "first.csv"
    assert main(["indicators", SAMPLE, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    assert "statistics" in capsys.readouterr().out


def test_foreign_statistics_file_round_trips(tmp_path):
    """A GB18030 file typed by hand: Chinese headers, values with units (近3000人, 20万元).

    Expected numbers by hand: 近3000人 → 3000 person, approx; 20万元 → 200,000 yuan; the
    reported per-event mean (250) and cost per attendee (66.7, at most) are kept, not re-derived.
    """
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert main(["indicators", FOREIGN, "-o", str(first)]) == 0
    assert main(["indicators", str(first), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    table = pd.read_csv(first, encoding="utf-8-sig", keep_default_na=False).set_index("measure")
    assert table.loc["attendees_onsite", ["value", "unit", "qualifier"]].tolist() == [
        3000.0,
        "person",
        "approx",
    ]
    assert table.loc["budget_planned", "value"] == 200000.0
    assert table.loc["attendees_onsite_per_event", "value"] == 250.0
    assert table.loc["cost_per_attendee", ["value", "qualifier"]].tolist() == [66.7, "at_most"]
    assert table.loc["days_to_conversion_median", "unit"] == "day"
