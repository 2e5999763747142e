"""The faces' machinery: run the notebooks headless, the helpers they share, the HTML page."""

from analysis.report.browser import find_chromium, print_pdf, rendered_text, screenshot
from analysis.report.html import render_index, write_index
from analysis.report.notebooks import (
    NotebookError,
    ReportResult,
    build_report,
    notebook_paths,
    refresh_notebooks,
    run_notebook,
    strip_volatile_metadata,
)
from analysis.report.scoping import (
    in_scope,
    ledger_years,
    load_scoped,
    period_years,
    scoped_ledger,
    years_text,
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
    "ReportResult",
    "build_report",
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
    "qualifier_counts",
    "read_seed_programmes",
    "refresh_notebooks",
    "render_index",
    "rendered_text",
    "run_notebook",
    "scoped_ledger",
    "screenshot",
    "section_coverage",
    "seed_source",
    "strip_volatile_metadata",
    "wide_table",
    "write_index",
    "years_text",
]
