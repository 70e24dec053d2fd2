/* Case scenario player. Turns each <section data-scenario> into a playable branching case with
   no kernel and no network: choose, read the consequence, continue, reach a debrief, play again.
   Text arrives as runs of [style, text] and is only set as textContent; exhibits are tables the
   build already rendered into the page, cloned from it. */
(function () {
  "use strict";

  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function rich(runs, tag, attrs) {
    var e = h(tag || "span", attrs);
    (runs || []).forEach(function (r) {
      e.appendChild(r[0] ? h(r[0] === "b" ? "strong" : "em", { text: r[1] }) : document.createTextNode(r[1]));
    });
    return e;
  }

  function play(section, sc) {
    var live = h("div", { "class": "scenario-live" });
    var trail = h("ol", { "class": "scenario-trail" });
    var trailBox = h("div", { "class": "scenario-trail-box", hidden: true }, [h("p", { text: "Your decisions so far:" }), trail]);
    var stage = h("div", { "class": "scenario-stage" });
    var said = h("div", { "class": "scenario-said", "aria-live": "polite" });
    live.appendChild(trailBox);
    live.appendChild(stage);
    live.appendChild(said);
    section.appendChild(live);
    var number = 0;

    function exhibit(id) {
      var source = section.querySelector(".scenario-static [data-exhibit='" + id + "']");
      return source ? source.cloneNode(true) : null;
    }

    function heading(text) {
      return h("p", { "class": "scenario-step-title", tabindex: "-1", text: text });
    }

    function show(id) {
      stage.textContent = "";
      said.textContent = "";
      var step = sc.steps[id];
      var title;
      if (step) {
        number++;
        title = heading("Decision point " + number);
        stage.appendChild(title);
        stage.appendChild(rich(step.prompt, "p", { "class": "scenario-prompt" }));
        step.exhibits.forEach(function (x) { stage.appendChild(exhibit(x)); });
        var group = h("div", { "class": "scenario-choices", role: "group", "aria-label": "Choices" });
        step.choices.forEach(function (c) {
          var b = h("button", { type: "button", "class": "scenario-choice" }, [rich(c.text)]);
          b.addEventListener("click", function () { choose(step, c, b, group); });
          group.appendChild(b);
        });
        stage.appendChild(group);
      } else {
        var end = sc.endings[id];
        var box = h("div", { "class": "scenario-debrief", "data-scenario-debrief": id });
        title = heading("Debrief: " + end.outcome);
        box.appendChild(title);
        box.appendChild(rich(end.title, "p", { "class": "scenario-ending-title" }));
        box.appendChild(rich(end.debrief, "p"));
        box.appendChild(h("p", null, [h("strong", { text: "ILO indicators involved: " }), end.indicators.join(", ")]));
        box.appendChild(h("p", null, [h("strong", { text: "What the rules allow: " }), rich(end.rules)]));
        var again = h("button", { type: "button", "class": "scenario-restart", text: "Play the case again" });
        again.addEventListener("click", restart);
        box.appendChild(again);
        stage.appendChild(box);
      }
      title.focus();
    }

    function choose(step, c, button, group) {
      Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
        b.disabled = true;
        b.setAttribute("aria-pressed", b === button ? "true" : "false");
      });
      trail.appendChild(h("li", null, [rich(c.text)]));
      trailBox.hidden = false;
      said.textContent = "";
      said.appendChild(h("p", { "class": "scenario-consequence" }, [h("strong", { text: "What happens: " }), rich(c.consequence)]));
      var next = h("button", { type: "button", "class": "scenario-next", text: sc.steps[c.next] ? "Continue" : "See the debrief" });
      next.addEventListener("click", function () { show(c.next); });
      said.appendChild(next);
      next.focus();
    }

    function restart() {
      trail.textContent = "";
      trailBox.hidden = true;
      number = 0;
      show(sc.start);
    }

    number = 0;
    stage.textContent = "";
    var startButton = h("button", { type: "button", "class": "scenario-begin", text: "Start the case" });
    startButton.addEventListener("click", restart);
    stage.appendChild(startButton);
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
