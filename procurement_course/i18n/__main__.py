"""``make i18n``'s steps that are ours (the pages' templates come from Sphinx's gettext builder,
the .po updates from sphinx-intl):

    python -m procurement_course.i18n extract   # our domains' .pot into _build/gettext
    python -m procurement_course.i18n status    # per language: share translated, what is missing
    python -m procurement_course.i18n check     # placeholders, markup, links, numbers (exit 1 on a mistake)
    python -m procurement_course.i18n prune     # remove catalogues whose template is gone (a page removed or split)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalogue import read_catalogue
from .check import check_locale
from .extract import extract_all
from .model import LANGUAGES, locale_dir, templates_dir


def catalogue_files(root: Path, language: str) -> list[Path]:
    folder = locale_dir(root) / language / "LC_MESSAGES"
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []


def missing_entries(root: Path, language: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    """(number of entries, [(file, line, 'untranslated' | 'fuzzy', msgid)]) of a language."""
    total, missing = 0, []
    for po in catalogue_files(root, language):
        rel = str(po.relative_to(root))
        for message in read_catalogue(po) or ():
            if not message.id:
                continue  # the header
            total += 1
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            if message.fuzzy:
                missing.append((rel, message.lineno, "fuzzy", msgid))
            elif not all(strings):
                missing.append((rel, message.lineno, "untranslated", msgid))
    return total, missing


def status(root: Path, limit: int) -> int:
    for language in LANGUAGES:
        total, missing = missing_entries(root, language)
        done = total - len(missing)
        share = 100.0 * done / total if total else 0.0
        print(f"{language}: {share:.1f} % translated ({done} of {total} strings; "
              f"{sum(1 for m in missing if m[2] == 'untranslated')} untranslated, "
              f"{sum(1 for m in missing if m[2] == 'fuzzy')} fuzzy)")
        for rel, line, what, msgid in missing[:limit]:
            short = " ".join(msgid.split())
            print(f"  {rel}:{line}: {what}: {short[:70] + '...' if len(short) > 70 else short}")
        if len(missing) > limit:
            print(f"  ... and {len(missing) - limit} more (python -m procurement_course.i18n status --all)")
    return 0


def prune(root: Path) -> int:
    """A page that was removed or split leaves its catalogue behind, whose entries would count as
    missing forever: remove every .po whose .pot the last extraction did not write (git keeps it)."""
    templates = templates_dir(root)
    if not (templates / "course-runtime.pot").is_file():
        print("i18n: no templates in _build/gettext; run 'make i18n', which makes them first.", file=sys.stderr)
        return 1
    for language in LANGUAGES:
        folder = locale_dir(root) / language / "LC_MESSAGES"
        for po in catalogue_files(root, language):
            if not (templates / po.relative_to(folder)).with_suffix(".pot").is_file():
                po.unlink()
                print(f"i18n: removed {po.relative_to(root)}: its source is gone")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The course's translation catalogues.")
    parser.add_argument("command", choices=("extract", "status", "check", "prune"))
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--all", action="store_true", help="status: list every missing entry")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "extract":
        for domain, count in extract_all(root, templates_dir(root)).items():
            print(f"i18n: {domain}.pot: {count} strings")
        return 0
    if args.command == "prune":
        return prune(root)
    if args.command == "status":
        return status(root, 10**9 if args.all else 20)
    errors = check_locale(locale_dir(root))
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
