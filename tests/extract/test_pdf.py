"""Tests for analysis.extract.pdf: the text layer of PDFs, wrapped lines and ruled tables."""

import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.devtools.extract_scores import content_score, corpus_scores, read_gold
from analysis.errors import UserError
from analysis.extract import extract_document, read_document
from analysis.paths import SHARED_SEEDS

CORPUS = Path(__file__).resolve().parents[1] / "data" / "extract" / "corpus" / "dev"


def test_pages_paragraphs_and_table_cells_are_located():
    # city_summary.pdf is printed by LibreOffice from city_summary.docx
    # (scripts/build_extract_corpus.py): the budget table is a ruled table on page 1.
    df = extract_document(read_document(CORPUS / "city_summary.pdf"))
    by_text = dict(zip(df["quantity_text"], df["location"], strict=False))
    assert by_text["12大"].startswith("第1页第")
    assert by_text["85.00"] == "第1页表1第2行第2列"
    # a paragraph that wraps over several lines is one paragraph: its sentence is whole
    row = df[df["quantity_text"] == "约1.6亿元"].iloc[0]
    assert "合同金额约1.6亿元" in row["sentence"]


def test_the_pdf_text_matches_the_text_it_was_printed_from():
    text = (CORPUS / "district_fair_news.txt").read_text(encoding="utf-8")
    pdf = read_document(CORPUS / "district_fair_news.pdf").text
    assert "".join(pdf.split()) == "".join(text.split())


def test_a_damaged_pdf_is_a_user_error(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00" * 50)
    with pytest.raises(UserError, match="无法读取 PDF 文件"):
        read_document(path)


SEEDS_GOLD = Path(__file__).resolve().parents[1] / "data" / "extract"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.skipif(
    not (SHARED_SEEDS / "000_e7fb6761fbfb5854.txt").is_file(), reason="seed texts not found"
)
def test_a_seed_printed_to_pdf_scores_as_its_text(tmp_path):
    # The seed is read from shared/seeds (never copied into the repository), printed to PDF
    # by LibreOffice in tmp_path. Its phase budget (（8-9月）…，5万) wraps before a word that
    # cannot be split: the line ends short of the edge and must still be joined.
    name = "000_e7fb6761fbfb5854"
    shutil.copy(SHARED_SEEDS / f"{name}.txt", tmp_path)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / f"{name}.txt"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    gold = read_gold(SEEDS_GOLD / f"{name}.csv")
    text_score = corpus_scores(tmp_path, (".txt",), gold_dir=SEEDS_GOLD)
    pdf_score = content_score(extract_document(read_document(tmp_path / f"{name}.pdf")), gold)
    assert pdf_score == text_score[f"{name}.txt"]
