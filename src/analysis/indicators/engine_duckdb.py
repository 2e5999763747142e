"""The indicator families computed by DuckDB SQL over the ledger tables or Parquet files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import IndicatorInputError, UserError
from analysis.indicators._common import empty_long, public_keys, safe_ratio, to_long
from analysis.indicators._qualifiers import BITS, MISSING, mask_qualifier, ratio_qualifier
from analysis.indicators.budget import _check_basis, ledger_budget_execution
from analysis.indicators.deal_values import TOP_SHARE, finish_deal_values
from analysis.indicators.engagement import QUANTITIES, finish_engagement
from analysis.indicators.fiveg import _sections, division_codes, finish_fiveg
from analysis.indicators.funnel import finish_funnel
from analysis.ledger import Ledger, empty_table
from analysis.reference import divisions as bundled_divisions
from analysis.schema import LEDGER_TABLES

#: Qualifier bits of a row, as ``row_bits`` gives them (a blank value is ``MISSING``).
QBITS_MACRO = f"""
    create or replace macro qbits(v, q) as case
        when v is null then {MISSING}
        when q::varchar = 'approx' then {BITS["approx"]}
        when q::varchar = 'at_least' then {BITS["at_least"]}
        when q::varchar = 'at_most' then {BITS["at_most"]}
        else {BITS["exact"]} end
"""

#: Deals (``deal_stages``): stage flags, whole days to the first landing and the landed
#: amount with its qualifier, built once per connection into a temporary table (only the
#: columns the families read: the long texts of a signing are not copied).
LANDED_TABLE = """
    create or replace temp table _landed as
    select signing_id, row_number() over () as lid, min(date) as first_landing,
           sum(value) as landed_value, count(value) as landed_n,
           bit_or(qbits(value, value_qualifier)) as landed_mask
    from conversions group by signing_id
"""
DEALS_TABLE = """
    create or replace temp table deals as
    select s.programme, s.mode, s.contract_type, s.region, s.field, s.value,
           s.value_qualifier, s._pos, coalesce(s.year, year(s.date)) as year_filled,
           l.lid, l.signing_id is not null as converted,
           s.stage::varchar in ('signed', 'landed') or l.signing_id is not null as signed,
           floor((epoch_us(l.first_landing) - epoch_us(s.date)) / 86400000000.0) as days,
           case when l.landed_n > 0 then l.landed_value end as converted_value,
           m.qualifier as converted_value_qualifier
    from signings s left join _landed l using (signing_id)
    left join _qualifier_of_mask m on m.mask = l.landed_mask
"""
#: Conversions' signing ids (grouped in ``_landed``) against the signings they met: fewer
#: distinct matches than ids means an unknown id, more matches than ids a repeated one.
MATCH_COUNTS = """
    select (select count(*) from _landed),
           count(distinct lid) filter (where converted),
           count(*) filter (where converted)
    from deals
"""

#: ``by`` dimensions the engine groups by, per family (time periods other than the year
#: are the pandas engine's).
FUNNEL_DIMENSIONS = ("programme", "mode", "contract_type", "region", "field", "year")
ENGAGEMENT_DIMENSIONS = ("programme", "event_type", "region", "year")
FIVEG_DIMENSIONS = ("programme", "region", "year", "section")


def _names(by: str | Sequence[str], allowed: Sequence[str], function: str) -> list[str]:
    names = [by] if isinstance(by, str) else list(by)
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise IndicatorInputError(
            f"{function}() with the duckdb engine: cannot group by "
            f"{', '.join(map(repr, unknown))}; choose from {', '.join(allowed)}"
        )
    if len(set(names)) != len(names):
        raise IndicatorInputError(f"{function}(): by={names!r} repeats a dimension")
    return names


def _select_keys(names: list[str], year: str = "coalesce(year, year(date))") -> str:
    """Key expressions of a query (``_all`` when nothing is grouped by)."""
    if not names:
        return "0 as _all"
    return ", ".join(f"{year} as year" if n == "year" else n for n in names)


def _group_by(names: list[str]) -> str:
    return ", ".join(str(i + 1) for i in range(max(len(names), 1)))


def _sum_sql(column: str, out: str, where: str | None = None) -> str:
    """Sum, count and qualifier mask of a quantity (as ``Groups.sum_with_qualifier``)."""
    f = f" filter (where {where})" if where else ""
    return (
        f"sum({column}){f} as {out}, count({column}){f} as {out}_n, "
        f"bit_or(qbits({column}, {column}_qualifier)){f} as {out}_mask"
    )


def _qualifiers(agg: pd.DataFrame, out: str, missing: str | None = "at_least") -> None:
    """``<out>_qualifier`` and ``<out>_known_qualifier`` from the SQL's ``<out>_mask``."""
    masks = agg.pop(f"{out}_mask").fillna(0).astype("int64")
    empty = (masks == 0).to_numpy()
    agg[f"{out}_qualifier"] = mask_qualifier(masks, missing=missing).where(~empty).to_numpy()
    agg[f"{out}_known_qualifier"] = mask_qualifier(masks, missing=None).where(~empty).to_numpy()
    agg[f"{out}_n"] = agg[f"{out}_n"].fillna(0).astype("int64")


def _as_ledger_keys(
    agg: pd.DataFrame, names: list[str], categories: dict[str, list]
) -> pd.DataFrame:
    """Key columns typed as the pandas engine types them, then sorted as it sorts them.

    ``categories``: the table's categorical columns with their categories (their order is
    the groups' order); other text keys are sorted.
    """
    for name in names:
        if name == "year":
            agg[name] = pd.array(agg[name], dtype="Int64")
        elif name in categories:
            agg[name] = pd.Categorical(agg[name], categories=categories[name])
        else:
            values = agg[name].astype("object")
            agg[name] = pd.Categorical(values, categories=sorted(values.dropna().unique()))
    if names:
        agg = agg.sort_values(names, kind="stable", na_position="last")
    return agg.reset_index(drop=True)


class DuckDBEngine:
    """The funnel, deal values, 5G coverage, budget and engagement families in DuckDB.

    The tables are copied into DuckDB once (``from_ledger``) or read from one Parquet file
    per table (``from_parquet``); the deals join is built once and shared by the families
    that need it. Each family returns the same long table as its pandas twin (keys +
    measure, value, unit, qualifier), qualifiers included: DuckDB sums the rows and ORs
    their qualifier bits, and the per-group finish is the pandas engine's own.

    Examples:
        >>> from analysis.devtools.synthetic import make_ledger
        >>> engine = DuckDBEngine.from_ledger(Ledger(**make_ledger(1, n_events=20,
        ...     n_signings=50, n_cases=20, n_divisions=5)))
        >>> out = engine.funnel(by="year")
        >>> out[out.measure == "deals_intention"]["value"].sum()
        np.float64(50.0)
    """

    def __init__(
        self, con, categories: dict[str, dict[str, list]], threads: int | None = None
    ) -> None:
        self.con = con
        #: table → categorical column → categories, as the pandas engine sees the table.
        self.categories = categories
        #: The budget lines as loaded, when the engine was made from a ledger.
        self.budget_lines: pd.DataFrame | None = None
        if threads is not None:
            con.execute(f"set threads = {int(threads)}")
        con.execute(QBITS_MACRO)
        masks = pd.Series(np.arange(1 << 5))
        lookup = pd.DataFrame({"mask": masks, "qualifier": mask_qualifier(masks)})
        lookup.loc[0, "qualifier"] = None
        con.register("_qualifier_of_mask_frame", lookup)
        con.execute("create or replace temp table _qualifier_of_mask as "
                    "select * from _qualifier_of_mask_frame")  # fmt: skip
        con.unregister("_qualifier_of_mask_frame")
        self._deals = False

    @classmethod
    def from_ledger(cls, ledger: Ledger, threads: int | None = None) -> DuckDBEngine:
        """An engine over a loaded ledger's tables (copied into DuckDB's storage once)."""
        duckdb = _duckdb()
        con = duckdb.connect()
        categories = {}
        for name in LEDGER_TABLES:
            frame = getattr(ledger, name)
            categories[name] = {
                c: list(frame[c].cat.categories)
                for c in frame.columns
                if isinstance(frame[c].dtype, pd.CategoricalDtype)
            }
            if frame.empty and not len(frame.columns):
                frame = empty_table(name)
            # _pos: the row order, which breaks ties as the pandas engine's stable sorts do.
            con.register("_frame", frame.assign(_pos=np.arange(len(frame), dtype="int64")))
            con.execute(f"create table {name} as select * from _frame")
            con.unregister("_frame")
        engine = cls(con, categories, threads)
        engine.budget_lines = ledger.budget
        return engine

    @classmethod
    def from_parquet(cls, folder: Path, threads: int | None = None) -> DuckDBEngine:
        """An engine over ``<table>.parquet`` files in ``folder``, one per ledger table."""
        duckdb = _duckdb()
        con = duckdb.connect()
        categories = {}
        for name in LEDGER_TABLES:
            # Categorical columns come back as text: their categories are the loader's.
            loaded = empty_table(name)
            categories[name] = {
                c: list(loaded[c].cat.categories)
                for c in loaded.columns
                if isinstance(loaded[c].dtype, pd.CategoricalDtype)
            }
            path = str(Path(folder) / f"{name}.parquet").replace("'", "''")
            con.execute(
                f"create table {name} as select * exclude (file_row_number), "
                f"file_row_number as _pos from read_parquet('{path}', file_row_number = true)"
            )
        return cls(con, categories, threads)

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def _frame(self, query: str) -> pd.DataFrame:
        return self.con.execute(query).df()

    # ------------------------------------------------------------------ deals

    def deals(self) -> None:
        """Build the deals table if it is not built yet (see ``build_deals``)."""
        if not self._deals:
            self.build_deals()

    def build_deals(self) -> None:
        """Build the deals table, after checking every conversion names one signing.

        Raises:
            IndicatorInputError: as ``deal_stages``.
        """
        self.con.execute(LANDED_TABLE)
        self.con.execute(DEALS_TABLE)
        named, distinct, matched = self.con.execute(MATCH_COUNTS).fetchone()
        if distinct < named:
            self._orphans()
        if matched > distinct:
            self._repeated()
        self._deals = True

    def _orphans(self) -> None:
        orphans = self._frame(
            "select coalesce(signing_id::varchar, '') as id from _landed l where not exists "
            "(select 1 from signings s where s.signing_id = l.signing_id) order by 1"
        )["id"].tolist()
        raise IndicatorInputError(
            f"转化落地表中 {len(orphans)} 个签约编号在签约表中不存在（{', '.join(orphans[:5])}）: "
            "each conversion must name a signing_id of the signings table"
        )

    def _repeated(self) -> None:
        repeated = self._frame(
            "select signing_id from signings where signing_id in "
            "(select signing_id from _landed) group by 1 having count(*) > 1 "
            "order by 1 limit 5"
        )["signing_id"].tolist()
        raise IndicatorInputError(
            f"签约表中签约编号重复（{', '.join(map(str, repeated))}）: signing_id must be unique"
        )

    # ------------------------------------------------------------------ families

    def funnel(self, by: str | Sequence[str] = ("programme", "year")) -> pd.DataFrame:
        """``funnel`` of the ledger (``by`` among ``FUNNEL_DIMENSIONS``)."""
        names = _names(by, FUNNEL_DIMENSIONS, "funnel")
        self.deals()
        keys = _select_keys(names, "year_filled")
        agg = self._frame(f"""
            select {keys}, count(*) as deals_intention,
                   count(*) filter (where signed) as deals_signed,
                   count(*) filter (where converted) as deals_converted,
                   quantile_cont(days, 0.25) as days_to_conversion_q1,
                   quantile_cont(days, 0.5) as days_to_conversion_median,
                   quantile_cont(days, 0.75) as days_to_conversion_q3
            from deals group by {_group_by(names)}
        """)
        if agg.empty:
            return empty_long(names or ["_all"])
        agg = _as_ledger_keys(agg, names, self.categories["signings"])
        return finish_funnel(agg, names or ["_all"])

    def deal_values(self, by: str | Sequence[str] = ("programme", "year")) -> pd.DataFrame:
        """``deal_values`` of the ledger's signed deals (``by`` as ``funnel``)."""
        names = _names(by, FUNNEL_DIMENSIONS, "deal_values")
        self.deals()
        keys = _select_keys(names, "year_filled")
        match = " and ".join(f"m.{k} is not distinct from t.{k}" for k in names or ["_all"])
        group = _group_by(names)
        partition = ", ".join(names) or "1"
        agg = self._frame(f"""
            with signed as (
                select {keys}, value, value_qualifier, converted, converted_value,
                       converted_value_qualifier, _pos
                from deals where signed
            ), ranked as (
                select *, row_number() over (
                           partition by {partition} order by value desc, _pos) as rank,
                       count(*) over (partition by {partition}) as n
                from signed where value is not null
            ), top as (
                select {", ".join(names) or "_all"},
                       sum(value) filter (where rank <= ceil({TOP_SHARE} * n))
                         as top_sum,
                       sum(value) as known_sum,
                       bit_or(qbits(value, value_qualifier))
                         filter (where rank <= ceil({TOP_SHARE} * n))
                         as top_mask,
                       bit_or(qbits(value, value_qualifier)) as known_mask
                from ranked group by {group}
            ), main as (
                select {", ".join(names) or "_all"}, {_sum_sql("value", "deal_value")},
                       quantile_cont(value, 0.25) as deal_value_q1,
                       quantile_cont(value, 0.5) as deal_value_median,
                       quantile_cont(value, 0.75) as deal_value_q3,
                       {_sum_sql("converted_value", "converted_value", "converted")}
                from signed group by {group}
            )
            select m.*, t.top_sum, t.known_sum, t.top_mask, t.known_mask
            from main m left join top t on {match}
        """)
        if agg.empty:
            return empty_long(names or ["_all"])
        _qualifiers(agg, "deal_value")
        _qualifiers(agg, "converted_value")
        shares = _top_shares(agg)
        agg = agg.assign(**shares)
        agg = _as_ledger_keys(agg, names, self.categories["signings"])
        return finish_deal_values(agg, names or ["_all"])

    def engagement(self, by: str | Sequence[str] = ("programme", "year")) -> pd.DataFrame:
        """``engagement`` of the ledger's events (``by`` among ``ENGAGEMENT_DIMENSIONS``)."""
        names = _names(by, ENGAGEMENT_DIMENSIONS, "engagement")
        present = list(QUANTITIES)
        sums = ", ".join(_sum_sql(q, q) for q in present)
        agg = self._frame(f"""
            select {_select_keys(names)}, count(*) as events_held, {sums}
            from events group by {_group_by(names)}
        """)
        for q in present:
            _qualifiers(agg, q)
        agg = _as_ledger_keys(agg, names, self.categories["events"])
        return finish_engagement(agg, names or ["_all"], present)

    def events_held(self, by: Sequence[str]) -> pd.DataFrame:
        """Only ``events_held`` of ``engagement`` (as rollup counts events per type)."""
        names = _names(by, ENGAGEMENT_DIMENSIONS, "engagement")
        agg = self._frame(f"""
            select {_select_keys(names)}, count(*) as events_held
            from events group by {_group_by(names)}
        """)
        agg = _as_ledger_keys(agg, names, self.categories["events"])
        agg["events_held_qualifier"] = "exact"
        return to_long(agg, names or ["_all"], ["events_held"])

    def fiveg_coverage(
        self, by: str | Sequence[str] = ("programme",), *, divisions: pd.DataFrame | None = None
    ) -> pd.DataFrame:
        """``fiveg_coverage`` of the ledger's 5G cases (``by`` among ``FIVEG_DIMENSIONS``)."""
        names = _names(by, FIVEG_DIMENSIONS, "fiveg_coverage")
        reference = bundled_divisions() if divisions is None else divisions
        self._division_lookup(reference)
        # The cases table has no date: its year is the year column alone.
        keys = _select_keys(names, "year").replace("section", "d.section")
        pilot = "national_pilot"
        agg = self._frame(f"""
            select {keys}, count(*) as fiveg_cases,
                   count(distinct d.division) as fiveg_divisions_covered,
                   sum({pilot}::int) as fiveg_national_pilots,
                   count({pilot}) as fiveg_national_pilots_n,
                   bit_or(case when {pilot} is null then {MISSING} else {BITS["exact"]} end)
                     as fiveg_national_pilots_mask
            from fiveg_cases c left join _divisions d on d.raw = c.division_code::varchar
            group by {_group_by(names)}
        """)
        agg["fiveg_national_pilots"] = agg["fiveg_national_pilots"].astype("float64")
        _qualifiers(agg, "fiveg_national_pilots")
        agg = _as_ledger_keys(agg, names, self.categories["fiveg_cases"])
        if agg.empty:
            return empty_long(names or ["_all"])
        return finish_fiveg(agg, names or ["_all"], reference)

    def _division_lookup(self, reference: pd.DataFrame) -> None:
        """The table ``_divisions``: each raw division code → two-digit division, section."""
        raw = self._frame(
            "select distinct division_code::varchar as raw from fiveg_cases "
            "where division_code is not null"
        )["raw"]
        codes = division_codes(raw.astype("object"))
        sections = _sections(codes, reference)  # raises on unknown codes
        lookup = pd.DataFrame(
            {
                "raw": raw.astype("object"),
                "division": codes.astype("object"),
                "section": sections.astype("object"),
            }
        )
        self.con.register("_divisions_frame", lookup)
        self.con.execute("create or replace temp table _divisions as "
                         "select * from _divisions_frame")  # fmt: skip
        self.con.unregister("_divisions_frame")

    def budget_execution(
        self, by: str | Sequence[str] = ("programme",), *, basis: str = "spent"
    ) -> pd.DataFrame:
        """``budget_execution`` of the ledger: the budget lines (a few rows) are read back and
        finished as the pandas engine does; the outputs that costs are divided by
        (attendees, signed deals, deal value) are aggregated in DuckDB."""
        _check_basis(basis)
        lines = self.budget_lines
        if lines is None:
            lines = _typed(self._frame("select * exclude (_pos) from budget"), "budget")
        return ledger_budget_execution(
            Ledger(budget=lines), by, basis, None, outputs=self._budget_outputs
        )

    def _budget_outputs(self, keys: list[str]) -> pd.DataFrame:
        names = public_keys(keys)
        self.deals()
        attendees = self._frame(f"""
            select {_select_keys(names)}, {_sum_sql("attendees_onsite", "attendees_onsite")}
            from events group by {_group_by(names)}
        """)
        _qualifiers(attendees, "attendees_onsite")
        value = self._frame(f"""
            select {_select_keys(names, "year_filled")}, {_sum_sql("value", "deal_value")},
                   count(*)::double as deals_signed
            from deals where signed group by {_group_by(names)}
        """)
        _qualifiers(value, "deal_value")
        value["deals_signed_qualifier"] = "exact"
        attendees = _as_ledger_keys(attendees, names, self.categories["events"])
        value = _as_ledger_keys(value, names, self.categories["signings"])
        on = names or ["_all"]
        for frame in (attendees, value):
            for name in names:
                frame[name] = frame[name].astype("object") if name != "year" else frame[name]
        return attendees.merge(value, on=on, how="outer")


def _typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A table read back from DuckDB with the loader's dtypes (as the Parquet files had)."""
    dtypes = empty_table(table).dtypes
    return pd.DataFrame(
        {name: frame[name].astype(dtype) for name, dtype in dtypes.items() if name in frame}
    )


def _top_shares(agg: pd.DataFrame) -> dict[str, object]:
    """``top10_share`` and its qualifier from the top and known sums and masks."""
    masks = [agg.pop(c).fillna(0).astype("int64") for c in ("top_mask", "known_mask")]
    # A group without known values has no qualifier bits: read it as exact (its share is NaN).
    top_q, total_q = (mask_qualifier(m.where(m != 0, 1)) for m in masks)
    share = safe_ratio(agg.pop("top_sum"), agg.pop("known_sum"), 100)
    return {
        "top10_share": share.to_numpy(),
        "top10_share_qualifier": ratio_qualifier(top_q, total_q).to_numpy(),
    }


def _duckdb():
    try:
        import duckdb
    except ImportError as exc:  # an optional extra
        raise UserError(
            "--engine duckdb 需要安装 duckdb: pip install 'kechuang-eval[duckdb]' "
            "(the duckdb engine is an optional extra)"
        ) from exc
    return duckdb
