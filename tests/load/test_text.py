"""Tests for analysis.load.text: the three encodings Excel and WPS write CSV in."""

import codecs

import pytest

from analysis.load.text import DecodeError, decode_text

TEXT = "签约编号,合同金额\nS1,35.71亿元\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("gb18030"), "GB18030"),
        (TEXT.encode("gbk"), "GB18030"),  # GBK is a subset of GB18030
    ],
)
def test_decodes_and_names_the_encoding(data: bytes, label: str) -> None:
    assert decode_text(data) == (TEXT, label)


def test_binary_is_refused() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_text(b"a\x00b")


def test_broken_bom_file_is_refused() -> None:
    with pytest.raises(DecodeError, match="BOM"):
        decode_text(codecs.BOM_UTF8 + "合同".encode("gb18030"))


def test_mixed_utf8_and_gb18030_is_refused() -> None:
    data = "编号,名称\nE1,成果对接会\n".encode() + "E2,新材料路演\n".encode("gb18030")
    with pytest.raises(DecodeError, match="第 3 行"):
        decode_text(data)


def test_gb18030_file_is_not_mistaken_for_mixed() -> None:
    text = "活动编号,项目名称,活动名称\nE1,科创中国,成果对接会\n" * 50
    assert decode_text(text.encode("gb18030")) == (text, "GB18030")


@pytest.mark.parametrize("codec", ["gb18030", "latin-1"])
def test_repair_mojibake_undoes_one_wrong_decoding(codec: str) -> None:
    from analysis.load.text import repair_mojibake

    for word in ("签约编号", "转化落地", "合同金额"):
        assert repair_mojibake(word.encode("utf-8").decode(codec)) == word


def test_repair_mojibake_leaves_real_text_alone() -> None:
    from analysis.load.text import repair_mojibake

    assert [repair_mojibake(t) for t in ("签约编号", "E1", "2023-10-28", "")] == [None] * 4


def test_cp1252_apostrophe_is_not_read_as_gb18030() -> None:
    # 0x92 0x73 is ’s in Windows-1252 and 抯 in GBK: the GBK reading has no GB2312 character.
    text, label = decode_text(b"Women\x92s Innovation Fund,3\n")
    assert text == "Women’s Innovation Fund,3\n"
    assert label.startswith("Windows-1252") and "Women抯" in label


def test_gb18030_with_a_rare_character_stays_gb18030() -> None:
    text = "项目,负责人\n科创中国,王堃\n"  # 堃 is GBK, not GB2312
    assert decode_text(text.encode("gb18030")) == (text, "GB18030")


def test_both_readings_plausible_is_refused_showing_both() -> None:
    latin = "".join(f"E{i},Women’s Fund\n" for i in range(40)).encode("cp1252")
    with pytest.raises(DecodeError, match=r"Women抯.*Women’s"):
        decode_text(latin + "E41,中国\n".encode("gb18030"))


def test_named_pipe_is_refused_without_opening(tmp_path) -> None:
    import os

    from analysis.errors import UserError
    from analysis.load.text import read_csv

    os.mkfifo(tmp_path / "活动.csv")
    with pytest.raises(UserError, match="named pipe"):
        read_csv(tmp_path / "活动.csv")  # opening it would block forever


def test_cell_over_the_csv_limit_is_refused_with_its_reason(tmp_path, monkeypatch) -> None:
    from analysis.errors import UserError
    from analysis.load import text as module

    path = tmp_path / "活动.csv"
    path.write_text("编号,名称\nE1," + "长" * 200 + "\n", encoding="utf-8")
    monkeypatch.setattr(module, "MAX_CSV_FIELD", 100)
    with pytest.raises(UserError, match="longer than 100 characters"):
        module.read_csv(path)
