"""Execute one notebook headless (papermill), or refresh the stored outputs of the notebooks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from analysis import paths
from analysis.errors import UserError
from analysis.export.safe import write_text_atomic

#: Notebooks run by ``report`` are named with an order prefix: ``01_overview.ipynb``.
NOTEBOOK_PATTERN = re.compile(r"^\d\d_[\w-]+\.ipynb$")

#: Metadata that papermill and nbclient stamp with times; removed so reruns are identical.
_VOLATILE_CELL_KEYS = ("execution", "papermill")
_VOLATILE_NB_PAPERMILL_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path")


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookError(UserError):
    """A notebook failed while ``report`` executed it; names the notebook, cell and error.

    Attributes:
        notebook: The notebook's file name.
        cell: Index of the failing cell (``None`` when the kernel failed before any cell).
        error: ``ename: evalue`` of the exception raised in the cell.
        traceback: The cell's traceback as plain text (for ``ANALYSIS_DEBUG=1``).
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        notebook: str = "",
        cell: int | None = None,
        error: str = "",
        traceback: str = "",
    ) -> None:
        super().__init__(message)
        self.notebook = notebook
        self.cell = cell
        self.error = error or message
        self.traceback = traceback


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
            # Not papermill's ``cwd``: that changes the working directory of this whole
            # process while the notebook runs, which breaks notebooks run side by side in
            # threads. nbclient starts the kernel itself in this folder instead.
            resources={"metadata": {"path": str(cwd)}},
            # ipykernel warns on stderr for every kernel that its loopback TCP is unencrypted,
            # and logs "KeyboardInterrupt caught in kernel" as an error when it is shut down
            # at the end; neither concerns the user. A cell's own error still reaches us as
            # a message and becomes a NotebookError.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
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
        error = f"{exc.ename}: {exc.evalue}"
        raise NotebookError(
            f"notebook {source.name} failed in cell {exc.cell_index} "
            f"(execution count {exc.exec_count}): {error}",
            notebook=source.name,
            cell=exc.cell_index,
            error=error,
            traceback=_ANSI.sub("", "\n".join(exc.traceback or ())),
        ) from None
    strip_volatile_metadata(executed)
    write_text_atomic(target, nbformat.writes(executed) + "\n")
    return target


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
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
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
