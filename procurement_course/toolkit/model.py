"""The toolkit's data as Python objects, and the risk screen's scoring.

The screen's questions and the answers each accepts are fixed here, because the form and the
runtime are built around them; the rules that read them, their points and reasons are data."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTORS = {"cleaning": "Cleaning", "construction": "Construction and maintenance",
           "agriculture": "Agriculture and food", "catering": "Restaurants and catering"}
LEVELS = ("low", "medium", "high")
PHASES = {"selection": "Selection and exclusion", "award": "Award", "clauses": "Contract clauses",
          "management": "Contract management and audits"}
YES_NO = ("yes", "no")
# question -> the answers it accepts (None: a number)
QUESTIONS: dict[str, tuple[str, ...] | None] = {
    "sector": tuple(SECTORS) + ("other",),
    "labour": ("high", "medium", "low"),
    "tiers": None,
    "agency": YES_NO, "seasonal": YES_NO, "posted": YES_NO,
    "evening": YES_NO, "remote": YES_NO,
    "location": ("finland", "sweden", "abroad"),
    "months": None,
    "value": None,
    "price": ("unknown", "above", "below", "spread"),
    "findings": YES_NO,
}


@dataclass(frozen=True)
class Condition:
    question: str
    test: str   # is | in | at_least
    value: str

    def holds(self, answers: dict[str, str]) -> bool:
        answer = str(answers.get(self.question, "")).strip()
        if self.test == "at_least":
            try:
                return float(answer) >= float(self.value)
            except ValueError:
                return False  # an empty or unreadable number never triggers a rule
        if self.test == "in":
            return answer in [v.strip() for v in self.value.split(";")]
        return answer == self.value


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    points: int
    reason: str
    source: str
    line: int = 0


@dataclass(frozen=True)
class Level:
    level: str
    min_points: int
    meaning: str
    source: str


@dataclass(frozen=True)
class Measure:
    id: str
    phase: str
    from_level: str
    when: Condition | None
    text: str
    section: str
    source: str
    line: int = 0


@dataclass(frozen=True)
class Rate:
    id: str
    country: str
    sector: str
    kind: str
    label: str
    value: float
    unit: str
    valid_from: str | None
    valid_to: str | None
    source: str
    source_date: str
    confidence: str


@dataclass(frozen=True)
class Clause:
    id: str
    title: str
    purpose: str
    text: str
    country: str | None
    sectors: str | None
    preset: bool
    section: str
    source: str


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    sector: str
    group: str
    text: str
    section: str
    source: str


@dataclass
class Toolkit:
    rules: list[Rule] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    # sector -> [(pattern, related ILO indicators, source keys)] and the eleven ILO indicators
    patterns: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    indicators: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class Screening:
    points: int
    level: str
    reasons: list[Rule]
    measures: dict[str, list[Measure]]


def screen(toolkit: Toolkit, answers: dict[str, str]) -> Screening:
    """Score a planned procurement: every rule whose condition holds adds its points; the level is
    the highest whose ``min_points`` the score reaches; a measure applies from its level upwards
    when its own condition (if any) holds."""
    reasons = [r for r in toolkit.rules if r.when.holds(answers)]
    points = sum(r.points for r in reasons)
    level = "low"
    for lv in sorted(toolkit.levels, key=lambda lv: lv.min_points):
        if points >= lv.min_points:
            level = lv.level
    rank = LEVELS.index(level)
    measures: dict[str, list[Measure]] = {p: [] for p in PHASES}
    for m in toolkit.measures:
        if LEVELS.index(m.from_level) <= rank and (m.when is None or m.when.holds(answers)):
            measures[m.phase].append(m)
    return Screening(points, level, reasons, measures)
