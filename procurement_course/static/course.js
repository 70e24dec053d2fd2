/* The course shell on every page: records the visit, the section the learner is reading and whether
   they reached the end of the page; marks each navigation link with its status (visibly and in its
   accessible name), shows the compact progress indicator (inside the current module on a module's
   page), fills the start page's module cards and "Continue where you left off", and folds the
   navigation behind "Course menu" on small screens. Reads the learner record; writes only the
   reading place. The anonymous question form's page writes nothing at all (issue 23): a
   participant's visit there must leave no trace in the record, and so none in an LMS. */
(function () {
  "use strict";
  var C = globalThis.course, R = globalThis.courseRecord, h = C.h, map = R.map, body = document.body;
  var page = body.getAttribute("data-page"), root = body.getAttribute("data-root") || "";
  var MARKS = { "done": "\u2713", "in-progress": "\u25D0", "not-started": "\u25CB" };
  /* Every string this runtime shows goes through C.t (static/core.js), in the page's language. */
  var STATUS = { "done": C.t("done"), "in-progress": C.t("in progress"), "not-started": C.t("not started") };

  function all(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }
  function status(p, r) {
    var m = map.modules.filter(function (x) { return x.page === p; })[0], q = m && r.quizzes[m.quiz];
    return { status: R.pageStatus(p, r), score: q && q.done ? q.score : null };
  }
  var module = map.modules.filter(function (x) { return x.pages.indexOf(page) >= 0; })[0];
  var anonymous = !!document.querySelector("form[data-question-form]");
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
    /* The header moves as the learner works through a module: its lessons done, e.g. "Cleaning: 2 of 5 lessons done". */
    var mini = text, share = s.progress;
    if (module) {
      var n = module.pages.length, read = module.pages.filter(function (p) { return R.pageStatus(p, r) === "done"; }).length;
      var lessons = { module: module.title, done: read, total: n };
      mini = n === 1 ? C.t("{module}: {done} of {total} lesson done", lessons) : C.t("{module}: {done} of {total} lessons done", lessons);
      share = read / n;
    }
    all("[data-course-mini]", function (el) { el.textContent = mini; });
    all(".progress-mini .progress-bar > span", function (bar) { bar.style.width = Math.round(100 * share) + "%"; });
    all(".course-overview .progress-bar > span", function (bar) { bar.style.width = Math.round(100 * s.progress) + "%"; });
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
    /* The start page offers one primary action: "Start the course", until there is a place to resume. */
    all("a[data-start]", function (a) { a.hidden = !!document.querySelector("a[data-resume]"); });
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

  /* ---- Where the learner is: the section being read, and whether the page's end was reached ---- */
  var sections = [], end = null, place = "", reached = false, timer = null;

  /* The section being read: the last one whose heading has reached the upper third of the window.
     The page's own first section (its title) counts as the page's top. */
  function current() {
    var line = window.innerHeight / 3, found = "";
    for (var i = 0; i < sections.length; i++) {
      var head = sections[i].querySelector("h1, h2, h3, h4, h5, h6") || sections[i];
      if (head.getBoundingClientRect().top > line) break;
      found = i ? sections[i].id : "";
    }
    return found;
  }
  function atEnd() { return !!end && end.getBoundingClientRect().top <= window.innerHeight; }

  /* Written at most every two seconds while reading, and at once when the page is left. */
  function save() {
    clearTimeout(timer);
    timer = null;
    var here = current(), done = reached || atEnd();
    if (here === place && done === reached) return;
    place = here;
    reached = done;
    R.update(function (r) {
      if (page !== map.start) r.last = page + (here ? "#" + here : "");
      if (done) { r.pages[page] = 1; delete r.opened[page]; }
    });
  }
  function later() { if (!timer) timer = setTimeout(save, 2000); }

  function visit() {
    sections = Array.prototype.slice.call(document.querySelectorAll("article.body section[id]"));
    end = document.querySelector("article.body").appendChild(h("div", { "class": "page-end", "aria-hidden": "true" }));
    place = location.hash.slice(1);
    R.update(function (r) {
      if (!r.pages[page]) r.opened[page] = 1;
      if (page !== map.start) r.last = page + location.hash;
    });
    reached = !!R.get().pages[page];
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    window.addEventListener("pagehide", save);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") save(); });
    window.addEventListener("hashchange", function () { place = ""; save(); });
    later();
  }

  /* "Continue where you left off" links to page#section; the browser brings the section into view
     (over http and from file://). Scripts that draw quizzes above it change the layout afterwards,
     so once the page has loaded, the section is brought into view again. */
  function land() {
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    if (target && target.scrollIntoView) target.scrollIntoView();
  }

  R.onChange(draw);
  C.ready(function () {
    menu();
    /* Only the course's own pages (those in the navigation) are places to come back to: not search
       results, not the index. */
    var listed = Array.prototype.some.call(document.querySelectorAll(".site-nav a[data-page]"), function (a) {
      return a.getAttribute("data-page") === page;
    });
    if (page && listed && !anonymous && document.querySelector("article.body")) visit();
    draw(R.get());
    if (document.readyState === "complete") land();
    else window.addEventListener("load", land);
  });
})();
