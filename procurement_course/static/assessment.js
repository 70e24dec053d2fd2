/* The final assessment: each attempt draws a fresh set of questions from the module quizzes, spread
   over the modules (questions of the previous attempt last), with the options shuffled. No feedback
   until the learner submits; then the score, passed or not passed, and a review of every question
   with its explanation and a link to the section that teaches it. The attempt in progress and every
   submitted attempt are kept in the learner record. Before "Start", the rules: how many questions,
   the pass mark, the attempts kept and the modules still to do; with assessment_after_modules (the
   default) it opens only once every required module is done. Needs core.js, record.js and quiz.js. */
(function () {
  "use strict";
  var C = globalThis.course, R = globalThis.courseRecord, Q = globalThis.courseQuiz, h = C.h, rich = C.rich;

  /* A seeded generator (mulberry32): an attempt keeps one number, not every option order. */
  function seeded(seed) {
    return function () {
      seed = seed + 0x6D2B79F5 | 0;
      var t = Math.imul(seed ^ seed >>> 15, 1 | seed);
      t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }

  function shuffle(list, random) {
    random = random || Math.random;
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1)), t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }

  function draw(pool, previous) {
    var before = {}, bins = [], picked = [];
    previous.forEach(function (ref) { before[ref] = 1; });
    pool.modules.forEach(function (m, mi) {
      var refs = shuffle(m.questions.map(function (q) { return m.quiz + "/" + q.id; }));
      refs.sort(function (a, b) { return (before[a] || 0) - (before[b] || 0); }); /* fresh ones first */
      bins.push({ at: mi, refs: refs });
    });
    var size = Math.min(pool.size, bins.reduce(function (n, b) { return n + b.refs.length; }, 0));
    shuffle(bins);
    while (picked.length < size) {
      bins.forEach(function (b) { if (picked.length < size && b.refs.length) picked.push({ at: b.at, ref: b.refs.shift() }); });
    }
    picked.sort(function (a, b) { return a.at - b.at; }); /* in course order */
    return picked.map(function (p) { return p.ref; });
  }

  function start(section) {
    var pool = JSON.parse(section.querySelector("script.assessment-data").textContent);
    var byRef = {}, passMark = pool.passMark;
    pool.modules.forEach(function (m) { m.questions.forEach(function (q) { byRef[m.quiz + "/" + q.id] = q; }); });
    var live = h("div", { "class": "assessment-live" }), said = h("p", { "class": "visually-hidden", "aria-live": "polite" });
    section.appendChild(live);
    section.appendChild(said);
    section.classList.add("assessment-ready");

    function rightCount(a) {
      return a.q.filter(function (ref, n) { return Q.isCorrect(byRef[ref], a.a[n]); }).length;
    }

    function attempts() { return R.get().assessment.attempts; }
    function known(a) { return a.q.every(function (ref) { return byRef[ref]; }); }

    /* The order the options of an attempt's n-th question are shown in. */
    function order(a, n) {
      return shuffle(byRef[a.q[n]].options.map(function (_, i) { return i; }), seeded(a.seed + n));
    }

    function begin() {
      var last = attempts().length ? attempts()[attempts().length - 1].q : [];
      var refs = draw(pool, last);
      R.update(function (r) {
        r.assessment.current = { at: new Date().toISOString(), q: refs, a: refs.map(function () { return []; }),
          seed: Math.floor(Math.random() * 2147483647), score: 0, passed: false, submitted: false };
      });
      show();
      var first = live.querySelector("fieldset input");
      if (first) first.focus();
    }

    function questions(cur) {
      var form = h("div", { "class": "assessment-questions" }), warned = false;
      form.appendChild(h("p", { text: C.t("Answer the {n} questions, then submit. You see no feedback until you submit. Pass mark: {pass} %.", { n: cur.q.length, pass: passMark }) }));
      cur.q.forEach(function (ref, n) {
        var made = Q.fieldset(byRef[ref], n + 1, cur.q.length, C.uid("fa"), order(cur, n));
        made.fs.setAttribute("data-question", ref);
        made.inputs.forEach(function (input) {
          input.checked = cur.a[n].indexOf(input.optionIndex) >= 0;
          input.addEventListener("change", function () {
            R.update(function (r) {
              r.assessment.current.a[n] = made.inputs.filter(function (x) { return x.checked; }).map(function (x) { return x.optionIndex; });
            });
          });
        });
        form.appendChild(made.fs);
      });
      var submit = h("button", { type: "button", "class": "assessment-submit", text: C.t("Submit answers") });
      var note = h("p", { "class": "assessment-note" });
      submit.addEventListener("click", function () {
        var open = R.get().assessment.current.a.filter(function (a) { return !a.length; }).length;
        if (open && !warned) {
          warned = true;
          note.textContent = open === 1 ? C.t("{n} question has no answer and will count as wrong. Select Submit answers again to submit anyway.", { n: open }) :
            C.t("{n} questions have no answer and will count as wrong. Select Submit answers again to submit anyway.", { n: open });
          C.announce(said, note.textContent);
          return;
        }
        finish();
      });
      form.appendChild(h("div", { "class": "assessment-actions" }, [submit, note]));
      return form;
    }

    function finish() {
      R.update(function (r) {
        var cur = r.assessment.current;
        cur.score = C.percent(rightCount(cur), cur.q.length);
        cur.passed = cur.score >= passMark;
        cur.submitted = true;
        cur.at = new Date().toISOString();
        r.assessment.attempts.push(cur);
        delete r.assessment.current;
      });
      show();
      var title = live.querySelector(".assessment-result-title");
      if (title) title.focus();
    }

    function review(a) {
      var list = h("ol", { "class": "assessment-review" });
      a.q.forEach(function (ref, n) {
        var q = byRef[ref], shown = order(a, n);
        var right = Q.isCorrect(q, a.a[n]);
        function letters(indices) {
          return indices.length ? indices.map(function (i) { return C.letter(shown.indexOf(i)) + ". " + C.plain(q.options[i].text); }).join("; ") : C.t("no answer");
        }
        var key = q.options.map(function (o, i) { return o.correct ? i : -1; }).filter(function (i) { return i >= 0; });
        list.appendChild(h("li", { "class": right ? "is-right" : "is-wrong", "data-question": ref }, [
          rich(q.prompt, "p", { "class": "review-prompt" }),
          h("p", null, [h("strong", { text: (right ? "\u2713 " + C.t("Right. Your answer:") : "\u2717 " + C.t("Not right. Your answer:")) + " " }), letters(a.a[n])]),
          right ? null : h("p", null, [h("strong", { text: C.t("Right answer:") + " " }), letters(key)]),
          h("p", null, [h("strong", { text: C.t("Explanation:") + " " }), rich(q.explanation)]),
          h("p", { "class": "review-link" }, [C.t("Learn more:") + " ", h("a", { href: q.teach, text: q.teachTitle })])
        ]));
      });
      return list;
    }

    function history() {
      var done = attempts();
      if (!done.length) return null;
      var rows = done.map(function (a, i) {
        return h("tr", null, [h("td", { text: String(i + 1) }), h("td", { text: C.day(a.at) }), h("td", { text: C.t("{score} %", { score: a.score }) }),
          h("td", { text: a.passed ? C.t("passed") : C.t("not passed") })]);
      });
      return h("div", { "class": "scroll-region" }, [h("table", { "class": "docutils assessment-attempts" }, [
        h("caption", { text: C.t("Your attempts") }),
        h("thead", null, [h("tr", null, [C.t("Attempt"), C.t("Date"), C.t("Score"), C.t("Result")].map(function (t) { return h("th", { scope: "col", text: t }); }))]),
        h("tbody", null, rows)])]);
    }

    /* Required modules not done yet, by title. */
    function remaining(r) {
      return R.map.modules.filter(function (m) { return m.required && R.moduleStatus(m, r).status !== "done"; })
        .map(function (m) { return m.title; });
    }

    /* The rules, before the learner starts: questions, pass mark, attempts kept, modules to do. */
    function rules(left, closed) {
      var box = h("div", { "class": "assessment-rules", "data-assessment-rules": "" });
      box.appendChild(h("h2", { text: C.t("Before you start") }));
      box.appendChild(h("ul", null, [
        h("li", { text: C.t("Questions: {n}, drawn afresh for each attempt from the module quizzes. No feedback until you submit.", { n: Math.min(pool.size, Object.keys(byRef).length) }) }),
        h("li", { text: C.t("Pass mark: {pass} %.", { pass: passMark }) }),
        h("li", { text: C.t("Attempts: as many as you like. Your last 20 are kept in your record, and the best one counts.") }),
        h("li", { text: left.length ? C.t("Modules still to do before the course is complete: {modules}.", { modules: left.join(", ") }) :
          C.t("Every required module is done.") })
      ]));
      if (closed) box.appendChild(h("p", { "class": "assessment-closed", text: C.t("The final assessment opens once every required module is done.") }));
      else if (left.length) box.appendChild(h("p", { text: C.t("You can take it now, but the course counts as passed only once those modules are done too. An attempt that does not pass does not fail the course while modules remain.") }));
      return box;
    }

    function show() {
      var r = R.get(), cur = r.assessment.current, done = attempts().filter(known), left = remaining(r);
      var closed = R.map.assessment && R.map.assessment.afterModules !== false && left.length > 0;
      live.textContent = "";
      if (cur && known(cur)) { live.appendChild(questions(cur)); return; }
      var last = done[done.length - 1];
      if (last) {
        var box = h("div", { "class": "assessment-result " + (last.passed ? "is-right" : "is-wrong"), "data-assessment-result": "" }, [
          h("h2", { "class": "assessment-result-title", tabindex: "-1", text: last.passed ? C.t("Result: {score} %, passed", { score: last.score }) : C.t("Result: {score} %, not passed", { score: last.score }) }),
          h("p", { text: C.t("You answered {right} of {total} questions right. The pass mark is {pass} %.", { right: rightCount(last), total: last.q.length, pass: passMark }) }),
          last.passed && left.length ? h("p", { "class": "assessment-left", text: C.t("For the course to count as passed, these modules are still to do: {modules}.", { modules: left.join(", ") }) }) : null
        ]);
        live.appendChild(box);
        live.appendChild(h("h3", { text: C.t("Review of your answers") }));
        live.appendChild(review(last));
      }
      var table = history();
      if (table) live.appendChild(table);
      live.appendChild(rules(left, closed));
      if (closed) return;
      var go = h("button", { type: "button", "class": "assessment-start", text: last ? C.t("Start a new attempt") : C.t("Start the assessment") });
      go.addEventListener("click", begin);
      live.appendChild(h("p", null, [go]));
    }

    show();
  }

  C.ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-assessment]"), function (s) {
      if (!s.classList.contains("assessment-ready") && s.querySelector("script.assessment-data")) start(s);
    });
  });
})();
