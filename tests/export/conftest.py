"""Inputs for the export tests: the hand-built assessment inputs of ``tests/assessment``."""

from ..assessment.conftest import stats, targets

__all__ = ["stats", "targets"]
