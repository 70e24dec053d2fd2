/* The clause builder: the ticked clauses of data/toolkit_clauses.csv, for the contract's country
   and sector, as one text with each clause's purpose and source: to copy, print or save. */
(function () {
  "use strict";
  var T = window.courseTools, C = course;

  T.each("[data-clause-builder]", function (section) {
    var d = T.data(section), form = section.querySelector("form"), box = section.querySelector("[data-clause-result]");
    var pre = section.querySelector("[data-clause-text]"), status = section.querySelector(".tk-status");
    var byId = {};
    d.clauses.forEach(function (c) { byId[c.id] = c; });
    T.presetSector(form);

    /* A clause for another country is hidden and left out; a sector's own clause is ticked for it. */
    function fit(sectorChanged) {
      var country = form.elements.country.value, sector = form.elements.sector.value;
      Array.prototype.forEach.call(section.querySelectorAll(".tk-clause"), function (div) {
        var c = div.getAttribute("data-country"), s = div.getAttribute("data-sectors"), input = div.querySelector("input");
        div.hidden = input.disabled = (c && c !== country) || (s && s !== sector);
        if (sectorChanged && s) input.checked = s === sector;
      });
    }

    function chosenClauses() {
      return Array.prototype.filter.call(form.querySelectorAll('input[name="clause"]'), function (i) {
        return i.checked && !i.disabled;
      }).map(function (i) { return byId[i.value]; });
    }

    function text() {
      var chosen = chosenClauses();
      var lines = [C.t("Contract clauses on labour conditions"), "",
        C.t("Assembled with the course's buyer's toolkit on {date}. Example wording, not legal advice: adapt it with your legal unit, and fill in every [n].", { date: T.today() }), ""];
      chosen.forEach(function (c, i) {
        lines.push((i + 1) + ". " + c.title, c.text, "", "   " + C.t("Purpose: {purpose}.", { purpose: c.purpose }),
          "   " + C.t("Source: {source}.", { source: c.source }), "");
      });
      return chosen.length ? lines.join("\n") : "";
    }

    function build() {
      var t = text();
      if (!t) { course.announce(status, C.t("Tick at least one clause.")); return false; }
      pre.textContent = t;
      var learn = section.querySelector("[data-clause-learn]"), seen = {};
      learn.textContent = "";
      chosenClauses().forEach(function (c) {
        if (seen[c.learn.href]) return;
        seen[c.learn.href] = true;
        learn.appendChild(course.h("li", {}, [T.learn(c.learn)]));
      });
      box.hidden = false;
      return true;
    }

    form.elements.country.addEventListener("change", function () { fit(false); });
    form.elements.sector.addEventListener("change", function () { fit(true); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (build()) { course.announce(status, C.t("The text of the clauses is ready below.")); box.focus(); }
    });
    section.querySelector("[data-copy]").addEventListener("click", function () {
      var done = function () { course.announce(status, C.t("Copied.")); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(pre.textContent).then(done, function () { course.announce(status, C.t("Select the text and copy it.")); });
      } else {
        var range = document.createRange();
        range.selectNodeContents(pre);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        try { document.execCommand("copy"); done(); } catch (err) { course.announce(status, C.t("The text is selected: copy it.")); }
      }
    });
    section.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    section.querySelector("[data-save]").addEventListener("click", function () {
      T.save("contract-clauses.txt", pre.textContent + "\n", "text/plain;charset=utf-8");
      course.announce(status, C.t("Saved as {file}.", { file: "contract-clauses.txt" }));
    });
    fit(/[?&]sector=/.test(location.search));
  });
})();
