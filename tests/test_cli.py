"""Tests for analysis.cli: help text, exit codes, user errors without tracebacks."""

import subprocess
import sys

from analysis.cli import build_parser, main


def test_help_documents_exit_codes(capsys):
    build_parser().print_help()
    out = capsys.readouterr().out
    for code in ("0  success", "1  finished", "2  usage", "3  internal"):
        assert code in out


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_report_on_missing_data_is_a_user_error_without_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--data", str(tmp_path / "none.xlsx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "none.xlsx" in proc.stderr
    assert "Traceback" not in proc.stderr
