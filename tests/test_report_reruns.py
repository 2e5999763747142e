"""``report`` twice gives the same bytes; a killed ``report`` leaves the last outputs intact."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from analysis import paths
from analysis.report import build_report, notebook_paths

SRC = Path(__file__).resolve().parents[1] / "src"

PARAMETERS = 'data_path = ""\nstatistics_path = ""\nout_dir = ""\nfigures_dir = ""'
LOAD = """\
import os
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from analysis.figures.save import save_figure
from analysis.load import load_ledger
from analysis.export.safe import atomic_path, write_text_atomic
from analysis.export.ledger_workbook import write_ledger_workbook

ledger = load_ledger(data_path)
modes = ledger.signings.groupby("mode", observed=True).size()"""
COUNTS = """\
write_text_atomic(Path(out_dir) / "modes.csv", modes.to_csv(lineterminator="\\n"))
fig, ax = plt.subplots()
modes.plot.bar(ax=ax)
save_figure(fig, "01_counts", "modes", figures_dir, strict=False)
plt.close(fig)
print(modes.to_string())"""
WORKBOOK = """\
target = Path(out_dir) / "signings.xlsx"
hold = os.environ.get("RELIABILITY_HOLD")
if hold:
    # Stand-in for a long write: half a file in the temporary path, then wait to be killed.
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"PK half a workbook")
        Path(hold).write_text("writing", encoding="utf-8")
        time.sleep(120)
write_ledger_workbook({"signings": ledger.signings.head(50)}, target)
print(len(ledger.signings))"""


def _notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(PARAMETERS)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"  # nbformat picks random ids; fixed ones keep the input stable
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


@pytest.fixture(scope="module")
def tiny_notebooks(tmp_path_factory) -> Path:
    """Two small report notebooks: a CSV and a figure, then a ledger workbook."""
    folder = tmp_path_factory.mktemp("root") / "notebooks"
    folder.mkdir()
    nbformat.write(_notebook(LOAD, COUNTS), folder / "01_counts.ipynb")
    nbformat.write(_notebook(LOAD, WORKBOOK), folder / "02_workbook.ipynb")
    return folder


@pytest.fixture(autouse=True)
def kernel_imports_this_tree(monkeypatch) -> None:
    # The notebook kernel is a new process: it must import the analysis package under test.
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(SRC), path) if p))
    monkeypatch.delenv("RELIABILITY_HOLD", raising=False)
    # Chromium stamps a PDF with its creation time; the PDF is not among the byte-identical files.
    monkeypatch.setenv("ANALYSIS_NO_PDF", "1")


def _snapshot(*folders: Path) -> dict[str, bytes]:
    return {
        f"{folder.name}/{p.relative_to(folder)}": p.read_bytes()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _report(notebooks: Path, out: Path) -> dict[str, bytes]:
    build_report(
        data=paths.SAMPLE_LEDGER,
        out_dir=out / "reports",
        figures_dir=out / "figures",
        notebook_dir=notebooks,
        say=lambda _text: None,
    )
    return _snapshot(out / "reports", out / "figures")


def _notebook_folders() -> list:
    folders = [pytest.param("tiny", id="tiny-notebooks")]
    real = pytest.param(
        "project",
        id="project-notebooks",
        marks=pytest.mark.skipif(
            not notebook_paths(paths.NOTEBOOKS), reason="no notebooks in notebooks/ yet"
        ),
    )
    return [*folders, real]


@pytest.mark.parametrize("which", _notebook_folders())
def test_report_twice_gives_identical_files(which: str, tiny_notebooks: Path, tmp_path) -> None:
    notebooks = tiny_notebooks if which == "tiny" else paths.NOTEBOOKS
    first = _report(notebooks, tmp_path)
    assert any(name.endswith(".ipynb") for name in first)
    if which == "tiny":
        assert set(first) == {
            "reports/modes.csv",
            "reports/signings.xlsx",
            "reports/notebooks/01_counts.ipynb",
            "reports/notebooks/02_workbook.ipynb",
            "reports/summary.md",
            "reports/index.html",
            "reports/.report-files.json",
            "figures/01_counts__modes.png",
            "figures/01_counts__modes.svg",
        }
    second = _report(notebooks, tmp_path)
    assert sorted(second) == sorted(first)
    changed = [name for name in first if first[name] != second[name]]
    assert changed == []


def test_killed_report_leaves_previous_outputs_intact(tiny_notebooks: Path, tmp_path) -> None:
    out = tmp_path / "out"
    before = _report(tiny_notebooks, out)
    marker = tmp_path / "writing"
    env = {
        **os.environ,
        "ANALYSIS_ROOT": str(tiny_notebooks.parent),  # notebooks/ is found under the root
        "ANALYSIS_DATA": str(paths.DATA),
        "RELIABILITY_HOLD": str(marker),
    }
    command = [sys.executable, "-m", "analysis", "report", "--out", str(out / "reports")]
    command += ["--figures", str(out / "figures"), "--data", str(paths.SAMPLE_LEDGER)]
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the report never reached the second notebook"
            time.sleep(0.2)
    finally:
        # The kernel runs in its own process: kill the whole session, as a closed terminal would.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
    after = _snapshot(out / "reports", out / "figures")
    orphans = [name for name in after if name not in before]
    # Killed mid-write: the orphans are hidden temporaries (the workbook's, and any file the
    # notebook running beside it was writing at that moment); every output is the old one.
    names = [Path(o).name for o in orphans]
    assert any(n.startswith(".signings.xlsx.") for n in names), orphans
    assert all(n.startswith(".") and n.endswith(".tmp") for n in names), orphans
    assert {name: after[name] for name in before} == before
    shutil.rmtree(out)
