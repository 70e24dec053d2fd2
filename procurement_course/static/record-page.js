/* The learner's record page: module status and scores, assessment attempts, where the record is
   kept; "Export progress" (a JSON file) and "Import progress" (restores one, after checking it: a
   malformed or foreign file changes nothing); and a printable record of completion with the name
   the learner types, which is never stored or sent. Needs core.js and record.js. */
(function () {
  "use strict";
  var C = globalThis.course, R = globalThis.courseRecord, h = C.h, map = R.map;
  var FORMAT = "procurement-course-record", MAX_BYTES = 1024 * 1024;
  var WORDS = { "done": "Done", "in-progress": "In progress", "not-started": "Not started" };
  var KEPT = {
    browser: "Your record is kept in this browser on this device. Export it to carry it to another browser or device.",
    lms: "Your record is kept by your organisation's learning platform, which also holds your result.",
    page: "This browser does not allow the course to keep anything, so your record lasts only while this page is open. Export it before you leave."
  };

  function table(caption, heads, rows) {
    return h("div", { "class": "scroll-region", role: "region", "aria-label": caption, tabindex: "0" }, [h("table", { "class": "docutils" }, [
      h("caption", { text: caption }),
      h("thead", null, [h("tr", null, heads.map(function (t) { return h("th", { scope: "col", text: t }); }))]),
      h("tbody", null, rows.map(function (cells) { return h("tr", null, cells.map(function (c) { return h("td", { text: c }); })); }))])]);
  }

  function statusLine(s) {
    var best = s.score === null ? "not taken yet" : "best score " + s.score + " %";
    var course = s.status === "passed" ? "complete and passed" : s.status === "failed" ? "final assessment not passed yet" :
      s.complete ? "every required module done; the final assessment is next" : "in progress";
    return "Course: " + course + ". Modules done: " + s.done + " of " + s.total + ". Final assessment: " + best + ".";
  }

  function canonical(v) {
    if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
    if (v && typeof v === "object") {
      return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(v[k]); }).join(",") + "}";
    }
    return JSON.stringify(v);
  }

  /* A file is restored only when it is exactly a record this course could have written. */
  function check(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return "The file is not a progress file: it is not JSON."; }
    if (!data || data.format !== FORMAT || !data.record) return "The file is not a progress file exported from this course.";
    if (data.course !== map.title) return "The file holds progress for another course.";
    if (canonical(R.clean(data.record)) !== canonical(data.record)) return "The progress file has been changed or damaged, so it cannot be restored.";
    return data.record;
  }

  function start(root) {
    root.textContent = "";
    var summary = h("p", { "class": "record-summary" }), where = h("p"), tables = h("div");
    var said = h("p", { "class": "record-said", role: "status", "aria-live": "polite" });
    var exportButton = h("button", { type: "button", text: "Export progress" });
    var importButton = h("button", { type: "button", "class": "secondary", text: "Import progress" });
    var file = h("input", { type: "file", accept: ".json,application/json", hidden: true, "aria-label": "Progress file to import" });
    var name = h("input", { type: "text", id: C.uid("name"), autocomplete: "off", spellcheck: "false" });
    var printButton = h("button", { type: "button", text: "Print record of completion" });
    var certificate = h("div", { "class": "certificate" });

    exportButton.addEventListener("click", function () {
      var data = { format: FORMAT, course: map.title, exported: new Date().toISOString(), record: R.get() };
      var a = h("a", { download: "course-progress-" + data.exported.slice(0, 10) + ".json",
        href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" })) });
      document.body.appendChild(a);
      a.click();
      a.remove();
      C.announce(said, "Your progress was saved as " + a.getAttribute("download") + " in your downloads.");
    });
    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var f = file.files[0];
      file.value = "";
      if (!f) return;
      if (f.size > MAX_BYTES) { C.announce(said, "The file is too large to be a progress file. Nothing was changed."); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var result = check(String(reader.result));
        if (typeof result === "string") { C.announce(said, result + " Nothing was changed."); return; }
        R.replace(result);
        C.announce(said, "Your progress was restored from " + f.name + ".");
      };
      reader.onerror = function () { C.announce(said, "The file could not be read. Nothing was changed."); };
      reader.readAsText(f);
    });
    printButton.addEventListener("click", function () { window.print(); });
    name.addEventListener("input", function () { draw(R.get()); });

    root.appendChild(summary);
    root.appendChild(where);
    root.appendChild(tables);
    root.appendChild(h("h2", { text: "Take your progress with you" }));
    root.appendChild(h("p", { text: "Export your progress to a file, and import it in another browser or on another device. Importing replaces the progress kept here." }));
    root.appendChild(h("div", { "class": "record-actions" }, [exportButton, importButton, file]));
    root.appendChild(said);
    root.appendChild(h("h2", { text: "Record of completion" }));
    root.appendChild(h("p", { text: "Type your name as it should appear, then print. Your name is not stored or sent anywhere." }));
    root.appendChild(h("p", { "class": "record-name" }, [h("label", { "for": name.id, text: "Your name" }), " ", name]));
    root.appendChild(h("p", null, [printButton]));
    root.appendChild(certificate);

    function draw(r) {
      var s = R.summary(r);
      summary.textContent = statusLine(s);
      where.textContent = KEPT[R.kept()];
      tables.textContent = "";
      tables.appendChild(table("Modules", ["Module", "Status", "Quiz score", "Case", "Done on"], map.modules.map(function (m) {
        var st = R.moduleStatus(m, r), c = m.case && r.cases[m.case];
        return [m.title + (m.required ? "" : " (optional)"), WORDS[st.status], st.score === null ? "-" : st.score + " %",
          !m.case ? "-" : c && c.seen.length ? "ending reached" : c ? "started" : "not started", st.status === "done" ? C.day(st.at) : "-"];
      })));
      var attempts = r.assessment.attempts;
      tables.appendChild(attempts.length ? table("Final assessment attempts", ["Attempt", "Date", "Score", "Result"], attempts.map(function (a, i) {
        return [String(i + 1), C.day(a.at), a.score + " %", a.passed ? "passed" : "not passed"];
      })) : h("p", { text: "You have not taken the final assessment yet." }));
      certificate.textContent = "";
      var passed = s.status === "passed", best = R.best(r);
      certificate.appendChild(h("p", { "class": "certificate-kind", text: passed ? "Record of completion" : "Record of progress" }));
      certificate.appendChild(h("p", { "class": "certificate-course", text: map.title }));
      certificate.appendChild(h("p", { "class": "certificate-name", text: name.value.trim() || "(your name)" }));
      certificate.appendChild(h("p", { text: passed ? "completed the course and passed its final assessment with " + best.score + " % on " + C.day(best.at) + "." :
        "has done " + s.done + " of " + s.total + " modules of the course" + (best ? "; best final assessment score " + best.score + " %" : "") + "." }));
      certificate.appendChild(h("ul", null, map.modules.map(function (m) {
        var st = R.moduleStatus(m, r);
        return h("li", { text: m.title + ": " + WORDS[st.status].toLowerCase() + (st.score === null ? "" : ", quiz " + st.score + " %") });
      })));
      certificate.appendChild(h("p", { "class": "certificate-note", text: "Self-reported: this record was made in the learner's own browser from their own progress on " +
        C.day(new Date().toISOString()) + ". It has not been checked by the course's authors or by any organisation." }));
    }

    R.onChange(draw);
    draw(R.get());
  }

  C.ready(function () {
    var root = document.querySelector("[data-course-record]");
    if (root) start(root);
  });
})();
