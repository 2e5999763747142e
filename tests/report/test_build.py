"""Tests for analysis.report.build on small notebooks: folders, seeds, old files, exit codes."""

import json

import nbformat
import pytest

from analysis import paths
from analysis.cli import main
from analysis.report import build_report, default_folders
from analysis.report.build import MANIFEST
from analysis.report.run import NOT_RUN, RAN


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("programme = None\nperiod = None\nout_dir = ''")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


@pytest.fixture
def notebooks(tmp_path):
    """Two notebooks as ``report`` finds them: an ordinary one and the seed one (08)."""
    folder = tmp_path / "nb"
    folder.mkdir()
    write = "from pathlib import Path\nPath(out_dir, 'written.txt').write_text('x')"
    nbformat.write(_notebook(write, "print('ok')"), folder / "01_overview.ipynb")
    nbformat.write(_notebook("print('seeds')"), folder / "08_seed_programmes.ipynb")
    return folder


def _report(data, out, notebook_dir, **options):
    lines = []
    result = build_report(
        data=data, out_dir=out, notebook_dir=notebook_dir, say=lines.append,
        document=False, jobs=1, **options,
    )  # fmt: skip
    return result, lines


def test_seed_notebook_runs_on_the_sample_only_unless_asked(tmp_path, notebooks):
    own = tmp_path / "我的台账.xlsx"
    own.write_bytes(paths.SAMPLE_LEDGER.read_bytes())
    result, lines = _report(own, tmp_path / "own", notebooks)
    assert [(r.name, r.status) for r in result.runs] == [
        ("01_overview.ipynb", RAN),
        ("08_seed_programmes.ipynb", NOT_RUN),
    ]
    assert not (tmp_path / "own" / "notebooks" / "08_seed_programmes.ipynb").exists()
    assert any("08_seed_programmes.ipynb：未运行" in line for line in lines)
    asked, _ = _report(own, tmp_path / "asked", notebooks, seeds=True)
    assert [r.status for r in asked.runs] == [RAN, RAN]
    sample, _ = _report(paths.SAMPLE_LEDGER, tmp_path / "sample", notebooks)
    assert [r.status for r in sample.runs] == [RAN, RAN]


def test_summary_lists_every_notebook_and_the_counts(tmp_path, notebooks):
    own = tmp_path / "台账.xlsx"
    own.write_bytes(paths.SAMPLE_LEDGER.read_bytes())
    result, _ = _report(own, tmp_path / "out", notebooks)
    text = result.summary.read_text(encoding="utf-8")
    assert "01_overview.ipynb：完成" in text
    assert "08_seed_programmes.ipynb：未运行" in text
    assert "笔记本共 2 个：完成 1、失败 0、未运行 1" in text


def test_a_second_report_removes_the_files_of_the_first_and_nothing_else(tmp_path, notebooks):
    # The sample's run writes the seed notebook; a later run on a user's ledger must not
    # leave it among her outputs.
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "my_notes.txt"
    mine.write_text("kept", encoding="utf-8")
    _report(paths.SAMPLE_LEDGER, out, notebooks)
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert str((out / "notebooks" / "08_seed_programmes.ipynb").resolve()) in listed
    assert str(mine.resolve()) not in listed
    own = tmp_path / "台账.xlsx"
    own.write_bytes(paths.SAMPLE_LEDGER.read_bytes())
    _report(own, out, notebooks)
    # The sample's seed notebook is gone; the user's own file and this run's outputs stay.
    assert not (out / "notebooks" / "08_seed_programmes.ipynb").exists()
    assert mine.read_text(encoding="utf-8") == "kept"
    assert (out / "notebooks" / "01_overview.ipynb").is_file()
    assert (out / "written.txt").is_file()


def test_a_manifest_cannot_delete_outside_the_report_folders(tmp_path, notebooks):
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "precious.xlsx"
    outside.write_text("keep", encoding="utf-8")
    (out / MANIFEST).write_text(json.dumps({"files": [str(outside)]}), encoding="utf-8")
    _report(paths.SAMPLE_LEDGER, out, notebooks)
    assert outside.read_text(encoding="utf-8") == "keep"


def test_default_folders_keep_a_users_report_apart_from_the_sample(tmp_path):
    assert default_folders(paths.SAMPLE_LEDGER) == (paths.REPORTS, paths.FIGURES)
    out, figures = default_folders(tmp_path / "2023 台账.xlsx")
    assert out == paths.REPORTS / "2023 台账"
    assert figures == out / "figures"


def test_unknown_programme_is_refused_before_any_notebook_runs(tmp_path, notebooks):
    from analysis.errors import UserError

    with pytest.raises(UserError, match="没有项目"):
        _report(paths.SAMPLE_LEDGER, tmp_path / "out", notebooks, programme="不存在的项目")
    assert not (tmp_path / "out" / "notebooks").exists()


def test_report_command_exits_1_naming_the_failed_cell_and_debug_shows_traceback(
    tmp_path, monkeypatch, capsys
):
    folder = tmp_path / "nb"
    folder.mkdir()
    nbformat.write(_notebook("print('fine')"), folder / "01_fine.ipynb")
    nbformat.write(_notebook("{}['年度']"), folder / "02_breaks.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", folder)
    monkeypatch.setenv("ANALYSIS_NO_PDF", "1")
    monkeypatch.setenv("ANALYSIS_DEBUG", "1")
    own = tmp_path / "台账.xlsx"
    own.write_bytes(paths.SAMPLE_LEDGER.read_bytes())
    code = main(["report", "--data", str(own), "--out", str(tmp_path / "out"), "--jobs", "2"])
    captured = capsys.readouterr()
    assert code == 1
    assert "02_breaks.ipynb：失败，第 2 格：KeyError: '年度'" in captured.err
    # The traceback (ANALYSIS_DEBUG=1) shows the failing line of the cell.
    assert "{}['年度']" in captured.err
    assert "01_fine.ipynb：完成" in captured.out
