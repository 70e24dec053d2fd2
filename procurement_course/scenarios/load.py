"""Loading and checking case scenarios (``scenarios/*.yml``), with the same author-facing errors
as quizzes: file, line, field, what is wrong and how to fix it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .model import OUTCOMES, SECTORS, Choice, Ending, Scenario, ScenarioBank, Step
from ..source import Checker, Document, SourceErrors, load_files, unknown_key_hint, yaml_files

FILE_KEYS = {"scenarios"}
SCENARIO_KEYS = {"id", "title", "sector", "situation", "exhibits", "start", "steps", "endings"}
STEP_KEYS = {"id", "title", "prompt", "exhibits", "choices"}
CHOICE_KEYS = {"text", "consequence", "next"}
ENDING_KEYS = {"id", "title", "outcome", "debrief", "indicators", "rules", "source"}
MIN_DECISIONS = 3


def ilo_indicator_names(data_dir: Path) -> set[str] | None:
    """The ILO indicators' names from the data package, read as the data check reads them; None
    (names not checked) without a data package or when the table has mistakes: the data check
    reports those, in the build and on its own command line."""
    from ..datasets.package import _shown, resource_descriptor
    from ..datasets.tables import DataError, read_columns

    if not (data_dir / "datapackage.json").is_file():
        return None
    try:
        res = resource_descriptor("ilo_indicators", data_dir)
        names = read_columns(data_dir / res["path"], _shown(data_dir, res["path"]), res)["indicator"]
    except (DataError, KeyError, ValueError, OSError, TypeError):
        return None
    return {n for n in names if n}


class _ScenarioChecker(Checker):
    def __init__(self, doc: Document, bib_keys, exhibit_ids, indicators):
        super().__init__(doc, bib_keys)
        self.exhibit_ids = exhibit_ids
        self.indicators = indicators

    def id_list(self, value, path, known, what) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, f"expected a list of {what}, e.g. [{', '.join(sorted(known or [])[:2])}].")
            return ()
        for i, item in enumerate(value):
            if not isinstance(item, str):
                found = self.written(item, path + (i,))
                self.fail(path + (i,), f"expected the name of one of the {what}, found {found}.",
                          "Write one name per item; quote a name that contains ': '.")
            elif known is not None and item not in known:
                self.fail(path + (i,), f"'{item}' is not one of the known {what}.", unknown_key_hint(str(item), known))
        return tuple(str(v) for v in value)


def check_file(doc: Document, bib_keys=None, exhibit_ids=None, indicators=None):
    c = _ScenarioChecker(doc, bib_keys, exhibit_ids, indicators)
    out: list[Scenario] = []
    if not c.mapping(doc.data, (), FILE_KEYS, ["scenarios"], "a scenario file"):
        return out, c.errors
    items = doc.data.get("scenarios")
    if not isinstance(items, list) or not items:
        if "scenarios" in doc.data:
            c.fail(("scenarios",), "expected a list of scenarios, each starting with '- id:'.")
        return out, c.errors
    for si, sc in enumerate(items):
        path = ("scenarios", si)
        required = ["id", "title", "sector", "situation", "start", "steps", "endings"]
        if not c.mapping(sc, path, SCENARIO_KEYS, required, "a scenario"):
            continue
        before = len(c.errors)
        sid = c.ident(sc.get("id"), path + ("id",)) if "id" in sc else ""
        if "sector" in sc:
            c.one_of(sc.get("sector"), path + ("sector",), SECTORS, "sector")
        steps = _steps(c, sc.get("steps"), path + ("steps",))
        endings = _endings(c, sc.get("endings"), path + ("endings",))
        scenario = Scenario(
            sid, c.text(sc.get("title"), path + ("title",)), str(sc.get("sector")),
            c.text(sc.get("situation"), path + ("situation",)),
            c.id_ref(sc.get("start"), path + ("start",), "a step") if "start" in sc else "",
            tuple(steps), tuple(endings), c.id_list(sc.get("exhibits"), path + ("exhibits",), exhibit_ids, "exhibits"),
            doc.file, doc.line(path + ("id",)), f"scenarios[{si}]",
        )
        if len(c.errors) == before:
            _check_graph(c, scenario, sc, path)
        out.append(scenario)
    return out, c.errors


def _steps(c, items, path) -> list[Step]:
    if not isinstance(items, list) or not items:
        c.fail(path, "a scenario needs a list of steps (decision points), each starting with '- id:'.")
        return []
    out = []
    for i, st in enumerate(items):
        sp = path + (i,)
        if not c.mapping(st, sp, STEP_KEYS, ["id", "title", "prompt", "choices"], "a step"):
            continue
        choices = []
        ch_items = st.get("choices")
        if not isinstance(ch_items, list) or len(ch_items) < 2:
            c.fail(sp + ("choices",), "a step needs a list of at least two choices.", "Start each choice with '- text:'.")
            ch_items = []
        elif not c.at_most_lettered(ch_items, sp + ("choices",), "choices", "Split the decision in two."):
            ch_items = []
        texts = []
        for j, ch in enumerate(ch_items):
            cp = sp + ("choices", j)
            if c.mapping(ch, cp, CHOICE_KEYS, ["text", "consequence", "next"], "a choice"):
                choices.append(Choice(c.text(ch.get("text"), cp + ("text",)),
                                      c.text(ch.get("consequence"), cp + ("consequence",)), _next_id(c, ch, cp)))
                texts.append((cp + ("text",), choices[-1].text))
        c.distinct_texts(texts, "choice")
        out.append(Step(c.ident(st.get("id"), sp + ("id",)) if "id" in st else f"step-{i + 1}",
                        c.text(st.get("prompt"), sp + ("prompt",)), tuple(choices),
                        c.id_list(st.get("exhibits"), sp + ("exhibits",), c.exhibit_ids, "exhibits"),
                        c.text(st.get("title"), sp + ("title",)), i + 1))
    return out


def _next_id(c, choice: dict, path) -> str:
    """Where a choice leads: the id of a step or an ending (checked against them later)."""
    if "next" not in choice:
        return ""  # reported as a missing key with the choice
    return c.id_ref(choice.get("next"), path + ("next",), "a step or an ending")


def _endings(c, items, path) -> list[Ending]:
    if not isinstance(items, list) or len(items) < 2:
        c.fail(path, "a scenario needs a list of at least two endings, each with a debrief.")
        items = items if isinstance(items, list) else []
    out = []
    for i, en in enumerate(items):
        ep = path + (i,)
        if not c.mapping(en, ep, ENDING_KEYS, ["id", "title", "outcome", "debrief", "indicators", "rules"], "an ending"):
            continue
        outcome = c.one_of(en.get("outcome"), ep + ("outcome",), OUTCOMES, "outcome") if "outcome" in en else None
        source = c.bib_key(en.get("source"), ep + ("source",))
        indicators = c.id_list(en.get("indicators"), ep + ("indicators",), c.indicators, "ILO indicators")
        if "indicators" in en and not indicators:
            c.fail(ep + ("indicators",), "a debrief names at least one ILO indicator.")
        out.append(Ending(c.ident(en.get("id"), ep + ("id",)) if "id" in en else f"ending-{i + 1}",
                          c.text(en.get("title"), ep + ("title",)), str(outcome),
                          c.text(en.get("debrief"), ep + ("debrief",)), indicators,
                          c.text(en.get("rules"), ep + ("rules",)), str(source)))
    return out


def _check_graph(c, sc: Scenario, raw: dict, path) -> None:
    """Every next resolves, nothing is unreachable, no path loops, paths are long enough."""
    step_ids = [s.id for s in sc.steps]
    ending_ids = [e.id for e in sc.endings]
    seen: dict[str, str] = {}
    before = len(c.errors)
    for kind, ids, key in (("step", step_ids, "steps"), ("ending", ending_ids, "endings")):
        for i, node_id in enumerate(ids):
            if node_id in seen:
                c.fail(path + (key, i, "id"), f"the id '{node_id}' is already used by {'an' if seen[node_id] == 'ending' else 'a'} {seen[node_id]}.",
                       "Give every step and ending of a scenario its own id.")
            seen.setdefault(node_id, kind)
    if len(c.errors) > before:
        return
    if sc.start not in step_ids:
        c.fail(path + ("start",), f"'{sc.start}' is not the id of a step.", unknown_key_hint(sc.start, step_ids))
        return
    targets = set(step_ids) | set(ending_ids)
    broken = False
    for i, st in enumerate(sc.steps):
        for j, ch in enumerate(st.choices):
            if ch.next not in targets:
                c.fail(path + ("steps", i, "choices", j, "next"), f"'{ch.next}' is not the id of a step or an ending.",
                       unknown_key_hint(ch.next, targets))
                broken = True
    if broken:
        return
    loop = sc.find_loop()
    if loop:  # reported at the choice that leads back
        labels = {s.id: s.label for s in sc.steps}
        last = step_ids.index(loop[-2])
        back = next(j for j, ch in enumerate(sc.steps[last].choices) if ch.next == loop[-1])
        c.fail(path + ("steps", last, "choices", back, "next"),
               f"a path loops back to a step it has already passed: {' → '.join(labels[n] for n in loop)}.",
               "Every path must end in an ending: point this choice to an ending or a later step.")
        return
    reached = sc.reachable()
    for key, ids in (("steps", step_ids), ("endings", ending_ids)):
        for i, node_id in enumerate(ids):
            if node_id not in reached:
                c.fail(path + (key, i, "id"), f"'{node_id}' cannot be reached from the start.",
                       "Point a choice's 'next' at it, or remove it.")
    longest = len(sc.longest_path()) - 1
    if longest < MIN_DECISIONS:
        c.fail(path + ("steps",), f"the longest path has {longest} decision point(s); a scenario needs at least {MIN_DECISIONS}.",
               "Add decision points between the start and the endings.")


def load_scenarios(files: Iterable[Path], bib_keys=None, exhibit_ids=None, indicators=None,
                   root: Path | None = None) -> ScenarioBank:
    """Load and check scenario files; raise ``SourceErrors`` listing every mistake in all of them."""
    scenarios, read = load_files(files, lambda doc: check_file(doc, bib_keys, exhibit_ids, indicators), "scenario", root)
    return ScenarioBank(scenarios, read)


scenario_files = yaml_files


def known_exhibits() -> set[str] | None:
    try:
        from ..datasets.exhibits import EXHIBITS
    except ImportError:  # exhibits not available: exhibit ids are not checked
        return None
    return set(EXHIBITS)


def load_course_scenarios(root: Path, folder: str = "scenarios") -> ScenarioBank:
    from ..source import bibliography_keys

    return load_scenarios(scenario_files(root / folder), bibliography_keys([root / "references.bib"]),
                          known_exhibits(), ilo_indicator_names(root / "data"), root=root)


def main(argv: list[str] | None = None) -> int:
    """``python -m procurement_course.scenario_load [scenarios/]``: check scenario files."""
    import argparse

    parser = argparse.ArgumentParser(description="Check case scenarios and report every mistake.")
    parser.add_argument("paths", nargs="*", default=[Path("scenarios")], type=Path)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (references.bib, data/)")
    args = parser.parse_args(argv)
    from ..source import bibliography_keys, files_from_arguments

    files, problems = files_from_arguments(args.paths, "scenario")
    if problems:
        print("\n".join(problems))
        return 1
    try:
        bank = load_scenarios(files, bibliography_keys([args.root / "references.bib"]), known_exhibits(),
                              ilo_indicator_names(args.root / "data"), root=args.root.resolve())
    except SourceErrors as exc:
        print(exc)
        return 1
    print(f"{len(bank.scenarios)} scenarios: no mistakes found.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
