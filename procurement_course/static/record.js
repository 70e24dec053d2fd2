/* The learner record: one object for the whole course, kept under one versioned key in
   localStorage, or, when the course runs as an LMS package, through the launch page's bridge
   (window.parent.courseLMS) so that the LMS holds it. Quizzes, case scenarios, the assessment and
   the course shell write to it through update(); everything else only reads it.
   The completion rules live here too, so the shell, the record page and the LMS agree.
   The learner's and the facilitator's editions keep separate records (two keys), so a facilitator
   trying the course on a participant's computer, or opening both editions from one disk, never
   mixes the two. The learner's edition keeps the key every earlier version used. */
(function () {
  "use strict";
  var map = globalThis.courseMap || { modules: [], passMark: 80, tries: 2 };
  var KEY = map.edition === "facilitator" ? "procurement-course:facilitator:record:v1" : "procurement-course:record:v1";
  var OLD = "procurement-course:quiz:", SEED = /^[a-z0-9]{4,16}$/;
  var ID = /^[a-z0-9][a-z0-9-]{0,80}$/, PAGE = /^[a-z0-9][a-z0-9_.\/-]{0,150}$/, REF = /^[a-z0-9-]+\/[a-z0-9-]+$/;
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
    /* pages: read to the end (done); opened: opened, not yet read to the end. */
    var r = { v: 1, started: now(), updated: now(), pages: {}, opened: {}, last: "", quizzes: {}, cases: {}, assessment: { attempts: [] } };
    if (!isObj(raw) || raw.v !== 1) return r;
    r.started = str(raw.started) || r.started;
    r.updated = str(raw.updated) || r.updated;
    ["pages", "opened"].forEach(function (k) {
      if (isObj(raw[k])) Object.keys(raw[k]).slice(0, 500).forEach(function (p) { if (PAGE.test(p) && raw[k][p]) r[k][p] = 1; });
    });
    if (is(SEED, raw.seed)) r.seed = raw.seed;
    r.last = PAGE.test(String(raw.last).split("#")[0]) ? str(raw.last, 300) : "";
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
    var touched = c || q && Object.keys(q.answers).length || m.pages.some(function (p) { return r.pages[p] || r.opened[p]; });
    return { status: done ? "done" : touched ? "in-progress" : "not-started", score: q && q.done ? q.score : null, at: q && q.done ? q.at : "" };
  }

  /* Work of this learner's in the record: pages read to the end, answers, cases, attempts (what an
     import asks before replacing). Pages merely opened do not count. */
  function hasProgress(r) {
    r = r || record;
    return ["pages", "quizzes", "cases"].some(function (k) { return Object.keys(r[k]).length > 0; }) ||
      r.assessment.attempts.length > 0 || !!r.assessment.current;
  }

  function best(r) {
    return (r || record).assessment.attempts.reduce(function (top, a) { return a.submitted && (!top || a.score > top.score) ? a : top; }, null);
  }

  /* The course: complete when every required module is done; passed when an assessment attempt passed
     too; failed only when every required module is done and no attempt passed. An attempt taken
     early (allowed when assessment_after_modules is false) never fails a course with modules to do. */
  function summary(r) {
    r = r || record;
    var required = map.modules.filter(function (m) { return m.required; });
    var done = required.filter(function (m) { return moduleStatus(m, r).status === "done"; }).length;
    var top = best(r), complete = done === required.length;
    return { done: done, total: required.length, complete: complete, score: top ? top.score : null,
      status: complete && top && top.passed ? "passed" : complete && top ? "failed" : hasProgress(r) || Object.keys(r.opened).length ? "incomplete" : "not-attempted",
      progress: required.length ? done / required.length : 0 };
  }

  /* A page is done when the learner has read it to the end; a page that holds a module's quiz (or
     case) when the quiz is passed (and the case has reached an ending). It is in progress once opened
     or answered; a page never opened is not started, whatever else the module holds. */
  function pageStatus(page, r) {
    r = r || record;
    var quizOf = map.modules.filter(function (x) { return x.page === page; })[0];
    var caseOf = map.modules.filter(function (x) { return x.case && x.casePage === page; })[0];
    var q = quizOf && r.quizzes[quizOf.quiz], c = caseOf && r.cases[caseOf.case];
    if (quizOf || caseOf) {
      var done = (!quizOf || q && q.done && q.score >= map.passMark) && (!caseOf || c && c.seen.length);
      var touched = r.opened[page] || r.pages[page] || q && Object.keys(q.answers).length || c;
      return done ? "done" : touched ? "in-progress" : "not-started";
    }
    return r.pages[page] ? "done" : r.opened[page] ? "in-progress" : "not-started";
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
    hasProgress: hasProgress,
    edition: map.edition === "facilitator" ? "facilitator" : "learner",
    /* A stable short random string for this learner's record (e.g. the quizzes' option order):
       made on first call, kept in the record, so it travels with export, import and the LMS. */
    seed: function () {
      if (!record.seed) {
        var s = "";
        while (s.length < 8) s += Math.random().toString(36).slice(2);
        record.seed = s.slice(0, 8);
        write(record);
      }
      return record.seed;
    },
    /* "Start afresh": this browser's record of this edition is erased, nothing else. */
    reset: function () {
      record = clean(null);
      if (lms) write(record);
      else try { if (store) store.removeItem(KEY); } catch (e) { /* revoked: the page keeps a fresh record anyway */ }
      notify();
      return record;
    }
  };
})();
