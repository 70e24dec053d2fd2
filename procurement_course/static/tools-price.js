/* The labour-cost floor check: the lowest labour cost a lawful supplier can have for the hours the
   work needs, against the tendered price. Defaults come from data/toolkit_rates.csv, each shown
   with its source and date; every one is editable. */
(function () {
  "use strict";
  var T = window.courseTools, h = course.h, num = T.num, C = course;
  var FIELDS = { wage: "hourly_wage", evening: "evening_supplement", night: "night_supplement",
    sunday: "sunday_percent", holiday: "holiday_percent" };

  /* Dates stay ISO (2026-01-01), unambiguous in every language. A rate's unit and confidence as the page's language writes them (the data keeps EUR/h, verified). */
  function unit(u) { return u === "percent" ? "%" : u === "EUR/h" ? C.t("EUR/h") : u === "SEK/h" ? C.t("SEK/h") : u; }
  function confidence(c) { return { verified: C.t("verified"), probable: C.t("probable") }[c] || c; }

  function describe(r) {
    var period = !r.valid_from ? "" : " " + (r.valid_to ? C.t("Valid {from} to {to}.", { from: r.valid_from, to: r.valid_to }) :
      C.t("Valid {from} onwards.", { from: r.valid_from }));
    var source = r.source_date ? C.t("Source: {source} ({date}, {confidence}).", { source: r.source, date: r.source_date, confidence: confidence(r.confidence) }) :
      C.t("Source: {source} ({confidence}).", { source: r.source, confidence: confidence(r.confidence) });
    var text = C.t("{label}: {value} {unit}.", { label: r.label, value: C.number(r.value), unit: unit(r.unit) }) + period + " " + source;
    return r.valid_to && r.valid_to < T.today() ? text + " " + C.t("This period has ended: enter the rate in force.") : text;
  }

  T.each("[data-price-check]", function (section) {
    var d = T.data(section), form = section.querySelector("form"), out = section.querySelector("[data-price-result]");
    var status = section.querySelector(".tk-status"), stat = form.querySelector("[data-statutory]");
    var el = function (name) { return form.elements[name]; };
    T.presetSector(form);

    function pick(kind, country, sector) {
      var hit = null;
      d.rates.forEach(function (r) {
        if (r.kind === kind && r.country === country && (r.sector === sector || (r.sector === "all" && !hit))) hit = r;
      });
      return hit;
    }

    /* Country or sector changed: every default and its source afresh (what the user typed goes). */
    function defaults() {
      var country = el("country").value, sector = el("sector").value;
      Object.keys(FIELDS).forEach(function (name) {
        var r = pick(FIELDS[name], country, sector), note = form.querySelector('[data-source-for="' + name + '"]');
        el(name).value = r ? r.value : "";
        note.textContent = r ? describe(r) : C.t("No verified default: enter the rate of the agreement in force.");
      });
      while (stat.lastChild && stat.lastChild.nodeName !== "LEGEND") stat.removeChild(stat.lastChild);
      d.rates.filter(function (r) { return r.kind === "statutory" && r.country === country; }).forEach(function (r) {
        var id = "tk-stat-" + r.id;
        stat.appendChild(h("div", { "class": "tk-rate" }, [h("p", {}, [h("label", { "for": id, text: r.label }), " ",
          h("input", { type: "number", id: id, name: "stat-" + r.id, min: "0", step: "any", value: String(r.value),
            inputmode: "decimal", "aria-describedby": id + "-src" })]),
          h("p", { "class": "tk-src", id: id + "-src", text: describe(r) })]));
      });
      if (country === "SE") {
        stat.appendChild(h("p", { "class": "tk-note", text: C.t("Sweden has no statutory minimum wage and no generally applicable agreements: compare against the collective agreement you name in the tender.") }));
      }
    }

    function plan() {
      var fromPlan = T.values(form).hours_from === "plan";
      section.querySelector("[data-plan]").hidden = !fromPlan;
      el("hours").readOnly = fromPlan;
      if (fromPlan) {
        var p = num(el("productivity").value);
        el("hours").value = p > 0 ? Math.round(100 * num(el("area").value) * num(el("times").value) / p) / 100 : "";
      }
    }

    function row(label, value) { return h("tr", {}, [h("th", { scope: "row", text: label }), h("td", { text: value })]); }

    function run() {
      var a = T.values(form), hours = num(a.hours), wage = num(a.wage), price = num(a.price);
      var missing = !(hours > 0) ? "hours" : !(wage > 0) ? "wage" : !(price > 0) ? "price" : "";
      if (missing) {
        course.announce(status, { hours: C.t("Enter the working hours."), wage: C.t("Enter the minimum hourly wage."),
          price: C.t("Enter the tendered price.") }[missing]);
        el(missing).focus();
        return;
      }
      var money = function (x) { return T.amount(x, a.country); };
      var base = hours * wage;
      var supplements = num(a.evening_hours) * num(a.evening) + num(a.night_hours) * num(a.night) +
        num(a.sunday_hours) * wage * num(a.sunday) / 100;
      var holiday = (base + supplements) * num(a.holiday) / 100, wages = base + supplements + holiday;
      var statPct = 0;
      Object.keys(a).forEach(function (k) { if (k.indexOf("stat-") === 0) statPct += num(a[k]); });
      var employer = wages * statPct / 100, floor = wages + employer, gap = price - floor;
      var pct = 100 * gap / floor, verdict = gap < 0 ? "below" : "above";
      out.textContent = "";
      out.setAttribute("data-floor", floor.toFixed(2));
      out.setAttribute("data-gap", gap.toFixed(2));
      out.setAttribute("data-gap-percent", pct.toFixed(1));
      var verdictWord = gap < 0 ? C.t("below") : C.t("above");
      out.appendChild(h("h2", { text: C.t("Result") }));
      out.appendChild(h("p", { "class": "tk-level tk-" + (gap < 0 ? "high" : "low") }, T.parts(
        C.t("The tendered price is {verdict} the lowest lawful labour cost by {amount} ({percent} %).",
          { amount: money(Math.abs(gap)), percent: C.number(Math.abs(pct), 1) }),
        { verdict: h("strong", { "data-verdict": verdict, text: verdictWord }) })));
      out.appendChild(h("table", {}, [h("caption", { text: C.t("How the lowest lawful labour cost is made up") }), h("tbody", {}, [
        row(C.t("Hours"), T.money(hours)), row(C.t("Basic wages (hours × hourly wage)"), money(base)),
        row(C.t("Evening, night and Sunday supplements"), money(supplements)),
        row(C.t("Holiday pay ({percent} % of wages)", { percent: C.number(num(a.holiday)) }), money(holiday)),
        row(C.t("Employer's statutory costs ({percent} % of wages)", { percent: C.number(Math.round(statPct * 1000) / 1000) }), money(employer)),
        row(C.t("Lowest lawful labour cost"), money(floor)), row(C.t("Tendered price"), money(price))])]));
      out.appendChild(h("h3", { text: C.t("What to do") }));
      var steps = gap < 0 ? [
        C.t("Ask the tenderer to explain its price or costs, in writing, and give it time to answer. The explanation may concern compliance with labour law and collective agreements (Directive 2014/24/EU, Art. 69(1) and (2)(d); Act 1397/2016, s. 96). 'In writing' is good practice, not the words of Art. 69."),
        C.t("Assess the answer with the tenderer. Reject the tender if you establish that it is abnormally low because it does not comply with labour law, including collective agreements (Art. 69(3); Act 1397/2016, s. 96)."),
        C.t("Keep the calculation and the explanation with the procurement documents.")] : [
        C.t("The price covers the lowest lawful labour cost you entered, before materials, overheads and profit: look at how much room is left."),
        C.t("Compare the hours in each tender with your own sizing of the work; a tender that seems abnormally low must still be explained (Art. 69(1); Act 1397/2016, s. 96).")];
      out.appendChild(h("ul", {}, steps.map(function (s) { return h("li", { text: s }); })));
      var links = d.learn.slice();
      if (d.sectorLearn[a.sector]) links.push(d.sectorLearn[a.sector]);
      out.appendChild(h("p", {}, links.map(function (l, i) { return h("span", {}, [i ? " · " : "", T.learn(l)]); })));
      out.hidden = false;
      course.announce(status, gap < 0 ? C.t("The tendered price is below the lowest lawful labour cost.") :
        C.t("The tendered price is above the lowest lawful labour cost."));
      out.focus();
    }

    el("country").addEventListener("change", defaults);
    el("sector").addEventListener("change", defaults);
    form.addEventListener("input", plan);
    form.addEventListener("change", plan);
    form.addEventListener("submit", function (e) { e.preventDefault(); plan(); run(); });
    defaults();
    plan();
  });
})();
