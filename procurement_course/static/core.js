/* Shared helpers for the course's browser runtimes (quiz, case player, course shell, record page).
   One small file loaded first on every page, so no runtime carries its own copy.
   Text from the build arrives as runs of [style, text] and is only ever set as textContent. */
(function () {
  "use strict";
  var n = 0;

  /* Create an element: attrs.text sets textContent; true sets a bare attribute; null/false skip it. */
  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (k === "text") e.textContent = v;
      else if (v !== null && v !== false && v !== undefined) e.setAttribute(k, v === true ? "" : v);
    }
    (kids || []).forEach(function (c) {
      if (c || c === 0) e.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    });
    return e;
  }

  function rich(runs, tag, attrs) {
    var e = h(tag || "span", attrs);
    (runs || []).forEach(function (r) {
      e.appendChild(r[0] ? h(r[0] === "b" ? "strong" : "em", { text: r[1] }) : document.createTextNode(r[1]));
    });
    return e;
  }

  function plain(runs) { return (runs || []).map(function (r) { return r[1]; }).join(""); }

  /* Ids unique in the page, and across several copies of a runtime (e.g. two widget views). */
  function uid(prefix) {
    n += 1;
    return (prefix || "c") + "-" + Math.random().toString(36).slice(2, 7) + n;
  }

  /* One polite message per action: clearing first makes a repeated message be read again. */
  function announce(region, text) {
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 50);
  }

  function letter(i) { return "ABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(i); }

  function percent(part, whole) { return whole ? Math.round(100 * part / whole) : 0; }

  /* ---- Languages: one mechanism for every runtime (README, "Languages") ----
     course.t(source, { name: x }), with source the English text (e.g. "Done: quiz {score} %"), is the string in the page's language: the build
     puts the page language's catalogue (locale/<lang>/LC_MESSAGES/course-runtime.po) into the page
     as <script type="application/json" id="course-i18n">; an English page has none and gets the
     source back. The first argument is always a plain string literal (the extractor reads it from
     the source); placeholders are {name}, filled from the second argument, never concatenated. */
  var strings = null;
  function language() { return (document.documentElement.getAttribute("lang") || "en").split("-")[0]; }
  function catalogue() {
    if (strings === null) {
      var el = document.getElementById("course-i18n");
      try { strings = el ? JSON.parse(el.textContent) : {}; } catch (e) { strings = {}; }
    }
    return strings;
  }
  function t(text, values) {
    var table = catalogue(), out = Object.prototype.hasOwnProperty.call(table, text) && table[text] ? table[text] : text;
    return out.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && values[key] !== undefined && values[key] !== null ? String(values[key]) : whole;
    });
  }

  /* Numbers as the page's language writes them: 1,234.5 (en); 1 234,5 (fi, sv: a no-break space
     groups thousands, a comma marks decimals). The same table as i18n/catalogue.py's NUMBER_FORMAT. */
  var NUMBER = { en: [",", "."], fi: ["\u00a0", ","], sv: ["\u00a0", ","] };
  function number(x, decimals) {
    var marks = NUMBER[language()] || NUMBER.en;
    var text = decimals === undefined ? String(x) : Number(x).toFixed(decimals);
    var minus = text.charAt(0) === "-", parts = (minus ? text.slice(1) : text).split(".");
    return (minus ? "-" : "") + parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, marks[0]) + (parts[1] ? marks[1] + parts[1] : "");
  }
  /* An amount in euros: "EUR 9,000" (en), "9 000 euroa" (fi), "9 000 euro" (sv): word order from the catalogue. */
  function euros(x, decimals) { return t("EUR {amount}", { amount: number(x, decimals) }); }

  /* A date that cannot be misread on a printed record (5/12 or 12/5?): written out in English pages
     ("5 December 2026", the same in every browser locale), and day.month.year in Finnish and Swedish
     pages, as Finland writes it (5.12.2026; the Swedish edition follows Finland-Swedish usage). */
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  function day(iso) {
    var d = new Date(iso);
    if (isNaN(d)) return "";
    if (language() === "fi" || language() === "sv") return d.getDate() + "." + (d.getMonth() + 1) + "." + d.getFullYear();
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  /* Ask before something that destroys work, inline (window.confirm is blocked in the sandboxed
     frames some LMSs use): after `anchor`, a group with the message, a button labelled `yesLabel`
     and "Cancel". Focus goes to Cancel, the safe choice; either button removes the group and gives
     focus back to `anchor`; only the first runs onYes. Asking again replaces an open question. */
  function confirm(anchor, message, yesLabel, onYes) {
    var old = anchor.nextElementSibling;
    if (old && old.getAttribute("data-confirm") !== null) old.remove();
    var yes = h("button", { type: "button", "class": "confirm-yes", text: yesLabel });
    var no = h("button", { type: "button", "class": "secondary confirm-cancel", text: t("Cancel") });
    var group = h("div", { role: "group", "aria-label": message, "class": "confirm", "data-confirm": "" },
      [h("p", { text: message }), yes, " ", no]);
    function close(run) {
      group.remove();
      anchor.focus();
      if (run) onYes();
    }
    yes.addEventListener("click", function () { close(true); });
    no.addEventListener("click", function () { close(false); });
    group.addEventListener("keydown", function (e) { if (e.key === "Escape") close(false); });
    anchor.parentNode.insertBefore(group, anchor.nextSibling);
    no.focus();
    return group;
  }

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  globalThis.course = { h: h, rich: rich, plain: plain, uid: uid, announce: announce, letter: letter,
    percent: percent, day: day, ready: ready, confirm: confirm, t: t, language: language, number: number, euros: euros };
})();
