"""The scoring rule options of a self-assessment, gathered in one frozen config object."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Literal

from analysis.errors import UserError

LeRule = Literal["ratio", "linear"]
Rounding = Literal["round2", "truncate2", "integer"]
OverTarget = Literal["flag", "deduct"]
NotApplicable = Literal["error", "drop"]
ExecutionBase = Literal["full_year", "initial"]

#: Caps on the total by budget execution rate (预算管理一体化平台 2022 manual, see
#: docs/assessment.md): (rate below which the cap applies, highest total), tightest last.
EXECUTION_CAPS = ((0.8, 89.0), (0.7, 79.0), (0.6, 69.0), (0.5, 59.0))

#: Qualitative bands of 财预〔2020〕10号 practice: band → (lowest, highest) share of the weight.
DEFAULT_BANDS = MappingProxyType({"achieved": (0.8, 1.0), "partly": (0.6, 0.8), "not": (0.0, 0.6)})

#: Chinese labels of the qualitative bands.
BAND_LABELS = MappingProxyType({"achieved": "达到", "partly": "部分达到", "not": "未达到"})

#: Grade labels from best to worst; ``Rules.grade_bounds`` gives the lower bound of the first three.
GRADES = ("优", "良", "中", "差")


@dataclass(frozen=True)
class Rules:
    """Every option of the scoring rules (defaults follow ``shared/domain.md``).

    Attributes:
        le_rule: How a "lower is better" indicator above target is scored:
            ``ratio`` = weight × target ÷ actual (default); ``linear`` =
            weight × (1 − (actual − target) ÷ target), reaching 0 at twice the target.
        rounding: How points are rounded: ``round2`` (half up to 2 decimals, default),
            ``truncate2`` (cut to 2 decimals) or ``integer`` (half up to a whole point).
        grade_bounds: Lowest total for 优, 良 and 中; below the last is 差.
        budget_weight: Points of the budget-execution line (default 10).
        total_weight: What budget weight plus indicator weights must add up to.
        overachievement_flag: Actual ÷ target at or above which a row is flagged
            as "target possibly set too low" (default 1.3).
        qualitative_bands: Band → (lowest, highest) share of the weight.
        qualitative_position: Where inside its band a qualitative row lands when
            the evaluator gave no share: 1.0 = top of the band, 0.0 = bottom.
        late_share: Share of the weight a missed deadline keeps (default 0).
        over_target: What an actual at or above ``overachievement_flag`` × target does:
            ``flag`` (default) asks for a reason; ``deduct`` also takes
            ``over_target_points`` off the row.
        over_target_points: Points deducted under ``over_target="deduct"`` (default 2).
        execution_caps: ``(rate below, highest total)`` pairs capping the total by the
            budget execution rate; empty (default) for no caps, ``EXECUTION_CAPS`` for the
            2022 platform manual's.
        reason_over_target: A written reason is required (flagged, marked on the form) for
            an actual at or above ``overachievement_flag`` × target.
        reason_rate_below: A written budget reason is required when the execution rate is
            below this (``None`` = never).
        not_applicable: A row marked 不适用: ``error`` (default) or ``drop`` it and rescale
            the other indicator weights to ``total_weight − budget_weight``.
        execution_base: What the execution rate divides by: ``full_year`` (全年预算数, the
            Sichuan form's 调整后预算数; default) or ``initial`` (年初预算数).

    Examples:
        >>> Rules().grade(89.995), Rules(rounding="truncate2").grade(89.995)
        ('优', '良')
    """

    le_rule: LeRule = "ratio"
    rounding: Rounding = "round2"
    grade_bounds: tuple[float, float, float] = (90.0, 80.0, 60.0)
    budget_weight: float = 10.0
    total_weight: float = 100.0
    overachievement_flag: float = 1.3
    qualitative_bands: MappingProxyType = field(default_factory=lambda: DEFAULT_BANDS)
    qualitative_position: float = 1.0
    late_share: float = 0.0
    over_target: OverTarget = "flag"
    over_target_points: float = 2.0
    execution_caps: tuple[tuple[float, float], ...] = ()
    reason_over_target: bool = False
    reason_rate_below: float | None = None
    not_applicable: NotApplicable = "error"
    execution_base: ExecutionBase = "full_year"

    def __post_init__(self) -> None:
        if self.le_rule not in ("ratio", "linear"):
            raise UserError(f"规则 le_rule 只能是 ratio 或 linear，收到 {self.le_rule!r}")
        if self.rounding not in ("round2", "truncate2", "integer"):
            raise UserError(
                f"规则 rounding 只能是 round2、truncate2 或 integer，收到 {self.rounding!r}"
            )
        bounds = tuple(float(b) for b in self.grade_bounds)
        if len(bounds) != 3 or not bounds[0] > bounds[1] > bounds[2]:
            raise UserError(f"规则 grade_bounds 须为三个递减的分数线，收到 {self.grade_bounds!r}")
        object.__setattr__(self, "grade_bounds", bounds)
        object.__setattr__(
            self, "qualitative_bands", MappingProxyType(dict(self.qualitative_bands))
        )
        if set(self.qualitative_bands) != set(DEFAULT_BANDS):
            raise UserError("规则 qualitative_bands 须给出 achieved、partly、not 三档")
        for band, (low, high) in self.qualitative_bands.items():
            if not 0.0 <= low <= high <= 1.0:
                raise UserError(f"规则 qualitative_bands[{band!r}] 须满足 0 ≤ 下限 ≤ 上限 ≤ 1")
        if not 0.0 <= self.qualitative_position <= 1.0:
            raise UserError("规则 qualitative_position 须在 0 与 1 之间")
        if not 0.0 <= self.late_share <= 1.0:
            raise UserError("规则 late_share 须在 0 与 1 之间")
        choices = {
            "over_target": ("flag", "deduct"),
            "not_applicable": ("error", "drop"),
            "execution_base": ("full_year", "initial"),
        }
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise UserError(
                    f"规则 {name} 只能是 {'、'.join(allowed)}，收到 {getattr(self, name)!r}"
                )
        if not self.over_target_points >= 0:
            raise UserError("规则 over_target_points 须为非负数")
        if not self.overachievement_flag > 1.0:
            raise UserError("规则 overachievement_flag 须大于 1（如 1.3 表示 130%）")
        caps = tuple((float(rate), float(cap)) for rate, cap in self.execution_caps)
        object.__setattr__(self, "execution_caps", tuple(sorted(caps, reverse=True)))
        if self.reason_rate_below is not None and not 0 < self.reason_rate_below <= 1.5:
            raise UserError("规则 reason_rate_below 须为执行率，如 0.9")

    def with_options(self, **changes: object) -> Rules:
        """Return a copy with some options changed (``None`` values are ignored).

        Examples:
            >>> Rules().with_options(le_rule="linear", rounding=None).le_rule
            'linear'
        """
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def round(self, points: float) -> float:
        """Round ``points`` by the rounding policy.

        The number is read through its shortest decimal form and cleared of float
        noise below 1e-9, so ``89.995`` is treated as the decimal the user sees.

        Examples:
            >>> [Rules(rounding=r).round(89.995) for r in ("round2", "truncate2", "integer")]
            [90.0, 89.99, 90.0]
        """
        # Clear binary noise first (3 × 9 ÷ 30 is 0.8999999999999999 as a float), so that
        # truncation cuts the decimal the arithmetic meant, not the float below it.
        exact = Decimal(repr(float(points))).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)
        if self.rounding == "round2":
            return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        if self.rounding == "truncate2":
            return float(exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN))
        return float(exact.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    def cap(self, rate: float | None) -> float | None:
        """The highest total allowed at execution ``rate`` (``None`` when uncapped).

        Examples:
            >>> r = Rules(execution_caps=EXECUTION_CAPS)
            >>> [r.cap(x) for x in (0.85, 0.75, 0.65, 0.55, 0.45)]
            [None, 89.0, 79.0, 69.0, 59.0]
        """
        if rate is None:
            return None
        caps = [cap for below, cap in self.execution_caps if rate < below]
        return min(caps) if caps else None

    def grade(self, total: float) -> str:
        """Return the grade (优/良/中/差) of a total, rounded by the policy first.

        Examples:
            >>> [Rules().grade(t) for t in (90, 89.99, 80, 79.99, 60, 59.99)]
            ['优', '良', '良', '中', '中', '差']
        """
        rounded = self.round(total)
        for label, bound in zip(GRADES, self.grade_bounds, strict=False):
            if rounded >= bound:
                return label
        return GRADES[-1]


#: Named combinations of options (``--rules NAME``); each source is in docs/assessment.md.
PRESETS = MappingProxyType(
    {
        # 财预〔2020〕10号: the defaults.
        "central": MappingProxyType({}),
        # Guangxi: 偏差原因 mandatory at ≥ 130% of target.
        "guangxi": MappingProxyType({"reason_over_target": True}),
        # 2022 manual of a 预算管理一体化平台: −2 points at ≥ 130%, total capped by 执行率.
        "platform-2022": MappingProxyType(
            {"over_target": "deduct", "execution_caps": EXECUTION_CAPS}
        ),
        # Sichuan 部门预算项目支出绩效自评表 (510000_0013zp): reason required below 90% 执行率.
        "sichuan": MappingProxyType({"reason_rate_below": 0.9}),
    }
)


def preset(name: str) -> Rules:
    """The rules of a named preset (``central``, ``guangxi``, ``platform-2022``, ``sichuan``).

    Raises:
        UserError: an unknown name.

    Examples:
        >>> preset("platform-2022").over_target, preset("central") == Rules()
        ('deduct', True)
    """
    if name not in PRESETS:
        raise UserError(f"未知的规则组合“{name}”：可选 {'、'.join(PRESETS)}")
    return Rules(**PRESETS[name])
