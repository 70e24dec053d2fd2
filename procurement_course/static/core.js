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

  /* A date written out, e.g. "5 December 2026": the same in every browser locale, so that a printed
     record cannot be misread (5/12 or 12/5). */
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  function day(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  /* Ask before something that destroys work, inline (window.confirm is blocked in the sandboxed
     frames some LMSs use): after `anchor`, a group with the message, a button labelled `yesLabel`
     and "Cancel". Focus goes to Cancel, the safe choice; either button removes the group and gives
     focus back to `anchor`; only the first runs onYes. Asking again replaces an open question. */
  function confirm(anchor, message, yesLabel, onYes) {
    var old = anchor.nextElementSibling;
    if (old && old.getAttribute("data-confirm") !== null) old.remove();
    var yes = h("button", { type: "button", "class": "confirm-yes", text: yesLabel });
    var no = h("button", { type: "button", "class": "secondary confirm-cancel", text: "Cancel" });
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
    percent: percent, day: day, ready: ready, confirm: confirm };
})();
