/* The course shell on every page: records the visit, marks each navigation link with its status
   (visibly and in its accessible name), shows the compact progress indicator, fills the start page's
   module cards and "Continue where you left off", and folds the navigation behind "Course menu" on
   small screens. Reads the learner record; writes only the visit. */
(function () {
  "use strict";
  var C = globalThis.course, R = globalThis.courseRecord;
  if (!C || !R) return;
  var h = C.h, map = R.map, body = document.body;
  var page = body.getAttribute("data-page") || "", root = body.getAttribute("data-root") || "";
  var WORDS = { "done": "done", "in-progress": "in progress", "not-started": "not started" };
  var MARKS = { "done": "\u2713", "in-progress": "\u25D0", "not-started": "\u25CB" };

  function url(target) { var p = target.split("#"); return root + p[0] + ".html" + (p[1] ? "#" + p[1] : ""); }

  function moduleFor(p) {
    for (var i = 0; i < map.modules.length; i++) if (map.modules[i].page === p) return map.modules[i];
    return null;
  }

  function statusWords(st) {
    return WORDS[st.status] + (st.status === "done" && st.score !== null ? ", " + st.score + " %" : "");
  }

  function navigation(r) {
    Array.prototype.forEach.call(document.querySelectorAll(".site-nav a[data-page]"), function (a) {
      var p = a.getAttribute("data-page"), m = moduleFor(p);
      var st = m ? R.moduleStatus(m, r) : { status: R.pageStatus(p, r), score: null };
      a.setAttribute("data-status", st.status);
      var mark = a.querySelector(".nav-mark"), said = a.querySelector(".nav-said");
      if (!mark) {
        mark = h("span", { "class": "nav-mark", "aria-hidden": "true" });
        said = h("span", { "class": "visually-hidden nav-said" });
        a.insertBefore(mark, a.firstChild);
        a.appendChild(said);
      }
      mark.textContent = MARKS[st.status];
      said.textContent = " (" + statusWords(st) + ")";
      var score = a.querySelector(".nav-score");
      if (m && st.status === "done") {
        if (!score) a.appendChild(score = h("span", { "class": "nav-score", "aria-hidden": "true" }));
        score.textContent = st.score + " %";
      } else if (score) score.remove();
    });
  }

  function progress(r) {
    var s = R.summary(r), text = s.done + " of " + s.total + " modules done";
    if (s.status === "passed") text += ", course passed";
    Array.prototype.forEach.call(document.querySelectorAll("[data-course-mini]"), function (el) { el.textContent = text; });
    Array.prototype.forEach.call(document.querySelectorAll(".progress-bar > span"), function (bar) {
      bar.style.width = Math.round(100 * s.progress) + "%";
    });
    var big = document.querySelector("[data-course-progress]");
    if (big) big.textContent = text + (s.status === "failed" ? "; final assessment not passed yet" : "") + ".";
  }

  function cards(r) {
    Array.prototype.forEach.call(document.querySelectorAll(".module-card[data-module]"), function (card) {
      var m = null;
      map.modules.forEach(function (x) { if (x.id === card.getAttribute("data-module")) m = x; });
      if (!m) return;
      var st = R.moduleStatus(m, r), line = card.querySelector("[data-module-status]");
      card.setAttribute("data-status", st.status);
      line.textContent = st.status === "done" ? "Done: quiz " + st.score + " %" :
        st.status === "in-progress" ? "In progress" + (st.score !== null ? ": quiz " + st.score + " %, pass mark " + map.passMark + " %" : "") :
          "Not started";
    });
    var slot = document.querySelector("[data-resume-slot]");
    if (slot) {
      var last = r.last && r.last.split("#")[0] !== map.start ? r.last : "";
      var link = slot.querySelector("a[data-resume]");
      if (!last) { if (link) link.remove(); return; }
      if (!link) slot.appendChild(link = h("a", { "class": "resume-link", "data-resume": "" }));
      link.href = url(last);
      link.textContent = "Continue where you left off: " + (title(last.split("#")[0]) || "your last page");
    }
  }

  /* A page's title, as the navigation shows it (its own text, without the status marks). */
  function title(p) {
    var a = document.querySelector(".site-nav a[data-page='" + p + "']");
    return a ? Array.prototype.filter.call(a.childNodes, function (n) { return n.nodeType === 3; })
      .map(function (n) { return n.textContent; }).join("").trim() : "";
  }

  function draw(r) { navigation(r); progress(r); cards(r); }

  function menu() {
    var button = document.querySelector(".menu-toggle"), nav = document.getElementById("site-nav");
    if (!button || !nav) return;
    button.hidden = false;
    function set(open) {
      document.documentElement.classList.toggle("nav-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
    nav.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") { set(false); button.focus(); }
    });
  }

  function visit() {
    if (!page) return;
    R.update(function (r) {
      r.pages[page] = 1;
      if (page !== map.start) r.last = page + location.hash;
    });
  }

  R.onChange(draw);
  C.ready(function () {
    menu();
    visit();
    draw(R.get());
    window.addEventListener("hashchange", visit);
  });
})();
