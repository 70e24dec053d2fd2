/* The tender risk screen: plays the rules of data/toolkit_risk_rules.csv on the form's answers
   (as procurement_course/toolkit/model.py does), and shows the level, the reasons and the measures. */
(function () {
  "use strict";
  var T = window.courseTools, h = course.h, C = course;
  /* The level's name as the page's language writes it (the data and data-risk-level keep low/medium/high). */
  function levelName(level) { return { low: C.t("low"), medium: C.t("medium"), high: C.t("high") }[level] || level; }

  function holds(c, answers) {
    var a = String(answers[c.q] === undefined ? "" : answers[c.q]);
    if (c.test === "at_least") return a !== "" && isFinite(parseFloat(a)) && parseFloat(a) >= parseFloat(c.value);
    if (c.test === "in") return c.value.split(";").map(function (v) { return v.trim(); }).indexOf(a) >= 0;
    return a === c.value;
  }

  T.each("[data-risk-screen]", function (section) {
    var d = T.data(section), form = section.querySelector("form"), out = section.querySelector("[data-risk-result]");
    var status = section.querySelector(".tk-status"), order = ["low", "medium", "high"];
    var levels = d.levels.slice().sort(function (a, b) { return a.min_points - b.min_points; });
    T.presetSector(form);

    function run() {
      var a = T.values(form), reasons = d.rules.filter(function (r) { return holds(r, a); });
      var points = reasons.reduce(function (s, r) { return s + r.points; }, 0), level = levels[0];
      levels.forEach(function (lv) { if (points >= lv.min_points) level = lv; });
      var rank = order.indexOf(level.level), phases = h("div", { "data-measures": true });
      Object.keys(d.phases).forEach(function (p) {
        var list = d.measures.filter(function (m) {
          return m.phase === p && order.indexOf(m.from) <= rank && (!m.q || holds(m, a));
        });
        if (!list.length) return;
        phases.appendChild(h("h4", { text: d.phases[p] }));
        phases.appendChild(h("ul", {}, list.map(function (m) {
          return h("li", { "data-measure": m.id }, [m.text + ".", T.source(m.source), " ", T.learn(m.learn)]);
        })));
      });
      out.textContent = "";
      out.appendChild(h("h2", { text: C.t("Result") }));
      var strong = h("strong", { "data-risk-level": level.level, text: levelName(level.level) });
      out.appendChild(h("p", { "class": "tk-level tk-" + level.level }, T.parts(points === 1 ?
        C.t("Risk level: {level} ({points} point). {meaning}.", { points: points, meaning: level.meaning }) :
        C.t("Risk level: {level} ({points} points). {meaning}.", { points: points, meaning: level.meaning }), { level: strong })));
      out.appendChild(h("p", { "class": "tk-src", text: C.t("How the level is set: {source}.", { source: level.source }) }));
      out.appendChild(h("h3", { text: C.t("Why") }));
      out.appendChild(reasons.length ? h("ul", { "data-risk-reasons": true }, reasons.map(function (r) {
        return h("li", {}, [C.t("{reason} (+{points}).", { reason: r.reason, points: r.points }), T.source(r.source)]);
      })) : h("p", { "data-risk-reasons": true, text: C.t("None of the screen's risk factors applies.") }));
      out.appendChild(h("h3", { text: C.t("Measures by phase") }));
      out.appendChild(phases);
      out.hidden = false;
      return level.level;
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      course.announce(status, C.t("Risk level: {level}.", { level: levelName(run()) }));
      out.focus();
    });
    form.addEventListener("change", function () { if (!out.hidden) run(); });
  });
})();
