/* The anonymous question form for participants: answers stay in this browser (localStorage),
   and can be printed or saved as a text file to hand in. Nothing is sent anywhere. */
(function () {
  "use strict";
  function init(form) {
    var key = "procurement-course:form:" + form.getAttribute("data-question-form");
    var fields = Array.prototype.slice.call(form.querySelectorAll("textarea"));
    var status = form.querySelector(".qf-status");
    var store = null;
    try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
    function mirror(t) { form.querySelector("[data-print-for='" + t.id + "']").textContent = t.value || "\u00a0"; }
    var saved = {};
    try { saved = JSON.parse((store && store.getItem(key)) || "{}") || {}; } catch (e) { saved = {}; }
    fields.forEach(function (t) {
      if (typeof saved[t.name] === "string") t.value = saved[t.name];
      mirror(t);
      t.addEventListener("input", function () {
        mirror(t);
        var data = {};
        fields.forEach(function (f) { data[f.name] = f.value; });
        try { if (store) store.setItem(key, JSON.stringify(data)); } catch (e) { /* keep going */ }
      });
    });
    form.querySelector("[data-action='print']").addEventListener("click", function () { window.print(); });
    form.querySelector("[data-action='save']").addEventListener("click", function () {
      var text = fields.map(function (t) {
        return form.querySelector("label[for='" + t.id + "']").textContent + "\n" + (t.value || "-") + "\n";
      }).join("\n");
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      a.download = "workshop-questions.txt";
      document.body.appendChild(a);
      a.click();
      a.remove();
      status.textContent = "Saved as workshop-questions.txt in your downloads. Hand in the file as the facilitator asks.";
    });
    form.querySelector("[data-action='clear']").addEventListener("click", function () {
      fields.forEach(function (t) { t.value = ""; mirror(t); });
      try { if (store) store.removeItem(key); } catch (e) { /* nothing kept anyway */ }
      status.textContent = "Your answers were cleared from this browser.";
    });
    form.classList.add("qf-ready");
  }
  Array.prototype.forEach.call(document.querySelectorAll("form[data-question-form]"), init);
})();
