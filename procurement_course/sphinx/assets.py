"""The browser runtime as the site serves it: the course's own scripts and stylesheets, written into
``_static`` at the end of every build (Sphinx copies static files only when some page changed, so
an edited runtime would otherwise not reach the site) and minified on the way. The sources in
``static/`` stay commented and readable, and they are what the live Jupyter widget loads.

JavaScript is minified by calmjs.parse, a pure-Python ES5 parser: comments and whitespace go and
names local to a function are shortened; globals and property names are kept, so the scripts'
interfaces (``window.course``, ``courseRecord``, ``courseLMS``...) stay as written, and there is no
bundling and no Node.js step in ``make book``. Parsing costs about a second for all the scripts, so
the output is kept in the build's doctree folder, keyed by the source's digest. CSS is compacted by
the small function below, which leaves strings exactly as written.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError
from calmjs.parse.unparsers.es5 import minify_print
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_STRING = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""")


def compact_js(source: str, name: str = "<script>") -> str:
    try:
        tree = es5(source)
    except ECMASyntaxError as error:
        # The runtime is ES5 on purpose (no build step, old intranet browsers): say which file broke it.
        raise ExtensionError(f"{name}: not ES5 the minifier can read: {error}") from None
    return minify_print(tree, obfuscate=True, obfuscate_globals=False) + "\n"


def _compact_css_code(code: str) -> str:
    code = re.sub(r"\s+", " ", code)
    code = re.sub(r"\s*([{};,>])\s*", r"\1", code)
    return re.sub(r":\s+", ":", code)


def compact_css(source: str) -> str:
    parts = _CSS_STRING.split(_CSS_COMMENT.sub("", source))
    # split() keeps the strings at odd positions: leave them exactly as written.
    text = "".join(part if i % 2 else _compact_css_code(part) for i, part in enumerate(parts))
    return text.replace(";}", "}").strip() + "\n"


def runtime_files(folders: list[Path]) -> list[Path]:
    return sorted(p for folder in folders for p in folder.glob("*") if p.suffix in {".js", ".css"})


def write_runtime(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    cache_file = Path(app.doctreedir) / "course-runtime.json"
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    fresh = {}
    for path in runtime_files(app.config.course_runtime_folders):
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(f"{path.suffix}:{text}".encode()).hexdigest()
        compact = cache.get(digest)
        if not isinstance(compact, str):
            compact = compact_js(text, path.name) if path.suffix == ".js" else compact_css(text)
        fresh[digest] = compact
        (static / path.name).write_text(compact, encoding="utf-8")
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(fresh), encoding="utf-8")


def setup(app: Sphinx, folders: list[Path]) -> None:
    app.add_config_value("course_runtime_folders", folders, "html")
    app.connect("build-finished", write_runtime)
