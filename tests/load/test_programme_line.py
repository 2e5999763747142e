"""The load report's programme line names where the rows' programmes really came from."""

from pathlib import Path

from analysis.load import load_ledger

REPORT_LEDGERS = Path(__file__).resolve().parents[1] / "data" / "report_ledgers"


def test_rows_that_name_their_programmes_are_not_credited_to_the_file_name():
    # Every sheet of this workbook has a 项目名称 column filled on every row (its
    # expected.toml); the name guessed from the file name is used by no row.
    report = load_ledger(REPORT_LEDGERS / "两个项目合并台账.xlsx").report
    assert report.programme_source == (
        "“科创中国”锂电新能源产业协同创新项目、“百会万企”科技服务乡村振兴行动"
        "（来自各行的项目名称列，共 2 个项目）"
    )
    assert "文件名" not in report.summary()


def test_a_guess_that_rows_use_is_still_reported_as_the_guess():
    # 仅活动台账 has no 项目名称 column: its rows take the name from the sheet title.
    report = load_ledger(REPORT_LEDGERS / "仅活动台账.xlsx").report
    assert "来自各行" not in report.programme_source
    assert report.programme_source.startswith("南昌经开区科协2023年“科创中国”科技服务团项目")
