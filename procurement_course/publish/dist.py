"""``make dist``: everything a publisher ships, gathered in one folder from what the other
targets built, and checked on the way:

    _build/dist/
      learner/          the learner's edition (open learner/index.html): no answer key;
                        Finnish in learner/fi/, Swedish in learner/sv/
      facilitator/      the facilitator's edition, with the kit, the answer key and the PDFs
                        (facilitator/fi/, facilitator/sv/: each linking its own language's PDFs)
      handbook.pdf      the participant's handbook: the whole course, no answer key
      handbook-facilitator.pdf   the facilitator's handbook: with the guide and the answer key
      handbook-fi.pdf, handbook-facilitator-fi.pdf, handbook-sv.pdf, ...: the same in Finnish, Swedish
      handouts/         case worksheets and red-flag checklists, per sector and language
                        (cleaning-case-worksheet.pdf, cleaning-case-worksheet-fi.pdf, ...)
      scorm/            the LMS packages, SCORM 1.2 and 2004 per language, when ``make scorm``
                        has made them (...-scorm12.zip, ...-fi-scorm12.zip, ...)
      CONTENTS.txt      this list, with page counts and sizes

The learner's copy is checked against ``_config.yml``: if it holds any page only the
facilitator's edition may publish, nothing is shipped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..i18n.model import ALL_LANGUAGES, LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE
from .editions import edition_config, matches, output_dir
from .materials import MaterialError, human_size, pdf_info


HANDBOOKS = ("handbook.pdf", "handbook-facilitator.pdf")  # the participant's, the facilitator's


def language_name(name: str, language: str) -> str:
    """A file's name in a language: ``handbook.pdf`` -> ``handbook-fi.pdf`` (English as it is)."""
    if language == SOURCE_LANGUAGE:
        return name
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-{language}.{ext}"


def handbook_names(languages=ALL_LANGUAGES) -> list[str]:
    """Both handbooks in each language, English first: handbook.pdf, handbook-facilitator.pdf, handbook-fi.pdf, ..."""
    return [language_name(name, lang) for lang in languages for name in HANDBOOKS]


class DistError(Exception):
    pass


def leaked_pages(site: Path, root: Path) -> list[str]:
    """Pages of the learner's site that only the facilitator's edition may publish."""
    facilitator, participant = edition_config(root)
    pages = [p.relative_to(site).with_suffix("").as_posix() for p in site.rglob("*.html")]
    # The translated editions (fi/..., sv/...) publish the same pages: judge them by their page name.
    named = [(p, p.split("/", 1)[1] if p.split("/", 1)[0] in ("fi", "sv") and "/" in p else p) for p in pages]
    return sorted(p for p, name in named if matches(name, facilitator) and not matches(name, participant))


def gather(root: Path, dist: Path, languages=ALL_LANGUAGES) -> list[str]:
    """Copy what was built into ``dist``; return the lines of CONTENTS.txt. ``languages``: whose
    handbooks and handouts are required and shipped (``make dist``: all)."""
    learner, facilitator = output_dir(root, "learner"), output_dir(root, "facilitator")
    handbooks = [root / "_build" / name for name in handbook_names(languages)]
    handouts, scorm = root / "_build" / "handouts", root / "_build" / "scorm"
    # Every language of every edition, handbook and handout (a translated site sits in a folder of
    # the English one, so copying the English site copies it).
    sites = [(site / lang / "index.html" if lang != SOURCE_LANGUAGE else site / "index.html", target)
             for lang in languages for site, target in ((learner, "make book"), (facilitator, "make facilitator"))]
    first_handouts = [handouts / language_name("cleaning-case-worksheet.pdf", lang) for lang in languages]
    for needed, target in (*sites, *((h, "make handbook") for h in handbooks),
                           *((h, "make handouts") for h in first_handouts)):
        if not needed.exists():
            raise DistError(f"{needed.relative_to(root)} is missing: run `{target}` first (`make dist` does).")
    leaks = leaked_pages(learner, root)
    if leaks:
        raise DistError(f"the learner's site {learner.relative_to(root)} holds facilitator pages: {', '.join(leaks)}. "
                        "Rebuild it with `make clean book`.")
    if dist.exists():
        shutil.rmtree(dist)
    dist.mkdir(parents=True)
    shutil.copytree(learner, dist / "learner")
    shutil.copytree(facilitator, dist / "facilitator")
    for handbook in handbooks:
        shutil.copy2(handbook, dist / handbook.name)
    (dist / "handouts").mkdir()
    for handout in handout_order(handouts, languages):
        shutil.copy2(handout, dist / "handouts" / handout.name)
    others = ", ".join(f"{LANGUAGE_NAMES[lang]} in learner/{lang}/ and facilitator/{lang}/" for lang in LANGUAGES)
    lines = ["learner/      the learner's edition: open learner/index.html (no answer key)",
             "facilitator/  the facilitator's edition: the kit, the answer key, the printed materials",
             f"              English at the top of each; {others}",
             "handbook.pdf  the participant's handbook (no answer key); handbook-facilitator.pdf: with the answer key",
             "              each in Finnish and Swedish too: handbook-fi.pdf, handbook-facilitator-sv.pdf, ...",
             "handouts/     per sector and language: <sector>-case-worksheet.pdf, <sector>-red-flag-checklist-fi.pdf, ...",
             ""]
    for pdf in [*(dist / name for name in handbook_names(languages)), *handout_order(dist / "handouts", languages)]:
        m = pdf_info(pdf)
        lines.append(f"{pdf.relative_to(dist).as_posix():48} {m.pages_text:>10}  {m.size_text:>8}  {m.title}")

    def package_language(package: Path) -> str:
        return next((lang for lang in LANGUAGES if f"-{lang}-scorm" in package.name), SOURCE_LANGUAGE)
    packages = sorted(scorm.glob("*.zip")) if scorm.is_dir() else []
    packages = [p for lang in languages for p in packages if package_language(p) == lang]
    if packages:
        (dist / "scorm").mkdir()
        lines.append("")
        for package in packages:
            shutil.copy2(package, dist / "scorm" / package.name)
            lang = package_language(package)
            lines.append(f"scorm/{package.name:58} {human_size(package.stat().st_size):>8}  "
                         f"SCORM package for an LMS ({LANGUAGE_NAMES[lang]})")
    (dist / "CONTENTS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def handout_order(folder: Path, languages=ALL_LANGUAGES) -> list[Path]:
    """The handouts of ``languages``, English first, then each language (each sorted by name)."""
    pdfs = sorted(folder.glob("*.pdf"))

    def language(p: Path) -> str:
        return next((lang for lang in LANGUAGES if p.stem.endswith(f"-{lang}")), SOURCE_LANGUAGE)
    return [p for lang in languages for p in pdfs if language(p) == lang]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Gather both editions, the PDFs and the SCORM packages.")
    parser.add_argument("dist", type=Path, nargs="?", default=Path("_build/dist"))
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        lines = gather(args.root.resolve(), args.dist.resolve())
    except (DistError, MaterialError) as exc:
        print(f"dist: {exc}", file=sys.stderr)
        return 1
    print(f"dist: {args.dist}")
    for line in lines:
        print(f"  {line}" if line else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
