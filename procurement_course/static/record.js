/* The learner record: one object for the whole course, kept under one versioned key in
   localStorage, or, when the course runs as an LMS package, through the launch page's bridge
   (window.parent.courseLMS) so that the LMS holds it. Quizzes, case scenarios, the assessment and
   the course shell write to it through update(); everything else only reads it.
   The completion rules live here too, so the shell, the record page and the LMS agree. */
(function () {
  "use strict";
  var KEY = "procurement-course:record:v1", OLD = "procurement-course:quiz:";
  var ID = /^[a-z0-9][a-z0-9-]{0,80}$/, PAGE = /^[a-z0-9][a-z0-9_.\/-]{0,150}$/;
  var map = globalThis.courseMap || { modules: [], passMark: 80, tries: 2, assessment: {} };
  var listeners = [], store = storage(), lms = bridge(), record;

  function now() { return new Date().toISOString(); }
  function blank() {
    return { v: 1, started: now(), updated: now(), pages: {}, last: "", quizzes: {}, cases: {},
      assessment: { attempts: [] } };
  }

  function storage() {
    if (window.courseStorageBlocked) return null; /* the theme's in-memory stand-in keeps nothing */
    try {
      var s = window.localStorage;
      s.setItem(KEY + ":probe", "1");
      s.removeItem(KEY + ":probe");
      return s;
    } catch (e) { return null; } /* blocked or full: the record lives as long as the page */
  }

  function bridge() {
    try { return (window.parent !== window && window.parent.courseLMS) || null; } catch (e) { return null; }
  }

  /* Keep only what fits the record's shape: stored, imported and LMS data may be corrupt, stale,
     foreign or hostile. Unknown keys are dropped; ids must look like ids (never "__proto__"). */
  function ints(a, max) {
    return Array.isArray(a) ? a.filter(function (i, k) {
      return typeof i === "number" && i % 1 === 0 && i >= 0 && i < max && a.indexOf(i) === k;
    }).slice(0, 26) : [];
  }
  function text(s, max) { return typeof s === "string" ? s.slice(0, max) : ""; }
  function each(obj, pattern, limit, fn) {
    var out = {}, n = 0;
    if (obj && typeof obj === "object" && !Array.isArray(obj)) {
      Object.keys(obj).forEach(function (k) {
        if (n < limit && pattern.test(k)) { var v = fn(obj[k]); if (v) { out[k] = v; n++; } }
      });
    }
    return out;
  }
  function answer(a) {
    if (!a || typeof a !== "object") return null;
    return { selected: ints(a.selected, 26), tries: Math.min(Math.max(a.tries | 0, 0), 99), done: a.done === true };
  }
  function clean(raw) {
    var r = blank();
    if (!raw || typeof raw !== "object" || raw.v !== 1) return r;
    r.started = text(raw.started, 40) || r.started;
    r.updated = text(raw.updated, 40) || r.updated;
    r.pages = each(raw.pages, PAGE, 500, function (v) { return v ? 1 : 0; });
    r.last = PAGE.test(String(raw.last).split("#")[0]) ? text(raw.last, 300) : "";
    r.quizzes = each(raw.quizzes, ID, 200, function (q) {
      if (!q || typeof q !== "object") return null;
      var score = Number(q.score);
      return { answers: each(q.answers, ID, 500, answer), score: score >= 0 && score <= 100 ? Math.round(score) : 0,
        done: q.done === true, at: text(q.at, 40) };
    });
    r.cases = each(raw.cases, ID, 100, function (c) {
      if (!c || typeof c !== "object") return null;
      var out = { p: ints(c.p, 26), seen: (Array.isArray(c.seen) ? c.seen : []).filter(function (s) {
        return typeof s === "string" && ID.test(s); }).slice(0, 50) };
      if (typeof c.e === "string" && ID.test(c.e)) out.e = c.e;
      return out;
    });
    var attempts = raw.assessment && Array.isArray(raw.assessment.attempts) ? raw.assessment.attempts : [];
    r.assessment.attempts = attempts.filter(function (a) { return a && typeof a === "object"; }).slice(-20).map(attempt);
    var cur = raw.assessment && raw.assessment.current;
    if (cur && typeof cur === "object" && Array.isArray(cur.q)) r.assessment.current = attempt(cur);
    return r;
  }
  function attempt(a) {
    var q = (Array.isArray(a.q) ? a.q : []).filter(function (s) {
      return typeof s === "string" && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(s); }).slice(0, 200);
    var score = Number(a.score);
    return { at: text(a.at, 40), q: q, a: q.map(function (_, i) { return ints((a.a || [])[i], 26); }),
      seed: a.seed >>> 0 === a.seed ? a.seed : 0, score: score >= 0 && score <= 100 ? Math.round(score) : 0,
      passed: a.passed === true, submitted: a.submitted === true };
  }

  /* Answers kept by the first version of the quizzes, one key per quiz: move them into the record. */
  function migrate(r) {
    if (!store) return false;
    var moved = false, tries = map.tries || 2;
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (!key || key.indexOf(OLD) !== 0) continue;
      var id = key.slice(OLD.length), old = null;
      try { old = JSON.parse(store.getItem(key)); } catch (e) { old = null; }
      if (ID.test(id) && old && old.answers && typeof old.answers === "object" && !r.quizzes[id]) {
        var answers = each(old.answers, ID, 500, function (a) {
          if (!a || !Array.isArray(a.selected)) return null;
          var checked = a.checked === true;
          return { selected: ints(a.selected, 26), tries: checked ? 1 : 0, done: checked && (a.correct === true || tries <= 1),
            correct: a.correct === true };
        });
        var total = quizSize(id), right = 0, finished = 0;
        Object.keys(answers).forEach(function (q) {
          if (answers[q].done) { finished++; if (answers[q].correct) right++; }
          delete answers[q].correct;
        });
        var done = total > 0 && finished >= total;
        r.quizzes[id] = { answers: answers, score: total ? Math.round(100 * right / total) : 0, done: done, at: done ? now() : "" };
      }
      try { store.removeItem(key); } catch (e) { /* keep going */ }
      moved = true;
    }
    return moved;
  }

  function quizSize(id) {
    for (var i = 0; i < map.modules.length; i++) if (map.modules[i].quiz === id) return map.modules[i].questions;
    return 0;
  }

  function read() {
    if (lms) return clean(lms.load());
    var raw = null;
    try { raw = store && JSON.parse(store.getItem(KEY) || "null"); } catch (e) { raw = null; }
    var r = clean(raw);
    if (migrate(r)) write(r);
    return r;
  }

  function write(r) {
    r.updated = now();
    if (lms) { lms.save(r, summary(r)); return; }
    try { if (store) store.setItem(KEY, JSON.stringify(r)); } catch (e) { /* full or revoked: keep going */ }
  }

  function notify() { listeners.slice().forEach(function (fn) { try { fn(record); } catch (e) { setTimeout(function () { throw e; }); } }); }

  /* ---- Completion rules (from _config.yml through the course map) ---- */
  function moduleStatus(m, r) {
    r = r || record;
    var q = r.quizzes[m.quiz], c = m.case ? r.cases[m.case] : null;
    var quizDone = !!(q && q.done && q.score >= map.passMark);
    var caseDone = !m.case || !!(c && c.seen.length);
    var touched = m.pages.some(function (p) { return r.pages[p]; }) || (q && Object.keys(q.answers).length) || c;
    return { status: quizDone && caseDone ? "done" : touched ? "in-progress" : "not-started",
      score: q && q.done ? q.score : null, at: q && q.done ? q.at : "" };
  }

  function best(r) {
    var top = null;
    r.assessment.attempts.forEach(function (a) { if (a.submitted && (!top || a.score > top.score)) top = a; });
    return top;
  }

  /* The course: complete when every required module is done; passed or failed by the assessment. */
  function summary(r) {
    r = r || record;
    var required = map.modules.filter(function (m) { return m.required; });
    var done = required.filter(function (m) { return moduleStatus(m, r).status === "done"; }).length;
    var top = best(r), complete = done === required.length;
    var status = top && !top.passed ? "failed" : top && complete ? "passed" :
      Object.keys(r.pages).length > 0 ? "incomplete" : "not-attempted";
    return { done: done, total: required.length, complete: complete, status: status,
      score: top ? top.score : null, progress: required.length ? done / required.length : 0 };
  }

  function pageStatus(page, r) {
    r = r || record;
    for (var i = 0; i < map.modules.length; i++) {
      var m = map.modules[i];
      if (m.page === page) return moduleStatus(m, r).status; /* the page that carries the module's quiz */
    }
    return r.pages[page] ? "done" : "not-started";
  }

  record = read();
  if (store) {
    window.addEventListener("storage", function (e) {
      if (e.key === KEY) { record = read(); notify(); }
    });
  }

  globalThis.courseRecord = {
    map: map,
    get: function () { return record; },
    update: function (fn) { fn(record); write(record); notify(); },
    replace: function (raw) { record = clean(raw); write(record); notify(); return record; },
    clean: clean,
    onChange: function (fn) { listeners.push(fn); },
    kept: function () { return lms ? "lms" : store ? "browser" : "page"; },
    moduleStatus: moduleStatus,
    pageStatus: pageStatus,
    summary: summary,
    best: best
  };
})();
