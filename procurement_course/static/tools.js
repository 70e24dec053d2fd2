/* Shared helpers of the buyer's toolkit (risk screen, price check, clause builder, site-visit
   checklist). Nothing typed is sent anywhere; files are saved by the browser's own download. */
(function () {
  "use strict";
  var h = course.h, C = course;

  function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }

  function data(section) { return JSON.parse(section.querySelector("script.tool-data").textContent); }

  /* ?sector=cleaning presets the tool, so a sector module can link to its tools filled in. */
  function presetSector(form) {
    var m = /[?&]sector=([a-z]+)/.exec(location.search), select = form.querySelector("[data-sector-field]");
    if (m && select && select.querySelector('option[value="' + m[1] + '"]')) select.value = m[1];
  }

  /* The form's answers by name: a radio its checked value, a checkbox "yes" or "no". */
  function values(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (e) {
      if (!e.name || e.disabled) return;
      if (e.type === "radio") { if (e.checked) out[e.name] = e.value; }
      else if (e.type === "checkbox") out[e.name] = e.checked ? "yes" : (out[e.name] || "no");
      else if (e.type !== "file") out[e.name] = e.value.trim();
    });
    return out;
  }

  function num(v) { var x = parseFloat(v); return isFinite(x) ? x : 0; }

  /* An amount with two decimals, as the page's language writes it (1,234.50; 1 234,50). */
  function money(x) { return C.number(x, 2); }

  /* An amount in the contract's currency: "EUR 1,234.50" (en), "1 234,50 euroa" (fi), "1 234,50 euro" (sv). */
  function amount(x, country) { return country === "SE" ? C.t("SEK {amount}", { amount: money(x) }) : C.euros(x, 2); }

  /* A translated sentence whose {name} placeholders are elements (e.g. a <strong> verdict): the
     text around them stays text nodes, so nothing is ever parsed as HTML. */
  function parts(text, nodes) {
    return text.split(/(\{\w+\})/).map(function (bit) {
      var m = /^\{(\w+)\}$/.exec(bit);
      return m && nodes[m[1]] ? nodes[m[1]] : bit;
    }).filter(function (bit) { return bit !== ""; });
  }

  function save(name, text, type) {
    var a = h("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); document.body.removeChild(a); }, 1000);
  }

  function learn(l) { return h("a", { href: l.href, text: C.t("Learn: {title}", { title: l.title }) }); }

  function source(text) { return h("span", { "class": "tk-src", text: " " + C.t("Source: {source}.", { source: text }) }); }

  function today() { return new Date().toISOString().slice(0, 10); }

  /* The offline app: only over http(s), never from file:// (where browsers refuse it). */
  if (/^https?:$/.test(location.protocol) && navigator.serviceWorker && document.querySelector('link[rel="manifest"]')) {
    navigator.serviceWorker.register("tools-sw.js").catch(function () {});
  }

  window.courseTools = { each: each, data: data, presetSector: presetSector, values: values, num: num,
    money: money, amount: amount, parts: parts, save: save, learn: learn, source: source, today: today };
})();
