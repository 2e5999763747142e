"""Compare a regenerated PNG figure with the committed one, within a small tolerance."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PIL import Image

from analysis.export.safe import atomic_path

#: Default tolerance: root-mean-square difference in 0–255 colour levels. Text antialiasing
#: under another FreeType build moves a few edge pixels by tens of levels, which stays well
#: below 2 over a whole figure; a changed bar or label moves thousands of pixels.
DEFAULT_TOL = 2.0


def _load(path: Path) -> np.ndarray:
    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"), dtype=np.int16)


def image_rms(expected: str | os.PathLike, actual: str | os.PathLike) -> float:
    """Root-mean-square difference of two images of the same size, in 0–255 levels.

    Raises:
        ValueError: the images differ in size (naming both files and sizes).

    Examples:
        >>> import tempfile, pathlib
        >>> from PIL import Image
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> Image.new("RGB", (4, 4), (0, 0, 0)).save(d / "a.png")
        >>> Image.new("RGB", (4, 4), (30, 30, 30)).save(d / "b.png")
        >>> image_rms(d / "a.png", d / "b.png")
        30.0
    """
    a, b = _load(Path(expected)), _load(Path(actual))
    if a.shape != b.shape:
        raise ValueError(
            f"image sizes differ: {expected} is {a.shape[1]}x{a.shape[0]}, "
            f"{actual} is {b.shape[1]}x{b.shape[0]}"
        )
    return float(np.sqrt(np.mean((a - b).astype(np.float64) ** 2)))


def compare_images(
    expected: str | os.PathLike,
    actual: str | os.PathLike,
    tol: float = DEFAULT_TOL,
    diff_path: str | os.PathLike | None = None,
) -> float | None:
    """``None`` when ``actual`` matches ``expected`` within ``tol``, else their RMS difference.

    Same convention as ``matplotlib.testing.compare.compare_images``: a test does
    ``assert compare_images(committed, regenerated) is None``. Images of different
    sizes never match (``ValueError``).

    Args:
        expected: The committed PNG.
        actual: The regenerated PNG.
        tol: Largest accepted RMS difference (0–255 levels).
        diff_path: If given and the images differ, write a picture of where they
            differ (differences amplified ten times) to this path.

    Examples:
        >>> import tempfile, pathlib
        >>> from PIL import Image
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> Image.new("RGB", (4, 4), (0, 0, 0)).save(d / "a.png")
        >>> Image.new("RGB", (4, 4), (1, 1, 1)).save(d / "b.png")
        >>> compare_images(d / "a.png", d / "b.png") is None
        True
        >>> compare_images(d / "a.png", d / "b.png", tol=0.5)
        1.0
    """
    rms = image_rms(expected, actual)
    if rms <= tol:
        return None
    if diff_path is not None:
        a, b = _load(Path(expected)), _load(Path(actual))
        diff = np.clip(np.abs(a - b) * 10, 0, 255).astype(np.uint8)
        with atomic_path(diff_path) as tmp:
            Image.fromarray(diff).save(tmp, format="PNG")
    return rms
