/* Course quiz runtime. Turns each <section data-quiz> into an interactive quiz with no kernel
   and no network. render({model, el}) is the anywidget contract: in a live notebook the model is
   the widget's; on the static site it is a small stand-in that keeps answers in localStorage.
   Quiz text arrives as runs of [style, text] and is only ever set as textContent. */
(function () {
  "use strict";
  var PREFIX = "procurement-course:quiz:";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var uid = 0;

  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function rich(runs, tag, attrs) {
    var e = h(tag || "span", attrs);
    (runs || []).forEach(function (r) {
      e.appendChild(r[0] ? h(r[0] === "b" ? "strong" : "em", { text: r[1] }) : document.createTextNode(r[1]));
    });
    return e;
  }

  function plain(runs) { return (runs || []).map(function (r) { return r[1]; }).join(""); }

  function isCorrect(q, selected) {
    var want = q.options.map(function (o, i) { return o.correct ? i : -1; }).filter(function (i) { return i >= 0; });
    return want.length === selected.length && want.every(function (i) { return selected.indexOf(i) >= 0; });
  }

  /* Answers from storage or Python may be missing, stale or corrupt: keep only what fits. */
  function clean(quiz, raw) {
    var out = {};
    if (!raw || typeof raw !== "object") return out;
    quiz.questions.forEach(function (q) {
      var a = raw[q.id];
      if (!a || typeof a !== "object" || !Array.isArray(a.selected)) return;
      var sel = a.selected.filter(function (i, n, all) {
        return typeof i === "number" && i >= 0 && i < q.options.length && i % 1 === 0 && all.indexOf(i) === n;
      });
      var single = q.type === "single" || q.type === "true_false";
      if (single && sel.length > 1) sel = sel.slice(0, 1);
      out[q.id] = { selected: sel, checked: a.checked === true && sel.length > 0, correct: isCorrect(q, sel) };
    });
    return out;
  }

  function render(ctx) {
    var model = ctx.model, el = ctx.el, quiz = model.get("quiz");
    var answers = clean(quiz, model.get("answers"));
    var views = {};
    var root = h("div", { "class": "quiz-body" });
    var inPage = el.closest && el.closest("section[data-quiz]");
    if (!inPage) root.appendChild(rich(quiz.title, "p", { "class": "quiz-title" }));
    if (!inPage && quiz.intro.length) root.appendChild(rich(quiz.intro, "p", { "class": "quiz-intro" }));

    var score = h("p", { "class": "quiz-score", "aria-live": "polite" });
    var reset = h("button", { type: "button", "class": "quiz-reset", text: "Reset quiz answers" });

    function save() {
      var n = 0;
      quiz.questions.forEach(function (q) { var a = answers[q.id]; if (a && a.checked && a.correct) n++; });
      model.set("answers", JSON.parse(JSON.stringify(answers)));
      model.set("score", n);
      model.save_changes();
      var done = quiz.questions.filter(function (q) { return answers[q.id] && answers[q.id].checked; }).length;
      score.textContent = "Score: " + n + " of " + quiz.questions.length + " correct" +
        (done ? " (" + done + " checked)." : ".");
    }

    quiz.questions.forEach(function (q, qi) {
      var id = "quiz" + (++uid), single = q.type === "single" || q.type === "true_false";
      var fs = h("fieldset", { "class": "quiz-q", "data-question": q.id });
      var legend = rich(q.prompt, "legend");
      legend.insertBefore(h("span", { "class": "quiz-num", text: "Question " + (qi + 1) + " of " + quiz.questions.length + ". " }), legend.firstChild);
      fs.appendChild(legend);
      if (q.situation.length) fs.appendChild(rich(q.situation, "p", { "class": "quiz-situation", id: id + "-s" }));
      fs.appendChild(h("p", { "class": "quiz-hint", id: id + "-h", text: q.instruction }));
      var inputs = q.options.map(function (o, i) {
        var input = h("input", { type: single ? "radio" : "checkbox", name: id, id: id + "-" + i, value: i,
          "aria-describedby": id + "-h" });
        var mark = h("span", { "class": "quiz-mark" });
        fs.appendChild(h("div", { "class": "quiz-opt" }, [input,
          h("label", { "for": id + "-" + i }, [h("span", { "class": "quiz-letter", text: LETTERS[i] + ". " }), rich(o.text)]), mark]));
        input.addEventListener("change", function () {
          answers[q.id] = { selected: inputs.map(function (x, j) { return x.checked ? j : -1; }).filter(function (j) { return j >= 0; }), checked: false };
          answers[q.id].correct = isCorrect(q, answers[q.id].selected);
          save();
        });
        return input;
      });
      var check = h("button", { type: "button", "class": "quiz-check", text: "Check answer" });
      var retry = h("button", { type: "button", "class": "quiz-retry", text: "Try again", hidden: true });
      var fb = h("div", { "class": "quiz-feedback", "aria-live": "polite" });
      fs.appendChild(h("div", { "class": "quiz-actions" }, [check, retry]));
      fs.appendChild(fb);
      root.appendChild(fs);

      function show(announce) {
        var a = answers[q.id] || { selected: [], checked: false };
        inputs.forEach(function (x, i) {
          x.checked = a.selected.indexOf(i) >= 0;
          x.disabled = a.checked;
          var m = x.parentNode.querySelector(".quiz-mark");
          var chosen = a.checked && x.checked;
          x.parentNode.className = "quiz-opt" + (chosen ? (q.options[i].correct ? " is-right" : " is-wrong") : "");
          m.textContent = chosen ? (q.options[i].correct ? "\u2713 right choice" : "\u2717 not right") : "";
        });
        check.hidden = a.checked;
        retry.hidden = !a.checked;
        fs.classList.toggle("is-checked", a.checked);
        fb.textContent = "";
        if (!a.checked) {
          if (announce === "empty") fb.appendChild(h("p", { "class": "quiz-result", text: "Choose an answer first, then check it." }));
          return;
        }
        var right = a.correct, wrong = a.selected.filter(function (i) { return !q.options[i].correct; }).length;
        var total = q.options.filter(function (o) { return o.correct; }).length;
        var found = a.selected.length - wrong;
        var msg = right ? "Correct." : single ? "Not quite." :
          "Not quite: you found " + found + " of " + total + (wrong ? " and chose " + wrong + " that " + (wrong > 1 ? "are" : "is") + " not right." : ".");
        fb.appendChild(h("p", { "class": "quiz-result " + (right ? "is-right" : "is-wrong") }, [
          h("span", { "aria-hidden": "true", text: right ? "\u2713 " : "\u2717 " }), msg]));
        var list = h("ul", { "class": "quiz-option-feedback" });
        a.selected.forEach(function (i) {
          var o = q.options[i];
          list.appendChild(h("li", null, [h("strong", { text: LETTERS[i] + " (" + (o.correct ? "right choice" : "not right") + "): " }), rich(o.feedback)]));
        });
        fb.appendChild(list);
        fb.appendChild(h("p", { "class": "quiz-explanation" }, [h("strong", { text: "Explanation: " }), rich(q.explanation)]));
      }

      check.addEventListener("click", function () {
        var a = answers[q.id];
        if (!a || !a.selected.length) { show("empty"); return; }
        a.checked = true;
        save();
        show();
        retry.focus();
      });
      retry.addEventListener("click", function () {
        if (answers[q.id]) answers[q.id].checked = false;
        save();
        show();
        inputs[0].focus();
      });
      views[q.id] = show;
    });

    reset.addEventListener("click", function () {
      answers = {};
      save();
      for (var k in views) views[k]();
      score.textContent = "Answers cleared. " + score.textContent;
    });
    root.appendChild(h("div", { "class": "quiz-footer" }, [score, reset]));
    el.appendChild(root);
    for (var k in views) views[k]();
    save();

    function fromModel() { answers = clean(quiz, model.get("answers")); for (var k in views) views[k](); }
    if (model.on) model.on("change:answers", fromModel);
    return function () { if (model.off) model.off("change:answers", fromModel); root.remove(); };
  }

  function storage() {
    try {
      var s = window.localStorage, probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) { return null; } /* blocked, private mode or full: quizzes work, nothing is kept */
  }

  /* The stand-in for a widget model on the static site. */
  function pageModel(quiz) {
    var store = storage(), key = PREFIX + quiz.id, saved = null;
    try { saved = store && JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    var data = { quiz: quiz, answers: saved && saved.answers, score: 0 };
    return {
      get: function (k) { return data[k]; },
      set: function (k, v) { data[k] = v; },
      save_changes: function () {
        if (!store) return;
        try {
          if (Object.keys(data.answers || {}).length) store.setItem(key, JSON.stringify({ v: 1, answers: data.answers }));
          else store.removeItem(key);
        } catch (e) { /* storage full or revoked: keep going without it */ }
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

  globalThis.courseQuiz = { render: render, initPage: initPage, plain: plain };
  if (document.currentScript) { /* a classic <script> on the site, not the widget's module */
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
    else initPage();
  }
})();
