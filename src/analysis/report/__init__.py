"""The faces' machinery: run the notebooks headless, the helpers they share, the HTML page."""

from analysis.report.browser import find_chromium, print_pdf, rendered_text, screenshot
from analysis.report.build import ReportResult, build_report, default_folders
from analysis.report.html import render_index, write_index
from analysis.report.notebooks import (
    NotebookError,
    notebook_paths,
    refresh_notebooks,
    run_notebook,
    strip_volatile_metadata,
)
from analysis.report.run import NotebookRun, default_jobs, run_notebooks
from analysis.report.scoping import (
    in_scope,
    ledger_years,
    load_scoped,
    period_years,
    scoped_ledger,
    years_text,
)
from analysis.report.sections import (
    Part,
    file_stem,
    programme_names,
    programme_parts,
    show_text,
    skip_section,
    skipped_sections,
)
from analysis.report.sources import is_sample, ledger_source, read_seed_programmes, seed_source
from analysis.report.tables import (
    load_counts,
    measure_label,
    qualifier_counts,
    section_coverage,
    wide_table,
)

__all__ = [
    "NotebookError",
    "NotebookRun",
    "Part",
    "ReportResult",
    "build_report",
    "default_folders",
    "default_jobs",
    "file_stem",
    "find_chromium",
    "in_scope",
    "is_sample",
    "ledger_source",
    "ledger_years",
    "load_counts",
    "load_scoped",
    "measure_label",
    "notebook_paths",
    "period_years",
    "print_pdf",
    "programme_names",
    "programme_parts",
    "qualifier_counts",
    "read_seed_programmes",
    "refresh_notebooks",
    "render_index",
    "rendered_text",
    "run_notebook",
    "run_notebooks",
    "scoped_ledger",
    "screenshot",
    "section_coverage",
    "seed_source",
    "show_text",
    "skip_section",
    "skipped_sections",
    "strip_volatile_metadata",
    "wide_table",
    "write_index",
    "years_text",
]
