"""Scenario model and validator: the course's scenarios load; every malformed file is rejected clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procurement_course.scenarios.load import ilo_indicator_names, load_course_scenarios, load_scenarios, main
from procurement_course.source import SourceErrors

ROOT = Path(__file__).resolve().parents[1]
MALFORMED = sorted((ROOT / "tests" / "fixtures" / "malformed_scenarios").glob("*.yml"))
SAMPLE = ROOT / "tests" / "fixtures" / "quiz_site" / "scenarios" / "sample.yml"
INDICATORS = ilo_indicator_names(ROOT / "data")
EXHIBITS = {"cleaning-hours", "cleaning-overlaps"}  # explicit, so this test does not depend on the data


def test_the_course_scenarios_are_valid():
    bank = load_course_scenarios(ROOT)
    for sc in bank.scenarios.values():
        assert len(sc.endings) >= 2
        assert len(sc.longest_path()) - 1 >= 3
        assert sc.endings_reachable() == {e.id for e in sc.endings}


def test_sample_scenario_paths_all_end_in_a_debrief():
    sc = load_scenarios([SAMPLE], None, EXHIBITS, INDICATORS)["sample-case"]
    assert sc.longest_path() in (["first", "second", "third", "better-end"], ["first", "warned", "third", "better-end"])
    assert sc.path_to("poor-end") == ["first", "warned", "poor-end"]
    assert sc.path_to("third") == ["first", "warned", "third"]
    assert sc.endings_reachable() == {"better-end", "poor-end"} and sc.find_loop() is None
    assert sc.ending("better-end").indicators == ("Withholding of wages", "Excessive overtime")


def test_eleven_ilo_indicators_are_known():
    assert len(INDICATORS) == 11 and "Debt bondage" in INDICATORS


@pytest.mark.parametrize("path", MALFORMED, ids=[p.name for p in MALFORMED])
def test_malformed_scenario_is_rejected_with_file_line_and_field(path: Path):
    expected = path.read_text().splitlines()[0].split("# expect: ", 1)[1]
    with pytest.raises(SourceErrors) as caught:
        load_scenarios([path], None, EXHIBITS, INDICATORS, root=path.parent)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith(expected) for m in messages), f"expected {expected!r} in:\n" + "\n".join(messages)
    assert all(re.match(r"^[\w./-]+\.yml:\d+: ", m) for m in messages)


def test_command_line_check(capsys):
    assert main([str(MALFORMED[0]), "--root", str(ROOT)]) == 1
    assert ".yml:" in capsys.readouterr().out
