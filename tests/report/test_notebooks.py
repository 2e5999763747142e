"""Tests for analysis.report: notebook discovery, metadata stripping, failure reporting."""

import nbformat
import pytest

from analysis.report import NotebookError, notebook_paths, run_notebook, strip_volatile_metadata

#: The programme named in the sample ledger's 项目信息 sheet (data/sample/).
SAMPLE_PROGRAMME = "示例：某省“科创中国”产学研对接行动（合成数据）"


def _notebook(*sources: str, parameters: str = "x = 1") -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


def test_notebook_paths_keeps_numbered_notebooks_in_order(tmp_path):
    for name in ("02_b.ipynb", "01_a.ipynb", "scratch.ipynb", "10_c.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in notebook_paths(tmp_path)] == ["01_a.ipynb", "02_b.ipynb", "10_c.ipynb"]


def test_strip_volatile_metadata_keeps_parameters():
    nb = {
        "metadata": {"papermill": {"start_time": "t0", "end_time": "t1", "parameters": {"x": 2}}},
        "cells": [{"metadata": {"papermill": {"duration": 0.1}, "tags": ["parameters"]}}],
    }
    out = strip_volatile_metadata(nb)
    assert out["metadata"]["papermill"] == {"parameters": {"x": 2}}
    assert out["cells"][0]["metadata"] == {"tags": ["parameters"]}


def test_failing_notebook_names_notebook_cell_and_error(tmp_path):
    source = tmp_path / "03_fails.ipynb"
    nbformat.write(_notebook("y = x + 1", "raise ValueError('bad ledger')"), source)
    with pytest.raises(NotebookError) as info:
        run_notebook(source, tmp_path / "out" / source.name, {"x": 5}, cwd=tmp_path)
    message = str(info.value)
    assert "03_fails.ipynb" in message
    assert "ValueError: bad ledger" in message
    # Cells: 0 parameters, 1 injected parameters, 2 'y = x + 1', 3 the raise.
    assert "cell 3" in message
    assert not (tmp_path / "out" / source.name).exists()


def test_rerun_gives_identical_bytes(tmp_path):
    source = tmp_path / "01_ok.ipynb"
    nbformat.write(_notebook("print(x * 2)"), source)
    first = run_notebook(source, tmp_path / "a.ipynb", {"x": 21}, cwd=tmp_path).read_bytes()
    second = run_notebook(source, tmp_path / "b.ipynb", {"x": 21}, cwd=tmp_path).read_bytes()
    assert first == second
    assert b"42" in first


def test_build_report_passes_programme_and_period(tmp_path):
    from analysis import paths
    from analysis.report import build_report

    folder = tmp_path / "nb"
    folder.mkdir()
    params = "programme = None\nperiod = None\nfigures_dir = ''"
    nbformat.write(_notebook("print(programme, period)", parameters=params), folder / "01_p.ipynb")
    result = build_report(
        data=paths.SAMPLE_LEDGER,
        out_dir=tmp_path / "out",
        figures_dir=tmp_path / "fig",
        notebook_dir=folder,
        say=lambda _: None,
        programme=SAMPLE_PROGRAMME,
        period="2023",
        document=False,
    )
    executed = nbformat.read(result.notebooks[0], as_version=4)
    assert executed.cells[-1].outputs[0]["text"] == f"{SAMPLE_PROGRAMME} 2023\n"
