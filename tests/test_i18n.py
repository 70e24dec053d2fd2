"""The course's languages (issue 21): catalogues complete and sound, the rules a translation must
keep, text-only translation of quizzes and cases, and a build that refuses a broken translation.

test_every_shipped_string_is_translated fails until the translators have finished: that is its job
(`make i18n` lists what is missing)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import astuple, fields
from pathlib import Path

from harness import ROOT
from procurement_course.i18n import extract, translate
from procurement_course.i18n.__main__ import missing_entries
from procurement_course.i18n.catalogue import gettext, local_number, read_catalogue
from procurement_course.i18n.check import check_file, check_locale, problems
from procurement_course.i18n.model import DOMAINS, LANGUAGES, catalogue_path
from procurement_course.quizzes.load import load_bank, quiz_files
from procurement_course.scenarios.load import load_scenarios, scenario_files

FIXTURE = ROOT / "tests" / "fixtures" / "i18n" / "rules.po"


def test_every_shipped_string_is_translated():
    """No untranslated or fuzzy entry in any catalogue of any language."""
    report = []
    for language in LANGUAGES:
        total, missing = missing_entries(ROOT, language)
        assert total, f"no catalogues for {language}: run 'make i18n'"
        report += [f"{file}:{line}: {what}: {msgid[:60]}" for file, line, what, msgid in missing]
    assert not report, (f"{len(report)} strings are untranslated or fuzzy (make i18n lists them per language); "
                        "the first:\n" + "\n".join(report[:15]))


def test_catalogues_hold_every_string_of_the_sources():
    """Our domains' catalogues are up to date with the sources (else 'make i18n' was not run)."""
    for domain, extractor in extract.EXTRACTORS.items():
        wanted = set(extractor(ROOT).by_id)
        for language in LANGUAGES:
            catalogue = read_catalogue(catalogue_path(ROOT, language, domain))
            assert catalogue is not None, f"{catalogue_path(ROOT, language, domain)} is missing: run 'make i18n'"
            have = {m.id for m in catalogue if m.id}
            assert not wanted - have, (f"{language}/{domain}.po lacks {len(wanted - have)} strings of the sources, e.g. "
                                       f"{sorted(wanted - have)[:3]}: run 'make i18n'")


def test_shipped_catalogues_keep_the_rules():
    assert check_locale(ROOT / "locale") == []


def test_each_rule_is_enforced_with_file_line_msgid_and_a_fix():
    errors = check_file(FIXTURE, "rules.po")
    text = FIXTURE.read_text(encoding="utf-8").splitlines()
    expected = {  # msgid line -> what the message must say
        "Done: quiz {score} %": "placeholders differ",
        "Of %(done)s modules, %s": "placeholders differ (missing '%(done)s')",
        "Read about {term}`Forced labour` first.": "roles differ",
        "See {cite:p}`ollus2014lined`.": "roles differ",
        "This is **not** an inspection.": "bold markers '**' differ",
        "Use `flag` here.": "backticks differ",
        "Read [the act](https://finlex.fi/fi/laki/ajantasa/2021/20210487).": "link targets differ",
        "The Aliens Act 301/2004, section 47:3a, and BrB 4:1b.": "numbers differ (missing '301/2004', '47:3a'",
    }
    assert len(errors) == len(expected), "\n".join(errors)
    for msgid, what in expected.items():
        line = text.index(f'msgid "{msgid}"'.replace("\\", "\\\\")) + 1
        hits = [e for e in errors if e.startswith(f"rules.po:{line}: msgid ")]
        assert len(hits) == 1 and what in hits[0], (msgid, hits)
        assert hits[0].rstrip().endswith(".") and ". Keep" in hits[0], "what is wrong, then how to fix"
    # Allowed: moved placeholders, a term's text before its English target, 9 000,50 for 9,000.50.
    assert not problems("A fine of EUR 9,000.50 for {n}.", "{n}: 9\u00a0000,50 euroa.")


def test_a_translation_changes_text_and_nothing_else():
    """Ids, types, which options are correct, where choices lead, sources: copied, never looked up."""
    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    looked_up = []

    def shout(text):
        looked_up.append(text)
        return text.upper() if text else text

    translated = translate.quiz_bank(bank, shout)
    for quiz_id, quiz in bank.quizzes.items():
        other = translated[quiz_id]
        assert [q.id for q in other.questions] == [q.id for q in quiz.questions]
        for q, tq in zip(quiz.questions, other.questions):
            assert (tq.type, tq.source, tq.objective, tq.correct_indices) == (q.type, q.source, q.objective, q.correct_indices)
            assert tq.prompt == q.prompt.upper()
    assert "single" not in looked_up and all(q.id not in looked_up for quiz in bank.quizzes.values() for q in quiz.questions)
    scenarios = load_scenarios(scenario_files(ROOT / "scenarios"), None, None, None, root=ROOT)
    for sid, s in translate.scenario_bank(scenarios, shout).scenarios.items():
        original = scenarios[sid]
        assert [(st.id, [c.next for c in st.choices]) for st in s.steps] == \
               [(st.id, [c.next for c in st.choices]) for st in original.steps]
        assert [(e.id, e.outcome, e.indicators) for e in s.endings] == [(e.id, e.outcome, e.indicators) for e in original.endings]


def test_extraction_takes_text_not_structure():
    msgids = set(extract.quizzes(ROOT).by_id)
    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    q = next(iter(bank.quizzes.values())).questions[0]
    assert {q.prompt, q.options[0].text, q.options[0].feedback, q.explanation} <= msgids
    assert q.id not in msgids and "single" not in msgids and (q.source or "x") not in msgids
    runtime = extract.runtime(ROOT).by_id
    assert "Continue where you left off: {page}" in runtime and "EUR {amount}" in runtime
    assert runtime["Continue where you left off: {page}"].locations[0][0] == "procurement_course/static/course.js"
    assert set(extract.EXTRACTORS) == set(DOMAINS)


def test_lookups_and_numbers_in_python():
    assert gettext("course-runtime", "Language", "en", ROOT) == "Language"
    assert gettext("course-runtime", "no such string, ever", "fi", ROOT) == "no such string, ever"
    assert local_number("1,234.5", "fi") == "1\u00a0234,5" and local_number("1,234.5", "en") == "1,234.5"


def test_the_build_refuses_a_translation_that_breaks_a_rule(tmp_path: Path):
    """The sample project in Finnish, with a catalogue whose translation drops a placeholder-like
    number: the build stops with the catalogue's file, line and msgid."""
    project = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "quiz_site", project)
    po = project / "locale" / "fi" / "LC_MESSAGES" / "course-quizzes.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "A cleaner\'s payslip shows **20 hours**, the access log 35. What does it suggest?"\n'
                  'msgstr "Siivoojan palkkakuitissa on 20 tuntia, kulunvalvonnassa 35. Mitä se viittaa?"\n',
                  encoding="utf-8")
    sphinx = Path(sys.executable).with_name("sphinx-build")
    result = subprocess.run([str(sphinx), "-W", "-b", "html", "-D", "language=fi", "-D", "locale_dirs=locale",
                             str(project), str(tmp_path / "out")], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "locale/fi/LC_MESSAGES/course-quizzes.po:5" in output and "bold markers '**' differ" in output, output[-3000:]


def test_a_notebook_quiz_in_finnish():
    from procurement_course.quizzes.widget import QuizWidget

    english = QuizWidget.from_id("cleaning-check", root=ROOT)
    finnish = QuizWidget.from_id("cleaning-check", root=ROOT, language="fi")
    title = gettext("course-quizzes", "Check your understanding: cleaning", "fi", ROOT)
    assert finnish._quiz.title == title != english._quiz.title
    assert [q.correct_indices for q in finnish._quiz.questions] == [q.correct_indices for q in english._quiz.questions]
