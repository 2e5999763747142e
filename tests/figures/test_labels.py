"""Tests for analysis.figures.labels: every code has a Chinese and an English label."""

import pytest

from analysis.figures.labels import LABELS, label
from analysis.measures import MEASURES
from analysis.schema import CONVERSION_MODES, EVENT_TYPES, SIGNING_STAGES


def test_measure_labels_come_from_the_measure_list():
    for code, m in MEASURES.items():
        assert label(code) == m.zh
        assert label(code, "en") == m.en


@pytest.mark.parametrize("choices", [EVENT_TYPES, CONVERSION_MODES, SIGNING_STAGES])
def test_schema_choices_have_both_languages(choices):
    for code, zh in choices.items():
        assert label(code, "zh") == zh
        assert label(code, "en")  # an English label exists and is not empty


def test_examples():
    # 作价投资 is Article 16's "investing the result as equity"; 许可 is licensing.
    assert label("equity", "en") == "equity investment"
    assert label("licence") == "许可"
    assert label("amount", "en") == "Amount"


def test_unknown_keys_and_languages():
    with pytest.raises(KeyError, match="no label"):
        label("not_a_code")
    assert label("第三阶段", strict=False) == "第三阶段"
    assert label(2024, strict=False) == "2024"
    with pytest.raises(ValueError, match="unknown language"):
        label("amount", "fr")


def test_no_label_is_blank():
    assert all(zh.strip() and en.strip() for zh, en in LABELS.values())
