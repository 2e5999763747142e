"""How firm a self-assessment's grade is: re-scored under rule presets and seeded changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.assessment.assess import Assessment
from analysis.assessment.rules import GRADES, PRESETS, Rules, preset
from analysis.assessment.score import evaluate, rule_points
from analysis.assessment.targets import parse_actual, parse_target

#: Seed of the random changes unless one is given (the same seed gives the same numbers).
SEED = 20240601
#: Default relative change of each weight before the block is scaled back to its total.
WEIGHT_SPREAD = 0.2


@dataclass(frozen=True)
class Sensitivity:
    """What ``sensitivity`` found.

    Attributes:
        presets: One row per rule preset: ``preset``, ``total``, ``grade`` (weights and
            qualitative positions as on the form).
        draws: One row per random draw: ``draw``, ``preset``, ``total``, ``grade``.
        grades: Share of the draws in each grade (优, 良, 中, 差), in that order.
        indices: One row per factor group: ``factor``, ``first_order`` and ``total_order``
            Sobol indices of the total (``NaN`` where the total does not vary).
        total: The total on the form.
        seed: The seed used.
        spread: The relative change of each weight.
    """

    presets: pd.DataFrame
    draws: pd.DataFrame
    grades: pd.Series
    indices: pd.DataFrame
    total: float
    seed: int
    spread: float

    @property
    def low(self) -> float:
        """Lowest total over the presets and the draws."""
        return float(min(self.presets["total"].min(), self.draws["total"].min()))

    @property
    def high(self) -> float:
        """Highest total over the presets and the draws."""
        return float(max(self.presets["total"].max(), self.draws["total"].max()))

    @property
    def strongest(self) -> str | None:
        """The factor group with the largest total-order index, ``None`` when nothing varies."""
        ranked = self.indices.dropna(subset=["total_order"])
        if ranked.empty or float(ranked["total_order"].max()) <= 0:
            return None
        return str(ranked.loc[ranked["total_order"].idxmax(), "factor"])


@dataclass(frozen=True)
class _Line:
    """One indicator, parsed once."""

    level1: str
    weight: float
    target: object
    actual: object
    qualitative_free: bool  # a qualitative row whose position inside its band is a choice


def _lines(assessment: Assessment) -> list[_Line]:
    lines = []
    for row in assessment.rows.itertuples(index=False):
        direction = getattr(row, "direction", None) or None
        target = parse_target(row.target, direction)
        actual = parse_actual(row.actual, target)
        free = bool(target.qualitative and actual.share is None)
        lines.append(_Line(row.level1, float(row.weight), target, actual, free))
    return lines


def rescore(
    assessment: Assessment,
    rules: Rules,
    weights: np.ndarray | None = None,
    positions: np.ndarray | None = None,
) -> float:
    """The total of ``assessment`` under ``rules``, other weights or qualitative positions.

    Args:
        assessment: A scored assessment.
        rules: The rules to score under.
        weights: One weight per indicator row (default: the form's).
        positions: One position (0 = bottom, 1 = top of the band) per qualitative row
            without a stated share (default: ``rules.qualitative_position``).

    Examples:
        >>> from analysis.assessment.assess import Budget
        >>> rows = pd.DataFrame({"level1": ["产出指标", "效益指标"], "target": ["≥10场", "明显"],
        ...     "actual": ["8场", "部分达到"], "weight": [60.0, 30.0], "direction": ["ge", ""]})
        >>> a = Assessment("P", {}, rows, pd.DataFrame(), Budget(1, 1, 1, 10.0, 1.0, 10.0),
        ...     82.0, "良", pd.DataFrame())
        >>> rescore(a, Rules()), rescore(a, Rules(), positions=np.array([0.0]))
        (82.0, 76.0)
    """
    return _rescore(_lines(assessment), assessment, rules, weights, positions)


def _rescore(lines, assessment, rules, weights=None, positions=None) -> float:
    total = 0.0
    free = iter(() if positions is None else positions)
    for index, line in enumerate(lines):
        weight = line.weight if weights is None else float(weights[index])
        row_rules = rules
        if line.qualitative_free and positions is not None:
            row_rules = rules.with_options(qualitative_position=float(next(free)))
        total += rule_points(evaluate(line.target, line.actual, weight, None, row_rules), rules)
    rate = assessment.budget.rate
    budget = 0.0 if rate is None else min(rules.budget_weight * rate, rules.budget_weight)
    total = rules.round(total + rules.round(budget))
    cap = rules.cap(rate)
    return total if cap is None else rules.round(min(total, cap))


@dataclass(frozen=True)
class _Design:
    """What the draws change, worked out once: the rows of each 一级 block, the form's
    weights, how many qualitative positions are free, and the presets' names."""

    blocks: tuple[tuple[int, ...], ...]
    base: np.ndarray
    whole: bool
    free: int
    names: tuple[str, ...]

    @classmethod
    def of(cls, lines: list[_Line], presets: Mapping[str, Rules]) -> _Design:
        blocks: dict[str, list[int]] = {}
        for index, line in enumerate(lines):
            blocks.setdefault(line.level1, []).append(index)
        base = np.array([line.weight for line in lines])
        return cls(
            tuple(tuple(rows) for rows in blocks.values()),
            base,
            bool(np.all(base == np.round(base))),
            sum(line.qualitative_free for line in lines),
            tuple(presets),
        )

    def groups(self, lines: list[_Line]) -> list[tuple[str, int]]:
        """Factor groups: (name, number of factors), in sampling order."""
        groups = [
            (f"权重：{lines[rows[0]].level1}", len(rows)) for rows in self.blocks if len(rows) > 1
        ]
        if self.free:
            groups.append(("定性指标档内位置", self.free))
        if len(self.names) > 1:
            groups.append(("评分规则", 1))
        return groups


def _evaluate(sample, design: _Design, lines, assessment, presets, spread) -> tuple[float, str]:
    """Total and preset for one row of the sample matrix (weights, positions, preset)."""
    column = 0
    factors = np.ones(len(lines))
    for rows in design.blocks:
        if len(rows) > 1:
            factors[list(rows)] = 1.0 - spread + 2.0 * spread * sample[column : column + len(rows)]
            column += len(rows)
    weights = design.base * factors
    for rows in map(list, design.blocks):
        total = design.base[rows].sum()
        scaled = weights[rows].sum()
        if scaled > 0:
            weights[rows] *= total / scaled
        if design.whole:
            weights[rows] = _whole(weights[rows], round(float(total)))
    free = design.free
    positions = np.asarray(sample[column : column + free]) if free else None
    column += free
    names = design.names
    name = (
        names[min(int(sample[column] * len(names)), len(names) - 1)] if len(names) > 1 else names[0]
    )
    return _rescore(lines, assessment, presets[name], weights, positions), name


def _whole(weights: np.ndarray, total: int) -> np.ndarray:
    """Whole points adding up to ``total`` (largest remainders), as forms give weights.

    Examples:
        >>> _whole(np.array([10.4, 10.4, 9.2]), 30).tolist()
        [11.0, 10.0, 9.0]
    """
    floors = np.floor(weights)
    short = int(total - floors.sum())
    # Stable order: the largest remainder first, the earlier row on ties.
    order = sorted(range(len(weights)), key=lambda i: (-(weights[i] - floors[i]), i))
    for i in order[:short]:
        floors[i] += 1.0
    return floors


def default_presets(rules: Rules) -> dict[str, Rules]:
    """The rule choices to compare: the form's rules, every named preset, and the other
    choices for ≤ targets above target and for rounding; the same rules appear once.

    Examples:
        >>> list(default_presets(Rules()))
        ['表上规则', 'platform-2022', '超标（≤）线性扣分', '截断两位小数', '取整']
    """
    choices = {"表上规则": rules}
    choices.update({name: preset(name) for name in PRESETS})
    choices["超标（≤）线性扣分"] = rules.with_options(
        le_rule="linear" if rules.le_rule == "ratio" else "ratio"
    )
    choices["截断两位小数"] = rules.with_options(rounding="truncate2")
    choices["取整"] = rules.with_options(rounding="integer")
    kept: dict[str, Rules] = {}
    seen: list[Rules] = []
    for name, option in choices.items():
        # Presets that change only where a written reason is required score the same.
        scoring = replace(option, reason_over_target=False, reason_rate_below=None)
        if scoring not in seen:
            seen.append(scoring)
            kept[name] = option
    return kept


def sensitivity(
    assessment: Assessment,
    presets: Mapping[str, Rules] | None = None,
    *,
    draws: int = 2000,
    base_samples: int = 512,
    seed: int = SEED,
    spread: float = WEIGHT_SPREAD,
) -> Sensitivity:
    """Re-score ``assessment`` under each preset and under seeded random changes.

    The random changes are, for every draw: each indicator's weight times a factor drawn
    uniformly from 1 ± ``spread``, the weights of each level-1 block then scaled back to
    the block's total (so the split 产出/效益/满意度 stays as set); the position inside
    its band of every qualitative indicator without a stated share, uniform from bottom
    to top; and the preset, chosen uniformly. ``draws`` such changes give the range and
    the grade probabilities. Sobol indices (SALib, Saltelli's scheme with
    ``base_samples`` base rows, factor groups as above) tell which group of choices
    moves the total most: the first-order index is the share of the total's variance
    that group explains alone, the total-order index the share it takes part in.

    Examples:
        >>> from analysis.assessment.assess import Budget
        >>> rows = pd.DataFrame({"level1": ["产出指标", "产出指标", "效益指标"],
        ...     "target": ["≥10场", "≤5万元", "明显"], "actual": ["8场", "6万元", "部分达到"],
        ...     "weight": [30.0, 30.0, 30.0], "direction": ["ge", "le", ""]})
        >>> a = Assessment("P", {}, rows, pd.DataFrame(), Budget(1, 1, 1, 10.0, 1.0, 10.0),
        ...     83.0, "良", pd.DataFrame())
        >>> s = sensitivity(a, draws=200, base_samples=64)
        >>> s.presets["total"].tolist(), s.strongest
        ([83.0, 83.0, 82.0, 83.0, 83.0], '定性指标档内位置')
        >>> round(s.low, 2) >= 70 and s.high <= 90
        True
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    presets = dict(presets or default_presets(assessment.rules))
    lines = _lines(assessment)
    totals = {name: _rescore(lines, assessment, rules) for name, rules in presets.items()}
    table = pd.DataFrame(
        [(name, total, presets[name].grade(total)) for name, total in totals.items()],
        columns=["preset", "total", "grade"],
    )
    design = _Design.of(lines, presets)
    groups = design.groups(lines)
    width = sum(n for _, n in groups)
    rng = np.random.default_rng(seed)
    rows = []
    for draw in range(draws):
        if width:
            total, preset = _evaluate(rng.random(width), design, lines, assessment, presets, spread)
        else:
            total, preset = table.iloc[0, 1], design.names[0]
        rows.append((draw, preset, total, presets[preset].grade(total)))
    drawn = pd.DataFrame(rows, columns=["draw", "preset", "total", "grade"])
    shares = drawn["grade"].value_counts(normalize=True).reindex(list(GRADES), fill_value=0.0)

    if width and drawn["total"].nunique() > 1:
        problem = {
            "num_vars": width,
            "names": [f"x{i}" for i in range(width)],
            "bounds": [[0.0, 1.0]] * width,
            "groups": [name for name, n in groups for _ in range(n)],
        }
        matrix = sobol_sample.sample(problem, base_samples, calc_second_order=False, seed=seed)
        values = np.array(
            [_evaluate(row, design, lines, assessment, presets, spread)[0] for row in matrix]
        )
        result = sobol_analyze.analyze(
            problem, values, calc_second_order=False, seed=seed, print_to_console=False
        )
        indices = pd.DataFrame(
            {
                "factor": [name for name, _ in groups],
                "first_order": np.clip(np.asarray(result["S1"], dtype=float), 0.0, None),
                "total_order": np.clip(np.asarray(result["ST"], dtype=float), 0.0, None),
            }
        )
    else:
        indices = pd.DataFrame(
            {
                "factor": [name for name, _ in groups],
                "first_order": np.nan,
                "total_order": np.nan,
            }
        )
    return Sensitivity(table, drawn, shares, indices, assessment.total, seed, spread)


__all__ = ["SEED", "WEIGHT_SPREAD", "Sensitivity", "default_presets", "rescore", "sensitivity"]
