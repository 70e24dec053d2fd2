/* The learner record: one object for the whole course, kept under one versioned key in
   localStorage, or, when the course runs as an LMS package, through the launch page's bridge
   (window.parent.courseLMS) so that the LMS holds it. Quizzes, case scenarios, the assessment and
   the course shell write to it through update(); everything else only reads it.
   The completion rules live here too, so the shell, the record page and the LMS agree. */
(function () {
  "use strict";
  var KEY = "procurement-course:record:v1", OLD = "procurement-course:quiz:";
  var ID = /^[a-z0-9][a-z0-9-]{0,80}$/, PAGE = /^[a-z0-9][a-z0-9_.\/-]{0,150}$/, REF = /^[a-z0-9-]+\/[a-z0-9-]+$/;
  var map = globalThis.courseMap || { modules: [], passMark: 80, tries: 2 };
  var listeners = [], store = storage(), lms, record;
  try { lms = window.parent !== window && window.parent.courseLMS || null; } catch (e) { lms = null; }

  function now() { return new Date().toISOString(); }

  function storage() {
    if (window.courseStorageBlocked) return null; /* the theme's in-memory stand-in keeps nothing */
    try {
      localStorage.setItem(KEY + ":probe", "1");
      localStorage.removeItem(KEY + ":probe");
      return localStorage;
    } catch (e) { return null; } /* blocked or full: the record lives as long as the page */
  }

  /* Keep only what fits the record's shape: stored, imported and LMS data may be corrupt, stale,
     foreign or hostile. Unknown keys are dropped; ids must look like ids (never "__proto__"). */
  function isObj(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function is(pattern, s) { return typeof s === "string" && pattern.test(s); }
  function str(s, max) { return typeof s === "string" ? s.slice(0, max || 40) : ""; }
  function pct(n) { n = Number(n); return n >= 0 && n <= 100 ? Math.round(n) : 0; }
  /* Option or choice indices, up to the first entry that is not one. Selections have each index
     once; a case's path may repeat one (the same letter at two decisions). */
  function indices(a, repeats) {
    var out = [];
    for (var i = 0; Array.isArray(a) && i < a.length && i < 200; i++) {
      var n = a[i];
      if (typeof n !== "number" || n % 1 || n < 0 || n > 25) break;
      if (repeats || out.indexOf(n) < 0) out.push(n);
    }
    return out;
  }
  function each(obj, pattern, fn) {
    var out = {};
    if (isObj(obj)) Object.keys(obj).slice(0, 500).forEach(function (k) {
      var v = pattern.test(k) && isObj(obj[k]) ? fn(obj[k]) : null;
      if (v) out[k] = v;
    });
    return out;
  }
  function answer(a) {
    return { selected: indices(a.selected), tries: Math.min(Math.max(a.tries | 0, 0), 99), done: a.done === true };
  }
  function attempt(a) {
    var q = (Array.isArray(a.q) ? a.q : []).filter(function (s) { return is(REF, s); }).slice(0, 200);
    return { at: str(a.at), q: q, a: q.map(function (_, i) { return indices((a.a || [])[i]); }),
      seed: a.seed >>> 0 === a.seed ? a.seed : 0, score: pct(a.score), passed: a.passed === true, submitted: a.submitted === true };
  }
  function clean(raw) {
    var r = { v: 1, started: now(), updated: now(), pages: {}, last: "", quizzes: {}, cases: {}, assessment: { attempts: [] } };
    if (!isObj(raw) || raw.v !== 1) return r;
    r.started = str(raw.started) || r.started;
    r.updated = str(raw.updated) || r.updated;
    if (isObj(raw.pages)) Object.keys(raw.pages).slice(0, 500).forEach(function (p) { if (PAGE.test(p) && raw.pages[p]) r.pages[p] = 1; });
    r.last = PAGE.test(String(raw.last).split("#")[0]) ? str(raw.last, 300) : "";
    if (is(/^[a-z0-9]{4,16}$/, raw.seed)) r.seed = raw.seed;
    r.quizzes = each(raw.quizzes, ID, function (q) {
      return { answers: each(q.answers, ID, answer), score: pct(q.score), done: q.done === true, at: str(q.at) };
    });
    r.cases = each(raw.cases, ID, function (c) {
      var out = { p: indices(c.p, true), seen: (Array.isArray(c.seen) ? c.seen : []).filter(function (s) { return is(ID, s); }).slice(0, 50) };
      if (is(ID, c.e)) out.e = c.e;
      return out;
    });
    var a = isObj(raw.assessment) ? raw.assessment : {};
    r.assessment.attempts = (Array.isArray(a.attempts) ? a.attempts : []).filter(isObj).slice(-20).map(attempt);
    if (isObj(a.current) && Array.isArray(a.current.q)) r.assessment.current = attempt(a.current);
    return r;
  }

  /* Answers kept by the first version of the quizzes, one key per quiz: move them into the record. */
  function migrate(r) {
    var moved = false;
    for (var i = store ? store.length - 1 : -1; i >= 0; i--) {
      var key = store.key(i), id = key && key.indexOf(OLD) === 0 ? key.slice(OLD.length) : "", old = null;
      if (!id) continue;
      try { old = JSON.parse(store.getItem(key)); } catch (e) { /* unreadable: dropped */ }
      var m = map.modules.filter(function (x) { return x.quiz === id; })[0], right = 0, finished = 0;
      if (is(ID, id) && isObj(old) && !r.quizzes[id]) {
        var answers = each(old.answers, ID, function (a) {
          var checked = a.checked === true, ok = a.correct === true, done = checked && (ok || map.tries <= 1);
          finished += done;
          right += done && ok;
          return { selected: indices(a.selected), tries: +checked, done: done };
        });
        var total = m ? m.questions : 0, complete = total > 0 && finished >= total;
        r.quizzes[id] = { answers: answers, score: total ? Math.round(100 * right / total) : 0, done: complete, at: complete ? now() : "" };
      }
      store.removeItem(key);
      moved = true;
    }
    return moved;
  }

  function read() {
    if (lms) return clean(lms.load());
    var raw = null;
    try { raw = JSON.parse(store.getItem(KEY)); } catch (e) { /* none, blocked or corrupt */ }
    var r = clean(raw);
    if (migrate(r)) write(r);
    return r;
  }

  function write(r) {
    r.updated = now();
    if (lms) return lms.save(r, summary(r));
    try { if (store) store.setItem(KEY, JSON.stringify(r)); } catch (e) { /* full or revoked: keep going */ }
  }

  /* ---- Completion rules (from _config.yml through the course map) ---- */
  function moduleStatus(m, r) {
    r = r || record;
    var q = r.quizzes[m.quiz], c = m.case && r.cases[m.case];
    var done = q && q.done && q.score >= map.passMark && (!m.case || c && c.seen.length);
    var touched = c || q && Object.keys(q.answers).length || m.pages.some(function (p) { return r.pages[p]; });
    return { status: done ? "done" : touched ? "in-progress" : "not-started", score: q && q.done ? q.score : null, at: q && q.done ? q.at : "" };
  }

  function best(r) {
    return (r || record).assessment.attempts.reduce(function (top, a) { return a.submitted && (!top || a.score > top.score) ? a : top; }, null);
  }

  /* The course: complete when every required module is done; passed or failed by the assessment. */
  function summary(r) {
    r = r || record;
    var required = map.modules.filter(function (m) { return m.required; });
    var done = required.filter(function (m) { return moduleStatus(m, r).status === "done"; }).length;
    var top = best(r), complete = done === required.length;
    return { done: done, total: required.length, complete: complete, score: top ? top.score : null,
      status: top && !top.passed ? "failed" : top && complete ? "passed" : Object.keys(r.pages).length ? "incomplete" : "not-attempted",
      progress: required.length ? done / required.length : 0 };
  }

  /* A page that carries a module's quiz shows the module's status; any other page is done once read. */
  function pageStatus(page, r) {
    var m = map.modules.filter(function (x) { return x.page === page; })[0];
    return m ? moduleStatus(m, r).status : (r || record).pages[page] ? "done" : "not-started";
  }

  function notify() { listeners.forEach(function (fn) { fn(record); }); }

  record = read();
  if (store) window.addEventListener("storage", function (e) { if (e.key === KEY) { record = read(); notify(); } });

  globalThis.courseRecord = {
    map: map, clean: clean, moduleStatus: moduleStatus, pageStatus: pageStatus, summary: summary, best: best,
    get: function () { return record; },
    update: function (fn) { fn(record); write(record); notify(); },
    replace: function (raw) { record = clean(raw); write(record); notify(); return record; },
    onChange: function (fn) { listeners.push(fn); },
    kept: function () { return lms ? "lms" : store ? "browser" : "page"; },
    /* Stand-in (the record's own version replaces it): this learner's seed for the order of quiz
       options, made on first use and kept in the record, so the order travels with it. */
    seed: function () {
      if (!record.seed) { record.seed = (Math.random().toString(36).slice(2) + "0000000").slice(0, 8); write(record); }
      return record.seed;
    }
  };
})();
