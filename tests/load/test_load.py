"""Tests for analysis.load: hand-built workbooks and CSV folders, every rejection checked."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.load import (
    LedgerError,
    LoadReport,
    Rejection,
    TableCount,
    load_ledger,
    load_statistics,
)
from analysis.schema import CONVERSION_MODES, QUALIFIERS


def _sheet(workbook: openpyxl.Workbook, title: str, rows: list[list[object]]) -> None:
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A ledger with Chinese headers and one of each kind of broken cell.

    Row numbers in the comments are the Excel rows (openpyxl ``append`` starts at row 1).
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _sheet(
        wb,
        "活动",
        [
            ["2023年科创中国活动台账"],  # row 1: title
            ["填表说明：每行一场活动"],  # row 2: note
            [
                "活动编号",
                "项目名称",
                "活动名称",
                "活动类型",
                "地区",
                "日期",
                "线上观看人次",
                "负责人",
            ],
            [
                "E1",
                "科创中国",
                "成果对接会",
                "对接会",
                "杭州",
                dt.datetime(2023, 10, 28),
                "5万余人次",
                "张三",
            ],
            ["E2", "科创中国", "项目路演", "roadshow", "宁波", "2023年11月2日", 1200, None],
            ["E3", "科创中国", "茶叙", "茶话会", "宁波", "2023-02-30", None, None],
            [None, None, "  ", None, None, None, None, None],  # row 7: blank, skipped
            ["E2", "科创中国", "重复", "路演", "宁波", "2023.11.03", None, None],
        ],
    )
    _sheet(
        wb,
        "签约",
        [
            [
                "签约编号",
                "项目名称",
                "活动编号",
                "成果名称",
                "阶段",
                "转化方式",
                "地区",
                "技术领域",
                "签约日期",
                "合同金额（元）",
            ],
            [
                "S1",
                "科创中国",
                "E1",
                "新型电池",
                "签约",
                "转让",
                "杭州",
                "新能源",
                45227,
                "35.71亿元",
            ],
            [
                "S2",
                "科创中国",
                "E9",
                "传感器",
                "意向",
                "licence",
                "杭州",
                "电子",
                "2023/11/05",
                "120万元",
            ],
            [
                "S3",
                "科创中国",
                None,
                "涂料",
                "意向",
                "许可",
                "杭州",
                "化工",
                "2023.11.06",
                "很多钱",
            ],
            [
                "S4",
                "科创中国",
                "E3",
                "芯片",
                "签约",
                "作价投资",
                "杭州",
                "电子",
                "2023-11-07",
                "50人",
            ],
            [
                "S5",
                "科创中国",
                "E2",
                "农机",
                "意向",
                "合作实施",
                "宁波",
                "装备",
                "2023年12月1日",
                5000000,
            ],
        ],
    )
    _sheet(
        wb,
        "转化落地",
        [
            ["落地编号", "签约编号", "落地日期", "落地金额"],
            ["C1", "S1", "2024-03-01", "1200万元"],
            ["C2", "S9", "2024-03-02", "1万元"],
            ["C3", "S5", "2024-03-03", "2万"],
            ["C4", "S2", "2024-03-04", None],
        ],
    )
    _sheet(
        wb,
        "5G应用案例",
        [
            [
                "案例编号",
                "项目名称",
                "案例名称",
                "国民经济行业大类",
                "地区",
                "年度",
                "是否国家级试点",
            ],
            ["G1", "5G+", "智慧矿山", "06 煤炭开采和洗选业", "杭州", 2023, "是"],
            ["G2", "5G+", "智慧港口", "98", "宁波", 2023, "否"],
            ["G3", "5G+", "智能工厂", 13, "宁波", 2022, "否"],
            ["G4", "5G+", "远程医疗", "84", "宁波", None, "也许"],
        ],
    )
    # Budget without its required 预算金额 column: the whole table is rejected.
    _sheet(
        wb, "经费", [["序号", "项目名称", "阶段"], [1, "科创中国", "调研"], [2, "科创中国", "会议"]]
    )
    _sheet(wb, "说明", [["这张表不是台账"]])
    _sheet(wb, "旧签约", [["签约编号"], ["S0"]])
    wb["旧签约"].sheet_state = "hidden"
    path = tmp_path / "ledger.xlsx"
    wb.save(path)
    return path


# Each expected rejection: (table, sheet, Excel row, column as written, value, reason keyword).
# Rows and values are those written in the ``workbook`` fixture above.
EXPECTED = [
    ("events", "活动", 6, "活动类型", "茶话会", "unknown category"),
    ("events", "活动", 6, "日期", "2023-02-30", "invalid calendar date"),
    ("events", "活动", 8, "活动编号", "E2", "first at row 5"),
    ("signings", "签约", 3, "活动编号", "E9", "unknown events id"),
    ("signings", "签约", 4, "合同金额（元）", "很多钱", "unreadable quantity"),
    ("signings", "签约", 5, "活动编号", "E3", "rejected events row"),
    ("signings", "签约", 5, "合同金额（元）", "50人", "unit mismatch"),
    ("conversions", "转化落地", 3, "签约编号", "S9", "unknown signings id"),
    ("conversions", "转化落地", 4, "签约编号", "S5", "not at stage signed"),
    ("conversions", "转化落地", 5, "签约编号", "S2", "rejected signings row"),
    ("fiveg_cases", "5G应用案例", 5, "是否国家级试点", "也许", "expected yes/no"),
    ("budget", "经费", None, "预算金额", None, "required column missing"),
]


def test_every_rejection_row_by_row(workbook: Path) -> None:
    ledger = load_ledger(workbook)
    got = ledger.report.rejections
    assert len(got) == len(EXPECTED), "\n".join(map(str, got))
    for rejection, (table, sheet, row, column, value, keyword) in zip(got, EXPECTED, strict=True):
        assert rejection.file == "ledger.xlsx"
        assert (rejection.table, rejection.sheet, rejection.row) == (table, sheet, row)
        assert (rejection.column, rejection.value) == (column, value)
        assert keyword in rejection.reason, rejection


def test_counts_per_table(workbook: Path) -> None:
    counts = load_ledger(workbook).report.counts
    # (read, accepted, rejected) from the fixture: events read the title (row 1), the note
    # (row 2) and the blank row 7 as well, and skip them.
    expected = {
        "events": (7, 2, 2),
        "signings": (5, 2, 3),
        "conversions": (4, 1, 3),
        # G2's industry "98" is no division: the case is kept, covering none (issue 22).
        "fiveg_cases": (4, 3, 1),
        "budget": (2, 0, 2),
    }
    got = {k: (c.rows_read, c.rows_accepted, c.rows_rejected) for k, c in counts.items()}
    assert got == expected


def test_read_equals_accepted_plus_rejected_on_every_table(workbook: Path) -> None:
    ledger = load_ledger(workbook)
    report = ledger.report
    for name, count in report.counts.items():
        assert count.rows_read == count.rows_accepted + count.rows_rejected + count.rows_skipped
        assert count.rows_skipped == len([r for r in report.skipped if r.table == name])
        assert len(getattr(ledger, name)) == count.rows_accepted
        rows = {r.row for r in report.rejections if r.table == name}
        expected_rejected = count.rows_read - count.rows_skipped if None in rows else len(rows)
        assert count.rows_rejected == expected_rejected


def test_table_count_refuses_broken_accounting() -> None:
    with pytest.raises(AssertionError):
        TableCount("events", "a.csv", None, "UTF-8", 3, 1, 1)


def test_warnings_name_unknown_header_hidden_and_unknown_sheets_and_missing_tables(
    workbook: Path,
) -> None:
    warnings = "\n".join(load_ledger(workbook).report.warnings)
    assert "未知列“负责人”" in warnings
    assert "隐藏的工作表“旧签约”" in warnings
    assert "工作表“说明”不对应任何表" in warnings
    assert "缺少“项目信息”表" in warnings and "缺少“绩效目标”表" in warnings


def test_accepted_values_and_dtypes(workbook: Path) -> None:
    ledger = load_ledger(workbook)
    events = ledger.events
    # Title and note rows sit above the header (row 3); the data start at Excel row 4.
    assert events["_row"].tolist() == [4, 5]
    assert events["event_id"].tolist() == ["E1", "E2"]
    assert events["event_type"].tolist() == ["matchmaking", "roadshow"]
    assert events["date"].tolist() == [pd.Timestamp("2023-10-28"), pd.Timestamp("2023-11-02")]
    assert events["date"].dtype == "datetime64[ns]"
    # Year blank in the sheet: derived from the date.
    assert events["year"].dtype == "Int64" and events["year"].tolist() == [2023, 2023]
    # '5万余人次' is 50 000 person-times, a lower bound; the bare 1200 is exact.
    assert events["online_views"].tolist() == [50_000.0, 1200.0]
    assert events["online_views_qualifier"].tolist() == ["at_least", "exact"]
    assert list(events["online_views_qualifier"].cat.categories) == list(QUALIFIERS)
    assert events["attendees_onsite"].isna().all()  # column absent from the sheet
    assert events["event_id"].dtype == "str"

    signings = ledger.signings
    assert signings["signing_id"].tolist() == ["S1", "S5"]
    # Serial 45227 is 2023-10-28 in Excel's 1900 date system.
    assert signings["date"].tolist() == [pd.Timestamp("2023-10-28"), pd.Timestamp("2023-12-01")]
    # 35.71亿元 = 35.71 × 10^8 yuan; a bare 5000000 in a yuan column is yuan.
    assert signings["value"].tolist() == pytest.approx([3.571e9, 5e6])
    assert signings["mode"].tolist() == ["transfer", "joint_implementation"]
    assert list(signings["mode"].cat.categories) == list(CONVERSION_MODES)
    assert signings["event_id"].tolist() == ["E1", "E2"]

    assert ledger.conversions["value"].tolist() == [1.2e7]  # 1200万元
    cases = ledger.fiveg_cases
    # '06 煤炭…', "98" (no division: kept, blank) and the number 13.
    assert cases["division_code"].fillna("-").tolist() == ["06", "-", "13"]
    assert cases["national_pilot"].dtype == "boolean"
    assert cases["national_pilot"].tolist() == [True, False, False]
    assert ledger.budget.empty and "planned" in ledger.budget.columns


def test_strict_raises_with_every_problem_listed(workbook: Path) -> None:
    with pytest.raises(LedgerError) as caught:
        load_ledger(workbook, strict=True)
    error = caught.value
    assert isinstance(error, UserError)
    assert len(error.report.rejections) == len(EXPECTED)
    message = str(error)
    for rejection in error.report.rejections:
        assert str(rejection) in message
    assert f"{len(EXPECTED)} problem(s)" in message


def test_report_frame_and_summary(workbook: Path) -> None:
    report = load_ledger(workbook).report
    frame = report.to_frame()
    assert len(frame) == len(EXPECTED)
    assert frame["row"].dtype == "Int64"
    assert frame.loc[0, "column"] == "活动类型"
    summary = report.summary()
    assert "读取 read" in summary and "拒绝 rejected" in summary
    signings_line = next(line for line in summary.splitlines() if line.startswith("signings"))
    # read, accepted, rejected, skipped
    assert signings_line.split()[-4:] == ["5", "2", "3", "0"]
    assert not report.ok and LoadReport().ok


def _write_csv(path: Path, text: str, encoding: str) -> None:
    path.write_bytes(text.encode(encoding))


def test_gb18030_csv_folder(tmp_path: Path) -> None:
    _write_csv(
        tmp_path / "活动.csv",
        "活动编号,项目名称,活动名称,活动类型,地区,日期,参会人数\r\n"
        "E1,科创中国,对接会,对接会,杭州,2023/10/28,近300人\r\n"
        "E2,科创中国,路演,路演,杭州,2023年10月29日,三百来人\r\n",
        "gb18030",
    )
    _write_csv(
        tmp_path / "签约.csv",
        "签约编号,项目名称,活动编号,成果名称,阶段,转化方式,地区,技术领域,签约日期,金额\r\n"
        "S1,科创中国,E1,电池,签约,自行投资实施,杭州,新能源,2023-10-28,120万元\r\n",
        "gb18030",
    )
    ledger = load_ledger(tmp_path)
    counts = ledger.report.counts
    assert counts["events"].encoding == "GB18030"
    assert counts["signings"].encoding == "GB18030"
    assert counts["events"].sheet is None
    assert ledger.events["name"].tolist() == ["对接会"]
    assert ledger.signings["mode"].tolist() == ["self_implementation"]
    assert ledger.signings["value"].tolist() == [1.2e6]
    # The second data record is on line 3 of the file, as Excel shows it.
    [rejection] = ledger.report.rejections
    assert (rejection.file, rejection.sheet, rejection.row) == ("活动.csv", None, 3)
    assert (rejection.column, rejection.value) == ("参会人数", "三百来人")
    assert "unreadable quantity" in rejection.reason


def test_utf8_bom_single_csv(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(
        codecs.BOM_UTF8
        + "说明：2023 年\n活动编号,项目名称,活动名称,活动类型,地区,日期\n"
        "E1,科创中国,座谈会,座谈,杭州,20231028\n".encode()
    )
    ledger = load_ledger(path)
    assert ledger.report.counts["events"].encoding == "UTF-8 with BOM"
    assert ledger.report.ok
    # Header on line 2 under a note line; the BOM does not spoil the first header.
    assert ledger.events["_row"].tolist() == [3]
    assert ledger.events["event_type"].tolist() == ["symposium"]
    assert ledger.events["date"].tolist() == [pd.Timestamp("2023-10-28")]


def test_required_cell_empty_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "活动.csv").write_text(
        "活动编号,项目名称,活动名称,活动类型,地区,日期\nE1,,对接会,对接会,杭州,2023-10-28\n",
        encoding="utf-8",
    )
    [rejection] = load_ledger(tmp_path).report.rejections
    assert (rejection.row, rejection.column, rejection.value) == (2, "项目名称", None)
    assert "required value missing" in rejection.reason


@pytest.mark.parametrize(
    ("name", "content", "keyword"),
    [
        ("empty.xlsx", b"", "empty file"),
        ("renamed.xlsx", "签约编号,金额\nS1,1\n".encode(), "CSV"),
        ("corrupt.xlsx", b"PK\x03\x04" + b"\x00garbage" * 20, "corrupt"),
        ("notes.txt", b"hello", "unsupported file type"),
        ("missing.xlsx", None, "no such file"),
        ("unknown.csv", b"a,b\n1,2\n", "does not name a table"),
        ("活动.csv", b"\x80\xff\x80\xff\x00\x01", "encoding"),  # not UTF-8, UTF-16 or GB18030
    ],
)
def test_unreadable_inputs_are_user_errors(
    tmp_path: Path, name: str, content: bytes | None, keyword: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=keyword):
        load_ledger(path)


def test_folder_without_any_table_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "readme.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(UserError, match="no known table"):
        load_ledger(tmp_path)


def test_no_header_row_rejects_the_table(tmp_path: Path) -> None:
    (tmp_path / "活动.csv").write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    report = load_ledger(tmp_path).report
    assert [(r.row, r.column) for r in report.rejections] == [(None, None)]
    assert "no header row found" in report.rejections[0].reason
    # Without a header every non-blank line is a row read and rejected.
    assert report.counts["events"].rows_read == 3
    assert report.counts["events"].rows_rejected == 3


def test_statistics_long_table(tmp_path: Path) -> None:
    path = tmp_path / "seed.csv"
    path.write_text(
        "项目,期间,指标代码,数值,单位,限定,来源\n"
        "科创中国,2023,deals_value,35.71亿元,,,a.docx\n"
        "科创中国,2023,online_views,50000,person_time,下限（余/多/超）,a.docx\n"
        "科创中国,2023,events,3,场,,a.docx\n",
        encoding="utf-8",
    )
    with pytest.raises(LedgerError, match="未知的单位"):
        load_statistics(path)
    frame = load_statistics(path, strict=False)
    assert frame["value"].tolist() == [3.571e9, 50_000.0]
    assert frame["unit"].tolist() == ["yuan", "person_time"]
    assert frame["qualifier"].tolist() == ["exact", "at_least"]
    assert "value_qualifier" not in frame.columns
    report = frame.attrs["load_report"]
    assert [(r.row, r.column, r.value) for r in report.rejections] == [(4, "单位", "场")]


def test_rejection_str_names_where_and_what() -> None:
    rejection = Rejection("signings", "l.xlsx", "签约", 5, "合同金额", "50人", "单位不符")
    assert str(rejection) == "l.xlsx［签约］ 第5行“合同金额”列 值“50人”：单位不符"


def test_coercion_parses_each_distinct_value_once(tmp_path: Path, monkeypatch) -> None:
    import analysis.load.cells as coerce

    calls: list[str] = []
    real = coerce.parse_quantity

    def counting(text: str):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(coerce, "parse_quantity", counting)
    lines = [f"C{i},S1,2024-03-01,{'1200万元' if i % 2 else '3万元'}" for i in range(1000)]
    (tmp_path / "签约.csv").write_text(
        "签约编号,项目名称,成果名称,阶段,转化方式,地区,技术领域,签约日期\n"
        "S1,P,电池,签约,转让,杭州,能源,2023-10-28\n",
        encoding="utf-8",
    )
    (tmp_path / "转化落地.csv").write_text(
        "落地编号,签约编号,落地日期,落地金额\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    ledger = load_ledger(tmp_path)
    assert ledger.report.ok
    assert sorted(calls) == ["1200万元", "3万元"]
    assert np.isclose(ledger.conversions["value"].sum(), 500 * 1.2e7 + 500 * 3e4)


def test_statistics_from_the_only_sheet_of_a_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Sheet1"
    sheet.append(["项目", "期间", "指标代码", "数值", "来源", "原文数值"])
    sheet.append(["科创中国", 2023, "online_views", "5万余人次", "b.docx", "5万余人次"])
    path = tmp_path / "stats.xlsx"
    wb.save(path)
    frame = load_statistics(path, strict=False)
    report = frame.attrs["load_report"]
    assert report.ok and "only sheet read as statistics" in report.warnings[0]
    # Period 2023 arrives from Excel as the float 2023.0 and is kept as the text '2023'.
    assert frame["period"].tolist() == ["2023"]
    assert (frame.loc[0, "value"], frame.loc[0, "unit"]) == (50_000.0, "person_time")
    assert frame.loc[0, "qualifier"] == "at_least"


def test_duplicate_header_keeps_the_first_column(tmp_path: Path) -> None:
    (tmp_path / "活动.csv").write_text(
        "活动编号,项目名称,活动名称,活动类型,地区,日期,举办日期\n"
        "E1,科创中国,对接会,对接会,杭州,2023-10-28,不是日期\n",
        encoding="utf-8",
    )
    ledger = load_ledger(tmp_path)
    assert ledger.report.ok
    assert ledger.events["date"].tolist() == [pd.Timestamp("2023-10-28")]
    assert any("“举办日期”与“日期”是同一列" in w for w in ledger.report.warnings)


def _workbooks_of_others() -> list[Path]:
    here = Path(__file__).parents[1]
    return sorted((here / "data" / "ledgers").glob("*.xlsx")) + sorted(
        (here / "bad_inputs" / "files").glob("*.xlsx")
    )


def _load_or_error(path: Path):
    try:
        return load_ledger(path)
    except UserError as exc:
        return str(exc)


def test_tables_loaded_ahead_change_nothing(monkeypatch) -> None:
    """Loading the smaller tables while the largest sheet is parsed gives the same ledger
    and the same report, entry for entry and in the same order, as loading every table
    once all sheets are read; on other people's ledgers and the bad-input workbooks."""
    from analysis.load import sources as load_sources

    paths = _workbooks_of_others()
    assert len(paths) >= 30
    ahead = {path.name: _load_or_error(path) for path in paths}
    monkeypatch.setattr(load_sources.Reading, "early", lambda self, name: None)
    for path in paths:
        serial = _load_or_error(path)
        if isinstance(serial, str):
            assert ahead[path.name] == serial, path.name
            continue
        got = ahead[path.name]
        for name, frame in serial.tables().items():
            pd.testing.assert_frame_equal(getattr(got, name), frame, obj=f"{path.name} {name}")
        a, b = got.report, serial.report
        assert a.warnings == b.warnings, path.name
        assert a.rejections == b.rejections and a.skipped == b.skipped, path.name
        assert list(a.counts.items()) == list(b.counts.items()), path.name
        assert a.programme_source == b.programme_source, path.name


def test_some_tables_are_loaded_ahead(monkeypatch) -> None:
    """The sample ledger's small tables are loaded before its largest sheet is read."""
    import analysis.load as load_module

    seen = []
    real = load_module._Ahead.__init__

    def spy(self, *args):
        real(self, *args)
        seen.extend(self.loaded)

    monkeypatch.setattr(load_module._Ahead, "__init__", spy)
    load_ledger(Path(__file__).parents[2] / "data" / "sample" / "sample_ledger.xlsx")
    assert "programmes" in seen and "events" in seen
    assert "conversions" not in seen  # it refers to signings, the largest sheet


def test_the_cycle_collector_is_paused_while_loading_and_restored(
    tmp_path: Path, monkeypatch
) -> None:
    """Off while a file loads; afterwards as it was before, after a failed load too."""
    import gc

    import analysis.load as load_module

    seen = []
    real = load_module.start_sources

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(load_module, "start_sources", spy)
    (tmp_path / "活动.csv").write_text(
        "活动编号,项目名称,活动名称,活动类型,日期\nE1,P,会,会议,2023-10-28\n", "utf-8"
    )
    was = gc.isenabled()
    try:
        gc.enable()
        load_ledger(tmp_path)
        assert seen == [False] and gc.isenabled()
        with pytest.raises(UserError):
            load_ledger(tmp_path / "nothing-here")
        assert gc.isenabled()
        gc.disable()
        load_ledger(tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
