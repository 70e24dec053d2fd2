/* Course quiz runtime. Turns each <section data-quiz> into an interactive quiz with no kernel and
   no network. render({model, el}) is the anywidget contract: in a live notebook the model is the
   widget's; on the site it is a small stand-in that keeps answers in the learner record.
   An answer is {selected: [option indices], tries: checks used, done: no more tries}. A question is
   done when it is right, or when its last try is used; then the explanation and "Show answer" appear.
   Options are stored and sent by their index in the bank, whatever order a learner sees them in.
   Needs core.js (window.course) before it. */
(function () {
  "use strict";
  var C = globalThis.course, h = C.h, rich = C.rich;

  function key(q) { return q.options.map(function (o, i) { return o.correct ? i : -1; }).filter(function (i) { return i >= 0; }); }
  function isCorrect(q, selected) {
    var want = key(q);
    return want.length === selected.length && want.every(function (i) { return selected.indexOf(i) >= 0; });
  }
  function single(q) { return q.type === "single" || q.type === "true_false"; }
  /* True or false has two answers, so a second try is always right: it gets one. */
  function triesAt(q, tries) { return q.type === "true_false" ? 1 : tries; }

  /* Credit for what the learner knew: right at the first try counts 1; right only after a wrong try
     counts half (the second try teaches, it does not show what the learner knew); otherwise 0. */
  function credit(q, a) { return a && a.done && isCorrect(q, a.selected) ? (a.tries > 1 ? 0.5 : 1) : 0; }

  /* FNV-1a, 32 bits, of a string: the seed of one question's shuffle. */
  function hash(s) {
    var x = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619);
    return x;
  }

  /* The order one learner sees a question's options in: a shuffle seeded from the learner's record,
     the quiz and the question, so it stays the same across reloads and devices (the seed travels
     with the record) and differs between learners, and file order (keys first) is no cue.
     Questions of two options keep file order: True before False, a judgement pair as written.
     The generator is mulberry32: its output is well mixed even from seeds a character apart. */
  function order(q, seed) {
    var out = q.options.map(function (_, i) { return i; }), x, r, i, j, t;
    if (!seed || out.length < 3 || q.type === "true_false") return out;
    x = hash(seed + "/" + q.id);
    for (i = out.length - 1; i > 0; i--) {
      x = x + 0x6d2b79f5 | 0;
      r = Math.imul(x ^ x >>> 15, 1 | x);
      r ^= r + Math.imul(r ^ r >>> 7, 61 | r);
      j = ((r ^ r >>> 14) >>> 0) % (i + 1);
      t = out[i]; out[i] = out[j]; out[j] = t;
    }
    return out;
  }

  /* Answers from storage or Python may be missing, stale or corrupt: keep only what fits, and a
     question's done only where the rules allow it (right, or out of tries). */
  function clean(quiz, raw, tries) {
    var out = {};
    quiz.questions.forEach(function (q) {
      var a = raw && raw[q.id];
      if (!a || !Array.isArray(a.selected)) return;
      var sel = a.selected.filter(function (i, n, all) { return i >= 0 && i < q.options.length && i % 1 === 0 && all.indexOf(i) === n; });
      if (single(q)) sel = sel.slice(0, 1);
      var most = triesAt(q, tries), t = Math.min(Math.max(a.tries | 0, 0), most);
      /* Done when out of tries (a true-or-false answer kept under the old two tries, too), or right as checked. */
      out[q.id] = { selected: sel, tries: t, done: sel.length > 0 && t > 0 && (t >= most || a.done === true && isCorrect(q, sel)) };
    });
    return out;
  }

  /* right: questions right; late: of them, right only after a wrong try; percent: the score, by credit. */
  function tally(quiz, answers) {
    var t = { right: 0, late: 0, points: 0, done: 0, total: quiz.questions.length };
    quiz.questions.forEach(function (q) {
      var a = answers[q.id], c = credit(q, a);
      if (a && a.done) { t.done++; t.right += c > 0; t.late += c === 0.5; t.points += c; }
    });
    t.percent = C.percent(t.points, t.total);
    return t;
  }

  /* One question as a fieldset of native inputs; shared with the final assessment (order: the
     options' display order, shuffled there). */
  function fieldset(q, number, total, name, order) {
    var fs = h("fieldset", { "class": "quiz-q", "data-question": q.id }), inputs = [], place = [];
    var legend = rich(q.prompt, "legend");
    legend.insertBefore(h("span", { "class": "quiz-num", text: C.t("Question {number} of {total}.", { number: number, total: total }) + " " }), legend.firstChild);
    fs.appendChild(legend);
    if (q.situation.length) fs.appendChild(rich(q.situation, "p", { "class": "quiz-situation" }));
    fs.appendChild(h("p", { "class": "quiz-hint", id: name + "-h", text: q.instruction }));
    (order || q.options.map(function (_, i) { return i; })).forEach(function (i, shown) {
      place[i] = shown;
      var input = inputs[i] = h("input", { type: single(q) ? "radio" : "checkbox", name: name, id: name + "-" + i, value: i, "aria-describedby": name + "-h" });
      input.optionIndex = i;
      fs.appendChild(h("div", { "class": "quiz-opt" }, [input, h("label", { "for": name + "-" + i }, [
        h("span", { "class": "quiz-letter", text: C.letter(shown) + ". " }), rich(q.options[i].text), h("span", { "class": "quiz-mark" })])]));
    });
    return { fs: fs, inputs: inputs, place: place }; /* place[option index]: where it is shown, for its letter */
  }

  function render(ctx) {
    var model = ctx.model, el = ctx.el, quiz = model.get("quiz"), map = globalThis.courseMap || {};
    var tries = model.get("tries") || map.tries || 2, passMark = model.get("pass_mark") || map.passMark || 80;
    var answers = clean(quiz, model.get("answers"), tries), shown = {}, views = {}, base = C.uid("quiz");
    var seed = model.get("seed"), judged = quiz.questions.some(function (q) { return q.type === "true_false"; });
    var root = h("div", { "class": "quiz-body" });
    if (!(el.closest && el.closest("section[data-quiz]"))) {
      root.appendChild(rich(quiz.title, "p", { "class": "quiz-title" }));
      if (quiz.intro.length) root.appendChild(rich(quiz.intro, "p", { "class": "quiz-intro" }));
    }
    root.appendChild(h("p", { "class": "quiz-rules", text: tries === 1 ? C.t("You have one try at each question. The pass mark is {pass} %.", { pass: passMark }) :
      judged ? C.t("You have {tries} tries at each question, one at true or false. The pass mark is {pass} %.", { tries: tries, pass: passMark }) :
        C.t("You have {tries} tries at each question. The pass mark is {pass} %.", { tries: tries, pass: passMark }) }));
    var said = h("p", { "class": "quiz-said", "aria-live": "polite", role: "status" });
    var score = h("p", { "class": "quiz-score" });
    var rule = tries > 1 && h("p", { "class": "quiz-credit", text: C.t("Right at the first try counts in full; right after a wrong try counts half.") });
    var retry = h("button", { type: "button", "class": "quiz-retry", text: C.t("Try the questions you missed") });
    var reset = h("button", { type: "button", "class": "quiz-reset secondary", text: C.t("Reset quiz answers") });

    function scoreText() {
      var t = tally(quiz, answers), v = { right: t.right, total: t.total, late: t.late, left: t.total - t.done, percent: t.percent, pass: passMark };
      score.hidden = !t.done;
      retry.hidden = t.done < t.total || t.percent >= passMark;
      if (t.done < t.total) {
        return score.textContent = t.late ? C.t("Score so far: {right} of {total} correct ({late} after a wrong try, counted half); {left} still to answer.", v) :
          C.t("Score so far: {right} of {total} correct; {left} still to answer.", v);
      }
      return score.textContent = (t.late ? C.t("Quiz complete: {right} of {total} correct ({late} after a wrong try, counted half); score {percent} %.", v) :
        C.t("Quiz complete: {right} of {total} correct; score {percent} %.", v)) + " " +
        (t.percent >= passMark ? C.t("At or above the pass mark of {pass} %.", v) : C.t("Below the pass mark of {pass} %.", v));
    }

    function save() {
      model.set("answers", JSON.parse(JSON.stringify(answers)));
      model.set("score", tally(quiz, answers).right);
      model.save_changes();
      scoreText();
    }

    quiz.questions.forEach(function (q, qi) {
      var made = fieldset(q, qi + 1, quiz.questions.length, base + "-" + qi, order(q, seed && seed + "/" + quiz.id));
      var fs = made.fs, inputs = made.inputs, place = made.place, most = triesAt(q, tries);
      var check = h("button", { type: "button", "class": "quiz-check", text: C.t("Check answer") });
      var show = h("button", { type: "button", "class": "quiz-show secondary", text: C.t("Show answer") });
      var fb = h("div", { "class": "quiz-feedback", tabindex: "-1" });
      var fresh = false; /* the feedback belongs to the check just made, until the selection changes */
      fs.appendChild(h("div", { "class": "quiz-actions" }, [check, show]));
      fs.appendChild(fb);
      root.appendChild(fs);

      function get() { return answers[q.id] || { selected: [], tries: 0, done: false }; }
      function left(a) { return most - a.tries === 1 ? C.t("Change your answer and check it again: one try left.") : C.t("{n} tries left.", { n: most - a.tries }); }
      function shownLetters(list) { return list.map(function (i) { return place[i]; }).sort(function (x, y) { return x - y; }).map(C.letter); }

      inputs.forEach(function (input) {
        input.addEventListener("change", function () {
          var a = get();
          a.selected = inputs.filter(function (x) { return x.checked; }).map(function (x) { return x.optionIndex; });
          answers[q.id] = a;
          fresh = false;
          save();
          draw();
        });
      });

      function draw() {
        var a = get(), right = isCorrect(q, a.selected), marks = a.done || fresh;
        inputs.forEach(function (x, i) {
          var o = q.options[i], chosen = marks && a.selected.indexOf(i) >= 0, answer = shown[q.id] && o.correct;
          x.checked = a.selected.indexOf(i) >= 0;
          x.disabled = a.done;
          x.parentNode.className = "quiz-opt" + (chosen ? (o.correct ? " is-right" : " is-wrong") : answer ? " is-key" : "");
          x.parentNode.querySelector(".quiz-mark").textContent = chosen ? (o.correct ? " \u2713 " + C.t("right choice") : " \u2717 " + C.t("not right")) :
            answer ? " \u2713 " + C.t("right answer") : "";
        });
        check.hidden = a.done;
        show.hidden = !a.done || right || !!shown[q.id];
        fb.textContent = "";
        if (!marks || !a.tries) {
          if (a.tries && !a.done) fb.appendChild(h("p", { "class": "quiz-result", text: left(a) }));
          return;
        }
        var wrong = a.selected.filter(function (i) { return !q.options[i].correct; }).length;
        var found = { found: a.selected.length - wrong, key: key(q).length, wrong: wrong };
        var msg = right ? (a.tries > 1 ? C.t("Correct, after a wrong try: it counts half.") : C.t("Correct.")) : single(q) ? C.t("Not quite.") :
          !wrong ? C.t("Not quite: you found {found} of {key}.", found) : wrong === 1 ? C.t("Not quite: you found {found} of {key} and chose {wrong} that is not right.", found) :
            C.t("Not quite: you found {found} of {key} and chose {wrong} that are not right.", found);
        fb.appendChild(h("p", { "class": "quiz-result " + (right ? "is-right" : "is-wrong") }, [
          h("span", { "aria-hidden": "true", text: right ? "\u2713 " : "\u2717 " }), msg + (right || a.done ? "" : " " + left(a))]));
        fb.appendChild(h("ul", { "class": "quiz-option-feedback" }, a.selected.slice().sort(function (x, y) { return place[x] - place[y]; }).map(function (i) {
          return h("li", null, [h("strong", { text: C.letter(place[i]) + ": " }), rich(q.options[i].feedback)]);
        })));
        if (a.done) fb.appendChild(h("p", { "class": "quiz-explanation" }, [h("strong", { text: C.t("Explanation:") + " " }), rich(q.explanation)]));
      }

      check.addEventListener("click", function () {
        var a = answers[q.id], n = qi + 1;
        if (!a || !a.selected.length) return C.announce(said, C.t("Question {n}: choose an answer first, then check it.", { n: n }));
        if (a.done) return;
        var right = isCorrect(q, a.selected), t;
        a.tries += 1;
        a.done = right || a.tries >= most;
        fresh = true;
        save();
        draw();
        t = tally(quiz, answers);
        C.announce(said, (right ? (a.tries > 1 ? C.t("Question {n}: correct, after a wrong try: it counts half.", { n: n }) : C.t("Question {n}: correct.", { n: n })) :
          a.done ? C.t("Question {n}: not right; the explanation follows, and Show answer gives the answer.", { n: n }) :
            C.t("Question {n}: not quite. {left}", { n: n, left: left(a) })) + (t.done === t.total ? " " + scoreText() : ""));
        if (a.done) (show.hidden ? fb : show).focus();
      });
      show.addEventListener("click", function () {
        shown[q.id] = true;
        draw();
        C.announce(said, C.t("Question {n}: the right answer is {letters}.", { n: qi + 1, letters: shownLetters(key(q)).join(", ") }));
        fb.focus();
      });
      views[q.id] = { draw: draw, first: inputs[place.indexOf(0)] };
    });

    function redraw() { quiz.questions.forEach(function (q) { views[q.id].draw(); }); scoreText(); }
    reset.addEventListener("click", function () {
      C.confirm(reset, C.t("Clear every answer in this quiz, and its score?"), C.t("Clear the answers"), function () {
        answers = {};
        shown = {};
        save();
        redraw();
        C.announce(said, C.t("Answers cleared. You can take the quiz again."));
      });
    });
    /* Below the pass mark: clear and re-open only what was not fully right (wrong, or right only
       after a wrong try); answers right at the first try stay, with their credit. */
    retry.addEventListener("click", function () {
      var missed = quiz.questions.filter(function (q) { return credit(q, answers[q.id]) < 1; });
      missed.forEach(function (q) { delete answers[q.id]; delete shown[q.id]; });
      save();
      redraw();
      if (missed.length) views[missed[0].id].first.focus();
      C.announce(said, C.t("Open again: question {numbers}. Your other answers stay.", { numbers: missed.map(function (q) { return quiz.questions.indexOf(q) + 1; }).join(", ") }));
    });
    root.appendChild(h("div", { "class": "quiz-footer" }, [h("div", { "class": "quiz-summary" }, [score, rule]), retry, reset]));
    root.appendChild(said);
    el.appendChild(root);
    redraw();

    /* The view follows every model change: answers set from Python, a reset, another view. */
    function follow() {
      var next = clean(quiz, model.get("answers"), tries);
      if (JSON.stringify(next) !== JSON.stringify(answers)) { answers = next; redraw(); }
    }
    if (model.on) model.on("change:answers", follow);
    return function () { if (model.off) model.off("change:answers", follow); root.remove(); };
  }

  /* The stand-in for a widget model on the site: answers live in the learner record. */
  function pageModel(quiz) {
    var R = globalThis.courseRecord, handlers = [], data = { quiz: quiz, answers: {}, seed: R && R.seed ? R.seed() : "" };
    function load(r) { data.answers = r.quizzes[quiz.id] ? r.quizzes[quiz.id].answers : {}; }
    if (R) {
      load(R.get());
      R.onChange(function (r) { load(r); handlers.forEach(function (fn) { fn(); }); });
    }
    return {
      get: function (k) { return data[k]; },
      set: function (k, v) { data[k] = v; },
      on: function (name, fn) { handlers.push(fn); },
      save_changes: function () {
        var t = tally(quiz, data.answers), done = t.done === t.total;
        if (R) R.update(function (r) {
          var at = (r.quizzes[quiz.id] || {}).at;
          if (Object.keys(data.answers).length) r.quizzes[quiz.id] = { answers: data.answers, score: t.percent, done: done, at: done ? at || new Date().toISOString() : "" };
          else delete r.quizzes[quiz.id];
        });
      }
    };
  }

  function initPage() {
    Array.prototype.forEach.call(document.querySelectorAll("section[data-quiz]:not(.quiz-ready)"), function (section) {
      var live = h("div", { "class": "quiz-live" });
      section.appendChild(live);
      render({ model: pageModel(JSON.parse(section.querySelector("script.quiz-data").textContent)), el: live });
      section.classList.add("quiz-ready");
    });
  }

  globalThis.courseQuiz = { render: render, initPage: initPage, fieldset: fieldset, isCorrect: isCorrect };
  if (document.currentScript) C.ready(initPage); /* a classic <script> on the site, not the widget's module */
})();
