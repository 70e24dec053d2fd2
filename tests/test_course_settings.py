"""Completion rules from _config.yml: defaults, the values an author sets, and mistakes named with line and field."""

from pathlib import Path

import pytest

from procurement_course.course.settings import load_course_settings
from procurement_course.source import SourceErrors

MODULES = """\
sphinx:
  config:
    course:
      pass_mark: 70
      tries: 3
      modules:
        - id: basics
          title: Basics
          pages: [book/a, book/b]
        - id: cleaning
          title: Cleaning
          pages: [book/c]
          required: false
          minutes: 25
"""


def settings(tmp_path: Path, text: str):
    (tmp_path / "_config.yml").write_text(text)
    return load_course_settings(tmp_path)


def mistakes(tmp_path: Path, text: str) -> str:
    with pytest.raises(SourceErrors) as caught:
        settings(tmp_path, text)
    return str(caught.value)


def test_without_course_settings_the_defaults_apply(tmp_path):
    s = settings(tmp_path, "title: A course\n")
    assert (s.pass_mark, s.tries, s.assessment_questions, s.modules) == (80, 2, 20, ())


def test_the_rules_an_author_sets_are_read(tmp_path):
    s = settings(tmp_path, MODULES)
    assert (s.pass_mark, s.tries, s.assessment_questions) == (70, 3, 20)
    assert [(m.id, m.pages, m.required, m.minutes, m.line) for m in s.modules] == [
        ("basics", ("book/a", "book/b"), True, None, 7),
        ("cleaning", ("book/c",), False, 25, 10),
    ]


def test_a_module_id_used_twice_is_named_with_its_line(tmp_path):
    out = mistakes(tmp_path, MODULES.replace("id: cleaning", "id: basics"))
    assert ("_config.yml:10: sphinx.config.course.modules[1].id: the module id 'basics' is already used by "
            "modules[0].") in out
    assert "Give every module its own id." in out


def test_a_page_in_two_modules_and_a_pass_mark_out_of_range_are_both_named(tmp_path):
    out = mistakes(tmp_path, MODULES.replace("[book/c]", "[book/b]").replace("pass_mark: 70", "pass_mark: 180"))
    assert "_config.yml:4: sphinx.config.course.pass_mark: expected a percentage, a whole number from 1 to 100, found '180'." in out
    assert "the page 'book/b' is already in the module 'basics'." in out


def test_former_pages_are_read_and_a_page_still_in_a_module_is_named(tmp_path):
    s = settings(tmp_path, MODULES.replace("          minutes: 25\n", "          minutes: 25\n          former_pages: [book/old]\n"))
    assert [m.former_pages for m in s.modules] == [(), ("book/old",)]
    out = mistakes(tmp_path, MODULES.replace("          minutes: 25\n", "          minutes: 25\n          former_pages: [book/a]\n"))
    assert "sphinx.config.course.modules[1].former_pages[0]: 'book/a' is a page of a module" in out
    out = mistakes(tmp_path, MODULES.replace("          minutes: 25\n", "          minutes: 25\n          former_pages: book/old\n"))
    assert "modules[1].former_pages: expected a list of pages the module used to be" in out
