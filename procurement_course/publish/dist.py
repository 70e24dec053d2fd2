"""``make dist``: everything a publisher ships, gathered in one folder from what the other
targets built, and checked on the way:

    _build/dist/
      learner/          the learner's edition (open learner/index.html): no answer key
      facilitator/      the facilitator's edition, with the kit, the answer key and the PDFs
      handbook.pdf      the participant's handbook: the whole course, no answer key
      handbook-facilitator.pdf   the facilitator's handbook: with the guide and the answer key
      handouts/         case worksheets and red-flag checklists, per sector
      scorm/            the LMS packages, when ``make scorm`` has made them
      CONTENTS.txt      this list, with page counts and sizes

The learner's copy is checked against ``_config.yml``: if it holds any page only the
facilitator's edition may publish, nothing is shipped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .editions import edition_config, matches, output_dir
from .materials import MaterialError, human_size, pdf_info


HANDBOOKS = ("handbook.pdf", "handbook-facilitator.pdf")  # the participant's, the facilitator's


class DistError(Exception):
    pass


def leaked_pages(site: Path, root: Path) -> list[str]:
    """Pages of the learner's site that only the facilitator's edition may publish."""
    facilitator, participant = edition_config(root)
    pages = [p.relative_to(site).with_suffix("").as_posix() for p in site.rglob("*.html")]
    # The translated editions (fi/..., sv/...) publish the same pages: judge them by their page name.
    named = [(p, p.split("/", 1)[1] if p.split("/", 1)[0] in ("fi", "sv") and "/" in p else p) for p in pages]
    return sorted(p for p, name in named if matches(name, facilitator) and not matches(name, participant))


def gather(root: Path, dist: Path) -> list[str]:
    """Copy what was built into ``dist``; return the lines of CONTENTS.txt."""
    learner, facilitator = output_dir(root, "learner"), output_dir(root, "facilitator")
    handbooks = [root / "_build" / name for name in HANDBOOKS]
    handouts, scorm = root / "_build" / "handouts", root / "_build" / "scorm"
    for needed, target in ((learner / "index.html", "make book"), (facilitator / "index.html", "make facilitator"),
                           *((h, "make handbook") for h in handbooks), (handouts, "make handouts")):
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
    shutil.copytree(handouts, dist / "handouts")
    lines = ["learner/      the learner's edition: open learner/index.html (no answer key)",
             "facilitator/  the facilitator's edition: the kit, the answer key, the printed materials",
             "handbook.pdf  the participant's handbook (no answer key); handbook-facilitator.pdf: with the answer key",
             ""]
    for pdf in [*(dist / name for name in HANDBOOKS), *sorted((dist / "handouts").glob("*.pdf"))]:
        m = pdf_info(pdf)
        lines.append(f"{pdf.relative_to(dist).as_posix():48} {m.pages_text:>10}  {m.size_text:>8}  {m.title}")
    packages = sorted(scorm.glob("*.zip")) if scorm.is_dir() else []
    if packages:
        (dist / "scorm").mkdir()
        lines.append("")
        for package in packages:
            shutil.copy2(package, dist / "scorm" / package.name)
            lines.append(f"scorm/{package.name}  {human_size(package.stat().st_size)}  SCORM package for an LMS")
    (dist / "CONTENTS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


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
