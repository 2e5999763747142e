"""Find a Chinese (CJK) font on Linux, Windows or macOS and register it with matplotlib by path."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from matplotlib import font_manager, ft2font

from analysis.errors import UserError

#: Environment variable naming a font file to use instead of the search.
FONT_ENV = "ANALYSIS_CJK_FONT"

#: Characters a usable font must have: the words our figures print most.
PROBE_TEXT = "科技成果转化万元亿元院士签约数据来源"

#: Font families in order of preference, each with the file names it ships under.
#: File names are matched case-insensitively (Windows often upper-cases them).
PREFERRED_FONTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Debian/Ubuntu fonts-noto-cjk, Fedora google-noto-sans-cjk-ttc-fonts, Arch noto-fonts-cjk;
    # the OTF names are the per-language downloads (Homebrew cask font-noto-sans-cjk-sc).
    (
        "Noto Sans CJK SC",
        (
            "NotoSansCJK-Regular.ttc",
            "NotoSansCJKsc-Regular.otf",
            "NotoSansCJKSC-Regular.otf",
            "NotoSansSC-Regular.otf",
            "NotoSansSC-Regular.ttf",
        ),
    ),
    (
        "Source Han Sans SC",
        (
            "SourceHanSans-Regular.ttc",
            "SourceHanSansSC-Regular.otf",
            "SourceHanSansCN-Regular.otf",
        ),
    ),
    ("WenQuanYi Micro Hei", ("wqy-microhei.ttc",)),
    ("WenQuanYi Zen Hei", ("wqy-zenhei.ttc",)),
    ("Microsoft YaHei", ("msyh.ttc", "msyh.ttf")),
    ("SimHei", ("simhei.ttf",)),
    ("PingFang SC", ("PingFang.ttc",)),
    ("Hiragino Sans GB", ("Hiragino Sans GB.ttc", "Hiragino Sans GB W3.ttc")),
)

#: What to install, per platform, when no font is found.
INSTALL_HINT = (
    "找不到可显示中文的字体（No CJK font found）。请安装其一后重试：\n"
    "  Debian/Ubuntu: sudo apt-get install fonts-noto-cjk\n"
    "  Fedora: sudo dnf install google-noto-sans-cjk-ttc-fonts\n"
    "  Arch: sudo pacman -S noto-fonts-cjk\n"
    "  macOS: brew install --cask font-noto-sans-cjk-sc（或使用系统自带的 PingFang SC）\n"
    "  Windows: 系统自带 Microsoft YaHei（msyh.ttc）或 SimHei（simhei.ttf）\n"
    f"或设置环境变量 {FONT_ENV}=/path/to/font.ttc 指向一个中文字体文件。"
)

_REGISTERED: dict[Path, str] = {}


class FontNotFoundError(UserError):
    """No usable CJK font was found, or the one named in ``ANALYSIS_CJK_FONT`` is unusable."""


def font_dirs() -> list[Path]:
    """Folders where the operating systems we support keep font files.

    Examples:
        >>> any(d.name in ("fonts", "Fonts") for d in font_dirs())
        True
    """
    home = Path.home()
    dirs = [
        # Linux and other fontconfig systems
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
        # macOS
        Path("/System/Library/Fonts"),
        Path("/Library/Fonts"),
        home / "Library/Fonts",
    ]
    # Windows: system fonts, then fonts installed for the current user only
    windir = os.environ.get("WINDIR", "C:/Windows")
    dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft/Windows/Fonts")
    return dirs


def _index_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Map lower-cased file name → first path found (folders and names walked in sorted order)."""
    found: dict[str, Path] = {}
    for root in dirs:
        if not root.is_dir():
            continue
        for here, subdirs, files in os.walk(root):
            subdirs.sort()
            for name in sorted(files):
                found.setdefault(name.lower(), Path(here) / name)
    return found


def candidate_fonts(dirs: Sequence[Path] | None = None) -> list[tuple[str, Path]]:
    """Known CJK font files present in ``dirs``, in order of preference.

    Args:
        dirs: Folders to search (recursively); default ``font_dirs()``.

    Returns:
        ``(family, path)`` pairs, most preferred first.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> for n in ("SIMHEI.TTF", "wqy-microhei.ttc"):
        ...     _ = (d / n).write_bytes(b"")
        >>> [family for family, _ in candidate_fonts([d])]
        ['WenQuanYi Micro Hei', 'SimHei']
    """
    index = _index_files(font_dirs() if dirs is None else dirs)
    out = []
    for family, names in PREFERRED_FONTS:
        for name in names:
            path = index.get(name.lower())
            if path is not None:
                out.append((family, path))
    return out


def covers(path: str | os.PathLike, text: str = PROBE_TEXT) -> bool:
    """Whether the font file at ``path`` has a glyph for every character of ``text``.

    An unreadable or non-font file counts as not covering.

    Examples:
        >>> import matplotlib
        >>> dejavu = matplotlib.font_manager.findfont("DejaVu Sans")
        >>> covers(dejavu, "abc"), covers(dejavu, "中文")
        (True, False)
    """
    try:
        charmap = ft2font.FT2Font(os.fsdecode(path)).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in text)


def _fc_match() -> Path | None:
    """The file fontconfig picks for simplified Chinese sans, if fontconfig is installed."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        result = subprocess.run(
            [exe, "-f", "%{file}", "sans:lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.strip()
    return Path(text) if result.returncode == 0 and text else None


def _from_matplotlib_list() -> Path | None:
    """A preferred family already in matplotlib's own font list (e.g. macOS PingFang SC)."""
    by_name = {entry.name: entry.fname for entry in font_manager.fontManager.ttflist}
    for family, _ in PREFERRED_FONTS:
        if family in by_name:
            return Path(by_name[family])
    return None


def find_cjk_font(dirs: Sequence[Path] | None = None, use_fc_match: bool = True) -> Path | None:
    """Path of the best available font that can draw simplified Chinese, or ``None``.

    Order: the file named by ``ANALYSIS_CJK_FONT``; the known files of
    ``PREFERRED_FONTS`` in ``dirs`` (Noto Sans CJK SC first); what
    ``fc-match 'sans:lang=zh-cn'`` answers; a preferred family already in
    matplotlib's font list. Every candidate must cover ``PROBE_TEXT``.

    Raises:
        FontNotFoundError: ``ANALYSIS_CJK_FONT`` is set but names a missing file or
            a font without Chinese glyphs.

    Examples:
        >>> import os
        >>> path = find_cjk_font()
        >>> path is None or covers(path)
        True
    """
    override = os.environ.get(FONT_ENV)
    if override:
        path = Path(override).expanduser()
        if not path.is_file():
            raise FontNotFoundError(f"环境变量 {FONT_ENV} 指向的字体文件不存在：{path}")
        if not covers(path):
            raise FontNotFoundError(
                f"环境变量 {FONT_ENV} 指向的字体缺少中文字形（{PROBE_TEXT}）：{path}"
            )
        return path
    for _family, path in candidate_fonts(dirs):
        if covers(path):
            return path
    fallbacks = [_fc_match() if use_fc_match else None]
    if dirs is None:
        fallbacks.append(_from_matplotlib_list())
    for path in fallbacks:
        if path is not None and path.is_file() and covers(path):
            return path
    return None


def _choose_family(names: Sequence[str]) -> str:
    """Pick the simplified-Chinese face among the family names of one font file.

    A ``.ttc`` holds several faces (Noto Sans CJK: JP, KR, SC, TC, HK and Mono);
    they share glyphs but differ in regional glyph shapes, so SC is wanted.
    matplotlib before 3.10 reads only the first face (``Noto Sans CJK JP``).

    Examples:
        >>> _choose_family(["Noto Sans CJK JP", "Noto Sans Mono CJK SC", "Noto Sans CJK SC"])
        'Noto Sans CJK SC'
        >>> _choose_family(["Source Han Sans CN"])
        'Source Han Sans CN'
    """
    preferred = [family for family, _ in PREFERRED_FONTS]
    for family in preferred:
        if family in names:
            return family
    proportional = [n for n in names if "Mono" not in n] or list(names)
    for suffix in (" SC", " CN", " GB"):
        for name in proportional:
            if name.endswith(suffix):
                return name
    return proportional[0]


def _add(path: Path) -> list[str]:
    """Add every face of ``path`` to matplotlib; return their family names in face order."""
    font_manager.fontManager.addfont(os.fsdecode(path))
    entries = [e for e in font_manager.fontManager.ttflist if Path(e.fname) == path]
    entries.sort(key=lambda e: getattr(e, "index", 0))
    return list(dict.fromkeys(e.name for e in entries))


def register_cjk_font(path: str | os.PathLike | None = None, required: bool = True) -> str | None:
    """Register a CJK font with matplotlib by file path and return its family name.

    Registering by path makes the font usable even when matplotlib's font cache
    was built before the font was installed. A bold file beside a regular one
    (``…-Bold`` for ``…-Regular``) is registered too, so bold titles stay Chinese.

    Args:
        path: Font file; default ``find_cjk_font()``.
        required: If no font is found, raise (``True``) or warn and return ``None``.

    Raises:
        FontNotFoundError: no font found and ``required``; the message says what to install.

    Examples:
        >>> family = register_cjk_font(required=False)
        >>> family is None or isinstance(family, str)
        True
    """
    font = Path(path) if path is not None else find_cjk_font()
    if font is None:
        if required:
            raise FontNotFoundError(INSTALL_HINT)
        warnings.warn(INSTALL_HINT, stacklevel=2)
        return None
    font = font.resolve()
    if font in _REGISTERED:
        return _REGISTERED[font]
    if not covers(font):
        raise FontNotFoundError(f"字体缺少中文字形（{PROBE_TEXT}）：{font}")
    family = _choose_family(_add(font))
    bold = font.with_name(font.name.replace("Regular", "Bold"))
    if bold != font and bold.is_file():
        _add(bold)
    _REGISTERED[font] = family
    return family
