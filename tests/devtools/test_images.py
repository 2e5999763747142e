"""Tests for analysis.devtools.images: the regenerate-and-compare check."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from analysis.devtools.images import compare_images, image_rms
from analysis.figures.save import save_figure


def _bars(heights, tmp_path, name):
    fig, ax = plt.subplots()
    ax.bar(["第一阶段", "第二阶段", "第三阶段"], heights)
    ax.set_title("对比测试")
    png, _ = save_figure(fig, "00_test", name, tmp_path)
    return png


def test_identical_figures_match(house_zh, tmp_path):
    a = _bars([2, 2, 5], tmp_path, "a")
    b = _bars([2, 2, 5], tmp_path, "b")
    assert image_rms(a, b) == 0.0
    assert compare_images(a, b) is None


def test_a_changed_bar_is_detected(house_zh, tmp_path):
    a = _bars([2, 2, 5], tmp_path, "a")
    b = _bars([2, 2, 4], tmp_path, "b")
    rms = compare_images(a, b, diff_path=tmp_path / "diff.png")
    assert rms is not None and rms > 2.0
    assert (tmp_path / "diff.png").is_file()


def test_a_few_changed_pixels_are_tolerated(tmp_path):
    # Antialiasing noise: 50 pixels off by 40 levels in a 1050 x 630 image.
    base = np.full((630, 1050, 3), 255, dtype=np.uint8)
    noisy = base.copy()
    noisy[:50, 0] = 215
    Image.fromarray(base).save(tmp_path / "a.png")
    Image.fromarray(noisy).save(tmp_path / "b.png")
    # By hand: sqrt(50 * 3 * 40**2 / (630 * 1050 * 3)) = sqrt(80000 / 661500) = 0.34776...
    assert image_rms(tmp_path / "a.png", tmp_path / "b.png") == pytest.approx(0.34776, abs=1e-4)
    assert compare_images(tmp_path / "a.png", tmp_path / "b.png") is None
    assert compare_images(tmp_path / "a.png", tmp_path / "b.png", tol=0.3) == pytest.approx(
        0.34776, abs=1e-4
    )


def test_different_sizes_never_match(tmp_path):
    Image.new("RGB", (10, 10), "white").save(tmp_path / "a.png")
    Image.new("RGB", (10, 11), "white").save(tmp_path / "b.png")
    with pytest.raises(ValueError, match=r"10x10.*10x11"):
        compare_images(tmp_path / "a.png", tmp_path / "b.png")
