"""Headless Chromium for the HTML report: a screenshot, a PDF, and the rendered page's DOM."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from analysis.errors import UserError
from analysis.export.safe import atomic_path

#: Environment variable naming the Chromium (or Chrome) executable to use.
CHROMIUM_ENV = "ANALYSIS_CHROMIUM"

#: Executable names searched on ``PATH`` when ``ANALYSIS_CHROMIUM`` is not set.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Seconds one Chromium run may take before it is stopped.
TIMEOUT = 60

#: Headless, and quiet: no sandbox (containers, root), no GPU, nothing that phones home.
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def find_chromium() -> str | None:
    """Path of a Chromium executable: ``$ANALYSIS_CHROMIUM``, else the first one on ``PATH``.

    Returns:
        The executable, or ``None`` when there is none.

    Raises:
        UserError: when ``ANALYSIS_CHROMIUM`` is set but names no executable.

    Examples:
        >>> found = find_chromium()
        >>> found is None or os.access(found, os.X_OK)
        True
    """
    named = os.environ.get(CHROMIUM_ENV, "").strip()
    if named:
        found = shutil.which(named)
        if found is None:
            raise UserError(
                f"{CHROMIUM_ENV}={named} 不是可执行的浏览器 (not an executable Chromium)"
            )
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    return None


def _require_chromium() -> str:
    found = find_chromium()
    if found is None:
        raise UserError(
            "找不到 Chromium 浏览器 (no Chromium found)：请安装 chromium，"
            f"或设置环境变量 {CHROMIUM_ENV}=/path/to/chromium"
        )
    return found


def _page_url(html: Path) -> str:
    page = Path(html)
    if not page.is_file():
        raise UserError(f"找不到网页文件 / HTML file not found: {page}")
    return page.resolve().as_uri()


def _stop(proc: subprocess.Popen) -> None:
    """Kill Chromium and the helper processes it started (they share its session)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()


def _run(chromium: str, flags: list[str], url: str, what: str) -> str:
    """Run Chromium once with a fresh profile; return its standard output.

    Raises:
        UserError: when Chromium exits with an error or takes longer than ``TIMEOUT``.
    """
    with tempfile.TemporaryDirectory(prefix="analysis-chromium-") as profile:
        command = [chromium, *BASE_FLAGS, f"--user-data-dir={profile}", *flags, url]
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=os.name == "posix",
        )
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop(proc)
            proc.communicate()
            raise UserError(
                f"Chromium 在 {TIMEOUT} 秒内没有完成{what} (timed out): {url}"
            ) from None
        if proc.returncode != 0:
            tail = "\n".join(err.decode("utf-8", "replace").strip().splitlines()[-5:])
            raise UserError(
                f"Chromium 未能完成{what} (failed, exit code {proc.returncode}): {url}\n{tail}"
            )
    return out.decode("utf-8", "replace")


def _render_to_file(html: Path, target: Path, flag: str, suffix: str, what: str, extra=()) -> Path:
    """Have Chromium write a file next to its profile, then move it onto ``target`` atomically."""
    chromium = _require_chromium()
    url = _page_url(html)
    with tempfile.TemporaryDirectory(prefix="analysis-render-") as scratch:
        made = Path(scratch) / f"page{suffix}"
        _run(chromium, [*extra, f"{flag}={made}"], url, what)
        if not made.is_file() or made.stat().st_size == 0:
            raise UserError(f"Chromium 没有写出{what} (wrote nothing): {url}")
        with atomic_path(target) as tmp:
            shutil.copyfile(made, tmp)
    return Path(target)


def screenshot(html: Path, png: Path, *, width: int = 1280, height: int = 2400) -> Path:
    """Render ``html`` in headless Chromium and save the top ``width`` × ``height`` as a PNG.

    Raises:
        UserError: when there is no Chromium or it fails.

    Examples:
        >>> screenshot(Path("/nonexistent.html"), Path("shot.png"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: ...
    """
    extra = (f"--window-size={int(width)},{int(height)}", "--force-device-scale-factor=1")
    return _render_to_file(html, Path(png), "--screenshot", ".png", "截图 screenshot", extra)


def print_pdf(html: Path, pdf: Path) -> Path | None:
    """Print ``html`` to a PDF with headless Chromium (A4, the page's print style).

    Returns:
        The PDF, or ``None`` when no Chromium is installed.

    Raises:
        UserError: when Chromium fails.

    Examples:
        >>> import tempfile
        >>> page = Path(tempfile.mkdtemp()) / "index.html"
        >>> _ = page.write_text("<p>报告</p>", encoding="utf-8")
        >>> out = print_pdf(page, page.with_suffix(".pdf"))
        >>> out is None or out.read_bytes().startswith(b"%PDF")
        True
    """
    if find_chromium() is None:
        return None
    # No header or footer: they would print the file's address and today's date.
    extra = ("--no-pdf-header-footer", "--print-to-pdf-no-header")
    return _render_to_file(html, Path(pdf), "--print-to-pdf", ".pdf", "PDF", extra)


def rendered_text(html: Path) -> str:
    """The page's DOM after Chromium has rendered it (``--dump-dom``), as HTML text.

    Raises:
        UserError: when there is no Chromium or it fails.

    Examples:
        >>> import tempfile
        >>> page = Path(tempfile.mkdtemp()) / "index.html"
        >>> _ = page.write_text("<p>报告</p>", encoding="utf-8")
        >>> find_chromium() is None or "<p>报告</p>" in rendered_text(page)
        True
    """
    return _run(_require_chromium(), ["--dump-dom"], _page_url(html), "渲染 rendering")
