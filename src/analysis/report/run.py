"""Run the report's notebooks, several at once, and say what ran, what was left out and why."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from analysis.report.notebooks import NotebookError, run_notebook
from analysis.report.sections import skipped_sections

#: ``NotebookRun.status`` values.
RAN, FAILED, NOT_RUN = "ran", "failed", "not run"


@dataclass
class NotebookRun:
    """What became of one notebook in a report run.

    Attributes:
        name: The notebook's file name.
        status: ``ran``, ``failed`` or ``not run``.
        seconds: Wall time of its execution.
        skipped: Sections it left out, each with its one-sentence reason.
        reason: Why it did not run, or the error it failed with.
        path: The executed notebook (``None`` unless it ran).
        cell: The failing cell's index, when it failed in a cell.
        traceback: The failing cell's traceback, plain text.
    """

    name: str
    status: str
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    reason: str = ""
    path: Path | None = None
    cell: int | None = None
    traceback: str = ""

    def line(self, timed: bool = True) -> str:
        """One line of the run summary (with the notebook's run time when ``timed``).

        Examples:
            >>> NotebookRun("05_fiveg.ipynb", RAN, 2.04, ["没有5G应用案例，本节从略。"]).line()
            '05_fiveg.ipynb：完成（2.0 s），略过 1 节：没有5G应用案例，本节从略。'
            >>> NotebookRun("04_deals.ipynb", FAILED, cell=6, reason="KeyError: 'x'").line()
            "04_deals.ipynb：失败，第 6 格：KeyError: 'x'"
            >>> NotebookRun("08_seed.ipynb", NOT_RUN, reason="只在示例数据或 --seeds 时运行").line()
            '08_seed.ipynb：未运行，只在示例数据或 --seeds 时运行'
        """
        if self.status == FAILED:
            where = f"第 {self.cell} 格：" if self.cell is not None else ""
            return f"{self.name}：失败，{where}{self.reason}"
        if self.status == NOT_RUN:
            return f"{self.name}：未运行，{self.reason}"
        text = f"{self.name}：完成" + (f"（{self.seconds:.1f} s）" if timed else "")
        if self.skipped:
            text += f"，略过 {len(self.skipped)} 节：" + " ".join(self.skipped)
        return text


def default_jobs() -> int:
    """One notebook kernel per core (``os.process_cpu_count`` where Python has it).

    Examples:
        >>> default_jobs() >= 1
        True
    """
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


def _executed(path: Path) -> dict:
    import nbformat

    return nbformat.read(path, as_version=4)


def run_notebooks(
    sources: Sequence[Path],
    out_dir: Path,
    parameters: dict,
    *,
    jobs: int | None = None,
    say: Callable[[str], None] = print,
) -> list[NotebookRun]:
    """Execute ``sources`` into ``out_dir``, ``jobs`` at a time, and report on each.

    The notebooks are independent (each loads the ledger itself), so they run in any
    order; the result keeps the order of ``sources``. A failing notebook does not stop
    the others.

    Args:
        sources: Notebooks to execute.
        out_dir: Folder of the executed notebooks.
        parameters: papermill parameters given to every notebook.
        jobs: Notebooks at once (one kernel each); ``default_jobs()`` when ``None``.
        say: Progress printer (called from several threads, one line at a time).

    Returns:
        One ``NotebookRun`` per source, in the order of ``sources``.
    """
    jobs = max(1, jobs or default_jobs())
    lock = threading.Lock()
    total = len(sources)

    def tell(text: str) -> None:
        with lock:
            say(text)

    def one(position: int, source: Path) -> NotebookRun:
        tag = f"[{position}/{total}] {source.stem}"
        tell(f"{tag} 开始 started")
        begin = time.perf_counter()
        try:
            path = run_notebook(source, out_dir / source.name, parameters, cwd=source.parent)
        except NotebookError as exc:
            seconds = time.perf_counter() - begin
            tell(f"{tag} 失败 failed after {seconds:.1f} s: {exc.error}")
            return NotebookRun(
                source.name, FAILED, seconds, reason=exc.error, cell=exc.cell,
                traceback=exc.traceback,
            )  # fmt: skip
        seconds = time.perf_counter() - begin
        skipped = skipped_sections(_executed(path))
        note = f"，略过 {len(skipped)} 节" if skipped else ""
        tell(f"{tag} 完成 done in {seconds:.1f} s{note}")
        return NotebookRun(source.name, RAN, seconds, skipped, path=path)

    if jobs == 1 or total <= 1:
        return [one(i, s) for i, s in enumerate(sources, start=1)]
    with ThreadPoolExecutor(max_workers=min(jobs, total)) as pool:
        futures = [pool.submit(one, i, s) for i, s in enumerate(sources, start=1)]
        return [f.result() for f in futures]
