"""The browser runtime as the site serves it: the course's own scripts and stylesheets, written into
``_static`` at the end of every build (Sphinx copies static files only when some page changed, so
an edited runtime would otherwise not reach the site) and minified on the way: comments and
whitespace go, nothing else changes (no renaming, no bundling). The sources in ``static/`` stay
commented and readable, and they are what the live Jupyter widget loads.

JavaScript is minified by rjsmin (a tokenizer that knows strings and regular expressions); CSS by
the small function below, which leaves strings exactly as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import rjsmin
from sphinx.application import Sphinx

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_STRING = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""")


def compact_js(source: str) -> str:
    return rjsmin.jsmin(source) + "\n"


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
    for path in runtime_files(app.config.course_runtime_folders):
        text = path.read_text(encoding="utf-8")
        compact = compact_js(text) if path.suffix == ".js" else compact_css(text)
        (static / path.name).write_text(compact, encoding="utf-8")


def setup(app: Sphinx, folders: list[Path]) -> None:
    app.add_config_value("course_runtime_folders", folders, "html")
    app.connect("build-finished", write_runtime)
