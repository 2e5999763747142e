"""Figure tests draw off-screen with the Agg backend and close every figure they open."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def house_zh():
    """The house style in Chinese, restored to matplotlib's previous settings afterwards."""
    from analysis.figures.style import use_house_style

    with matplotlib.rc_context():
        yield use_house_style("zh")
