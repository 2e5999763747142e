"""Tests for analysis.report.run: notebooks at once, failures that do not stop the others."""

import os

import nbformat

from analysis.report import run_notebooks
from analysis.report.run import FAILED, RAN


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x = 1")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


def test_parallel_run_keeps_order_reports_failures_and_skipped_sections(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    skip = (
        "from IPython.display import Markdown, display\n"
        "reason = '没有案例，本节从略。'\n"
        "display(Markdown(reason), metadata={'kechuang': {'skipped': reason}})"
    )
    nbformat.write(
        _notebook("print(x + 1)", "import os; print(os.getcwd())"), folder / "01_ok.ipynb"
    )
    nbformat.write(_notebook("y = 2", "raise KeyError('no_column')"), folder / "02_fails.ipynb")
    nbformat.write(_notebook(skip), folder / "03_skips.ipynb")
    sources = sorted(folder.glob("*.ipynb"))
    lines = []
    here = os.getcwd()
    runs = run_notebooks(sources, tmp_path / "out", {"x": 41}, jobs=2, say=lines.append)

    # Each kernel runs in its notebook's folder; this process's own folder never changes
    # (papermill's cwd option would chdir the whole process under the other threads).
    assert os.getcwd() == here
    executed = nbformat.read(tmp_path / "out" / "01_ok.ipynb", as_version=4)
    assert executed.cells[-1].outputs[0]["text"].strip() == str(folder)

    assert [r.name for r in runs] == ["01_ok.ipynb", "02_fails.ipynb", "03_skips.ipynb"]
    assert [r.status for r in runs] == [RAN, FAILED, RAN]
    # Cells: 0 parameters, 1 injected parameters, 2 'y = 2', 3 the raise.
    assert runs[1].cell == 3
    assert runs[1].reason == "KeyError: 'no_column'"
    assert "raise KeyError" in runs[1].traceback
    assert "\x1b[" not in runs[1].traceback
    assert runs[2].skipped == ["没有案例，本节从略。"]
    assert runs[0].skipped == []
    assert (tmp_path / "out" / "01_ok.ipynb").is_file()
    assert not (tmp_path / "out" / "02_fails.ipynb").exists()
    # One start and one end line per notebook, whatever order they ran in.
    assert sum("开始" in line for line in lines) == 3
    assert sum("完成" in line or "失败" in line for line in lines) == 3
    assert "第 3 格：KeyError" in runs[1].line()
