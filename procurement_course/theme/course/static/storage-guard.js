/* When the browser blocks storage (cookies off, some private modes), merely reading
   window.localStorage throws, and Sphinx's own search scripts would stop with an error.
   Give the page an in-memory stand-in instead: everything works, nothing is kept, and
   courseStorageBlocked tells the course's own scripts not to claim otherwise. */
(function () {
  try { window.localStorage.getItem("probe"); return; } catch (e) { /* blocked: fall through */ }
  var data = {};
  var memory = {
    getItem: function (k) { return Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null; },
    setItem: function (k, v) { data[k] = String(v); },
    removeItem: function (k) { delete data[k]; },
    clear: function () { data = {}; },
    key: function (i) { return Object.keys(data)[i] || null; },
    get length() { return Object.keys(data).length; }
  };
  window.courseStorageBlocked = true;
  try { Object.defineProperty(window, "localStorage", { value: memory, configurable: true }); } catch (e) { /* leave it */ }
})();
