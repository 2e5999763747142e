"""Image comparison tests draw with the fixtures of ``tests/figures`` (Agg, house style)."""

from ..figures.conftest import _close_figures, house_zh

__all__ = ["_close_figures", "house_zh"]
