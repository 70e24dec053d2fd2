"""The setting that decides whether the final assessment opens before the modules are done
(`assessment_after_modules`), its default, its mistakes, and how it reaches the browser's course map."""

from pathlib import Path

import pytest

from procurement_course.course.coursemap import PageFacts, build_map
from procurement_course.course.settings import load_course_settings
from procurement_course.source import SourceErrors

BASE = """\
sphinx:
  config:
    course:
{extra}      modules:
        - id: basics
          title: Basics
          pages: [book/a]
"""


def settings(tmp_path: Path, extra: str = ""):
    (tmp_path / "_config.yml").write_text(BASE.format(extra=extra))
    return load_course_settings(tmp_path)


def test_the_assessment_waits_for_the_modules_by_default_and_the_map_says_so(tmp_path):
    s = settings(tmp_path)
    assert s.assessment_after_modules is True
    course, errors = build_map(s, {"book/a": PageFacts("A", 100, ("q",), ("case",))}, {"q": 4}, {}, "T")
    assert errors == []
    assert course["assessment"]["afterModules"] is True
    assert course["modules"][0]["casePage"] == "book/a"  # the page whose status waits for the case


def test_an_author_can_open_it_at_any_time(tmp_path):
    s = settings(tmp_path, "      assessment_after_modules: false\n")
    course, _ = build_map(s, {"book/a": PageFacts("A", 100, ("q",))}, {"q": 4}, {}, "T")
    assert course["assessment"]["afterModules"] is False and course["modules"][0]["casePage"] is None


def test_a_value_that_is_not_true_or_false_is_named_with_its_line(tmp_path):
    with pytest.raises(SourceErrors) as caught:
        settings(tmp_path, "      assessment_after_modules: sometimes\n")
    message = str(caught.value)
    assert "_config.yml:4:" in message and "assessment_after_modules" in message and "'sometimes'" in message
    assert "Write true" in message
