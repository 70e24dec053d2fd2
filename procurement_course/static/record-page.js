/* The learner's record page: module status and scores, assessment attempts, where the record is
   kept; "Export progress" (a JSON file with a checksum) and "Import progress" (restores one, after
   checking it, and after asking when it would replace progress: a malformed, foreign or edited file
   changes nothing); "Start afresh" (after asking), for a shared computer; and a printable record of
   completion with the name the learner types, which is never stored or sent. Needs core.js and
   record.js. */
(function () {
  "use strict";
  var C = globalThis.course, R = globalThis.courseRecord, h = C.h, map = R.map;
  var FORMAT = "procurement-course-record", MAX_BYTES = 1024 * 1024;
  var WORDS = { "done": C.t("Done"), "in-progress": C.t("In progress"), "not-started": C.t("Not started") };
  /* The same words inside a sentence ("Cleaning: done"): their own entries, not toLowerCase() of a translation. */
  var LOWER = { "done": C.t("done"), "in-progress": C.t("in progress"), "not-started": C.t("not started") };
  var KEPT = {
    browser: C.t("Your record is kept in this browser on this device. Export it to carry it to another browser or device."),
    lms: C.t("Your record is kept by your organisation's learning platform, which also holds your result."),
    page: C.t("This browser does not allow the course to keep anything, so your record lasts only while this page is open. Export it before you leave.")
  };

  function table(caption, heads, rows) {
    return h("div", { "class": "scroll-region", role: "region", "aria-label": caption, tabindex: "0" }, [h("table", { "class": "docutils" }, [
      h("caption", { text: caption }),
      h("thead", null, [h("tr", null, heads.map(function (t) { return h("th", { scope: "col", text: t }); }))]),
      h("tbody", null, rows.map(function (cells) { return h("tr", null, cells.map(function (c) { return h("td", { text: c }); })); }))])]);
  }

  function statusLine(s) {
    var best = s.score === null ? C.t("not taken yet") : C.t("best score {score} %", { score: s.score });
    var course = s.status === "passed" ? C.t("complete and passed") : s.status === "failed" ? C.t("final assessment not passed yet") :
      s.complete ? C.t("every required module done; the final assessment is next") : C.t("in progress");
    return C.t("Course: {course}. Modules done: {done} of {total}. Final assessment: {best}.", { course: course, done: s.done, total: s.total, best: best });
  }

  /* SHA-256 (FIPS 180-4) over UTF-8, in plain script: browsers give pages on file:// no SubtleCrypto.
     A checksum catches a file edited after export; it is not a signature: anyone who reads this
     script can recompute it, so it cannot stop a forgery. */
  var K = [];
  (function () {
    for (var c = 2, n = 0; n < 64; c++) {
      for (var d = 2; d * d <= c && c % d; d++) { /* trial division */ }
      if (d * d > c) K[n++] = Math.pow(c, 1 / 3) * 4294967296 | 0;
    }
  })();
  function sha256(text) {
    var bytes = unescape(encodeURIComponent(text)), words = [], i, bits = bytes.length * 8;
    for (i = 0; i < bytes.length; i++) words[i >> 2] |= bytes.charCodeAt(i) << (24 - (i % 4) * 8);
    words[bits >> 5] |= 0x80 << (24 - bits % 32);
    words[((bits + 64 >> 9) << 4) + 15] = bits;
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    function rot(x, n) { return x >>> n | x << (32 - n); }
    for (var j = 0; j < words.length; j += 16) {
      var w = [], a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], hh = H[7];
      for (i = 0; i < 64; i++) {
        if (i < 16) w[i] = words[j + i] | 0;
        else {
          var s0 = rot(w[i - 15], 7) ^ rot(w[i - 15], 18) ^ w[i - 15] >>> 3, s1 = rot(w[i - 2], 17) ^ rot(w[i - 2], 19) ^ w[i - 2] >>> 10;
          w[i] = w[i - 16] + s0 + w[i - 7] + s1 | 0;
        }
        var t1 = hh + (rot(e, 6) ^ rot(e, 11) ^ rot(e, 25)) + (e & f ^ ~e & g) + K[i] + w[i] | 0;
        var t2 = (rot(a, 2) ^ rot(a, 13) ^ rot(a, 22)) + (a & b ^ a & c ^ b & c) | 0;
        hh = g; g = f; f = e; e = d + t1 | 0; d = c; c = b; b = a; a = t1 + t2 | 0;
      }
      H = [H[0] + a | 0, H[1] + b | 0, H[2] + c | 0, H[3] + d | 0, H[4] + e | 0, H[5] + f | 0, H[6] + g | 0, H[7] + hh | 0];
    }
    return H.map(function (x) { return ("0000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  /* What the checksum covers: everything in the file but the checksum, in one canonical form. */
  function checksum(data) {
    return "sha256:" + sha256(canonical({ format: data.format, course: data.course, exported: data.exported, record: data.record }));
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
    try { data = JSON.parse(text); } catch (e) { return C.t("The file is not a progress file: it is not JSON."); }
    if (!data || data.format !== FORMAT || !data.record) return C.t("The file is not a progress file exported from this course.");
    if (typeof data.checksum !== "string") return C.t("The file has no checksum, so it cannot be told apart from a file changed by hand. Export it again from the course.");
    if (data.checksum !== checksum(data)) return C.t("This file was changed after it was exported, so it cannot be restored.");
    if (data.course !== map.title) return C.t("The file holds progress for another course.");
    if (canonical(R.clean(data.record)) !== canonical(data.record)) return C.t("The progress file has been changed or damaged, so it cannot be restored.");
    return data.record;
  }

  function start(root) {
    root.textContent = "";
    var summary = h("p", { "class": "record-summary" }), where = h("p"), tables = h("div");
    var said = h("p", { "class": "record-said", role: "status", "aria-live": "polite" });
    var exportButton = h("button", { type: "button", text: C.t("Export progress") });
    var importButton = h("button", { type: "button", "class": "secondary", text: C.t("Import progress") });
    var file = h("input", { type: "file", accept: ".json,application/json", hidden: true, "aria-label": C.t("Progress file to import") });
    var name = h("input", { type: "text", id: C.uid("name"), autocomplete: "off", spellcheck: "false" });
    var printButton = h("button", { type: "button", text: C.t("Print record of completion") });
    var afresh = h("button", { type: "button", "class": "secondary", text: C.t("Start afresh") });
    var certificate = h("div", { "class": "certificate" });

    exportButton.addEventListener("click", function () {
      var data = { format: FORMAT, course: map.title, exported: new Date().toISOString(), record: R.get() };
      data.checksum = checksum(data);
      var a = h("a", { download: "course-progress-" + data.exported.slice(0, 10) + ".json",
        href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" })) });
      document.body.appendChild(a);
      a.click();
      a.remove();
      C.announce(said, C.t("Your progress was saved as {file} in your downloads.", { file: a.getAttribute("download") }));
    });
    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var f = file.files[0];
      file.value = "";
      if (!f) return;
      if (f.size > MAX_BYTES) { C.announce(said, C.t("The file is too large to be a progress file. Nothing was changed.")); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var result = check(String(reader.result));
        if (typeof result === "string") { C.announce(said, C.t("{problem} Nothing was changed.", { problem: result })); return; }
        function restore() {
          R.replace(result);
          C.announce(said, C.t("Your progress was restored from {file}.", { file: f.name }));
        }
        if (!R.hasProgress()) { restore(); return; }
        C.confirm(importButton, C.t("Replace the progress kept in this browser with the progress in {file}? What is kept here now (pages read, quiz answers and scores, cases, assessment attempts) will be erased.", { file: f.name }),
          C.t("Replace my progress"), restore);
      };
      reader.onerror = function () { C.announce(said, C.t("The file could not be read. Nothing was changed.")); };
      reader.readAsText(f);
    });
    printButton.addEventListener("click", function () { window.print(); });
    afresh.addEventListener("click", function () {
      C.confirm(afresh, C.t("Erase everything this browser keeps of this course: the pages you have read, your place, your quiz answers and scores, your case paths and every final assessment attempt? Export your progress first if you want to keep it. This cannot be undone."),
        C.t("Erase my record"), function () {
        R.reset();
        C.announce(said, C.t("Your record was erased. This browser now keeps nothing of your progress: the next person starts afresh."));
      });
    });
    name.addEventListener("input", function () { draw(R.get()); });

    root.appendChild(summary);
    root.appendChild(where);
    root.appendChild(tables);
    root.appendChild(h("h2", { text: C.t("Take your progress with you") }));
    root.appendChild(h("p", { text: C.t("Export your progress to a file, and import it in another browser or on another device. Importing replaces the progress kept here (the course asks first).") }));
    root.appendChild(h("p", { text: C.t("The file carries a checksum: a file changed after it was exported is refused. The checksum catches edits, not forgery: a record kept in a browser is self-reported, and anyone who can read this course's scripts could make a file that passes.") }));
    root.appendChild(h("div", { "class": "record-actions" }, [exportButton, importButton, file]));
    root.appendChild(said);
    root.appendChild(h("h2", { text: C.t("On a shared computer") }));
    /* In an LMS the record is the learner's own, under their account, and the LMS keeps it: erasing it
       is the LMS's business (a new attempt), so "Start afresh" is offered only where the browser keeps it. */
    root.appendChild(h("p", { text: R.kept() === "lms" ? C.t("Your record is kept by your learning platform under your own account, not in this browser. To start the course again from nothing, ask the platform's administrator for a new attempt.") :
      C.t("This browser keeps your record (pages read, your place, quiz answers and scores, cases and assessment attempts) for whoever uses it next, until it is cleared. Your name is never kept, and question forms keep nothing unless a draft was kept. Before you leave a shared computer, export your progress if you want to keep it, then select Start afresh. Clearing the browser's site data for this course does the same.") }));
    if (R.kept() !== "lms") root.appendChild(h("p", null, [afresh]));
    root.appendChild(h("h2", { text: C.t("Record of completion") }));
    root.appendChild(h("p", { text: C.t("Type your name as it should appear, then print. Your name is not stored or sent anywhere. The record can be printed only from this page, your own record in this browser: print it before you select Start afresh.") }));
    root.appendChild(h("p", { "class": "record-name" }, [h("label", { "for": name.id, text: C.t("Your name") }), " ", name]));
    root.appendChild(h("p", null, [printButton]));
    root.appendChild(certificate);

    function draw(r) {
      var s = R.summary(r);
      summary.textContent = statusLine(s);
      where.textContent = KEPT[R.kept()];
      tables.textContent = "";
      tables.appendChild(table(C.t("Modules"), [C.t("Module"), C.t("Status"), C.t("Quiz score"), C.t("Case"), C.t("Done on")], map.modules.map(function (m) {
        var st = R.moduleStatus(m, r), c = m.case && r.cases[m.case];
        return [m.required ? m.title : C.t("{module} (optional)", { module: m.title }), WORDS[st.status], st.score === null ? "-" : C.t("{score} %", { score: st.score }),
          !m.case ? "-" : c && c.seen.length ? C.t("ending reached") : c ? C.t("started") : C.t("not started"), st.status === "done" ? C.day(st.at) : "-"];
      })));
      var attempts = r.assessment.attempts;
      tables.appendChild(attempts.length ? table(C.t("Final assessment attempts"), [C.t("Attempt"), C.t("Date"), C.t("Score"), C.t("Result")], attempts.map(function (a, i) {
        return [String(i + 1), C.day(a.at), C.t("{score} %", { score: a.score }), a.passed ? C.t("passed") : C.t("not passed")];
      })) : h("p", { text: C.t("You have not taken the final assessment yet.") }));
      certificate.textContent = "";
      var passed = s.status === "passed", best = R.best(r);
      certificate.appendChild(h("p", { "class": "certificate-kind", text: passed ? C.t("Record of completion") : C.t("Record of progress") }));
      certificate.appendChild(h("p", { "class": "certificate-course", text: map.displayTitle || map.title }));
      certificate.appendChild(h("p", { "class": "certificate-name", text: name.value.trim() || C.t("(your name)") }));
      certificate.appendChild(h("p", { text: passed ? C.t("completed the course and passed its final assessment with {score} % on {date}.", { score: best.score, date: C.day(best.at) }) :
        best ? C.t("has done {done} of {total} modules of the course; best final assessment score {score} %.", { done: s.done, total: s.total, score: best.score }) :
          C.t("has done {done} of {total} modules of the course.", { done: s.done, total: s.total }) }));
      certificate.appendChild(h("ul", null, map.modules.map(function (m) {
        var st = R.moduleStatus(m, r);
        return h("li", { text: st.score === null ? C.t("{module}: {status}", { module: m.title, status: LOWER[st.status] }) :
          C.t("{module}: {status}, quiz {score} %", { module: m.title, status: LOWER[st.status], score: st.score }) });
      })));
      var length = courseLength();
      if (length) certificate.appendChild(h("p", { text: C.t("Length of the course: {length}.", { length: length }) }));
      certificate.appendChild(h("p", { "class": "certificate-note", text: C.t("Self-reported: printed on {date} from the learner's own record page, in the browser that holds their progress. It has not been checked by the course's authors or by any organisation.", { date: C.day(new Date().toISOString()) }) }));
    }

    R.onChange(draw);
    draw(R.get());
  }

  /* The course's length as the course states it: the page's [data-course-time] when there is one,
     else the sum of the module times the start page shows. */
  function courseLength() {
    var stated = document.querySelector("[data-course-time]");
    if (stated && stated.textContent.trim()) return stated.textContent.trim();
    var minutes = map.modules.reduce(function (n, m) { return n + (m.minutes || 0); }, 0);
    if (!minutes) return "";
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    var v = { hours: hours, minutes: rest };
    if (!rest) return hours === 1 ? C.t("about {hours} hour", v) : C.t("about {hours} hours", v);
    if (!hours) return C.t("about {minutes} minutes", v);
    return hours === 1 ? C.t("about {hours} hour {minutes} minutes", v) : C.t("about {hours} hours {minutes} minutes", v);
  }

  C.ready(function () {
    var root = document.querySelector("[data-course-record]");
    if (root) start(root);
  });
})();
