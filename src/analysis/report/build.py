"""The main job: check the ledger, run the notebooks on it, and write the report document."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.errors import UserError
from analysis.export.safe import write_text_atomic
from analysis.report.notebooks import notebook_paths
from analysis.report.run import FAILED, NOT_RUN, RAN, NotebookRun, run_notebooks
from analysis.report.scoping import ledger_years, period_years, require_programme, years_text
from analysis.report.sections import file_stem, programme_names
from analysis.report.sources import is_sample
from analysis.report.tables import load_summary_text

#: Notebooks about the seed programmes: run on the bundled sample or with ``seeds=True``.
SEED_NOTEBOOKS = frozenset({"08_seed_programmes.ipynb"})

#: The file, in the output folder, that lists what the last run wrote there.
MANIFEST = ".report-files.json"


@dataclass
class ReportResult:
    """What ``build_report`` ran and wrote.

    Attributes:
        out_dir: Folder of executed notebooks, workbooks, summaries and ``index.html``.
        figures_dir: Folder of PNG and SVG figures.
        notebooks: Executed notebook files, in run order.
        runs: What became of every notebook (ran, failed, not run, sections left out).
        summary: The run summary (``summary.md``).
        index: The report document (``index.html``), when written.
        pdf: A PDF of the document, when a converter (Chromium) was found.
    """

    out_dir: Path
    figures_dir: Path
    notebooks: list[Path] = field(default_factory=list)
    runs: list[NotebookRun] = field(default_factory=list)
    summary: Path | None = None
    index: Path | None = None
    pdf: Path | None = None

    @property
    def failed(self) -> list[NotebookRun]:
        """The notebooks that failed."""
        return [r for r in self.runs if r.status == FAILED]


def default_folders(data: Path) -> tuple[Path, Path]:
    """Where a report on ``data`` goes by default: ``reports/`` and ``figures/`` for the
    bundled sample; ``reports/<file name>/`` and its ``figures/`` for anyone's own ledger,
    so that a user's report never lands among the sample's files.

    Examples:
        >>> from analysis import paths
        >>> out, figs = default_folders(Path("/data/2023台账.xlsx"))
        >>> out.relative_to(paths.REPORTS).as_posix(), figs.relative_to(out).as_posix()
        ('2023台账', 'figures')
    """
    if is_sample(data):
        return Path(paths.REPORTS), Path(paths.FIGURES)
    out = Path(paths.REPORTS) / file_stem(data.stem if data.suffix else data.name)
    return out, out / "figures"


def _previous_files(out: Path) -> list[str]:
    """The files the previous report listed in ``out``'s manifest (none if there is none)."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = listed.get("files", []) if isinstance(listed, dict) else []
    return [str(f) for f in files if isinstance(f, str)]


def _remove_stale(previous: list[str], written: list[str], roots: list[Path]) -> None:
    """Delete what the previous report wrote and this one did not, inside ``roots`` only.

    Done at the end of a run, not at its start, so a report that is killed half-way
    leaves the previous outputs whole; a finished report on other data leaves nothing
    of the old data behind, and never touches a file no report wrote.
    """
    keep = set(written)
    resolved = [root.resolve() for root in roots]
    for name in previous:
        path = Path(name).resolve()
        if name in keep or not any(path.is_relative_to(root) for root in resolved):
            continue
        if path.is_file():
            path.unlink()


def _file_times(folders: list[Path]) -> dict[str, int]:
    """Every file under ``folders`` with its modification time (ns)."""
    times = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file() and path.name != MANIFEST:
                    times[str(path.resolve())] = path.stat().st_mtime_ns
    return times


def _written(before: dict[str, int], folders: list[Path]) -> list[str]:
    """Files under ``folders`` that are new or changed since ``before``, sorted.

    Comparing with a snapshot, not with a clock, never claims a file the user wrote
    just before the run.
    """
    return sorted(p for p, t in _file_times(folders).items() if before.get(p) != t)


def _facts(data: Path, ledger, names: list[str], period: str | None) -> list[tuple[str, str]]:
    years = period_years(period)
    span = f"{years[0]}–{years[1]}年" if years and years[0] != years[1] else ""
    if years and not span:
        span = f"{years[0]}年"
    return [
        ("项目", "、".join(names) if names else "（台账未写项目名称）"),
        ("期间", span or years_text(ledger_years(ledger)) or "（台账没有年份）"),
        ("数据文件", data.name),
        ("读入", load_summary_text(ledger.report)),
    ]


def build_report(
    data: Path | None = None,
    out_dir: Path | None = None,
    figures_dir: Path | None = None,
    notebook_dir: Path | None = None,
    say: Callable[[str], None] = print,
    programme: str | None = None,
    period: str | None = None,
    mapping: Path | None = None,
    *,
    seeds: bool | None = None,
    jobs: int | None = None,
    document: bool = True,
) -> ReportResult:
    """Check the ledger, run every report notebook on it, and write ``index.html``.

    Notebooks run in parallel (``jobs`` kernels at once). One that fails does not stop
    the others; the result lists it with its cell and error. The notebooks about the
    seed programmes run only on the bundled sample, or when ``seeds`` is true, so a
    report on someone's own ledger says nothing about them. At the end, files the previous
    report wrote into the same folders and this one did not are removed (a run that is
    killed half-way removes nothing).

    Args:
        data: Ledger workbook or CSV folder; the bundled synthetic sample by default.
        out_dir: Where executed notebooks, forms and the document go
            (``default_folders``: ``reports/`` for the sample, ``reports/<file>/`` else).
        figures_dir: Where figures go (``figures/``, or ``<out>/figures/``).
        notebook_dir: Where the ``NN_name.ipynb`` notebooks are.
        say: Progress printer.
        programme: Programme name to report on; every programme when ``None``.
        period: Year or year range such as ``2021-2023``; every year when ``None``.
        mapping: A mapping file for sheet names, headers and values (docs/ledger.md).
        seeds: Run the seed-programme notebooks; ``None``: only on the bundled sample.
        jobs: Notebooks at once; one per core when ``None``, ``1`` for one after another.
        document: Write ``index.html`` (and a PDF when Chromium is found).

    Returns:
        What ran and what was written.

    Raises:
        UserError: The data cannot be read, the programme is not in it, or the period
            is not a year or year range (before any notebook runs).
    """
    from analysis.load import load_ledger

    data = Path(data or paths.SAMPLE_LEDGER).resolve()
    if not data.exists():
        raise UserError(f"找不到数据 / data not found: {data}")
    default_out, default_figs = default_folders(data)
    out = Path(out_dir or default_out).resolve()
    figs = Path(figures_dir or (out / "figures" if out_dir else default_figs)).resolve()
    say(f"数据 / data: {data}")
    mapping = Path(mapping).resolve() if mapping else None
    period_years(period)
    ledger = load_ledger(data, mapping=mapping, programme=programme)
    say(ledger.report.summary())
    require_programme(ledger, programme)
    names = [programme] if programme else programme_names(ledger)
    out.mkdir(parents=True, exist_ok=True)
    previous = _previous_files(out)
    before = _file_times([out, figs])

    run_seeds = is_sample(data) if seeds is None else seeds
    notebooks = notebook_paths(notebook_dir)
    chosen = [nb for nb in notebooks if run_seeds or nb.name not in SEED_NOTEBOOKS]
    parameters = {
        "data_path": str(data),
        "statistics_path": str(paths.SEED_STATISTICS_CSV.resolve()),
        "out_dir": str(out),
        "figures_dir": str(figs),
        "programme": programme,
        "period": period,
        "mapping_path": str(mapping) if mapping else None,
    }
    clock = time.perf_counter()
    ran = {
        r.name: r for r in run_notebooks(chosen, out / "notebooks", parameters, jobs=jobs, say=say)
    }
    reason = "关于五个种子项目，与本台账无关；要运行请加 --seeds (the seed programmes: --seeds)"
    runs = [ran.get(nb.name) or NotebookRun(nb.name, NOT_RUN, reason=reason) for nb in notebooks]
    result = ReportResult(out_dir=out, figures_dir=figs, runs=runs)
    result.notebooks = [r.path for r in runs if r.status == RAN and r.path is not None]
    # The summary file and the document carry no timings, so reruns give the same bytes.
    lines = [r.line(timed=False) for r in runs]
    lines.append(f"笔记本共 {len(notebooks)} 个：完成 {len(result.notebooks)}、失败 "
                 f"{len(result.failed)}、未运行 {len(notebooks) - len(ran)}")  # fmt: skip
    if document:
        _write_document(result, data, ledger, names, period, lines, say)
    result.summary = write_text_atomic(out / "summary.md", _summary_markdown(data, lines))
    files = _written(before, [out, figs])
    _remove_stale(previous, files, [out, figs])
    write_text_atomic(out / MANIFEST, json.dumps({"files": files}, ensure_ascii=False, indent=1))
    say(f"运行摘要 / summary（用时 {time.perf_counter() - clock:.1f} s）:")
    for line in [r.line() for r in runs] + lines[len(runs) :]:
        say(f"  {line}")
    say(f"报告 / reports: {out}")
    say(f"图表 / figures: {figs}")
    if result.index is not None:
        say(f"文档 / document: {result.index}")
    return result


def _summary_markdown(data: Path, lines: list[str]) -> str:
    body = "\n".join(f"- {line}" for line in lines)
    return f"# 运行摘要 · Run summary\n\n数据文件：{data.name}\n\n{body}\n"


def _write_document(result, data, ledger, names, period, lines, say) -> None:
    from analysis.report.browser import find_chromium, print_pdf
    from analysis.report.html import write_index

    title = f"{'、'.join(names) or data.stem} · 评估报告"
    facts = _facts(data, ledger, names, period)
    result.index = write_index(
        result.out_dir / "index.html", result.notebooks, title=title, facts=facts, notes=lines
    )
    if os.environ.get("ANALYSIS_NO_PDF") == "1":
        lines.append("未生成 PDF：ANALYSIS_NO_PDF=1 (no PDF asked for)")
        return
    if find_chromium() is None:
        lines.append("未生成 PDF：没有找到 Chromium (no PDF: Chromium not found)")
        return
    try:
        result.pdf = print_pdf(result.index, result.out_dir / "index.pdf")
    except UserError as exc:
        lines.append(f"未生成 PDF：{exc}")
        say(f"提示：未生成 PDF：{exc}")
