/* Case scenario player. Turns each <section data-scenario> into a playable branching case with
   no kernel and no network: choose, read the consequence, continue, reach a rated debrief, try
   another path. Text arrives as runs of [style, text] and is only set as textContent (course.rich);
   exhibits are tables the build already rendered into the page, cloned from it.

   Each step is shown under its one label ("6 · New shift lists": its place in the file and its
   title, as on the worksheet and the answer sheet) and its choices are lettered A, B, C as there;
   the learner's own count ("Your decision 2 of at most 4") is a separate line.

   The place is kept in the learner record (courseRecord, record.js):
     record.cases[id] = {p: [choice index at each decision], e: ending of this play, seen: [endings]}
   so a reload, or another tab, comes back to the same step.

   Present mode (the "Present" button) shows the current step large in a full-window dialog for a
   projector: label, prompt and choices fitted to one screen, exhibits on demand, letters to choose,
   Enter to continue, Escape to leave. */
(function () {
  "use strict";
  var c = globalThis.course;
  var h = c.h, rich = c.rich;

  function ordinalChoice(i) { return c.letter(i) + "."; }

  function play(section, sc) {
    var id = sc.id;
    var level = Math.min(5, Math.max(3, parseInt(section.getAttribute("data-heading-level"), 10) || 3));
    var endings = Object.keys(sc.endings);
    var state = { entry: null, pending: false, resumed: false, retry: -1 };

    /* ---- The record: read, check against this case, write. ---- */
    function recordApi() { return globalThis.courseRecord || null; }
    function stored() {
      var api = recordApi(), r = api && api.get();
      var e = r && r.cases && r.cases[id];
      return e ? { p: (e.p || []).slice(), e: e.e, seen: (e.seen || []).slice() } : null;
    }
    /* Follow a path from the start; cut it where it stops fitting the case (an edited scenario). */
    function walk(p) {
      var node = sc.start, steps = [];
      for (var i = 0; i < p.length; i++) {
        var step = sc.steps[node];
        if (!step || !step.choices[p[i]]) { p.length = i; break; }
        steps.push({ id: node, step: step, choice: p[i] });
        node = step.choices[p[i]].next;
      }
      return { node: node, steps: steps };
    }
    function save() {
      var entry = state.entry, api = recordApi();
      if (!entry) return;
      var at = walk(entry.p).node;
      if (sc.endings[at]) {
        entry.e = at;
        if (entry.seen.indexOf(at) < 0) entry.seen.push(at);
      } else delete entry.e;
      var value = { p: entry.p.slice(), seen: entry.seen.slice() };
      if (entry.e) value.e = entry.e;
      if (api) api.update(function (r) { r.cases[id] = value; });
    }

    /* ---- Building blocks. ---- */
    var live = h("div", { "class": "scenario-live" });
    var toolbar = h("div", { "class": "scenario-toolbar" });
    var presentButton = h("button", { type: "button", "class": "scenario-present-button", text: "Present this case" });
    toolbar.appendChild(presentButton);
    var stage = h("div", { "class": "scenario-stage" });
    var said = h("div", { "class": "scenario-said", "aria-live": "polite" });
    live.appendChild(toolbar);
    live.appendChild(stage);
    live.appendChild(said);
    section.appendChild(live);

    var dialog = null, presenting = false, exhibitDialog = null;

    /* Exhibit ids are compared, never put into a selector. */
    function exhibit(xid) {
      var all = section.querySelectorAll(".scenario-static [data-exhibit], .scenario-situation [data-exhibit]");
      for (var i = 0; i < all.length; i++) if (all[i].getAttribute("data-exhibit") === xid) return all[i].cloneNode(true);
      return null;
    }
    function heading(text) { return h("h" + level, { "class": "scenario-step-title", tabindex: "-1", text: text }); }
    function counter(at, step) {
      var n = at.steps.length + 1;
      return h("p", { "class": "scenario-counter", "data-scenario-counter": true,
        text: "Your decision " + n + " of at most " + (n - 1 + step.left) });
    }
    function button(text, cls, onClick) {
      var b = h("button", { type: "button", "class": cls, text: text });
      b.addEventListener("click", onClick);
      return b;
    }
    function trail(at) {
      if (!at.steps.length || presenting) return null;
      var list = h("ol", { "class": "scenario-trail" });
      at.steps.forEach(function (s) {
        list.appendChild(h("li", null, [s.step.label + ": " + ordinalChoice(s.choice) + " ", rich(s.step.choices[s.choice].text)]));
      });
      return h("div", { "class": "scenario-trail-box" }, [h("p", { text: "Your decisions so far:" }), list]);
    }
    function exhibitsFor(ids) {
      if (!ids.length) return null;
      if (!presenting) {
        var box = h("div", { "class": "scenario-step-exhibits" });
        ids.forEach(function (x) { var e = exhibit(x); if (e) box.appendChild(e); });
        return box;
      }
      var bar = h("div", { "class": "scenario-exhibit-buttons" });
      ids.forEach(function (x) {
        var e = exhibit(x), caption = e && e.querySelector("caption");
        if (!e) return;
        bar.appendChild(button("Show exhibit: " + (caption ? caption.textContent.trim() : x), "scenario-show-exhibit",
          function () { showExhibit(e); }));
      });
      return bar;
    }

    /* ---- Views. ---- */
    function render(focus) {
      var target = presenting ? dialog.querySelector(".scenario-present-body") : stage;
      target.textContent = "";
      said.textContent = "";
      var entry = state.entry;
      var title = null;
      if (!entry) {
        if (presenting) {
          target.appendChild(rich(sc.title, "p", { "class": "scenario-present-case" }));
          title = h("h" + level, { "class": "scenario-step-title", tabindex: "-1", text: "The situation" });
          target.appendChild(title);
          var situation = section.querySelector(".scenario-situation > p");
          if (situation) target.appendChild(situation.cloneNode(true));
          var situationExhibits = exhibitsFor(sc.exhibits || []);
          if (situationExhibits) target.appendChild(situationExhibits);
        }
        var start = button("Start the case", "scenario-begin", function () {
          state.entry = { p: [], seen: [] };
          save();
          render(true);
        });
        target.appendChild(start);
        if (focus) (title || start).focus();
        return fit();
      }
      /* While a consequence is on screen the learner is still at the step of the last choice. */
      var at = walk(state.pending ? entry.p.slice(0, -1) : entry.p);
      var t = trail(at);
      if (t) target.appendChild(t);
      if (presenting) target.appendChild(rich(sc.title, "p", { "class": "scenario-present-case" }));
      if (sc.endings[at.node]) {
        title = showEnding(target, at.node);
      } else {
        var step = sc.steps[at.node];
        title = heading(step.label);
        target.appendChild(title);
        target.appendChild(counter(at, step));
        if (state.resumed && at.steps.length) {
          target.appendChild(h("p", { "class": "scenario-resumed", text: "Welcome back: the case is where you left it." }));
        }
        if (state.retry >= 0) {
          target.appendChild(h("p", { "class": "scenario-resumed", text: "Last time you chose " + c.letter(state.retry) +
            " here. Try another choice, or the same one again." }));
        }
        target.appendChild(rich(step.prompt, "p", { "class": "scenario-prompt" }));
        var ex = exhibitsFor(step.exhibits);
        if (ex) target.appendChild(ex);
        var chosen = state.pending ? entry.p[entry.p.length - 1] : -1;
        var group = h("div", { "class": "scenario-choices", role: "group", "aria-label": "Choices" });
        step.choices.forEach(function (choice, i) {
          var b = h("button", { type: "button", "class": "scenario-choice", "data-choice": i },
            [h("span", { "class": "scenario-letter", text: ordinalChoice(i) }), " ", rich(choice.text)]);
          if (chosen >= 0) {
            b.disabled = true;
            b.setAttribute("aria-pressed", i === chosen ? "true" : "false");
          }
          b.addEventListener("click", function () { choose(i); });
          group.appendChild(b);
        });
        target.appendChild(group);
        if (chosen >= 0) {
          var choice = step.choices[chosen];
          var region = presenting ? h("div", { "class": "scenario-said", "aria-live": "polite" }) : said;
          region.appendChild(h("p", { "class": "scenario-consequence" }, [h("strong", { text: "What happens: " }), rich(choice.consequence)]));
          var next = button(sc.steps[choice.next] ? "Continue" : "See the debrief", "scenario-next", function () {
            state.pending = false;
            render(true);
          });
          region.appendChild(next);
          if (presenting) target.appendChild(region);
          if (focus) next.focus();
          return fit();
        }
      }
      if (focus && title) title.focus();
      fit();
    }

    function showEnding(target, endingId) {
      var end = sc.endings[endingId];
      var seen = state.entry.seen;
      var better = endings.filter(function (e) { return sc.endings[e].outcome === "better"; });
      var seenBetter = better.filter(function (e) { return seen.indexOf(e) >= 0; });
      var box = h("div", { "class": "scenario-debrief", "data-scenario-debrief": endingId, "data-outcome": end.outcome });
      var title = h("h" + level, { "class": "scenario-step-title", tabindex: "-1" }, ["Debrief: ", rich(end.title)]);
      box.appendChild(title);
      box.appendChild(h("p", { "class": "scenario-rating", "data-rating": end.outcome }, [
        h("span", { "class": "scenario-rating-mark", "aria-hidden": "true" }), "Rating: " + end.rating.toLowerCase()]));
      box.appendChild(rich(end.debrief, "p"));
      box.appendChild(h("p", null, [h("strong", { text: "ILO indicators involved: " }), end.indicators.join(", ")]));
      box.appendChild(h("p", null, [h("strong", { text: "What the rules allow: " }), rich(end.rules)]));
      box.appendChild(h("p", { "class": "scenario-endings-seen", text: "You have reached " + seen.length + " of the " +
        endings.length + " endings of this case" + (better.length ? ", " + seenBetter.length + " of its " + better.length +
        (better.length === 1 ? " better one." : " better ones.") : ".") }));
      var actions = h("div", { "class": "scenario-actions" });
      actions.appendChild(button("Try another path", "scenario-retry", function () {
        var p = state.entry.p;
        state.retry = p.pop();
        state.pending = false;
        state.resumed = false;
        save();
        render(true);
      }));
      actions.appendChild(button("Play the case again", "scenario-restart", function () {
        state.entry.p = [];
        state.pending = false;
        state.resumed = false;
        state.retry = -1;
        save();
        render(true);
      }));
      box.appendChild(actions);
      target.appendChild(box);
      return title;
    }

    function choose(i) {
      if (!state.entry || state.pending) return;
      var at = walk(state.entry.p);
      var step = sc.steps[at.node];
      if (!step || !step.choices[i]) return;
      state.entry.p.push(i);
      state.pending = true;
      state.resumed = false;
      state.retry = -1;
      save();
      render(true);
    }

    /* ---- Present mode. ---- */
    function fit() {
      if (!presenting) return;
      var body = dialog.querySelector(".scenario-present-body");
      var size = 34;
      body.style.fontSize = size + "px";
      while (size > 13 && (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)) {
        size -= 1;
        body.style.fontSize = size + "px";
      }
    }
    function showExhibit(table) {
      exhibitDialog = h("dialog", { "class": "scenario-exhibit-dialog", "aria-label": "Exhibit" });
      var close = button("Close the exhibit", "scenario-exhibit-close", function () { exhibitDialog.close(); });
      exhibitDialog.appendChild(close);
      exhibitDialog.appendChild(table);
      exhibitDialog.addEventListener("close", function () { exhibitDialog.remove(); exhibitDialog = null; });
      dialog.appendChild(exhibitDialog);
      exhibitDialog.showModal();
      close.focus();
    }
    /* Keys while presenting, wherever the focus is. Caught before Sphinx's page scripts, which
       take Escape on the document (preventDefault, to hide search highlights) and would stop it
       closing the dialog; Escape's own default action still closes the top dialog. */
    function presentKeys(e) {
      if (e.key === "Escape") { e.stopPropagation(); return; }
      if (exhibitDialog || e.altKey || e.ctrlKey || e.metaKey) return;
      var next = dialog.querySelector(".scenario-next");
      if (e.key === "ArrowRight" && next) { e.preventDefault(); next.click(); return; }
      if (e.key.length !== 1) return;
      var i = e.key.toUpperCase().charCodeAt(0) - 65;
      var choice = dialog.querySelectorAll(".scenario-choice")[i];
      if (i >= 0 && i < 26 && choice && !choice.disabled) { e.preventDefault(); choose(i); }
    }
    function present() {
      if (presenting) return;
      dialog = h("dialog", { "class": "scenario-present", "aria-label": "Presenting the case: " + c.plain(sc.title) });
      var bar = h("div", { "class": "scenario-present-bar" }, [
        h("p", { "class": "scenario-present-keys", text: "Keys: A, B, C choose · Enter or \u2192 continues · Esc leaves" }),
        button("Leave present mode", "scenario-present-leave", function () { dialog.close(); })]);
      dialog.appendChild(bar);
      dialog.appendChild(h("div", { "class": "scenario-present-body" }));
      dialog.addEventListener("close", function () {
        window.removeEventListener("keydown", presentKeys, true);
        presenting = false;
        dialog.remove();
        dialog = null;
        render(false);
        presentButton.focus();
      });
      section.appendChild(dialog);
      window.addEventListener("keydown", presentKeys, true);
      presenting = true;
      dialog.showModal();
      render(true);
    }
    presentButton.addEventListener("click", present);
    window.addEventListener("resize", fit);

    /* ---- Start: where the record says the learner is; follow changes from other tabs. ---- */
    state.entry = stored();
    if (state.entry) {
      var checked = walk(state.entry.p);
      state.resumed = checked.steps.length > 0 && !sc.endings[checked.node];
    }
    render(false);
    var api = recordApi();
    if (api) api.onChange(function () {
      var now = stored();
      var text = now ? JSON.stringify({ p: now.p, seen: now.seen, e: now.e }) : "";
      var mine = state.entry ? JSON.stringify({ p: state.entry.p, seen: state.entry.seen, e: state.entry.e }) : "";
      if (text === mine) return;
      state.entry = now;
      state.pending = false;
      state.retry = -1;
      render(presenting || stage.contains(document.activeElement));
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("section[data-scenario]"), function (section) {
      if (section.classList.contains("scenario-ready")) return;
      var sc;
      try { sc = JSON.parse(section.querySelector("script.scenario-data").textContent); } catch (e) { return; }
      play(section, sc);
      section.classList.add("scenario-ready");
    });
  }

  c.ready(init);
})();
