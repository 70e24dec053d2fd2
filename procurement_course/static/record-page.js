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
    try { data = JSON.parse(text); } catch (e) { return "The file is not a progress file: it is not JSON."; }
    if (!data || data.format !== FORMAT || !data.record) return "The file is not a progress file exported from this course.";
    if (typeof data.checksum !== "string") return "The file has no checksum, so it cannot be told apart from a file changed by hand. Export it again from the course.";
    if (data.checksum !== checksum(data)) return "This file was changed after it was exported, so it cannot be restored.";
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
    var afresh = h("button", { type: "button", "class": "secondary", text: "Start afresh" });
    var certificate = h("div", { "class": "certificate" });

    exportButton.addEventListener("click", function () {
      var data = { format: FORMAT, course: map.title, exported: new Date().toISOString(), record: R.get() };
      data.checksum = checksum(data);
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
        function restore() {
          R.replace(result);
          C.announce(said, "Your progress was restored from " + f.name + ".");
        }
        if (!R.hasProgress()) { restore(); return; }
        C.confirm(importButton, "Replace the progress kept in this browser with the progress in " + f.name +
          "? What is kept here now (pages read, quiz answers and scores, cases, assessment attempts) will be erased.",
          "Replace my progress", restore);
      };
      reader.onerror = function () { C.announce(said, "The file could not be read. Nothing was changed."); };
      reader.readAsText(f);
    });
    printButton.addEventListener("click", function () { window.print(); });
    afresh.addEventListener("click", function () {
      C.confirm(afresh, "Erase everything this browser keeps of this course: the pages you have read, your place, " +
        "your quiz answers and scores, your case paths and every final assessment attempt? Export your progress first " +
        "if you want to keep it. This cannot be undone.", "Erase my record", function () {
        R.reset();
        C.announce(said, "Your record was erased. This browser now keeps nothing of your progress: the next person starts afresh.");
      });
    });
    name.addEventListener("input", function () { draw(R.get()); });

    root.appendChild(summary);
    root.appendChild(where);
    root.appendChild(tables);
    root.appendChild(h("h2", { text: "Take your progress with you" }));
    root.appendChild(h("p", { text: "Export your progress to a file, and import it in another browser or on another device. Importing replaces the progress kept here (the course asks first)." }));
    root.appendChild(h("p", { text: "The file carries a checksum: a file changed after it was exported is refused. The checksum catches edits, not forgery: " +
      "a record kept in a browser is self-reported, and anyone who can read this course's scripts could make a file that passes." }));
    root.appendChild(h("div", { "class": "record-actions" }, [exportButton, importButton, file]));
    root.appendChild(said);
    root.appendChild(h("h2", { text: "On a shared computer" }));
    /* In an LMS the record is the learner's own, under their account, and the LMS keeps it: erasing it
       is the LMS's business (a new attempt), so "Start afresh" is offered only where the browser keeps it. */
    root.appendChild(h("p", { text: R.kept() === "lms" ? "Your record is kept by your learning platform under your own account, not in this browser. " +
      "To start the course again from nothing, ask the platform's administrator for a new attempt." :
      "This browser keeps your record (pages read, your place, quiz answers and scores, cases and assessment attempts) " +
      "for whoever uses it next, until it is cleared. Your name is never kept, and question forms keep nothing unless a draft was kept. " +
      "Before you leave a shared computer, export your progress if you want to keep it, then select Start afresh. " +
      "Clearing the browser's site data for this course does the same." }));
    if (R.kept() !== "lms") root.appendChild(h("p", null, [afresh]));
    root.appendChild(h("h2", { text: "Record of completion" }));
    root.appendChild(h("p", { text: "Type your name as it should appear, then print. Your name is not stored or sent anywhere. " +
      "The record can be printed only from this page, your own record in this browser: print it before you select Start afresh." }));
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
      var length = courseLength();
      if (length) certificate.appendChild(h("p", { text: "Length of the course: " + length + "." }));
      certificate.appendChild(h("p", { "class": "certificate-note", text: "Self-reported: printed on " + C.day(new Date().toISOString()) +
        " from the learner's own record page, in the browser that holds their progress. It has not been checked by the course's authors or by any organisation." }));
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
    return "about " + (hours ? hours + (hours === 1 ? " hour" : " hours") : "") + (hours && rest ? " " : "") +
      (rest ? rest + " minutes" : "");
  }

  C.ready(function () {
    var root = document.querySelector("[data-course-record]");
    if (root) start(root);
  });
})();
