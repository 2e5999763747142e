"""Every sub-command meets bad arguments and files with an exit code and a line, no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cli
from analysis.cli import build_parser, input_error_message, main

SRC = Path(__file__).resolve().parents[1] / "src"
CORPUS = Path(__file__).parent / "bad_inputs" / "files"


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def _run(*args: str, cwd: Path | None = None, debug: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("ANALYSIS_DEBUG", None)
    if debug:
        env["ANALYSIS_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def _assert_user_error(done: subprocess.CompletedProcess, *keywords: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    first = done.stderr.splitlines()[0]
    assert first.startswith("错误 / error:"), done.stderr
    for keyword in keywords:
        assert keyword in done.stderr, done.stderr


def test_report_and_validate_are_available() -> None:
    # The commands on this branch; others (assess, extract, indicators) join when merged.
    assert {"report", "validate"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_unknown_option_is_a_usage_error(command: str) -> None:
    done = _run(command, "--no-such-option")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    # argparse: a usage line, then one line naming the problem (the unknown option, or
    # first a required argument that is missing).
    last = done.stderr.splitlines()[-1]
    assert re.match(r"analysis( \w+)?: error: ", last), done.stderr


@pytest.mark.parametrize("command", _commands())
def test_help_of_every_command_exits_0(command: str) -> None:
    done = _run(command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: analysis")


def test_top_level_help_documents_exit_codes() -> None:
    done = _run("--help")
    assert done.returncode == 0
    for line in ("0  success", "1  finished", "2  usage or input error", "3  internal error"):
        assert line in done.stdout


# ---------------------------------------------------------------------------- validate


def test_validate_without_path_is_a_usage_error() -> None:
    done = _run("validate")
    assert done.returncode == 2
    assert "PATH" in done.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("name", "keyword"),
    [
        ("no_such_file.xlsx", "no such file"),
        ("truncated.xlsx", "corrupt"),
        ("csv_renamed.xlsx", "not an Excel workbook"),
        ("notes.txt", "unsupported file type"),
        ("binary_as_csv", "named .csv"),
    ],
)
def test_validate_bad_files(name: str, keyword: str) -> None:
    _assert_user_error(_run("validate", str(CORPUS / name)), keyword)


def test_validate_rejections_exit_1_and_strict_exit_2() -> None:
    path = str(CORPUS / "duplicate_ids.xlsx")
    done = _run("validate", path)
    assert done.returncode == 1
    assert "duplicate id" in done.stdout
    strict = _run("validate", "--strict", path)
    _assert_user_error(strict, "1 problem(s)")


def test_validate_output_into_a_directory(tmp_path: Path) -> None:
    done = _run("validate", str(CORPUS / "header_only.xlsx"), "-o", str(tmp_path))
    _assert_user_error(done, "cannot access")
    assert list(tmp_path.iterdir()) == []  # the temporary file was removed


def test_validate_output_below_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    done = _run("validate", str(CORPUS / "header_only.xlsx"), "-o", str(blocker / "out.txt"))
    _assert_user_error(done, "cannot access")


def test_validate_bad_format_choice() -> None:
    done = _run("validate", str(CORPUS / "header_only.xlsx"), "--format", "json")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr.splitlines()[-1]


# ---------------------------------------------------------------------------- report


@pytest.mark.parametrize(
    ("name", "keyword"),
    [
        ("no_such_folder", "data not found"),
        ("corrupt_sheet_data.xlsx", "corrupt"),
        ("xml_entity_bomb_workbook.xlsx", "unsafe"),
        ("mixed_encodings", "mixed encodings"),
    ],
)
def test_report_on_bad_data(name: str, keyword: str, tmp_path: Path) -> None:
    done = _run(
        "report",
        "--data",
        str(CORPUS / name),
        "--out",
        str(tmp_path / "reports"),
        "--figures",
        str(tmp_path / "figures"),
    )
    _assert_user_error(done, keyword)


# ---------------------------------------------------------------------------- the boundary


def _failing_command(monkeypatch, exc: BaseException) -> None:
    parser = build_parser()

    def run(_args):
        raise exc

    real = cli.build_parser

    def patched():
        parser = real()
        sub = next(a for a in parser._actions if a.dest == "command")
        sub.choices["validate"].set_defaults(run=run)
        return parser

    monkeypatch.setattr(cli, "build_parser", patched)
    del parser


def test_a_bug_is_one_line_and_exit_3(monkeypatch, capsys) -> None:
    monkeypatch.delenv("ANALYSIS_DEBUG", raising=False)
    _failing_command(monkeypatch, RuntimeError("boom"))
    assert main(["validate", "x"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("内部错误 / internal error: RuntimeError: boom")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_analysis_debug_shows_the_traceback(monkeypatch, capsys) -> None:
    monkeypatch.setenv("ANALYSIS_DEBUG", "1")
    _failing_command(monkeypatch, RuntimeError("boom"))
    assert main(["validate", "x"]) == 3
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("exc", "keyword"),
    [
        (PermissionError(13, "Permission denied", "out.xlsx"), "out.xlsx"),
        (IsADirectoryError(21, "Is a directory", "reports"), "reports"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "encoding"),
    ],
)
def test_library_errors_about_files_are_input_errors(monkeypatch, capsys, exc, keyword) -> None:
    _failing_command(monkeypatch, exc)
    assert main(["validate", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误 / error:") and keyword in err
    assert len(err.strip().splitlines()) == 1


def test_bad_zip_and_pandas_errors_are_input_errors() -> None:
    import zipfile

    import pandas as pd

    assert "xlsx" in input_error_message(zipfile.BadZipFile("File is not a zip file"))
    assert "ParserError" in input_error_message(pd.errors.ParserError("bad"))


def test_keyboard_interrupt_exits_130(monkeypatch, capsys) -> None:
    _failing_command(monkeypatch, KeyboardInterrupt())
    assert main(["validate", "x"]) == 130
    assert capsys.readouterr().err.strip() == "interrupted"


# ---------------------------------------------------------------------------- other commands

#: (command, arguments, keyword of the one-line message); {corpus} and {tmp} are filled in.
COMMAND_CASES = [
    ("extract", ["{tmp}/none.txt"], "none.txt"),
    ("extract", ["{corpus}/truncated.xlsx"], "无法读取 Excel 文件"),
    ("extract", ["{tmp}/bad.docx"], "Word"),
    ("extract", ["{tmp}/report.txt", "--format", "xlsx"], "-o"),
    ("assess", ["{tmp}/none.csv", "--out", "{tmp}/form.xlsx"], "none.csv"),
    ("assess", ["{corpus}/truncated.xlsx", "--out", "{tmp}/form.xlsx"], "corrupt"),
    ("assess", ["{corpus}/xml_entity_bomb_workbook.xlsx", "--out", "{tmp}/form.xlsx"], "unsafe"),
    ("assess", ["{tmp}/report.txt", "--out", "{tmp}/form.xlsx"], "report.txt"),
]


@pytest.mark.parametrize(("command", "arguments", "keyword"), COMMAND_CASES)
def test_other_commands_on_bad_input(command, arguments, keyword, tmp_path: Path) -> None:
    if command not in _commands():
        pytest.skip(f"{command} is not on this branch")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a document")
    (tmp_path / "report.txt").write_text("共举办3场活动。\n", encoding="utf-8")
    args = [a.format(corpus=CORPUS, tmp=tmp_path) for a in arguments]
    done = _run(command, *args)
    _assert_user_error(done, keyword)
    assert not (tmp_path / "form.xlsx").exists()


# ---------------------------------------------------------------------------- inputs are safe


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("validate", ["{tmp}/ledger.xlsx", "-o", "{tmp}/ledger.xlsx"]),
        ("extract", ["{tmp}/report.txt", "-o", "{tmp}/./report.txt"]),
        ("assess", ["{tmp}/ledger.xlsx", "--out", "{tmp}/ledger.xlsx"]),
    ],
)
def test_an_output_never_overwrites_an_input(command, arguments, tmp_path: Path) -> None:
    if command not in _commands():
        pytest.skip(f"{command} is not on this branch")
    ledger = tmp_path / "ledger.xlsx"
    ledger.write_bytes((CORPUS / "header_only.xlsx").read_bytes())
    (tmp_path / "report.txt").write_text("共举办3场活动。\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    done = _run(command, *[a.format(tmp=tmp_path) for a in arguments])
    _assert_user_error(done, "overwrite an input")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
