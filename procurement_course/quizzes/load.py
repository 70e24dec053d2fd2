"""Loading and checking quiz banks (``quizzes/*.yml``).

Every rule a course author can break has a message here that says where, what and how to fix it.
All mistakes in all files are collected, so an author fixes them in one pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .model import QUESTION_TYPES, Objective, Option, Question, Quiz, QuizBank
from ..source import Checker, Document, SourceError, SourceErrors, load_files, unknown_key_hint, yaml_files

BANK_KEYS = {"quizzes"}
QUIZ_KEYS = {"id", "title", "intro", "objectives", "questions"}
OBJECTIVE_KEYS = {"id", "text", "section"}
QUESTION_KEYS = {"id", "type", "prompt", "situation", "options", "explanation", "source", "objective"}
OPTION_KEYS = {"text", "correct", "feedback"}


def check_bank(doc: Document, bib_keys: set[str] | None = None) -> tuple[list[Quiz], list[SourceError]]:
    """The quizzes of one parsed bank, and every mistake found in it."""
    c = Checker(doc, bib_keys)
    quizzes: list[Quiz] = []
    if not c.mapping(doc.data, (), BANK_KEYS, ["quizzes"], "a quiz bank"):
        return [], c.errors
    items = doc.data.get("quizzes")
    if not isinstance(items, list) or not items:
        if "quizzes" in doc.data:
            c.fail(("quizzes",), "expected a list of quizzes, each starting with '- id:'.")
        return [], c.errors
    for qi, quiz in enumerate(items):
        path = ("quizzes", qi)
        if not c.mapping(quiz, path, QUIZ_KEYS, ["id", "title", "objectives", "questions"], "a quiz"):
            continue
        quiz_id = c.ident(quiz.get("id"), path + ("id",)) if "id" in quiz else ""
        title = c.text(quiz.get("title"), path + ("title",))
        intro = c.text(quiz.get("intro"), path + ("intro",), required=False)
        objectives = _objectives(c, quiz.get("objectives"), path + ("objectives",)) if "objectives" in quiz else []
        # Without objectives (already reported) the questions' objectives cannot be checked.
        questions = _questions(c, quiz.get("questions"), path + ("questions",),
                               [o.id for o in objectives] if objectives else None)
        _objectives_tested_twice(c, objectives, questions, path)
        quizzes.append(Quiz(quiz_id, title, tuple(questions), intro, doc.file, doc.line(path + ("id",)),
                            f"quizzes[{qi}]", tuple(objectives)))
    return quizzes, c.errors


def _objectives(c: Checker, items, path) -> list[Objective]:
    """The quiz's learning objectives: what the module teaches, each with its own id."""
    if not isinstance(items, list) or not items:
        c.fail(path, "a quiz needs a list of learning objectives, each starting with '- id:'.",
               "Give each objective an 'id', a 'text' and the 'section' (a MyST label) that teaches it.")
        return []
    out: list[Objective] = []
    seen: dict[str, int] = {}
    for i, o in enumerate(items):
        op = path + (i,)
        if not c.mapping(o, op, OBJECTIVE_KEYS, ["id", "text"], "an objective"):
            continue
        oid = c.unique_id(o, op, i, seen, "objective", "objectives", "Give every objective of a quiz its own id.")
        text = c.text(o.get("text"), op + ("text",))
        section = c.text(o.get("section"), op + ("section",), required=False)
        line = c.doc.line(op + ("section",) if "section" in o else op)
        out.append(Objective(oid, text, section, line))
    return out


def _objective_of(c: Checker, q: dict, path, objective_ids: list[str] | None) -> str:
    """The question's objective: required, and one of its quiz's objective ids."""
    if "objective" not in q:
        return ""  # reported as a missing key with the question
    objective = c.text(q.get("objective"), path)
    if objective and objective_ids is not None and objective not in objective_ids:
        c.fail(path, f"'{objective}' is not an objective of this quiz.", unknown_key_hint(objective, objective_ids))
    return objective


def _objectives_tested_twice(c: Checker, objectives: list[Objective], questions: list[Question], path) -> None:
    """A score on an objective tested by one question says little, and a draw of fresh questions
    for it would be impossible: every objective needs at least two."""
    for i, o in enumerate(objectives):
        tested = [qi for qi, q in enumerate(questions) if q.objective == o.id]
        if len(tested) < 2:
            by = f"only by questions[{tested[0]}]" if tested else "by no question"
            c.fail(path + ("objectives", i), f"the objective '{o.id}' is tested {by}; every objective "
                   "needs at least two questions.", f"Add a question with 'objective: {o.id}', or merge "
                   "the objective with another.")


def _questions(c: Checker, items, path, objective_ids: list[str] | None = None) -> list[Question]:
    if not isinstance(items, list) or not items:
        c.fail(path, "a quiz needs a list of questions, each starting with '- id:'.")
        return []
    out: list[Question] = []
    seen: dict[str, int] = {}
    for i, q in enumerate(items):
        qp = path + (i,)
        if not c.mapping(q, qp, QUESTION_KEYS, ["id", "type", "prompt", "options", "explanation", "objective"],
                         "a question"):
            continue
        qid = c.unique_id(q, qp, i, seen, "question", "questions", "Give every question of a quiz its own id.")
        qtype = c.one_of(q.get("type"), qp + ("type",), QUESTION_TYPES, "question type") if "type" in q else None
        prompt = c.text(q.get("prompt"), qp + ("prompt",))
        situation = c.text(q.get("situation"), qp + ("situation",), required=False)
        if qtype == "red_flags" and not situation:
            c.fail(qp, "a red_flags question needs a 'situation' describing what the learner sees.",
                   "Add 'situation:' with the description.")
        explanation = c.text(q.get("explanation"), qp + ("explanation",))
        source = c.bib_key(q.get("source"), qp + ("source",))
        objective = _objective_of(c, q, qp + ("objective",), objective_ids)
        options = _options(c, q.get("options"), qp + ("options",), qtype)
        out.append(Question(qid, str(qtype), prompt, tuple(options), explanation,
                            situation, str(source), objective))
    return out


def _options(c: Checker, items, path, qtype) -> list[Option]:
    if not isinstance(items, list) or len(items) < 2:
        c.fail(path, "a question needs a list of at least two options.",
               "Start each option with '- text:'.")
        return []
    if not c.at_most_lettered(items, path, "options", "Split the question in two, or leave out the weakest options."):
        return []
    out: list[Option] = []
    texts = []
    for i, o in enumerate(items):
        op = path + (i,)
        if not c.mapping(o, op, OPTION_KEYS, ["text", "correct", "feedback"], "an option"):
            continue
        correct = o.get("correct")
        if "correct" in o and not isinstance(correct, bool):
            c.fail(op + ("correct",), f"'correct' must be true or false, found '{correct}'.")
        out.append(Option(c.text(o.get("text"), op + ("text",)), correct is True,
                          c.text(o.get("feedback"), op + ("feedback",))))
        texts.append((op + ("text",), out[-1].text))
    c.distinct_texts(texts, "option")
    n_correct = sum(o.correct for o in out)
    if len(out) == len(items):
        if qtype == "single" and n_correct != 1:
            c.fail(path, f"a single-choice question needs exactly one correct option, found {n_correct}.",
                   "Mark exactly one option with 'correct: true', or use type 'multiple'.")
        elif qtype == "true_false":
            texts = sorted(o.text.lower() for o in out)
            if texts != ["false", "true"]:
                c.fail(path, "a true_false question needs exactly two options, 'True' and 'False'.",
                       "Write the statement as the prompt and give the options 'True' and 'False'.")
            elif n_correct != 1:
                c.fail(path, f"a true_false question needs exactly one correct option, found {n_correct}.")
        elif qtype in ("multiple", "red_flags") and n_correct == 0:
            c.fail(path, f"a {qtype} question needs at least one correct option, found none.",
                   "Mark the right options with 'correct: true'.")
    return out


def load_bank(files: Iterable[Path], bib_keys: set[str] | None = None, root: Path | None = None) -> QuizBank:
    """Load and check quiz files; raise ``SourceErrors`` listing every mistake in all of them."""
    quizzes, read = load_files(files, lambda doc: check_bank(doc, bib_keys), "quiz", root)
    return QuizBank(quizzes, read)


quiz_files = yaml_files


def main(argv: list[str] | None = None) -> int:
    """``python -m procurement_course.quiz_load [quizzes/] [--bib references.bib]``: check banks."""
    import argparse

    from ..source import bibliography_keys, files_from_arguments

    parser = argparse.ArgumentParser(description="Check quiz banks and report every mistake.")
    parser.add_argument("paths", nargs="*", default=[Path("quizzes")], type=Path)
    parser.add_argument("--bib", action="append", type=Path, default=None)
    args = parser.parse_args(argv)
    files, problems = files_from_arguments(args.paths, "quiz")
    if problems:
        print("\n".join(problems))
        return 1
    bib = bibliography_keys(args.bib or [Path("references.bib")])
    try:
        bank = load_bank(files, bib, root=Path.cwd())
    except SourceErrors as exc:
        print(exc)
        return 1
    n = sum(len(q.questions) for q in bank.quizzes.values())
    print(f"{len(bank.quizzes)} quizzes, {n} questions: no mistakes found.")
    from .cueing import report  # answer cueing: warnings for authors, never a failure
    from ..course.settings import load_course_settings

    try:  # the test-wise score follows the course's own tries (``_config.yml``, beside the banks' folder)
        tries = load_course_settings(Path.cwd()).tries
    except SourceErrors:
        tries = 2  # the course settings have mistakes of their own; the build reports them
    for line in report(bank.quizzes.values(), tries=tries):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
