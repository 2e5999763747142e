"""Fixtures shared by the tests of several modules."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest


def _prefixed_part(path: Path, member: str, head: bytes, out: Path) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, head + data if info.filename == member else data)
    return out


@pytest.fixture
def prefixed_part() -> Callable[[Path, str, bytes, Path], Path]:
    """Copy a workbook package to ``out`` with ``head`` put before one part's bytes.

    Used to build unsafe workbooks (a DOCTYPE in ``docProps/app.xml``) from safe ones.
    """
    return _prefixed_part
