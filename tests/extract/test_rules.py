"""Tests for analysis.extract.rules: the word lists name codes and units that exist."""

from analysis.extract import rules
from analysis.measures import MEASURES


def test_measure_rules_name_existing_codes_with_their_units():
    for unit, words, code in rules.MEASURE_RULES:
        assert code in MEASURES, code
        assert MEASURES[code].unit == unit, code
        assert words
