/* The LMS adapter, on the SCORM package's launch page. The launch page holds the one LMS session of a
   launch: it finds the LMS's API (parent frames, then the opener, as the standards describe), calls
   Initialize once, shows the course pages in a frame, and calls Terminate once when the learner
   leaves, however many pages they visit in between. The pages' learner record (record.js) finds
   window.parent.courseLMS and keeps the record here instead of in browser storage, so the LMS holds
   it: in cmi.suspend_data (compactly: SCORM 1.2 allows 4,096 characters), with the bookmark, the
   status and the score.

   LMSs are taken as they are (robustness): what the LMS holds is read whatever cmi.entry says (some
   answer "ab-initio" on every launch); nothing is written that the LMS holds already, and a record
   with nothing in it is never written; writes are gathered and committed at most every few seconds,
   at once on a change of page or of status, and on exit; every API call is tried on its own, so one
   that throws (e.g. a synchronous request the browser refuses while the page closes) stops nothing
   else. An API that is missing, lacks a method or fails to start: the course runs as the plain site,
   kept in the browser, with a note that the LMS is not recording. Without any LMS around (the
   unzipped package opened as it is) the launch page opens the plain site. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lms-data").textContent);
  var v12 = data.scorm === "1.2", P = v12 ? "LMS" : "";
  var CMI = v12 ? { data: "cmi.suspend_data", location: "cmi.core.lesson_location", status: "cmi.core.lesson_status",
    exit: "cmi.core.exit", time: "cmi.core.session_time", score: "cmi.core.score." } :
    { data: "cmi.suspend_data", location: "cmi.location", status: "cmi.completion_status", exit: "cmi.exit",
      time: "cmi.session_time", score: "cmi.score." };
  var METHODS = ["Initialize", v12 ? "Finish" : "Terminate", "GetValue", "SetValue", "Commit"];
  var WAIT = 5000; /* ms: the longest a change waits for the next commit */
  var frame = document.getElementById("course"), started = Date.now(), api = usable(find());
  var record = null, last = {}, summary = null, urgent = "", timer = null, dirty = false, finished = false, threw = false;
  /* ---- The API, taken as it is ---- */
  function search(win) {
    for (var n = 0; win && n < 500; n++) {
      try { if (win[v12 ? "API" : "API_1484_11"]) return win[v12 ? "API" : "API_1484_11"]; } catch (e) { return null; }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function find() {
    try { return search(window.parent !== window ? window.parent : null) || (window.opener ? search(window.opener) : null); }
    catch (e) { return null; }
  }
  /* An API object is used only when it has every method the session needs, under this version's
     names: an LMS whose SCORM 2004 object carries the SCORM 1.2 names would otherwise fail at the
     first call and leave a blank page. */
  function usable(found) {
    try {
      return found && METHODS.every(function (m) { return typeof found[P + m] === "function"; }) ? found : null;
    } catch (e) { return null; }
  }

  /* One API call, on its own: whatever it or GetLastError throws is reported and stops nothing. */
  function call(name, a, b) {
    var result = "";
    try {
      result = a === undefined ? api[P + name]("") : b === undefined ? api[P + name](a) : api[P + name](a, b);
    } catch (e) {
      threw = true;
      console.warn("LMS " + name + "(" + (a || "") + ") threw: " + (e && e.message || e));
      return "";
    }
    try {
      var code = String(api[P + "GetLastError"]());
      if (code !== "0" && code !== "") console.warn("LMS " + name + "(" + (a || "") + "): error " + code);
    } catch (e) { /* GetLastError itself failed (during page dismissal, say): the call was made */ }
    return result;
  }
  function get(key) { var v = call("GetValue", key); return v === null || v === undefined ? "" : String(v); }
  /* Set a value the LMS does not hold yet; a value refused is tried again at the next write. */
  function set(key, value) {
    value = String(value);
    if (last[key] === value) return;
    last[key] = value;
    dirty = true;
    if (String(call("SetValue", key, value)) !== "true") delete last[key];
  }

  /* ---- The record, compactly: ids become positions in the course as this package knows it. ---- */
  var b36 = function (n) { return Math.max(0, Math.round(n)).toString(36); };
  var n36 = function (s) { var n = parseInt(s, 36); return isNaN(n) ? 0 : n; };
  var secs = function (iso) { var t = Date.parse(iso); return isNaN(t) ? "" : b36(t / 1000); };
  var iso = function (s) { return s ? new Date(n36(s) * 1000).toISOString() : ""; };
  var mask = function (list) { return list.reduce(function (m, i) { return m + Math.pow(2, i); }, 0); };
  var bits = function (m) { var out = []; for (var i = 0; m > 0; i++, m = Math.floor(m / 2)) if (m % 2) out.push(i); return out; };
  /* A set of pages as a bitmap, four pages to a hex digit, and back. */
  function pageBits(set) {
    var out = "";
    for (var i = 0; i < data.pages.length; i += 4) {
      out += [0, 1, 2, 3].reduce(function (n, k) { return n + (set && set[data.pages[i + k]] ? 1 << k : 0); }, 0).toString(16);
    }
    return out.replace(/0+$/, "");
  }
  function pageSet(hex) {
    var out = {};
    data.pages.forEach(function (p, i) { if (parseInt(String(hex || "").charAt(i >> 2) || "0", 16) & 1 << (i & 3)) out[p] = 1; });
    return out;
  }
  function seed(x) { return typeof x === "string" && /^[a-z0-9]{4,16}$/.test(x) ? x : ""; }
  var refs = [];
  data.quizzes.forEach(function (q) { q.questions.forEach(function (id) { refs.push(q.id + "/" + id); }); });

  function encode(r) {
    var lastPage = r.last.split("#"), at = data.pages.indexOf(lastPage[0]);
    var quizzes = data.quizzes.map(function (q) {
      var k = r.quizzes[q.id];
      if (!k) return 0;
      return b36(k.score) + (k.done ? "d" : "o") + secs(k.at) + "|" + q.questions.map(function (id) {
        var a = k.answers[id];
        return a ? b36((mask(a.selected) * 10 + Math.min(a.tries, 9)) * 2 + (a.done ? 1 : 0)) : "";
      }).join(".").replace(/\.+$/, "");
    });
    var cases = data.cases.map(function (c) {
      var k = r.cases[c.id];
      if (!k) return 0;
      return k.p.map(b36).join("") + "|" + (k.e ? c.endings.indexOf(k.e) : "") + "|" +
        b36(mask(k.seen.map(function (e) { return c.endings.indexOf(e); }).filter(function (i) { return i >= 0; })));
    });
    function attempt(a) {
      return [secs(a.at), b36(a.seed), b36(a.score) + (a.passed ? "p" : "f") + (a.submitted ? "s" : ""),
        a.q.map(function (ref) { var i = refs.indexOf(ref); return i < 0 ? "zz" : ("0" + b36(i)).slice(-2); }).join(""),
        a.a.map(function (s) { return b36(mask(s)); }).join(".")].join("|");
    }
    var kept = r.assessment.attempts.slice(-data.attempts).map(attempt);
    /* Pages opened but not read to the end, and the learner's seed (the quizzes' option order), came
       later: at the end, so records written before them still decode. */
    return JSON.stringify([1, data.version, secs(r.started), pageBits(r.pages),
      at < 0 ? "" : at + (lastPage[1] ? "#" + lastPage[1] : ""), quizzes, cases, kept,
      r.assessment.current ? attempt(r.assessment.current) : 0, pageBits(r.opened), seed(r.seed)]);
  }

  function decode(text) {
    var d;
    try { d = JSON.parse(text); } catch (e) { return null; }
    if (!Array.isArray(d) || d[0] !== 1 || d[1] !== data.version) return null; /* another version of the course */
    var r = { v: 1, started: iso(d[2]), updated: new Date().toISOString(), pages: pageSet(d[3]), opened: pageSet(d[9]), last: "",
      quizzes: {}, cases: {}, assessment: { attempts: [] } };
    if (seed(d[10])) r.seed = d[10];
    var lastPage = String(d[4] || "").split("#");
    if (lastPage[0] !== "") r.last = data.pages[+lastPage[0]] + (lastPage[1] ? "#" + lastPage[1] : "");
    data.quizzes.forEach(function (q, i) {
      var s = d[5][i];
      if (!s) return;
      var head = s.split("|")[0], body = s.split("|")[1] || "", m = /^([0-9a-z]+?)([do])([0-9a-z]*)$/.exec(head);
      if (!m) return;
      var answers = {};
      body.split(".").forEach(function (t, n) {
        if (!t || n >= q.questions.length) return;
        var v = n36(t);
        answers[q.questions[n]] = { selected: bits(Math.floor(v / 20)), tries: Math.floor(v / 2) % 10, done: v % 2 === 1 };
      });
      r.quizzes[q.id] = { answers: answers, score: n36(m[1]), done: m[2] === "d", at: iso(m[3]) };
    });
    data.cases.forEach(function (c, i) {
      var s = d[6][i];
      if (!s) return;
      var parts = s.split("|"), k = { p: parts[0].split("").map(n36),
        seen: bits(n36(parts[2])).map(function (e) { return c.endings[e]; }).filter(Boolean) };
      if (parts[1] !== "" && c.endings[+parts[1]]) k.e = c.endings[+parts[1]];
      r.cases[c.id] = k;
    });
    function attempt(s) {
      var p = String(s).split("|"), m = /^([0-9a-z]+?)([pf])(s?)$/.exec(p[2] || "");
      var q = (p[3] || "").match(/.{2}/g) || [];
      return { at: iso(p[0]), seed: n36(p[1]), score: m ? n36(m[1]) : 0, passed: !!m && m[2] === "p", submitted: !!m && m[3] === "s",
        q: q.map(function (x) { return refs[n36(x)]; }).filter(Boolean),
        a: (p[4] || "").split(".").slice(0, q.length).map(function (x) { return bits(n36(x)); }) };
    }
    r.assessment.attempts = (d[7] || []).map(attempt);
    if (d[8]) r.assessment.current = attempt(d[8]);
    return r;
  }

  /* ---- Status, score, time ---- */
  function duration(ms) {
    var s = Math.round(ms / 10) / 100, h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), rest = (s % 60).toFixed(2);
    return v12 ? ("000" + h).slice(-4) + ":" + ("0" + m).slice(-2) + ":" + ("0" + rest).slice(-5) : "PT" + h + "H" + m + "M" + rest + "S";
  }

  /* A record with nothing of the learner's in it (a seed alone is nothing). */
  function blank(r) {
    return !["pages", "opened", "quizzes", "cases"].some(function (k) { return r[k] && Object.keys(r[k]).length; }) &&
      !r.assessment.attempts.length && !r.assessment.current;
  }

  /* Set what changed since the last write; commit if anything did, with the session time so far. */
  function report() {
    var r = record, s = summary;
    if (!r || !s) return;
    try {
      if (!blank(r)) {
        var text = encode(r);
        set(CMI.data, v12 && text.length > 4096 ? encode(trim(r)) : text);
      }
      if (r.last) set(CMI.location, r.last.slice(0, v12 ? 255 : 1000));
      if (v12) set(CMI.status, s.status === "passed" || s.status === "failed" ? s.status : "incomplete");
      else {
        set("cmi.completion_status", s.complete ? "completed" : "incomplete");
        set("cmi.success_status", s.score === null ? "unknown" : s.status === "passed" ? "passed" : s.status === "failed" ? "failed" : "unknown");
        set("cmi.progress_measure", Math.round(s.progress * 100) / 100);
      }
      /* The score goes with a result: reported earlier, an LMS could pass the learner on the mastery
         score alone, before the required modules are done. */
      if (s.status === "passed" || s.status === "failed") {
        set(CMI.score + "min", 0);
        set(CMI.score + "max", 100);
        set(CMI.score + "raw", s.score);
        if (!v12) set("cmi.score.scaled", s.score / 100);
      }
    } catch (e) { console.warn("LMS: the record could not be reported: " + (e && e.message || e)); }
  }

  function commit() {
    if (!dirty) return;
    dirty = false;
    call("SetValue", CMI.time, duration(Date.now() - started));
    call("Commit");
  }

  function flush() {
    clearTimeout(timer);
    timer = null;
    if (finished) return;
    report();
    commit();
  }

  /* Over SCORM 1.2's limit (many attempts): keep the fewer, newer attempts rather than lose the record. */
  function trim(r) {
    var copy = JSON.parse(JSON.stringify(r));
    while (encode(copy).length > 4096 && copy.assessment.attempts.length > 1) copy.assessment.attempts.shift();
    return copy;
  }

  /* What makes a change urgent: another page, another status or score, another module done. */
  function milestone(r, s) { return [r.last.split("#")[0], s.status, s.score, s.done, s.complete].join("|"); }

  function save(r, s) {
    record = JSON.parse(JSON.stringify(r));
    summary = s;
    var now = milestone(record, s);
    if (now !== urgent) { urgent = now; flush(); }
    else if (!timer) timer = setTimeout(flush, WAIT);
  }

  /* The exit sequence: every step runs, whichever fails. */
  function finish() {
    if (finished) return;
    report();
    finished = true;
    clearTimeout(timer);
    call("SetValue", CMI.time, duration(Date.now() - started));
    call("SetValue", CMI.exit, "suspend"); /* the LMS keeps the record, so a learner can come back to it */
    call("Commit");
    call(v12 ? "Finish" : "Terminate");
  }

  function open(page) {
    frame.src = page.split("#")[0] + ".html" + (page.indexOf("#") > 0 ? "#" + page.split("#")[1] : "");
  }

  /* No LMS session: the plain site in the frame (its record kept in the browser), and a note. */
  function unrecorded() {
    var note = document.getElementById("lms-note");
    note.hidden = false;
    /* The launch page is outside the language folders: the note speaks the language of the page in
       the frame (its course.t, core.js), once that page has loaded; English until then. A frame it
       cannot read (another origin, file://) leaves the note in English. */
    frame.addEventListener("load", function () {
      var course, lang;
      try {
        course = frame.contentWindow.course;
        lang = frame.contentDocument.documentElement.getAttribute("lang") || "en";
      } catch (e) { return; }
      if (!course || !course.t) return;
      note.textContent = "";
      note.appendChild(document.createElement("strong")).textContent = course.t("Your LMS is not recording this session.");
      note.appendChild(document.createTextNode(" " + course.t("Your progress is kept in this browser only.")));
      note.setAttribute("lang", lang);
    });
    open(data.start);
  }

  if (!api) {
    var alone = true;
    try { alone = window.parent === window && !window.opener; } catch (e) { alone = false; }
    if (alone) location.replace(data.start + ".html"); /* not in an LMS at all: the plain site */
    else unrecorded();
    return;
  }
  if (String(call("Initialize")) !== "true") { unrecorded(); return; }
  /* Suspend from the start: a learner whose window closes without an exit keeps the record. */
  call("SetValue", CMI.exit, "suspend");

  /* What the LMS holds, whatever cmi.entry says; what is read is not written back. */
  threw = false;
  var stored = get(CMI.data), bookmark = get(CMI.location), status = get(CMI.status);
  (v12 ? [] : ["cmi.success_status", "cmi.progress_measure", "cmi.score.scaled"]).concat(
    [CMI.score + "min", CMI.score + "max", CMI.score + "raw"]).forEach(function (key) { last[key] = get(key); });
  if (threw) { /* an LMS that cannot say what it holds must not be written over: it is left alone */
    call(v12 ? "Finish" : "Terminate");
    unrecorded();
    return;
  }
  try { record = stored ? decode(stored) : null; } catch (e) { record = null; } /* stored, but not in a shape this course reads */
  last[CMI.data] = stored;
  last[CMI.location] = bookmark;
  last[CMI.status] = status;
  if (status === "not attempted" || status === "unknown" || status === "") { set(CMI.status, "incomplete"); commit(); }

  window.courseLMS = {
    load: function () { return record ? JSON.parse(JSON.stringify(record)) : null; },
    save: save
  };
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
  if (!bookmark || data.pages.indexOf(bookmark.split("#")[0]) < 0) bookmark = record && record.last || "";
  open(bookmark && data.pages.indexOf(bookmark.split("#")[0]) >= 0 ? bookmark : data.start);
})();
