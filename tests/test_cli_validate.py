"""Tests for ``python -m analysis validate``: output, exit codes 0/1/2, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analysis.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"

EVENTS_HEADER = "活动编号,项目名称,活动名称,活动类型,地区,日期,线下参会人数\n"


@pytest.fixture
def good_workbook(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "活动"
    sheet.append(EVENTS_HEADER.strip().split(","))
    sheet.append(["E1", "科创中国", "对接会", "对接会", "杭州", "2023-10-28", "近300人"])
    path = tmp_path / "good.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "活动.csv").write_text(
        EVENTS_HEADER
        + "E1,科创中国,对接会,对接会,杭州,2023-10-28,300\n"
        + "E2,科创中国,路演,路演,杭州,2023-10-28,300元\n",
        encoding="utf-8",
    )
    return folder


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "analysis", "validate", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_clean_ledger_exits_0(good_workbook: Path, capsys) -> None:
    assert main(["validate", str(good_workbook)]) == 0
    out = capsys.readouterr().out
    assert "没有被拒绝的行 (no rows rejected)" in out
    events_line = next(line for line in out.splitlines() if line.startswith("events"))
    # One row read and accepted, none rejected or skipped.
    assert events_line.split()[-4:] == ["1", "1", "0", "0"]


def test_rejections_exit_1_and_are_listed(bad_folder: Path, capsys) -> None:
    assert main(["validate", str(bad_folder)]) == 1
    out = capsys.readouterr().out
    # Row 3 of 活动.csv: '300元' in a person column.
    assert "活动.csv 第3行“线下参会人数”列 值“300元”" in out
    assert "unit mismatch" in out


def test_csv_format_to_file(bad_folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "rejections.csv"
    assert main(["validate", str(bad_folder), "--format", "csv", "-o", str(target)]) == 1
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "table,file,sheet,row,column,value,reason"
    assert lines[1].startswith("events,活动.csv,,3,线下参会人数,300元,")
    assert len(lines) == 2


def test_strict_exits_2_listing_problems(bad_folder: Path, capsys) -> None:
    assert main(["validate", str(bad_folder), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "1 problem(s)" in err and "300元" in err


@pytest.mark.parametrize("kind", ["missing", "corrupt", "empty"])
def test_unreadable_path_exits_2_without_traceback(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "ledger.xlsx"
    if kind == "corrupt":
        path.write_bytes(b"PK\x03\x04 not really a zip file")
    elif kind == "empty":
        path.write_bytes(b"")
    result = _run(str(path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误 / error:")
    assert "ledger.xlsx" in result.stderr


def test_subprocess_exit_codes_0_and_1(good_workbook: Path, bad_folder: Path) -> None:
    assert _run(str(good_workbook)).returncode == 0
    result = _run(str(bad_folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
