"""The toolkit's data: valid, each row with a source; every rule and conditional measure played;
a malformed file fails with its file, row and field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from harness import ROOT
from procurement_course.datasets.package import validate_package
from procurement_course.toolkit.load import ToolkitError, load_toolkit
from procurement_course.toolkit.model import LEVELS, QUESTIONS, Condition, screen
from procurement_course.toolkit.render import RENDERERS, checklist_items, tool_links_html

# A procurement in which no rule applies: every other profile below differs from it in one answer.
QUIET = {"sector": "other", "labour": "low", "tiers": "0", "agency": "no", "seasonal": "no", "posted": "no",
         "evening": "no", "remote": "no", "location": "finland", "months": "0", "value": "0", "price": "unknown",
         "findings": "no"}


@pytest.fixture(scope="module")
def kit():
    return load_toolkit(ROOT / "data")


def _meeting(c: Condition) -> str:
    return c.value.split(";")[-1] if c.test == "in" else c.value


def _missing(c: Condition) -> str | None:
    """An answer that does not meet the condition (None when every answer does)."""
    if c.test == "at_least":
        return str(float(c.value) - 1)
    wanted = c.value.split(";")
    return next((a for a in QUESTIONS[c.question] if a not in wanted), None)


def test_the_data_package_is_valid_with_the_toolkit():
    assert validate_package(ROOT / "data") == []


def test_every_row_cites_a_source_and_every_rate_a_date(kit):
    for row in kit.rules + kit.levels + kit.measures + kit.rates + kit.clauses + kit.checklist:
        assert len(row.source) >= 10, row
    for rate in kit.rates:
        assert rate.confidence in ("verified", "probable"), rate
        # A date: the period it is valid for, the source's date, or at least the year the source names.
        assert rate.valid_from or rate.source_date or re.search(r"\b(19|20)\d\d\b", rate.source), rate.id
    assert {lv.level for lv in kit.levels} == set(LEVELS)


def test_no_clause_says_annex_x(kit):
    assert all("Annex X" not in c.text for c in kit.clauses)
    assert any("Annex [n] to this contract" in c.text for c in kit.clauses)


def test_quiet_profile_scores_nothing(kit):
    result = screen(kit, QUIET)
    assert (result.points, result.level, result.reasons) == (0, "low", [])


def test_each_rule_is_played(kit):
    """Each rule fires on the answer it names, adds its points, and stays silent otherwise."""
    for rule in kit.rules:
        answers = dict(QUIET, **{rule.when.question: _meeting(rule.when)})
        result = screen(kit, answers)
        assert rule in result.reasons, rule.id
        assert result.points >= rule.points, rule.id
        other = _missing(rule.when)
        if other is not None:
            assert rule not in screen(kit, dict(QUIET, **{rule.when.question: other})).reasons, rule.id


def test_each_conditional_measure_is_played(kit):
    """A measure with a condition is proposed only when it holds (at the measure's level)."""
    high = dict(QUIET, sector="cleaning", labour="high", price="spread", findings="yes")
    assert screen(kit, high).level == "high"
    for m in (m for m in kit.measures if m.when):
        on = screen(kit, dict(high, **{m.when.question: _meeting(m.when)}))
        assert m in on.measures[m.phase], m.id
        other = _missing(m.when)
        if other is not None:
            off = screen(kit, dict(high, **{m.when.question: other}))
            assert m not in off.measures[m.phase], m.id


def test_the_issue_profiles(kit):
    evening_cleaning = dict(QUIET, sector="cleaning", labour="high", tiers="2", evening="yes", price="below")
    assert screen(kit, evening_cleaning).level == "high"
    assert screen(kit, dict(QUIET, labour="low", tiers="0")).level == "low"
    assert screen(kit, dict(QUIET, sector="construction", labour="medium")).level == "medium"


def test_the_course_teaches_every_linked_section(kit):
    labels = set()
    for page in (ROOT / "book").rglob("*.md"):
        labels |= {line[1:-2].lower() for line in page.read_text(encoding="utf-8").splitlines()
                   if line.startswith("(") and line.endswith(")=")}
    labels.add("indicators-where")
    load_toolkit(ROOT / "data", labels=labels)  # raises on a section that no page labels
    for item in checklist_items(kit):
        assert item["section"].lower() in labels, item


def test_every_tool_renders_with_its_hook(kit):
    link = lambda label: (f"x.html#{label}", label)  # noqa: E731
    hooks = {"risk-screen": "data-risk-screen", "price-check": "data-price-check",
             "clause-builder": "data-clause-builder", "visit-checklist": "data-visit-checklist"}
    for tool, render in RENDERERS.items():
        html = render(kit, link)
        assert hooks[tool] in html and "</script>" in html and "<script" in html
        assert html.count("<legend>") >= 2, "fieldsets with legends"
    links = tool_links_html("cleaning", {"risk-screen": "../tools/risk-screen.html"})
    assert 'href="../tools/risk-screen.html?sector=cleaning"' in links


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_malformed_rule_fails_the_package_check_with_file_row_and_field(data_copy: Path):
    rules = data_copy / "toolkit_risk_rules.csv"
    _replace(rules, "labour-high,labour,is,high,2,", "labour-high,labour,is,high,many,")
    _replace(rules, "agency,agency,is,yes,1,", "agency,agency,sometimes,yes,1,")
    messages = validate_package(data_copy)
    assert any(m.startswith("data/toolkit_risk_rules.csv:3: points:") for m in messages), messages
    assert any(m.startswith("data/toolkit_risk_rules.csv:7: test:") for m in messages), messages


def test_a_rule_that_cannot_be_met_fails_the_toolkit_check(data_copy: Path):
    rules = data_copy / "toolkit_risk_rules.csv"
    _replace(rules, "long-chain,tiers,at_least,2,", "long-chain,tiers,at_least,two,")
    _replace(rules, "sector-named,sector,in,cleaning;", "sector-named,sector,in,cleanin;")
    _replace(rules, "evening,evening,is,yes,", "evening,evening,at_least,1,")
    with pytest.raises(ToolkitError) as err:
        load_toolkit(data_copy)
    m = err.value.messages
    assert any(x.startswith("data/toolkit_risk_rules.csv:2: value: 'cleanin' is not an answer to 'sector'") for x in m), m
    assert any(x.startswith("data/toolkit_risk_rules.csv:6: value: 'two' is not a number") for x in m), m
    assert any(x.startswith("data/toolkit_risk_rules.csv:10: test: 'evening' is answered with a choice") for x in m), m


def test_other_toolkit_mistakes_are_reported(data_copy: Path):
    _replace(data_copy / "toolkit_clauses.csv", "stated in Annex [n] to this contract", "stated in Annex X")
    _replace(data_copy / "toolkit_risk_levels.csv", "high,6,", "high,2,")
    _replace(data_copy / "toolkit_measures.csv", "contractor-act,selection,low,value,at_least,9000,",
             "contractor-act,selection,low,value,,9000,")
    with pytest.raises(ToolkitError) as err:
        load_toolkit(data_copy, labels={"lever-directive"})
    m = err.value.messages
    assert any(x.startswith("data/toolkit_clauses.csv:2: text: 'Annex X'") for x in m), m
    assert any(x.startswith("data/toolkit_risk_levels.csv:3: min_points:") for x in m), m
    assert any(x.startswith("data/toolkit_measures.csv:3: test: a condition needs") for x in m), m
    assert any(x.startswith("data/toolkit_measures.csv:2: section: no section of the course is labelled 'lever-exclusion'")
               for x in m), m


@pytest.mark.parametrize("language,annex", [("fi", "tämän sopimuksen liite [n]"), ("sv", "bilaga [n] till detta avtal")])
def test_the_toolkit_in_finnish_and_swedish(kit, monkeypatch, language: str, annex: str):
    """The data's text and the forms' labels come from the catalogues (course-data, course-runtime):
    every text translated, ids, conditions, numbers and sources unchanged, and the clauses' annex
    written as the edition writes it."""
    from procurement_course.i18n.catalogue import gettext
    from procurement_course.toolkit.render import translated

    english = lambda text: text  # noqa: E731
    lookup = lambda text: gettext("course-data", text, language, ROOT)  # noqa: E731
    local = translated(kit, lookup)
    texts = [(r.reason, t.reason) for r, t in zip(kit.rules, local.rules)] + \
            [(m.text, t.text) for m, t in zip(kit.measures, local.measures)] + \
            [(r.label, t.label) for r, t in zip(kit.rates, local.rates)] + \
            [(c.text, t.text) for c, t in zip(kit.clauses, local.clauses)] + \
            [(i.text, t.text) for i, t in zip(kit.checklist, local.checklist)]
    untranslated = [en for en, there in texts if en == there]
    assert not untranslated, f"{language}: {untranslated[:3]}"
    assert [(r.id, r.when, r.points, r.source) for r in local.rules] == [(r.id, r.when, r.points, r.source) for r in kit.rules]
    assert [(r.id, r.value, r.unit, r.source) for r in local.rates] == [(r.id, r.value, r.unit, r.source) for r in kit.rates]
    assert translated(kit, english) == kit
    for clause, there in zip(kit.clauses, local.clauses):
        assert ("Annex [n] to this contract" in clause.text) == (annex in there.text), clause.id
    # The forms' labels: the page language's (the build sets COURSE_LANGUAGE; the root is found from here).
    monkeypatch.setenv("COURSE_LANGUAGE", language)
    monkeypatch.chdir(ROOT)
    link = lambda label: ("#", label)  # noqa: E731
    html = RENDERERS["risk-screen"](local, link) + RENDERERS["visit-checklist"](local, link)
    for english_label in ("Screen the procurement", "How much of the price is labour?", "Keep a draft on this device",
                          "Compare documents with reality", "Signs of: ", "Look for: "):
        assert english_label not in html, english_label
