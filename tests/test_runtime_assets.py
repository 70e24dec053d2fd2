"""The runtime as served: minified scripts keep their interfaces and strings; a broken script is named."""

import pytest
from sphinx.errors import ExtensionError

from procurement_course.sphinx.assets import compact_css, compact_js

SCRIPT = """
/* a comment that goes */
(function () {
  "use strict";
  var longLocalName = "  keep   these spaces  ";
  function helperWithALongName(value) { return value + longLocalName; }
  globalThis.courseThing = { render: helperWithALongName };
})();
"""


def test_script_loses_comments_and_local_names_but_keeps_interface_and_strings():
    out = compact_js(SCRIPT, "thing.js")
    assert "comment" not in out
    assert "longLocalName" not in out and "helperWithALongName" not in out
    assert "globalThis.courseThing" in out and "render:" in out
    assert '"  keep   these spaces  "' in out and '"use strict"' in out
    assert len(out) < 0.6 * len(SCRIPT)


def test_script_that_is_not_es5_is_named():
    with pytest.raises(ExtensionError, match=r"broken\.js: not ES5"):
        compact_js("var x = (a) => a;", "broken.js")


def test_stylesheet_keeps_strings_as_written():
    out = compact_css('/* note */\n.a::before {\n  content: "Your  choice: ";\n}\n')
    assert out == '.a::before{content:"Your  choice: "}\n'
