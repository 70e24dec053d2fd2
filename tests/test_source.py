"""The one YAML loader (procurement_course.source): whatever shape a file takes, the checkers answer
with ``file:line: field: message``, never a traceback; and no file in a source folder is skipped
without a word. The malformed-file corpora (tests/fixtures/malformed*/) pin the single messages."""

from __future__ import annotations

import copy
import datetime
import json
import re
from pathlib import Path

import pytest

from procurement_course.quizzes.load import check_bank, load_bank
from procurement_course.quizzes.load import main as quiz_main
from procurement_course.scenarios.load import check_file, ilo_indicator_names
from procurement_course.source import (MAX_ALIAS_VALUES, MAX_SOURCE_BYTES, SourceErrors, read_yaml, read_yaml_text,
                                       source_files)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "quiz_site"
MESSAGE = re.compile(r"^[\w./-]+\.yml:\d+: \S")
# What an author's slip can turn a value into: a colon makes a set of keys, a dash or brackets a
# list, an empty value nothing; YAML reads 12, yes and 2025-01-01 as a number, a boolean and a date.
SHAPES = [{"a": "b"}, [{"a": "b"}], ["x", ["y"]], None, 12, True, datetime.date(2025, 1, 1)]


def value_paths(value, path=()):
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from value_paths(item, path + (key,))


def replaced(data, path, value):
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


def only_messages(check, data) -> int:
    """Check every variant of ``data`` with one value replaced by each shape; return how many were
    rejected. Any exception, or a message without file and line, fails the test."""
    rejected = 0
    for path in list(value_paths(data)):
        for shape in SHAPES:
            # JSON is YAML too, and far quicker to write; a date is written bare, as YAML reads one.
            text = json.dumps(replaced(data, path, shape), default=lambda d: "<date>")
            doc = read_yaml_text(text.replace('"<date>"', "2025-01-01"), "variant.yml")
            errors = check(doc)[1]
            rejected += bool(errors)
            bad = [str(e) for e in errors if not MESSAGE.match(str(e))]
            assert not bad, (path, shape, bad)
    return rejected


def test_every_field_of_a_quiz_bank_in_every_wrong_shape_gives_a_message():
    data = read_yaml(SAMPLE / "quizzes" / "sample.yml").data
    assert only_messages(lambda doc: check_bank(doc, {"ilo2012indicators"}), data) > 300


def test_every_field_of_a_scenario_in_every_wrong_shape_gives_a_message():
    data = read_yaml(SAMPLE / "scenarios" / "sample.yml").data
    indicators = ilo_indicator_names(ROOT / "data")
    assert only_messages(lambda doc: check_file(doc, set(), {"cleaning-hours"}, indicators), data) > 300


def test_values_keep_their_lines_and_text_as_written():
    doc = read_yaml_text("a:\n  - x\n  - 1.50\nb: True\nc: 2025-13-45\n", "f.yml")
    assert doc.data == {"a": ["x", 1.5], "b": True, "c": "2025-13-45"}  # an impossible date stays text
    assert [doc.line(p) for p in (("a",), ("a", 1), ("b",), ("c",))] == [1, 3, 4, 5]
    assert doc.raw(("a", 1)) == "1.50" and doc.raw(("b",)) == "True"


def test_a_few_aliases_are_read_and_a_bomb_is_refused_quickly():
    doc = read_yaml_text("shared: &f Check the payslips.\nx: [*f, *f]\n", "f.yml")
    assert doc.data["x"] == ["Check the payslips."] * 2
    levels = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    levels += [f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi")]
    with pytest.raises(SourceErrors) as caught:  # 9^9 values if expanded
        read_yaml_text("\n".join(levels), "bomb.yml")
    assert str(caught.value).startswith(f"bomb.yml:4: aliases ('*name') repeat more than {MAX_ALIAS_VALUES} values")


def test_source_folders_report_every_file_that_is_not_read(tmp_path):
    bank = (SAMPLE / "quizzes" / "sample.yml").read_text(encoding="utf-8")
    for name in ("good.yml", "Other.YML", "copy.yml.txt", "backup.yml~", "typo.ymal", "sub/nested.yml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(bank.replace("sample-check", name.split(".")[0].lower().replace("/", "-")))
    for quiet in ("README.md", "notes.txt", ".good.yml.swp"):
        (tmp_path / quiet).write_text("not a source")
    assert [p.name for p in source_files(tmp_path)] == ["Other.YML", "backup.yml~", "copy.yml.txt", "good.yml",
                                                      "sub", "typo.ymal"]
    with pytest.raises(SourceErrors) as caught:
        load_bank(source_files(tmp_path), None, root=tmp_path)
    assert [str(e) for e in caught.value.errors] == [
        "Other.YML:1: this file is not read: only files whose names end in '.yml' or '.yaml' (in lowercase) "
        f"are. Rename it to 'Other.yml', or move it out of {tmp_path.name}/.",
        "backup.yml~:1: this file is not read: only files whose names end in '.yml' or '.yaml' (in lowercase) "
        f"are. Rename it to 'backup.yml', or move it out of {tmp_path.name}/.",
        "copy.yml.txt:1: this file is not read: only files whose names end in '.yml' or '.yaml' (in lowercase) "
        f"are. Rename it to 'copy.yml', or move it out of {tmp_path.name}/.",
        f"sub:1: this folder is not read: sources in subfolders are not loaded. Move its files up into {tmp_path.name}/.",
        "typo.ymal:1: this file is not read: only files whose names end in '.yml' or '.yaml' (in lowercase) "
        f"are. Rename it to 'typo.yml', or move it out of {tmp_path.name}/.",
    ]


def test_the_command_line_check_never_passes_on_nothing(tmp_path, capsys):
    assert quiz_main([str(tmp_path / "missing")]) == 1
    assert quiz_main([str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{tmp_path / 'missing'}: no such file or folder.",
                                                   f"{tmp_path}: no quiz files (.yml) in this folder."]


def test_a_source_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yml"
    with big.open("wb") as f:  # sparse: made in no time
        f.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(SourceErrors) as caught:
        read_yaml(big, "big.yml")
    assert str(caught.value).startswith("big.yml:1: the file is 5.0 MB; a course source file may be at most 5 MB")


# What the author wrote, named in the message (issue 23, point 4 and 5): each fixture's whole message.
MALFORMED_DIR = ROOT / "tests" / "fixtures" / "malformed"
SCENARIO_DIR = ROOT / "tests" / "fixtures" / "malformed_scenarios"
NAMED = {
    "tab-indent.yml": "tab-indent.yml:9: a tab is used for indentation here (column 1); YAML indents with spaces "
                      "only. Replace the tab with spaces (set your editor to insert spaces for Tab).",
    "form-feed.yml": "form-feed.yml:9: column 40 holds the control character U+000C (form feed), which YAML does not "
                     "allow (it often comes with text pasted from a PDF or a word processor). Delete it; to start a "
                     "new line, press Enter.",
    "merge-key.yml": "merge-key.yml:14: the merge key '<<' (which copies the keys of another set of keys) is not used "
                     "in course files. Write the keys out in full here; an alias ('*name') may repeat a single value.",
    "id-newline.yml": "id-newline.yml:3: quizzes[0].id: 'newline-check\\n' holds an invisible character, U+000A "
                      "(line break), after 'newline-check'. Delete it: retype the id with lowercase letters, digits "
                      "and hyphens only.",
    "id-zero-width.yml": "id-zero-width.yml:7: quizzes[0].questions[0].id: 'first\\u200b' holds an invisible "
                         "character, U+200B (zero width space), after 'first'. Delete it: retype the id with "
                         "lowercase letters, digits and hyphens only.",
    "id-no.yml": "id-no.yml:7: quizzes[0].questions[0].id: expected an id, found 'no', which YAML reads as false "
                 "(yes/no and on/off are true/false to YAML), not as text. Put it in quotes: id: \"no\".",
    "next-zero-width.yml": "next-zero-width.yml:19: scenarios[0].steps[1].choices[0].next: 'three\\u200b' holds an "
                           "invisible character, U+200B (zero width space), after 'three'. Delete it: retype the id "
                           "with lowercase letters, digits and hyphens only.",
    "start-no.yml": "start-no.yml:7: scenarios[0].start: expected the id of a step, found 'no', which YAML reads as "
                    "false (yes/no and on/off are true/false to YAML), not as text. Put it in quotes: start: \"no\".",
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_the_message_names_what_the_author_wrote(name):
    path = MALFORMED_DIR / name if (MALFORMED_DIR / name).exists() else SCENARIO_DIR / name
    with pytest.raises(SourceErrors) as caught:
        if path.parent == MALFORMED_DIR:
            load_bank([path], None, root=path.parent)
        else:
            from procurement_course.scenarios.load import load_scenarios
            load_scenarios([path], None, None, None, root=path.parent)
    messages = [str(e) for e in caught.value.errors]
    assert messages == [NAMED[name]]


def test_an_invisible_character_no_longer_hides_behind_did_you_mean():
    """Before: "'three' is not the id of a step or an ending. Did you mean 'three'?", the zero-width
    space invisible. A value that is not an id is still shown with the character escaped."""
    doc = read_yaml_text("quizzes: [{id: 'three\u200b', title: 'T\u00a0x'}]\n", "f.yml")
    messages = [str(e) for e in check_bank(doc)[1]]
    assert "f.yml:1: quizzes[0].id: 'three\\u200b' holds an invisible character, U+200B (zero width space), " \
           "after 'three'. Delete it: retype the id with lowercase letters, digits and hyphens only." in messages
    assert all(m.isascii() and m.isprintable() for m in messages), messages


def test_escaped_shows_invisible_characters_and_keeps_letters():
    from procurement_course.source import escaped

    assert escaped("Järvinen → ok") == "Järvinen → ok"
    assert escaped("a\u200bb\u00a0c\nd\te\ufeff") == "a\\u200bb\\u00a0c\\nd\\te\\ufeff"


@pytest.mark.parametrize("text, line", [
    ("a: 1\n<<: {b: 2}\n", 2),              # a merge key at the top
    ("a: &x {b: 1}\nc:\n  <<: *x\n", 3),    # the usual use, with an alias
    ("a: [x, y]\nb: {c: 1, <<: {d: 2}}\n", 2),
])
def test_a_merge_key_is_refused_with_its_line_not_a_crash(text, line):
    """Before: KeyError('tag:yaml.org,2002:merge') and a build stopped with no file or line."""
    with pytest.raises(SourceErrors) as caught:
        read_yaml_text(text, "m.yml")
    assert str(caught.value).startswith(f"m.yml:{line}: the merge key '<<' ")


def test_yaml_words_with_no_value_of_their_own_stay_text():
    """'=' is YAML 1.1's "value" key and '<<' in quotes is plain text: neither crashes the reader."""
    doc = read_yaml_text("a: =\n'<<': b\n", "f.yml")
    assert doc.data == {"a": "=", "<<": "b"}
