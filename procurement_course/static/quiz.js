/* Course quiz runtime. Turns each <section data-quiz> into an interactive quiz with no kernel and
   no network. render({model, el}) is the anywidget contract: in a live notebook the model is the
   widget's; on the site it is a small stand-in that keeps answers in the learner record.
   An answer is {selected: [option indices], tries: checks used, done: no more tries}. A question is
   done when it is right, or when its last try is used; then the explanation and "Show answer" appear.
   Needs core.js (window.course) before it. */
(function () {
  "use strict";
  var C = globalThis.course, h = C.h, rich = C.rich;

  function correctSet(q) {
    return q.options.map(function (o, i) { return o.correct ? i : -1; }).filter(function (i) { return i >= 0; });
  }
  function isCorrect(q, selected) {
    var want = correctSet(q);
    return want.length === selected.length && want.every(function (i) { return selected.indexOf(i) >= 0; });
  }
  function single(q) { return q.type === "single" || q.type === "true_false"; }

  /* Answers from storage or Python may be missing, stale or corrupt: keep only what fits. */
  function clean(quiz, raw, tries) {
    var out = {};
    if (!raw || typeof raw !== "object") return out;
    quiz.questions.forEach(function (q) {
      var a = raw[q.id];
      if (!a || typeof a !== "object" || !Array.isArray(a.selected)) return;
      var sel = a.selected.filter(function (i, n, all) {
        return typeof i === "number" && i >= 0 && i < q.options.length && i % 1 === 0 && all.indexOf(i) === n;
      });
      if (single(q)) sel = sel.slice(0, 1);
      var t = Math.min(Math.max(a.tries | 0, 0), tries);
      /* done is what the learner's last check decided; it is kept only where it fits the rules */
      out[q.id] = { selected: sel, tries: t, done: a.done === true && sel.length > 0 && t > 0 && (isCorrect(q, sel) || t >= tries) };
    });
    return out;
  }

  function tally(quiz, answers) {
    var right = 0, done = 0;
    quiz.questions.forEach(function (q) {
      var a = answers[q.id];
      if (a && a.done) { done++; if (isCorrect(q, a.selected)) right++; }
    });
    return { right: right, done: done, total: quiz.questions.length, percent: C.percent(right, quiz.questions.length) };
  }

  /* One question as a fieldset of native inputs; shared with the final assessment (order: the
     options' display order, e.g. shuffled there). */
  function fieldset(q, number, total, name, order) {
    var fs = h("fieldset", { "class": "quiz-q", "data-question": q.id });
    var legend = rich(q.prompt, "legend");
    legend.insertBefore(h("span", { "class": "quiz-num", text: "Question " + number + " of " + total + ". " }), legend.firstChild);
    fs.appendChild(legend);
    if (q.situation.length) fs.appendChild(rich(q.situation, "p", { "class": "quiz-situation" }));
    fs.appendChild(h("p", { "class": "quiz-hint", id: name + "-h", text: q.instruction }));
    var inputs = [];
    (order || q.options.map(function (_, i) { return i; })).forEach(function (i, shown) {
      var id = name + "-" + i;
      var input = h("input", { type: single(q) ? "radio" : "checkbox", name: name, id: id, value: i, "aria-describedby": name + "-h" });
      input.optionIndex = i;
      fs.appendChild(h("div", { "class": "quiz-opt" }, [input, h("label", { "for": id }, [
        h("span", { "class": "quiz-letter", text: C.letter(shown) + ". " }), rich(q.options[i].text),
        h("span", { "class": "quiz-mark" })])]));
      inputs[i] = input;
    });
    return { fs: fs, inputs: inputs };
  }

  function render(ctx) {
    var model = ctx.model, el = ctx.el, quiz = model.get("quiz");
    var map = globalThis.courseMap || {};
    var tries = model.get("tries") || map.tries || 2, passMark = model.get("pass_mark") || map.passMark || 80;
    var answers = clean(quiz, model.get("answers"), tries);
    var shown = {}, views = {}, base = C.uid("quiz");
    var root = h("div", { "class": "quiz-body" });
    var inPage = el.closest && el.closest("section[data-quiz]");
    if (!inPage) root.appendChild(rich(quiz.title, "p", { "class": "quiz-title" }));
    if (!inPage && quiz.intro.length) root.appendChild(rich(quiz.intro, "p", { "class": "quiz-intro" }));
    root.appendChild(h("p", { "class": "quiz-rules", text: "You have " + (tries === 1 ? "one try" : tries + " tries") +
      " at each question. The pass mark is " + passMark + " %." }));
    var said = h("p", { "class": "quiz-said", "aria-live": "polite", role: "status" });
    var score = h("p", { "class": "quiz-score", hidden: true });
    var reset = h("button", { type: "button", "class": "quiz-reset secondary", text: "Reset quiz answers" });

    function scoreText() {
      var t = tally(quiz, answers);
      if (t.done === t.total) {
        return "Quiz complete: " + t.right + " of " + t.total + " correct (" + t.percent + " %). " +
          (t.percent >= passMark ? "At or above the pass mark of " + passMark + " %." :
            "Below the pass mark of " + passMark + " %: reset the quiz to try it again.");
      }
      return "Score so far: " + t.right + " of " + t.total + " correct; " + (t.total - t.done) + " still to answer.";
    }

    function save() {
      var t = tally(quiz, answers);
      model.set("answers", JSON.parse(JSON.stringify(answers)));
      model.set("score", t.right);
      model.save_changes();
      score.hidden = t.done === 0;
      score.textContent = scoreText();
    }

    quiz.questions.forEach(function (q, qi) {
      var made = fieldset(q, qi + 1, quiz.questions.length, base + "-" + qi), fs = made.fs, inputs = made.inputs;
      var check = h("button", { type: "button", "class": "quiz-check", text: "Check answer" });
      var show = h("button", { type: "button", "class": "quiz-show secondary", text: "Show answer", hidden: true });
      var fb = h("div", { "class": "quiz-feedback", tabindex: "-1" });
      fs.appendChild(h("div", { "class": "quiz-actions" }, [check, show]));
      fs.appendChild(fb);
      root.appendChild(fs);
      var fresh = false; /* feedback belongs to the check just made, until the selection changes */

      inputs.forEach(function (input) {
        input.addEventListener("change", function () {
          var a = answers[q.id] || { selected: [], tries: 0, done: false };
          if (a.done) return;
          a.selected = inputs.filter(function (x) { return x.checked; }).map(function (x) { return x.optionIndex; });
          answers[q.id] = a;
          fresh = false;
          save();
          draw();
        });
      });

      function draw() {
        var a = answers[q.id] || { selected: [], tries: 0, done: false };
        var right = isCorrect(q, a.selected), marks = a.done || fresh;
        inputs.forEach(function (x, i) {
          x.checked = a.selected.indexOf(i) >= 0;
          x.disabled = a.done;
          var chosen = marks && x.checked, key = shown[q.id] && q.options[i].correct;
          x.parentNode.className = "quiz-opt" + (chosen ? (q.options[i].correct ? " is-right" : " is-wrong") : key ? " is-key" : "");
          x.parentNode.querySelector(".quiz-mark").textContent = chosen ?
            (q.options[i].correct ? " \u2713 right choice" : " \u2717 not right") : key ? " \u2713 right answer" : "";
        });
        check.hidden = a.done;
        show.hidden = !a.done || right || !!shown[q.id];
        fs.classList.toggle("is-done", a.done);
        fb.textContent = "";
        if (!marks || !a.tries) {
          if (a.tries && !a.done) fb.appendChild(h("p", { "class": "quiz-result", text: triesLeft(a) }));
          return;
        }
        var wrong = a.selected.filter(function (i) { return !q.options[i].correct; }).length;
        var total = correctSet(q).length, found = a.selected.length - wrong;
        var msg = right ? "Correct." : single(q) ? "Not quite." :
          "Not quite: you found " + found + " of " + total + (wrong ? " and chose " + wrong + " that " + (wrong > 1 ? "are" : "is") + " not right." : ".");
        if (!right && !a.done) msg += " " + triesLeft(a);
        fb.appendChild(h("p", { "class": "quiz-result " + (right ? "is-right" : "is-wrong") }, [
          h("span", { "aria-hidden": "true", text: right ? "\u2713 " : "\u2717 " }), msg]));
        var list = h("ul", { "class": "quiz-option-feedback" });
        a.selected.forEach(function (i) {
          list.appendChild(h("li", null, [h("strong", { text: C.letter(i) + ": " }), rich(q.options[i].feedback)]));
        });
        fb.appendChild(list);
        if (a.done) fb.appendChild(h("p", { "class": "quiz-explanation" }, [h("strong", { text: "Explanation: " }), rich(q.explanation)]));
      }

      function triesLeft(a) {
        var left = tries - a.tries;
        return left === 1 ? "Change your answer and check it again: one try left." : left + " tries left.";
      }

      check.addEventListener("click", function () {
        var a = answers[q.id];
        var label = "Question " + (qi + 1) + ": ";
        if (!a || !a.selected.length) { C.announce(said, label + "choose an answer first, then check it."); return; }
        a.tries += 1;
        var right = isCorrect(q, a.selected);
        a.done = right || a.tries >= tries;
        fresh = true;
        save();
        draw();
        var t = tally(quiz, answers);
        C.announce(said, label + (right ? "correct." : a.done ? "not right; the explanation follows, and Show answer gives the answer." :
          "not quite. " + triesLeft(a)) + (t.done === t.total ? " " + scoreText() : ""));
        if (a.done) (show.hidden ? fb : show).focus();
      });
      show.addEventListener("click", function () {
        shown[q.id] = true;
        draw();
        var key = correctSet(q).map(C.letter).join(", ");
        C.announce(said, "Question " + (qi + 1) + ": the right answer is " + key + ".");
        fb.focus();
      });
      views[q.id] = draw;
    });

    reset.addEventListener("click", function () {
      answers = {};
      shown = {};
      save();
      redraw();
      C.announce(said, "Answers cleared. You can take the quiz again.");
    });
    root.appendChild(h("div", { "class": "quiz-footer" }, [score, reset]));
    root.appendChild(said);
    el.appendChild(root);

    function redraw() { for (var k in views) views[k](); }
    redraw();
    var first = tally(quiz, answers);
    score.hidden = first.done === 0;
    score.textContent = scoreText();

    /* The view follows every model change: answers set from Python, a reset, another view. */
    function fromModel() {
      var next = clean(quiz, model.get("answers"), tries);
      if (JSON.stringify(next) === JSON.stringify(answers)) return;
      answers = next;
      redraw();
      var t = tally(quiz, answers);
      score.hidden = t.done === 0;
      score.textContent = scoreText();
    }
    if (model.on) model.on("change:answers", fromModel);
    return function () { if (model.off) model.off("change:answers", fromModel); root.remove(); };
  }

  /* The stand-in for a widget model on the site: answers live in the learner record. */
  function pageModel(quiz) {
    var R = globalThis.courseRecord, handlers = [];
    var saved = R && R.get().quizzes[quiz.id];
    var data = { quiz: quiz, answers: saved ? saved.answers : {}, score: 0 };
    if (R) R.onChange(function (r) {
      var q = r.quizzes[quiz.id];
      data.answers = q ? q.answers : {};
      handlers.forEach(function (fn) { fn(); });
    });
    return {
      get: function (k) { return data[k]; },
      set: function (k, v) { data[k] = v; },
      on: function (name, fn) { if (name === "change:answers") handlers.push(fn); },
      save_changes: function () {
        if (!R) return;
        var t = tally(quiz, data.answers);
        R.update(function (r) {
          var before = r.quizzes[quiz.id] || {};
          if (!Object.keys(data.answers).length) { delete r.quizzes[quiz.id]; return; }
          r.quizzes[quiz.id] = { answers: data.answers, score: t.percent, done: t.done === t.total,
            at: t.done === t.total ? before.at || new Date().toISOString() : "" };
        });
      }
    };
  }

  function initPage() {
    Array.prototype.forEach.call(document.querySelectorAll("section[data-quiz]"), function (section) {
      if (section.classList.contains("quiz-ready")) return;
      var quiz;
      try { quiz = JSON.parse(section.querySelector("script.quiz-data").textContent); } catch (e) { return; }
      var live = h("div", { "class": "quiz-live" });
      section.appendChild(live);
      render({ model: pageModel(quiz), el: live });
      section.classList.add("quiz-ready");
    });
  }

  globalThis.courseQuiz = { render: render, initPage: initPage, fieldset: fieldset, isCorrect: isCorrect };
  if (document.currentScript) C.ready(initPage); /* a classic <script> on the site, not the widget's module */
})();
