"""The main job: check the data, then execute every notebook headless into ``reports/``."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.errors import UserError
from analysis.export.safe import write_text_atomic

#: Notebooks run by ``report`` are named with an order prefix: ``01_overview.ipynb``.
NOTEBOOK_PATTERN = re.compile(r"^\d\d_[\w-]+\.ipynb$")

#: Metadata that papermill and nbclient stamp with times; removed so reruns are identical.
_VOLATILE_CELL_KEYS = ("execution", "papermill")
_VOLATILE_NB_PAPERMILL_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")


class NotebookError(UserError):
    """A notebook failed while ``report`` executed it; names the notebook, cell and error."""

    exit_code = 1


@dataclass
class ReportResult:
    """What ``build_report`` wrote.

    Attributes:
        out_dir: Folder of executed notebooks, workbooks and summaries.
        figures_dir: Folder of PNG and SVG figures.
        notebooks: Executed notebook files, in run order.
    """

    out_dir: Path
    figures_dir: Path
    notebooks: list[Path] = field(default_factory=list)


def notebook_paths(notebook_dir: Path | None = None) -> list[Path]:
    """Return the report notebooks in run order (``NN_name.ipynb``, sorted by name).

    Examples:
        >>> [p.name for p in notebook_paths(Path("/nonexistent"))]
        []
    """
    folder = Path(notebook_dir or paths.NOTEBOOKS)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if NOTEBOOK_PATTERN.match(p.name))


def strip_volatile_metadata(nb: dict) -> dict:
    """Remove timestamps and durations that execution adds, so reruns are byte-identical.

    Examples:
        >>> nb = {"metadata": {"papermill": {"duration": 1.5, "parameters": {}}},
        ...       "cells": [{"metadata": {"execution": {"iopub.status.busy": "t"}}}]}
        >>> strip_volatile_metadata(nb)
        {'metadata': {'papermill': {'parameters': {}}}, 'cells': [{'metadata': {}}]}
    """
    pm = nb.get("metadata", {}).get("papermill")
    if isinstance(pm, dict):
        for key in _VOLATILE_NB_PAPERMILL_KEYS:
            pm.pop(key, None)
        pm.get("environment_variables", {}).clear()
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        for key in _VOLATILE_CELL_KEYS:
            meta.pop(key, None)
        # papermill gives the cell it injects a random id.
        if "injected-parameters" in meta.get("tags", ()):
            cell["id"] = "injected-parameters"
    return nb


def run_notebook(source: Path, target: Path, parameters: dict, cwd: Path) -> Path:
    """Execute ``source`` with papermill ``parameters`` and write it to ``target`` atomically.

    Raises:
        NotebookError: naming the notebook, the failing cell and the error.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    def execute() -> dict:
        return papermill.execute_notebook(
            str(source),
            None,
            parameters=parameters,
            kernel_name="python3",
            language="python",
            progress_bar=False,
            cwd=str(cwd),
            # ipykernel warns on stderr for every kernel that its loopback TCP is unencrypted.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )

    try:
        try:
            executed = execute()
        except RuntimeError as exc:
            # jupyter_client picks free ports before the kernel binds them, so two kernels
            # started at once (parallel tests, two reports) can collide and the kernel dies
            # at start-up; no cell has run yet, so starting it once more is safe.
            if "Kernel died before replying" not in str(exc):
                raise
            executed = execute()
    except PapermillExecutionError as exc:
        raise NotebookError(
            f"notebook {source.name} failed in cell {exc.cell_index} "
            f"(execution count {exc.exec_count}): {exc.ename}: {exc.evalue}"
        ) from None
    strip_volatile_metadata(executed)
    write_text_atomic(target, nbformat.writes(executed) + "\n")
    return target


def check_data(
    data: Path,
    say: Callable[[str], None],
    mapping: Path | None = None,
    programme: str | None = None,
) -> None:
    """Load the ledger at ``data`` and print its load report before any notebook runs.

    Raises:
        UserError: when the ledger cannot be read at all.
    """
    from analysis.load import load_ledger

    ledger = load_ledger(data, mapping=mapping, programme=programme)
    say(ledger.report.summary())


def build_report(
    data: Path | None = None,
    out_dir: Path | None = None,
    figures_dir: Path | None = None,
    notebook_dir: Path | None = None,
    say: Callable[[str], None] = print,
    programme: str | None = None,
    period: str | None = None,
    mapping: Path | None = None,
) -> ReportResult:
    """Check the data, then execute every report notebook on it.

    Args:
        data: Ledger workbook or CSV folder; the bundled synthetic sample by default.
        out_dir: Where executed notebooks and assessment files go (``reports/``).
        figures_dir: Where figures go (``figures/``).
        notebook_dir: Where the ``NN_name.ipynb`` notebooks are.
        say: Progress printer.
        programme: Programme name to report on (the ledger's ``programme`` column);
            every programme when ``None``.
        period: Year or year range such as ``2021-2023``; every year when ``None``.
        mapping: A mapping file for sheet names, headers and values (docs/ledger.md).

    Returns:
        The paths written.
    """
    data = Path(data or paths.SAMPLE_LEDGER).resolve()
    out = Path(out_dir or paths.REPORTS).resolve()
    figs = Path(figures_dir or paths.FIGURES).resolve()
    if not data.exists():
        raise UserError(f"找不到数据 / data not found: {data}")
    say(f"数据 / data: {data}")
    mapping = Path(mapping).resolve() if mapping else None
    check_data(data, say, mapping, programme)
    result = ReportResult(out_dir=out, figures_dir=figs)
    notebooks = notebook_paths(notebook_dir)
    parameters = {
        "data_path": str(data),
        "statistics_path": str(paths.SEED_STATISTICS_CSV.resolve()),
        "out_dir": str(out),
        "figures_dir": str(figs),
        "programme": programme,
        "period": period,
        "mapping_path": str(mapping) if mapping else None,
    }
    started = time.perf_counter()
    for i, source in enumerate(notebooks, start=1):
        say(f"[{i}/{len(notebooks)}] {source.name} …")
        target = out / "notebooks" / source.name
        begin = time.perf_counter()
        result.notebooks.append(run_notebook(source, target, parameters, cwd=source.parent))
        say(f"      完成 done in {time.perf_counter() - begin:.1f} s")
    say(f"笔记本共 {len(notebooks)} 个，用时 {time.perf_counter() - started:.1f} s")
    say(f"报告 / reports: {out}")
    say(f"图表 / figures: {figs}")
    return result


def refresh_notebook(source: Path, cwd: Path | None = None, timeout: int = 600) -> Path:
    """Execute ``source`` in place with its own default parameters and store the outputs.

    The stored outputs are what ``make test`` (nbval) compares with; run this after
    changing a notebook or the library (``make notebooks-sync``). Timings are not
    recorded, so an unchanged notebook gives unchanged metadata.

    Raises:
        NotebookError: naming the notebook, the failing cell and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(cwd or source.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        raise NotebookError(f"notebook {source.name} failed: {exc.ename}: {exc.evalue}") from None
    strip_volatile_metadata(nb)
    write_text_atomic(source, nbformat.writes(nb) + "\n")
    return source


def refresh_notebooks(
    notebook_dir: Path | None = None, say: Callable[[str], None] = print
) -> list[Path]:
    """Refresh the stored outputs of every report notebook (``refresh_notebook``), in order."""
    notebooks = notebook_paths(notebook_dir)
    for i, source in enumerate(notebooks, start=1):
        say(f"[{i}/{len(notebooks)}] {source.name} …")
        refresh_notebook(source)
    return notebooks
