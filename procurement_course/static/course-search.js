/* The search page, offline: Sphinx's search finds and ranks the pages (searchindex.js); this script
   shows under each result a snippet from the section that matches, and links the result to that
   section. The snippets come from _static/search-snippets.js, written at build time, because
   Sphinx's own summaries fetch each page and browsers refuse that from file:// ("Failed to fetch").
   Loaded after searchtools.js and before the search runs (on DOMContentLoaded). */
(function () {
  "use strict";
  /* documentation_options.js declares it with const: a global binding, not a property of window. */
  var options = typeof DOCUMENTATION_OPTIONS === "object" ? DOCUMENTATION_OPTIONS : null;
  if (options) options.SHOW_SEARCH_SUMMARY = false; /* no fetch: the snippets below take its place */
  var SUFFIX = options && options.LINK_SUFFIX || ".html";

  /* The query's words, each as the part a match must start with: the word cut back to its stem
     (Sphinx's own stemmer, from language_data.js) where they agree, e.g. "companies" -> "compan". */
  function terms(query) {
    var stemmer = typeof Stemmer === "function" ? new Stemmer() : null;
    return query.toLowerCase().split(/[^\w\u00c0-\u024f]+/).filter(function (w) { return w.length > 1; }).map(function (w) {
      var stem = stemmer ? stemmer.stemWord(w) : w, n = 0;
      while (n < w.length && n < stem.length && w.charAt(n) === stem.charAt(n)) n++;
      return w.slice(0, Math.max(n, Math.min(w.length, 3)));
    });
  }
  function escape(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function finder(words) {
    return words.length ? new RegExp("(^|[^\\w\u00c0-\u024f])(" + words.map(escape).join("|") + ")", "gi") : null;
  }

  /* The section of a page that matches the query best: title matches count three times. */
  function bestSection(sections, find) {
    var best = { at: 0, section: sections[0], score: -1 };
    sections.forEach(function (s, i) {
      var score = 3 * (s[1].match(find) || []).length + (s[2].match(find) || []).length;
      if (score > best.score) best = { at: i, section: s, score: score };
    });
    return best;
  }

  /* A short piece of text around the first match, the match marked. */
  function snippet(text, find) {
    var p = document.createElement("p"), m;
    p.className = "search-summary";
    find.lastIndex = 0;
    m = find.exec(text);
    if (!m) { p.textContent = text.length > 200 ? text.slice(0, 200) + " \u2026" : text; return p; }
    var at = m.index + m[1].length, from = Math.max(0, at - 80), to = Math.min(text.length, at + 160);
    var space = text.indexOf(" ", from);
    if (from && space >= 0 && space < at) from = space + 1; /* start at a word */
    var word = /^[\w\u00c0-\u024f]+/.exec(text.slice(at))[0];
    p.appendChild(document.createTextNode((from ? "\u2026 " : "") + text.slice(from, at)));
    var mark = document.createElement("mark");
    mark.textContent = word;
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + word.length, to) + (to < text.length ? " \u2026" : "")));
    return p;
  }

  function decorate(item, find) {
    var link = item.querySelector("a");
    if (!link || item.getAttribute("data-snippet") !== null) return;
    item.setAttribute("data-snippet", "");
    var href = link.getAttribute("href") || "", parts = href.split("#");
    var doc = parts[0].slice(0, parts[0].length - SUFFIX.length), sections = (globalThis.courseSnippets || {})[doc];
    if (!sections || !sections.length) return;
    var chosen = null;
    if (parts[1]) chosen = sections.filter(function (s) { return s[0] === parts[1]; })[0]; /* a title match: Sphinx knows the section */
    if (!chosen) {
      var best = bestSection(sections, find);
      chosen = best.section;
      if (best.score && best.at) link.setAttribute("href", parts[0] + "#" + chosen[0]); /* open at the matching section */
    }
    if (chosen[1] && !parts[1] && chosen !== sections[0]) link.appendChild(document.createTextNode(" \u203a " + chosen[1]));
    item.appendChild(snippet(chosen[2] || sections[0][2], find));
  }

  function start() {
    var out = document.getElementById("search-results");
    var query = new URLSearchParams(location.search).get("q") || "", find = finder(terms(query));
    if (!out || !find) return;
    new MutationObserver(function () {
      Array.prototype.forEach.call(out.querySelectorAll("ul.search > li"), function (li) { decorate(li, find); });
    }).observe(out, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
