"""Tests for analysis.schema: table definitions are consistent."""

from analysis.schema import LEDGER_TABLES, TABLES


def test_every_header_is_unique_within_a_table():
    for table in TABLES.values():
        seen: dict[str, str] = {}
        for column in table.columns:
            for header in column.headers:
                assert header not in seen, (table.name, header, seen.get(header), column.name)
                seen[header] = column.name


def test_references_point_at_existing_columns():
    for table in TABLES.values():
        for column in table.columns:
            if column.ref and not column.ref.startswith("divisions."):
                ref_table, ref_col = column.ref.split(".")
                assert ref_col in TABLES[ref_table].names


def test_ledger_tables_have_keys():
    assert all(TABLES[name].key for name in LEDGER_TABLES)


def test_docs_ledger_columns_md_matches_the_schema():
    from pathlib import Path

    from analysis.devtools.data_dictionary import describe_markdown

    doc = Path(__file__).resolve().parents[1] / "docs" / "ledger_columns.md"
    assert doc.read_text(encoding="utf-8") == describe_markdown(), (
        "docs/ledger_columns.md is stale: run "
        "`python -m analysis.devtools.data_dictionary > docs/ledger_columns.md`"
    )
