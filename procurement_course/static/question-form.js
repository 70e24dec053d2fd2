/* The anonymous question form (participants) and the page that collects its saved files
   (facilitator). Nothing is ever sent anywhere.

   The form keeps nothing unless the participant ticks "Keep a draft on this device": on a shared
   computer the next person must not find the answers. It empties once it is saved as a file
   (unless a draft is kept) and when the page is left, and it says plainly when the browser
   cannot keep a draft (storage blocked) or a draft is too long to keep (over the quota).
   The draft is kept apart from the learner record on purpose: that record may go to an LMS, and the
   course shell (course.js) writes nothing to the record on a page that holds this form: no visit,
   no "continue here" place. "Clear my answers" asks first when there is something to lose.

   The saved file is plain text a person can read, and the collecting page reads it back:
       <form title>
       Form: <form id>
       ...
       1. <question>
       > <answer line>          (a ticked choice: "> [x] <choice>")
   The form id may be any text: it is only ever compared, never put into a CSS selector. */
(function () {
  "use strict";
  var FILE_NAME = "workshop-questions.txt";
  var PREFIX = "procurement-course:form:";
  /* Words in the page's language (core.js, README "Languages"); English where core.js is absent.
     The saved file's markers ("Form:", "1.", ">", "[x]") stay as they are in every language: the
     collecting page reads them back, whatever language the form was filled in. */
  var C = window.course && window.course.t ? window.course : { t: function (text, v) {
    return text.replace(/\{(\w+)\}/g, function (all, k) { return v && v[k] !== undefined ? String(v[k]) : all; });
  } };

  function say(el, text) { el.textContent = text; }

  /* Real, lasting storage? The page's storage guard puts an in-memory stand-in in place of a
     blocked localStorage: that keeps nothing past the page, so it does not count. */
  function lastingStorage() {
    try {
      if (window.courseStorageBlocked) return null;
      var s = window.localStorage;
      if (!s || typeof Storage === "undefined" || !(s instanceof Storage)) return null;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) { return null; }
  }

  function questionsOf(form) {
    return Array.prototype.map.call(form.querySelectorAll("[data-question]"), function (box) {
      return {
        number: box.getAttribute("data-question"),
        text: box.getAttribute("data-ask"),
        area: box.querySelector("textarea"),
        boxes: Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]")),
        print: box.querySelector(".qf-print")
      };
    });
  }

  function initForm(form) {
    var formId = form.getAttribute("data-question-form");
    var key = PREFIX + formId;
    var store = lastingStorage();
    var questions = questionsOf(form);
    var keep = form.querySelector("[data-keep-draft]");
    var keepNote = form.querySelector(".qf-keep-note");
    var status = form.querySelector(".qf-status");
    var title = (document.querySelector("main h1") || {}).textContent || C.t("Questions");
    title = title.replace(/\u00b6$/, "").trim();

    function values() {
      return questions.map(function (q) {
        return q.area ? q.area.value : q.boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
    }
    function mirror(q) { if (q.print) q.print.textContent = q.area.value; }
    function empty() {
      questions.forEach(function (q) {
        if (q.area) { q.area.value = ""; mirror(q); }
        q.boxes.forEach(function (b) { b.checked = false; });
      });
    }
    function forgetDraft() { try { if (store) store.removeItem(key); } catch (e) { /* nothing kept */ } }
    var draftTooLong = false;
    function keepDraft() {
      if (!store || !keep.checked) return;
      try {
        store.setItem(key, JSON.stringify({ v: 1, answers: values() }));
        if (draftTooLong) say(status, C.t("Your draft is kept in this browser again."));
        draftTooLong = false;
      } catch (e) {  // over the quota: say so, and keep the text on the page
        draftTooLong = true;
        say(status, C.t("This draft is too long for this browser to keep. Your answers are still here on the page: save them as a file before you leave it."));
      }
    }

    // Say where answers are kept before anyone types. From a file on disk, every local file the browser
    // opens shares one storage area, so any of them could read a draft.
    if (store && location.protocol === "file:" && keepNote) {
      keepNote.textContent += " " + C.t("Opened from a file on disk, as now, other files on this computer opened in the same browser can read it too.");
    }
    if (!store) {
      keep.disabled = true;
      say(keepNote, C.t("This browser cannot keep a draft (its storage is off or blocked): save your answers as a file before you leave the page."));
    } else {
      var saved = null;
      try { saved = JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
      if (saved && saved.v === 1 && Array.isArray(saved.answers)) {
        keep.checked = true;
        questions.forEach(function (q, i) {
          var a = saved.answers[i];
          if (q.area && typeof a === "string") { q.area.value = a; mirror(q); }
          if (!q.area && Array.isArray(a)) q.boxes.forEach(function (b) { b.checked = a.indexOf(b.value) >= 0; });
        });
        say(status, C.t("Your draft from this device is back. Untick \u201cKeep a draft\u201d to remove it from this browser."));
      }
    }

    form.addEventListener("input", function (e) {
      if (e.target === keep) return;
      questions.forEach(function (q) { if (q.area === e.target) mirror(q); });
      keepDraft();
    });
    keep.addEventListener("change", function () {
      if (keep.checked) {
        keepDraft();
        if (!draftTooLong)
          say(status, C.t("A draft is now kept in this browser on this device, until you untick the box or clear the form."));
      } else {
        forgetDraft();
        say(status, C.t("No draft is kept: nothing you type stays in this browser once you save or leave the page."));
      }
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    form.querySelector("[data-action='save']").addEventListener("click", function () {
      var answers = values();
      var lines = [title, "Form: " + formId,
        C.t("Anonymous answers: no name, nothing that identifies a person or a real case. Hand in this file as your facilitator asks."), ""];
      questions.forEach(function (q, i) {
        lines.push(q.number + ". " + q.text);
        if (q.area) {
          answers[i].replace(/\r\n?/g, "\n").split("\n").forEach(function (line) {
            if (answers[i].trim()) lines.push("> " + line);
          });
        } else {
          answers[i].forEach(function (choice) { lines.push("> [x] " + choice); });
        }
        lines.push("");
      });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([lines.join("\n")], { type: "text/plain;charset=utf-8" }));
      link.download = FILE_NAME;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      if (keep.checked && store) {
        say(status, C.t("Saved as {file} in your downloads. Your draft is still kept on this device.", { file: FILE_NAME }));
      } else {
        empty();
        say(status, C.t("Saved as {file} in your downloads. The form is now empty: nothing you typed stays in this browser. Hand in the file as your facilitator asks.", { file: FILE_NAME }));
      }
    });
    form.querySelector("[data-action='print']").addEventListener("click", function () { window.print(); });
    var clear = form.querySelector("[data-action='clear']");
    function clearAll() {
      empty();
      forgetDraft();
      keep.checked = false;
      say(status, C.t("Your answers were cleared, and nothing is kept in this browser."));
    }
    clear.addEventListener("click", function () {
      var written = values().some(function (v) { return typeof v === "string" ? v.trim() : v.length; });
      if (!(written || keep.checked) || !C.confirm) { clearAll(); return; }
      C.confirm(clear, keep.checked ? C.t("Clear every answer on this form and the draft kept in this browser? This cannot be undone.")
        : C.t("Clear every answer on this form? This cannot be undone."), C.t("Yes, clear my answers"), clearAll);
    });
    // Leaving the page empties it, so that Back (or the browser's page cache) shows nothing.
    window.addEventListener("pagehide", function () { if (!(keep.checked && store)) empty(); });
    form.classList.add("qf-ready");
  }

  /* ---- The collecting page: read many saved files, merge, shuffle, drop duplicates. ---- */

  function normal(text) { return text.replace(/\s+/g, " ").trim().toLowerCase(); }

  function shuffle(items) {
    var r = new Uint32Array(Math.max(1, items.length));
    (window.crypto || window.msCrypto).getRandomValues(r);
    for (var i = items.length - 1; i > 0; i--) {
      var j = r[i] % (i + 1);
      var t = items[i]; items[i] = items[j]; items[j] = t;
    }
    return items;
  }

  /* One saved file -> {form, questions: [{number, text, answer, choices}]}, or throws "line N: ..." */
  function parseSaved(text) {
    var lines = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").split("\n");
    var form = null, questions = [], current = null;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], m;
      if (form === null) {
        if ((m = /^Form: (.+)$/.exec(line))) form = m[1];
        else if (i >= 4) throw new Error(C.t("line {line}: this is not a file saved from the question form (no \u201cForm:\u201d line at its top)", { line: i + 1 }));
        continue;
      }
      if ((m = /^(\d+)\. (.+)$/.exec(line))) {
        current = { number: +m[1], text: m[2].trim(), lines: [], choices: [] };
        questions.push(current);
      } else if (line.charAt(0) === ">") {
        if (!current) throw new Error(C.t("line {line}: an answer before any question", { line: i + 1 }));
        var body = line.replace(/^> ?/, "");
        if (/^\[x\] /.test(body)) current.choices.push(body.slice(4).trim());
        else current.lines.push(body);
      } else if (line.trim() && current) {
        throw new Error(C.t("line {line}: expected an answer line starting with \u201c>\u201d, or the next numbered question", { line: i + 1 }));
      }
    }
    if (form === null) throw new Error(C.t("line {line}: this is not a file saved from the question form (no \u201cForm:\u201d line at its top)", { line: 1 }));
    if (!questions.length) throw new Error(C.t("line {line}: the file has no questions", { line: lines.length }));
    questions.forEach(function (q) { q.answer = q.lines.join("\n").trim(); });
    return { form: form, questions: questions };
  }

  function initCollect(root) {
    var input = root.querySelector("input[type=file]");
    var status = root.querySelector(".qc-status");
    var problems = root.querySelector(".qc-problems");
    var result = root.querySelector(".qc-result");
    var level = Math.min(5, Math.max(3, parseInt(root.getAttribute("data-heading-level"), 10) || 3));
    var h = window.course && window.course.h ? window.course.h : function (tag, attrs, kids) {
      var e = document.createElement(tag);
      if (attrs && attrs.text) e.textContent = attrs.text;
      if (attrs && attrs["class"]) e.className = attrs["class"];
      (kids || []).forEach(function (k) { e.appendChild(k); });
      return e;
    };

    function readAll(files) {
      return Promise.all(files.map(function (file) {
        return new Promise(function (resolve) {
          var reader = new FileReader();
          reader.onload = function () { resolve({ name: file.name, text: String(reader.result) }); };
          reader.onerror = function () { resolve({ name: file.name, error: C.t("the file could not be read") }); };
          reader.readAsText(file, "utf-8");
        });
      }));
    }

    function merge(read) {
      var seenFiles = {}, byQuestion = {}, order = [], bad = [], duplicateFiles = 0, duplicateAnswers = 0, forms = 0;
      read.forEach(function (f) {
        if (f.error) { bad.push(f.name + ": " + f.error); return; }
        var parsed;
        try { parsed = parseSaved(f.text); } catch (e) { bad.push(f.name + ": " + e.message); return; }
        var fingerprint = normal(f.text);
        if (seenFiles[fingerprint]) { duplicateFiles++; return; }
        seenFiles[fingerprint] = true;
        forms++;
        parsed.questions.forEach(function (q) {
          var id = normal(q.text);
          if (!byQuestion[id]) { byQuestion[id] = { number: q.number, text: q.text, answers: [], seen: {}, counts: {}, choiceOrder: [], forms: 0 }; order.push(id); }
          var entry = byQuestion[id];
          q.choices.forEach(function (c) {
            if (!(c in entry.counts)) { entry.counts[c] = 0; entry.choiceOrder.push(c); }
            entry.counts[c]++;
          });
          if (q.choices.length) entry.forms++;
          if (q.answer) {
            var n = normal(q.answer);
            if (entry.seen[n]) duplicateAnswers++;
            else { entry.seen[n] = true; entry.answers.push(q.answer); }
          }
        });
      });
      order.sort(function (a, b) { return byQuestion[a].number - byQuestion[b].number; });
      return { questions: order.map(function (id) { return byQuestion[id]; }), bad: bad, forms: forms,
        duplicateFiles: duplicateFiles, duplicateAnswers: duplicateAnswers };
    }

    function show(merged) {
      result.textContent = "";
      problems.textContent = "";
      merged.bad.forEach(function (p) { problems.appendChild(h("li", { text: C.t("Not read: {problem}.", { problem: p }) })); });
      merged.questions.forEach(function (q) {
        result.appendChild(h("h" + level, { "class": "qc-question", text: q.number + ". " + q.text }));
        var list = h("ul", { "class": "qc-answers" });
        if (q.choiceOrder.length) {
          q.choiceOrder.forEach(function (c) {
            list.appendChild(h("li", { text: q.counts[c] === 1 ? C.t("{choice}: {n} form", { choice: c, n: 1 }) : C.t("{choice}: {n} forms", { choice: c, n: q.counts[c] }) }));
          });
        }
        shuffle(q.answers.slice()).forEach(function (a) {
          var item = h("li", { "class": "qc-answer" });
          item.textContent = a;
          list.appendChild(item);
        });
        if (!list.firstChild) list.appendChild(h("li", { "class": "qc-none", text: C.t("No answers.") }));
        result.appendChild(list);
      });
      var n = merged.forms, parts = [n === 1 ? C.t("{n} form read", { n: n }) : C.t("{n} forms read", { n: n })];
      n = merged.duplicateFiles;
      if (n) parts.push(n === 1 ? C.t("{n} duplicate file left out", { n: n }) : C.t("{n} duplicate files left out", { n: n }));
      n = merged.duplicateAnswers;
      if (n) parts.push(n === 1 ? C.t("{n} duplicate answer left out", { n: n }) : C.t("{n} duplicate answers left out", { n: n }));
      n = merged.bad.length;
      if (n) parts.push(n === 1 ? C.t("{n} file not read (listed below)", { n: n }) : C.t("{n} files not read (listed below)", { n: n }));
      say(status, C.t("{summary}. Answers are in a shuffled order.", { summary: parts.join("; ") }));
    }

    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      say(status, files.length === 1 ? C.t("Reading {n} file\u2026", { n: 1 }) : C.t("Reading {n} files\u2026", { n: files.length }));
      readAll(files).then(function (read) { show(merge(read)); });
    });
    root.querySelector("[data-action='print']").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-action='clear']").addEventListener("click", function () {
      result.textContent = "";
      problems.textContent = "";
      input.value = "";
      say(status, C.t("The list was cleared."));
    });
    root.classList.add("qf-ready");
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-question-form]"), initForm);
  Array.prototype.forEach.call(document.querySelectorAll("[data-question-collect]"), initCollect);
})();
