/* The site-visit checklist: per sector, what to check and ask, notes per item and the counts that
   matter. The record is saved as a file (JSON to reopen, CSV for a spreadsheet) and kept in the
   browser only as a draft the user asks for. */
(function () {
  "use strict";
  var T = window.courseTools, C = course;
  var KIND = "procurement-course-visit", DRAFT = "procurement-course:visit-draft:v1";
  var FIELDS = ["sector", "site", "date", "team"], COUNTS = ["present", "listed", "interviews"];

  /* A spreadsheet runs a cell that starts with = + - @ as a formula: an apostrophe makes it text. */
  function cell(v) {
    var s = String(v === undefined || v === null ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  T.each("[data-visit-checklist]", function (section) {
    var form = section.querySelector("form"), status = section.querySelector(".tk-status");
    var items = section.querySelectorAll("[data-item]"), note = section.querySelector("[data-count-note]");
    var say = function (t) { course.announce(status, t); };
    T.presetSector(form);

    function showSector() {
      var sector = form.elements.sector.value;
      Array.prototype.forEach.call(items, function (fs) {
        var s = fs.getAttribute("data-sector");
        fs.hidden = fs.disabled = s !== "all" && s !== sector;
      });
    }

    function counts() {
      var p = form.elements.present.value, l = form.elements.listed.value, diff = T.num(p) - T.num(l);
      var n = Math.abs(diff);
      note.textContent = p === "" || l === "" || !diff ? "" : diff > 0 ?
        (n === 1 ? C.t("{n} more person present than on the list: compare the names.", { n: n }) :
          C.t("{n} more people present than on the list: compare the names.", { n: n })) :
        (n === 1 ? C.t("{n} fewer person present than on the list: compare the names.", { n: n }) :
          C.t("{n} fewer people present than on the list: compare the names.", { n: n }));
    }

    function record() {
      var r = { kind: KIND, version: 1, saved: new Date().toISOString(), visit: {}, counts: {}, items: [] };
      FIELDS.forEach(function (f) { r.visit[f] = form.elements[f].value; });
      COUNTS.forEach(function (f) { r.counts[f] = form.elements[f].value; });
      Array.prototype.forEach.call(items, function (fs) {
        if (fs.disabled) return;
        r.items.push({ id: fs.getAttribute("data-item"), text: fs.querySelector("legend").textContent,
          status: fs.querySelector("select").value, note: fs.querySelector("textarea").value });
      });
      return r;
    }

    function restore(r) {
      if (!r || r.kind !== KIND || r.version !== 1 || typeof r.visit !== "object" || !(r.items instanceof Array)) return false;
      form.reset();
      FIELDS.forEach(function (f) { if (typeof r.visit[f] === "string") form.elements[f].value = r.visit[f]; });
      COUNTS.forEach(function (f) { if (r.counts && r.counts[f] !== undefined) form.elements[f].value = String(r.counts[f]); });
      showSector();
      r.items.forEach(function (it) {
        Array.prototype.forEach.call(items, function (fs) {
          if (fs.getAttribute("data-item") !== it.id) return;
          var select = fs.querySelector("select");
          if (select.querySelector('option[value="' + String(it.status).replace(/[^a-z]/g, "") + '"]')) select.value = it.status;
          fs.querySelector("textarea").value = typeof it.note === "string" ? it.note : "";
        });
      });
      counts();
      return true;
    }

    function name(ext) {
      var v = record().visit;
      return "site-visit-" + (v.date || T.today()) + "-" + v.sector + "." + ext;
    }

    section.querySelector("[data-save-json]").addEventListener("click", function () {
      T.save(name("json"), JSON.stringify(record(), null, 2) + "\n", "application/json");
      say(C.t("Saved as {file}.", { file: name("json") }));
    });
    section.querySelector("[data-save-csv]").addEventListener("click", function () {
      var r = record(), rows = [["part", "id", "text", "status", "note"]];
      FIELDS.forEach(function (f) { rows.push(["visit", f, r.visit[f], "", ""]); });
      COUNTS.forEach(function (f) { rows.push(["count", f, r.counts[f], "", ""]); });
      r.items.forEach(function (it) { rows.push(["item", it.id, it.text, it.status, it.note]); });
      T.save(name("csv"), rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n", "text/csv");
      say(C.t("Saved as {file}.", { file: name("csv") }));
    });
    section.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    section.querySelector("[data-open]").addEventListener("change", function (e) {
      var file = e.target.files[0], reader = new FileReader();
      if (!file) return;
      reader.onload = function () {
        var r = null;
        try { r = JSON.parse(reader.result); } catch (err) { r = null; }
        say(restore(r) ? (r.visit.date ? C.t("The visit of {date} is open: continue.", { date: r.visit.date }) :
          C.t("The visit of an unknown date is open: continue.")) :
          C.t("This file is not a visit record saved by this checklist. Nothing was changed."));
      };
      reader.readAsText(file);
    });
    section.querySelector("[data-draft-keep]").addEventListener("click", function () {
      try { localStorage.setItem(DRAFT, JSON.stringify(record())); say(C.t("A draft is kept on this device until you delete it.")); }
      catch (err) { say(C.t("This browser does not keep drafts: save the record as a file.")); }
    });
    section.querySelector("[data-draft-delete]").addEventListener("click", function () {
      try { localStorage.removeItem(DRAFT); } catch (err) { /* nothing was kept */ }
      say(C.t("No draft is kept on this device."));
    });
    form.elements.sector.addEventListener("change", showSector);
    form.addEventListener("input", counts);
    showSector();
    try {
      var draft = localStorage.getItem(DRAFT);
      if (draft && restore(JSON.parse(draft))) say(C.t("Your draft kept on this device is open. Delete the draft when you are done."));
    } catch (err) { /* no storage, or a broken draft: start empty */ }
  });
})();
