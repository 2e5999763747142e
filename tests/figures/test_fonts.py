"""Tests for analysis.figures.fonts: discovery, preference order, overrides, registration."""

import shutil
from pathlib import Path

import pytest
from matplotlib import font_manager

from analysis.figures import fonts
from analysis.figures.fonts import (
    FONT_ENV,
    PREFERRED_FONTS,
    PROBE_TEXT,
    FontNotFoundError,
    candidate_fonts,
    covers,
    find_cjk_font,
    register_cjk_font,
)

DEJAVU = Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
# Debian/Ubuntu package fonts-noto-cjk installs the Sans CJK collection here (`dpkg -L`).
DEBIAN_NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.fixture(autouse=True)
def _no_override(monkeypatch):
    monkeypatch.delenv(FONT_ENV, raising=False)


def test_this_machine_has_a_cjk_font():
    # The figures are Chinese: a machine that cannot draw them must fail loudly, not skip.
    path = find_cjk_font()
    assert path is not None, fonts.INSTALL_HINT
    assert covers(path, PROBE_TEXT)


@pytest.mark.skipif(not DEBIAN_NOTO.is_file(), reason="Debian fonts-noto-cjk not installed")
def test_noto_sans_cjk_is_preferred_and_its_sc_face_registered():
    assert find_cjk_font() == DEBIAN_NOTO
    family = register_cjk_font()
    # The .ttc holds JP, KR, SC, TC, HK faces (fc-list); matplotlib >= 3.10 reads them all.
    assert family == "Noto Sans CJK SC"
    found = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert Path(found) == DEBIAN_NOTO


def test_candidates_follow_the_preference_order_whatever_the_case(tmp_path):
    # One file per family, written in reverse order and some upper-cased like on Windows.
    for i, (_family, names) in enumerate(reversed(PREFERRED_FONTS)):
        sub = tmp_path / f"d{i}"
        sub.mkdir()
        name = names[-1].upper() if i % 2 else names[-1]
        (sub / name).write_bytes(b"")
    assert [f for f, _ in candidate_fonts([tmp_path])] == [f for f, _ in PREFERRED_FONTS]


def test_files_without_chinese_glyphs_are_not_chosen(tmp_path):
    # An empty file named like Noto, and DejaVu renamed to msyh.ttc: neither can draw 中文.
    (tmp_path / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    (tmp_path / "msyh.ttc").write_bytes(DEJAVU.read_bytes())
    assert [f for f, _ in candidate_fonts([tmp_path])] == ["Noto Sans CJK SC", "Microsoft YaHei"]
    assert find_cjk_font([tmp_path], use_fc_match=False) is None


def test_a_real_font_under_a_known_name_is_found(tmp_path):
    source = find_cjk_font()
    assert source is not None, fonts.INSTALL_HINT
    copy = tmp_path / "wqy-microhei.ttc"
    copy.symlink_to(source)
    assert find_cjk_font([tmp_path], use_fc_match=False) == copy


def test_environment_override_wins(monkeypatch):
    source = find_cjk_font()
    assert source is not None, fonts.INSTALL_HINT
    monkeypatch.setenv(FONT_ENV, str(source))
    assert find_cjk_font(dirs=[]) == source


def test_environment_override_to_a_missing_file_is_a_clear_error(monkeypatch, tmp_path):
    missing = tmp_path / "nope.ttc"
    monkeypatch.setenv(FONT_ENV, str(missing))
    with pytest.raises(FontNotFoundError, match=r"nope\.ttc"):
        find_cjk_font()


def test_environment_override_to_a_latin_font_is_rejected(monkeypatch):
    monkeypatch.setenv(FONT_ENV, str(DEJAVU))
    with pytest.raises(FontNotFoundError, match="缺少中文字形"):
        find_cjk_font()


def test_no_font_tells_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    with pytest.raises(FontNotFoundError) as info:
        register_cjk_font()
    assert "apt-get install fonts-noto-cjk" in str(info.value)
    assert FONT_ENV in str(info.value)
    with pytest.warns(UserWarning, match="fonts-noto-cjk"):
        assert register_cjk_font(required=False) is None


def test_registration_by_path_survives_a_stale_font_cache(monkeypatch):
    # A cache built before the font was installed knows no CJK family at all.
    path = find_cjk_font()
    assert path is not None, fonts.INSTALL_HINT
    stale = [e for e in font_manager.fontManager.ttflist if Path(e.fname) != path.resolve()]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    monkeypatch.setattr(fonts, "_REGISTERED", {})
    font_manager.fontManager._findfont_cached.cache_clear()
    try:
        family = register_cjk_font(path)
        props = font_manager.FontProperties(family=family)
        assert Path(font_manager.findfont(props, fallback_to_default=False)) == path.resolve()
    finally:
        monkeypatch.undo()
        font_manager.fontManager._findfont_cached.cache_clear()


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig's fc-match not installed")
def test_fontconfig_is_asked_when_no_known_file_is_found(tmp_path):
    # No known file in an empty folder, so the answer can only come from fc-match.
    found = find_cjk_font([tmp_path], use_fc_match=True)
    assert found is not None and covers(found)
    assert find_cjk_font([tmp_path], use_fc_match=False) is None


def test_windows_and_macos_folders_are_searched(monkeypatch):
    monkeypatch.setenv("WINDIR", "D:/Win")
    monkeypatch.setenv("LOCALAPPDATA", "D:/Users/me/AppData/Local")
    dirs = fonts.font_dirs()
    assert Path("D:/Win/Fonts") in dirs
    assert Path("D:/Users/me/AppData/Local/Microsoft/Windows/Fonts") in dirs
    assert Path("/System/Library/Fonts") in dirs and Path("/Library/Fonts") in dirs


def test_registering_a_latin_font_as_cjk_is_refused():
    with pytest.raises(FontNotFoundError, match="缺少中文字形"):
        register_cjk_font(DEJAVU)
