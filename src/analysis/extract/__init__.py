"""Reports to candidate statistics, each with its place in the file and the sentence it is in."""

from analysis.extract.documents import Document, read_document, read_report
from analysis.extract.scanner import (
    COLUMNS,
    document_statistics,
    extract_document,
    extract_statistics,
    find_statistics,
)

__all__ = [
    "COLUMNS",
    "Document",
    "document_statistics",
    "extract_document",
    "extract_statistics",
    "find_statistics",
    "read_document",
    "read_report",
]
