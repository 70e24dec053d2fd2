/* Case scenario player. Turns each <section data-scenario> into a playable branching case with
   no kernel and no network: choose, read the consequence, continue, reach a rated debrief, try
   another path. Text arrives as runs of [style, text] and is only set as textContent (course.rich);
   exhibits are tables the build already rendered into the page, cloned from it.

   A step's exhibits are shown on demand ("Show the exhibit"), below its question.

   Each step is shown under its one label ("6 · New shift lists": its place in the file and its
   title, as on the worksheet and the answer sheet) and its choices are lettered A, B, C as there;
   the learner's own count ("Your decision 2 of at most 4") is a separate line.

   The place is kept in the learner record (courseRecord, record.js):
     record.cases[id] = {p: [choice index at each decision], e: ending of this play, seen: [endings]}
   so a reload, or another tab, comes back to the same step.

   Present mode (the "Present" button) is a facilitator's projector tool, not something every
   learner needs on every sector page: present.js and present.css load from beside this script the
   first time it is pressed, and show the same player through another view (see `inline` below).

   This file is served minified but not renamed, so it keeps state in short local variables
   rather than in an object, and builds each piece of the page in one expression. */
(function () {
  "use strict";
  var c = globalThis.course, C = c, h = c.h, rich = c.rich;  /* C.t: the name the string extractor reads */
  /* Set only while a classic script first runs, so read it now: present.js sits beside it. */
  var here = (document.currentScript || {}).src || "", asked = null;

  /* The debrief's words, each a whole sentence for the catalogue (README, "Languages"). */
  var RATING = {
    better: function () { return C.t("Rating: a better outcome"); },
    mixed: function () { return C.t("Rating: a mixed outcome"); },
    poor: function () { return C.t("Rating: a poor outcome"); }
  };
  function reached(seen, total, seenBetter, better) {
    var v = { seen: seen, total: total, seenBetter: seenBetter, better: better };
    if (!better) return C.t("You have reached {seen} of the {total} endings of this case.", v);
    return better === 1 ? C.t("You have reached {seen} of the {total} endings of this case, {seenBetter} of its {better} better one.", v)
      : C.t("You have reached {seen} of the {total} endings of this case, {seenBetter} of its {better} better ones.", v);
  }

  /* Load present mode once, stylesheet and script together (its fitting measures styled
     boxes), then hand it the player that asked; a second "Present" while loading takes over. */
  function present(player) {
    var open = globalThis.coursePresent, left = 2, base = here.replace(/scenario\.js(\?.*)?$/, "present.");
    var loading = asked;
    if (open) return open(player);
    asked = player;
    if (loading) return;
    function loaded() { if (!--left) globalThis.coursePresent(asked); }
    function failed() {
      if (asked) asked.fail(C.t("Present mode could not load (present.js, present.css)."));
      asked = null;
    }
    [h("link", { rel: "stylesheet", href: base + "css" }), h("script", { src: base + "js" })].forEach(function (e) {
      e.onload = loaded;
      e.onerror = failed;
      document.head.appendChild(e);
    });
  }

  function play(section, sc) {
    var id = sc.id, api = globalThis.courseRecord, endings = Object.keys(sc.endings);
    var level = Math.min(5, Math.max(3, parseInt(section.getAttribute("data-heading-level"), 10) || 3));
    /* entry: this case's record ({p, seen}); pending: the consequence of the last choice is on
       screen; resumed: back after a reload; retry: the choice this step had before "Try another path". */
    var entry = null, pending = false, resumed = false, retry = -1;

    /* ---- The record: read, check against this case, write. ---- */
    function stored() {
      var r = api && api.get(), e = r && r.cases && r.cases[id];
      return e ? { p: (e.p || []).slice(), seen: (e.seen || []).slice() } : null;
    }
    /* Follow a path from the start; cut it where it stops fitting the case (an edited scenario). */
    function walk(p) {
      var node = sc.start, steps = [];
      for (var i = 0; i < p.length; i++) {
        var step = sc.steps[node];
        if (!step || !step.choices[p[i]]) { p.length = i; break; }
        steps.push({ step: step, choice: p[i] });
        node = step.choices[p[i]].next;
      }
      return { node: node, steps: steps };
    }
    function save() {
      var at = walk(entry.p).node, end = sc.endings[at], value;
      if (end && entry.seen.indexOf(at) < 0) entry.seen.push(at);
      value = { p: entry.p.slice(), seen: entry.seen.slice() };
      if (end) value.e = at;
      if (api) api.update(function (r) { r.cases[id] = value; });
    }

    /* ---- Building blocks. ---- */
    function button(kids, onClick, cls) {
      var b = h("button", { type: "button", "class": cls }, kids);
      b.addEventListener("click", onClick);
      return b;
    }
    function heading(kids) { return h("h" + level, { "class": "scenario-step-title", tabindex: "-1" }, kids); }
    /* Exhibit ids are compared, never put into a selector. The page's own tables come first in
       the section, before any copy the player made. */
    function exhibit(xid) {
      var e = [].find.call(section.querySelectorAll("[data-exhibit]"), function (x) { return x.getAttribute("data-exhibit") === xid; });
      return e && e.cloneNode(true);
    }

    var presentButton = button([C.t("Present this case")], function () { present(player); });
    var stage = h("div"), said = h("div", { "class": "scenario-said", "aria-live": "polite" });
    section.appendChild(h("div", { "class": "scenario-live" }, [h("div", { "class": "scenario-toolbar" }, [presentButton]), stage, said]));

    /* A view is where and how the player draws: on the page, the trail of decisions above the
       step and its exhibits as tables; present.js brings its own. */
    var inline = {
      body: stage,
      said: said,
      top: function (box, at) {
        if (at && at.steps.length) box.appendChild(h("div", { "class": "scenario-trail-box" }, [h("p", { text: C.t("Your decisions so far:") }),
          h("ol", { "class": "scenario-trail" }, at.steps.map(function (s) {
            return h("li", null, [s.step.label + ": " + c.letter(s.choice) + ". ", rich(s.step.choices[s.choice].text)]);
          }))]));
      },
      /* Exhibits on demand ("Show the exhibit"), so that a step's question and its first choice
         share one screen even when the exhibit is a 30-row table. */
      exhibits: function (box, ids) {
        ids.forEach(function (xid) {
          var table = exhibit(xid), caption = table && table.querySelector("caption"), toggle;
          if (!table) return;
          var name = caption ? caption.textContent.trim() : xid;
          table.id = c.uid("exhibit");
          table.hidden = true;
          toggle = button([C.t("Show the exhibit: {name}", { name: name })], function () {
            table.hidden = !table.hidden;
            toggle.setAttribute("aria-expanded", String(!table.hidden));
            toggle.textContent = table.hidden ? C.t("Show the exhibit: {name}", { name: name }) : C.t("Hide the exhibit: {name}", { name: name });
          }, "scenario-exhibit-toggle");
          toggle.setAttribute("aria-expanded", "false");
          toggle.setAttribute("aria-controls", table.id);
          box.appendChild(h("div", { "class": "scenario-exhibit-box" }, [toggle, table]));
        });
      }
    };
    var view = inline;

    /* ---- Views. ---- */
    function render(focus) {
      /* While a consequence is on screen the learner is still at the step of the last choice. */
      var box = view.body, at = entry && walk(pending ? entry.p.slice(0, -1) : entry.p), target, start;
      box.textContent = said.textContent = "";
      target = view.top(box, at);
      if (!at) {
        /* At the start, focus goes to what present mode puts first, else to this button. */
        start = box.appendChild(button([C.t("Start the case")], function () {
          entry = { p: [], seen: [] };
          save();
          render(true);
        }));
        target = target || start;
      } else target = sc.endings[at.node] ? showEnding(box, at.node) : showStep(box, at);
      if (focus) target.focus();
      if (view.fit) view.fit();
    }

    function showStep(box, at) {
      var step = sc.steps[at.node], n = at.steps.length + 1, title = box.appendChild(heading([step.label]));
      var chosen = pending ? entry.p[entry.p.length - 1] : -1, choice = step.choices[chosen], region;
      box.appendChild(h("p", { "class": "scenario-counter", "data-scenario-counter": true,
        text: C.t("Your decision {n} of at most {most}", { n: n, most: n - 1 + step.left }) }));
      if (resumed && at.steps.length) box.appendChild(h("p", { "class": "scenario-note", text: C.t("Welcome back: the case is where you left it.") }));
      if (retry >= 0) box.appendChild(h("p", { "class": "scenario-note", text: C.t("Last time you chose {letter} here. Try another choice, or the same one again.", { letter: c.letter(retry) }) }));
      box.appendChild(rich(step.prompt, "p", { "class": "scenario-prompt" }));
      view.exhibits(box, step.exhibits);
      box.appendChild(h("div", { "class": "scenario-choices", role: "group", "aria-label": C.t("Choices") }, step.choices.map(function (ch, i) {
        var b = button([h("b", { text: c.letter(i) + "." }), " ", rich(ch.text)], function () { choose(i); }, "scenario-choice");
        if (choice) {
          b.disabled = true;
          b.setAttribute("aria-pressed", i === chosen);
        }
        return b;
      })));
      if (!choice) return title;
      /* Present mode draws the consequence inside its dialog, under the choices. */
      region = view.said || box.appendChild(h("div", { "class": "scenario-said", "aria-live": "polite" }));
      region.appendChild(h("p", null, [h("strong", { text: C.t("What happens:") }), " ", rich(choice.consequence)]));
      return region.appendChild(button([sc.steps[choice.next] ? C.t("Continue") : C.t("See the debrief")], function () {
        pending = false;
        render(true);
      }, "scenario-next"));
    }

    function showEnding(box, endingId) {
      var end = sc.endings[endingId], seen = entry.seen, title = heading([C.t("Debrief:"), " ", rich(end.title)]);
      var better = endings.filter(function (e) { return sc.endings[e].outcome === "better"; });
      var seenBetter = better.filter(function (e) { return seen.indexOf(e) >= 0; }).length;
      function again() {
        pending = resumed = false;
        save();
        render(true);
      }
      box.appendChild(h("div", { "class": "scenario-debrief", "data-scenario-debrief": endingId }, [
        title,
        h("p", { "class": "scenario-rating", "data-rating": end.outcome }, [
          h("span", { "aria-hidden": "true" }), RATING[end.outcome] ? RATING[end.outcome]() : C.t("Rating: {rating}", { rating: end.rating.toLowerCase() })]),
        rich(end.debrief, "p"),
        h("p", null, [h("strong", { text: C.t("ILO indicators involved:") }), " " + (end.indicatorNames || end.indicators).join(", ")]),
        h("p", null, [h("strong", { text: C.t("What the rules allow:") }), " ", rich(end.rules)]),
        h("p", { "class": "scenario-endings-seen", text: reached(seen.length, endings.length, seenBetter, better.length) }),
        h("div", { "class": "scenario-actions" }, [
          button([C.t("Try another path")], function () { retry = entry.p.pop(); again(); }),
          button([C.t("Play the case again")], function () { entry.p = []; retry = -1; again(); })])]));
      return title;
    }

    function choose(i) {
      var step = entry && !pending && sc.steps[walk(entry.p).node];
      if (!step || !step.choices[i]) return;
      entry.p.push(i);
      pending = true;
      resumed = false;
      retry = -1;
      save();
      render(true);
    }

    /* What present.js may use: the case, the building blocks, choose, and show(view) to draw
       through its view (null: back on the page, focus on the Present button). */
    var player = {
      section: section, sc: sc, button: button, heading: heading, exhibit: exhibit, choose: choose,
      show: function (v) {
        view = v || inline;
        render(!!v);
        if (!v) presentButton.focus();
      },
      fail: function (text) { said.textContent = text; }
    };

    /* ---- Start: where the record says the learner is; follow changes from other tabs. ---- */
    entry = stored();
    if (entry) {
      var at = walk(entry.p);
      resumed = at.steps.length > 0 && !sc.endings[at.node];
    }
    render(false);
    if (api) api.onChange(function () {
      var now = stored();
      if (JSON.stringify(now) === JSON.stringify(entry)) return;
      entry = now;
      pending = false;
      retry = -1;
      render(view !== inline || stage.contains(document.activeElement));
    });
  }

  c.ready(function () {
    [].forEach.call(document.querySelectorAll("section[data-scenario]:not(.scenario-ready)"), function (section) {
      var sc;
      try { sc = JSON.parse(section.querySelector("script.scenario-data").textContent); } catch (e) { return; }
      play(section, sc);
      section.classList.add("scenario-ready");
    });
  });
})();
