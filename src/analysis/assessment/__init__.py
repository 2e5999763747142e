"""Performance self-assessment (绩效自评): targets, scoring rules, the scored form."""

from analysis.assessment.assess import Assessment, Budget, assess
from analysis.assessment.rules import Rules
from analysis.assessment.score import evaluate, score_indicator
from analysis.assessment.targets import Actual, Target, parse_actual, parse_target

__all__ = [
    "Actual",
    "Assessment",
    "Budget",
    "Rules",
    "Target",
    "assess",
    "evaluate",
    "parse_actual",
    "parse_target",
    "score_indicator",
]
