"""Write the Word and PDF versions of the extraction corpus texts (tests/data/extract/corpus).

Usage: ``PYTHONPATH=src python scripts/build_extract_corpus.py [FOLDER ...]``. Each ``.txt`` gets
a ``.docx`` (one paragraph per line; lines laid out as a table, with tabs, runs of spaces or
pipes, become a real Word table with borders) and a ``.pdf`` printed from the ``.docx`` by
LibreOffice (``soffice --headless --convert-to pdf``); and in ``printed/`` the ``.txt`` itself
converted by LibreOffice to ``.docx`` and ``.pdf`` (tables stay lines with tabs). The table
lines are told by a rule of this script, not by the extractor, so that the extractor is tested
on tables it did not lay out.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "extract" / "corpus"
_RULE = re.compile(r"^[\s|:\-]+$")


def _cells(line: str) -> list[str] | None:
    s = line.strip()
    if s.startswith("|") and s.endswith("|"):
        return None if _RULE.match(s) else [c.strip() for c in s.strip("|").split("|")]
    parts = [p for p in re.split(r"\t+| {2,}", s) if p]
    return parts if len(parts) >= 2 else None


def write_docx(text: str, path: Path) -> None:
    """One paragraph per non-blank line; runs of table lines become one bordered table."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        rows = []
        while i < len(lines) and (
            _cells(lines[i]) is not None or (_RULE.match(lines[i].strip() or "x") and rows)
        ):
            cells = _cells(lines[i])
            if cells is not None:
                rows.append(cells)
            i += 1
        if len(rows) >= 2:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        for row in rows:  # a single line that looked like a row is a paragraph
            document.add_paragraph("  ".join(row))
        if i < len(lines):
            if lines[i].strip():
                document.add_paragraph(lines[i].lstrip("# "))
            i += 1
    # Fixed document dates, so that the same text gives the same file.
    document.core_properties.created = document.core_properties.modified = dt.datetime(2026, 1, 1)
    document.save(path)


def convert(path: Path, target: str, outdir: Path) -> None:
    """Convert ``path`` with LibreOffice (``soffice --convert-to target``) into ``outdir``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(path),
            ],
            check=True,
            capture_output=True,
        )


def write_pdf(docx_path: Path) -> None:
    """Print ``docx_path`` to a PDF beside it with LibreOffice."""
    convert(docx_path, "pdf", docx_path.parent)


def main(folders: list[str]) -> int:
    """Write the .docx and .pdf of every .txt in ``folders`` (default: both corpus parts)."""
    for folder in folders or [CORPUS / "dev", CORPUS / "heldback"]:
        for txt in sorted(Path(folder).glob("*.txt")):
            out = txt.with_suffix(".docx")
            write_docx(txt.read_text(encoding="utf-8"), out)
            write_pdf(out)
            # The text itself opened in LibreOffice and saved as Word and printed to PDF:
            # tables stay lines with tabs (in PDF, words at tab stops).
            printed = txt.parent / "printed"
            convert(txt, "pdf", printed)
            convert(txt, "docx:MS Word 2007 XML", printed)
            print(f"{txt.name} → {out.name}, {txt.with_suffix('.pdf').name}, printed/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
