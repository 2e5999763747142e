"""Reports to candidate statistics, each with its place in the text and the sentence it is in."""

from analysis.extract.documents import read_report
from analysis.extract.scanner import COLUMNS, extract_statistics, find_statistics

__all__ = ["COLUMNS", "extract_statistics", "find_statistics", "read_report"]
