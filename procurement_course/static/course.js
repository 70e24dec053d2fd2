/* The course shell on every page: records the visit, marks each navigation link with its status
   (visibly and in its accessible name), shows the compact progress indicator, fills the start page's
   module cards and "Continue where you left off", and folds the navigation behind "Course menu" on
   small screens. Reads the learner record; writes only the visit. */
(function () {
  "use strict";
  var C = globalThis.course, R = globalThis.courseRecord, h = C.h, map = R.map, body = document.body;
  var page = body.getAttribute("data-page"), root = body.getAttribute("data-root") || "";
  var MARKS = { "done": "\u2713", "in-progress": "\u25D0", "not-started": "\u25CB" };
  /* Every string this runtime shows goes through C.t (static/core.js), in the page's language. */
  var STATUS = { "done": C.t("done"), "in-progress": C.t("in progress"), "not-started": C.t("not started") };

  function all(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }
  function status(p, r) {
    var m = map.modules.filter(function (x) { return x.page === p; })[0];
    return m ? R.moduleStatus(m, r) : { status: R.pageStatus(p, r), score: null };
  }
  /* A page's title, as the navigation shows it (its own text, without the status marks). */
  function title(a) {
    return Array.prototype.filter.call(a ? a.childNodes : [], function (n) { return n.nodeType === 3; })
      .map(function (n) { return n.textContent; }).join("").trim();
  }

  function draw(r) {
    all(".site-nav a[data-page]", function (a) {
      var st = status(a.getAttribute("data-page"), r), done = st.status === "done" && st.score !== null;
      if (!a.firstChild || a.firstChild.className !== "nav-mark") {
        a.insertBefore(h("span", { "class": "nav-mark", "aria-hidden": "true" }), a.firstChild);
        a.appendChild(h("span", { "class": "visually-hidden" }));
        a.appendChild(h("span", { "class": "nav-score", "aria-hidden": "true" }));
      }
      a.setAttribute("data-status", st.status);
      a.firstChild.textContent = MARKS[st.status];
      a.lastChild.previousSibling.textContent = " (" + (done ? C.t("{status}, {score} %", { status: STATUS[st.status], score: st.score }) : STATUS[st.status]) + ")";
      a.lastChild.textContent = done ? st.score + " %" : "";
    });
    var s = R.summary(r), counts = { done: s.done, total: s.total };
    var text = s.status === "passed" ? C.t("{done} of {total} modules done, course passed", counts) : C.t("{done} of {total} modules done", counts);
    all("[data-course-mini]", function (el) { el.textContent = text; });
    all(".progress-bar > span", function (bar) { bar.style.width = Math.round(100 * s.progress) + "%"; });
    all("[data-course-progress]", function (el) { el.textContent = s.status === "failed" ? C.t("{summary}; final assessment not passed yet.", { summary: text }) : C.t("{summary}.", { summary: text }); });
    all(".module-card[data-module]", function (card) {
      var m = map.modules.filter(function (x) { return x.id === card.getAttribute("data-module"); })[0];
      var st = m && R.moduleStatus(m, r);
      if (!st) return;
      card.setAttribute("data-status", st.status);
      card.querySelector("[data-module-status]").textContent = st.status === "done" ? C.t("Done: quiz {score} %", { score: st.score }) :
        st.status === "not-started" ? C.t("Not started") : st.score === null ? C.t("In progress") :
        C.t("In progress: quiz {score} %, pass mark {pass} %", { score: st.score, pass: map.passMark });
    });
    all("[data-resume-slot]", function (slot) {
      var last = r.last.split("#"), link = slot.querySelector("a");
      if (!last[0] || last[0] === map.start) return link && link.remove();
      if (!link) link = slot.appendChild(h("a", { "class": "resume-link", "data-resume": "" }));
      link.href = root + last[0] + ".html" + (last[1] ? "#" + last[1] : "");
      link.textContent = C.t("Continue where you left off: {page}", {
        page: title(document.querySelector(".site-nav a[data-page='" + last[0] + "']")) || C.t("your last page") });
    });
  }

  function menu() {
    var button = document.querySelector(".menu-toggle"), nav = document.getElementById("site-nav");
    if (!button || !nav) return;
    function set(open) {
      document.documentElement.classList.toggle("nav-open", open);
      button.setAttribute("aria-expanded", open);
    }
    button.hidden = false;
    button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
    nav.addEventListener("keydown", function (e) { if (e.key === "Escape") { set(false); button.focus(); } });
  }

  function visit() {
    if (page) R.update(function (r) { r.pages[page] = 1; if (page !== map.start) r.last = page + location.hash; });
  }

  R.onChange(draw);
  C.ready(function () {
    menu();
    visit();
    draw(R.get());
    window.addEventListener("hashchange", visit);
  });
})();
