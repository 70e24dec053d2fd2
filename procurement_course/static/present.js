/* Present mode for the case player: the current step large in a full-window dialog for a
   projector. Label, prompt and choices fitted to one screen, exhibits on demand, letters to
   choose, Enter or the right arrow to continue, Escape to leave.

   Not loaded with the page: scenario.js inserts this script (and present.css) beside its own URL
   the first time "Present" is pressed, then calls coursePresent(player) with the player's
   building blocks. Present mode draws the player through its own view (see `view` below); the
   place, the choices and the record stay the player's. */
(function () {
  "use strict";
  var c = globalThis.course, h = c.h;

  globalThis.coursePresent = function (player) {
    var sc = player.sc, section = player.section, exhibitDialog = null;
    if (section.querySelector(".scenario-present")) return;  // presenting already
    var body = h("div", { "class": "scenario-present-body" });
    var dialog = h("dialog", { "class": "scenario-present", "aria-label": "Presenting the case: " + c.plain(sc.title) }, [
      h("div", { "class": "scenario-present-bar" }, [
        h("p", { "class": "scenario-present-keys", text: "Keys: A, B, C choose · Enter or \u2192 continues · Esc leaves" }),
        player.button(["Leave present mode"], function () { dialog.close(); })]),
      body]);

    /* The largest font, from 34 px down, at which the step fits the window without scrolling. */
    function fit() {
      var size = 34;
      body.style.fontSize = size + "px";
      while (size > 13 && (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)) {
        size -= 1;
        body.style.fontSize = size + "px";
      }
    }

    function showExhibit(table) {
      var close = player.button(["Close the exhibit"], function () { exhibitDialog.close(); });
      exhibitDialog = h("dialog", { "class": "scenario-exhibit-dialog", "aria-label": "Exhibit" }, [close, table]);
      exhibitDialog.addEventListener("close", function () { exhibitDialog.remove(); exhibitDialog = null; });
      dialog.appendChild(exhibitDialog);
      exhibitDialog.showModal();
      close.focus();
    }

    /* No trail of decisions; the case's title above every step; at the start, the situation;
       exhibits behind buttons; the consequence inside the dialog (view.said is null). */
    var view = {
      body: body,
      said: null,
      fit: fit,
      top: function (box, at) {
        box.appendChild(c.rich(sc.title, "p", { "class": "scenario-present-case" }));
        if (at) return null;
        var title = box.appendChild(player.heading(["The situation"]));
        var situation = section.querySelector(".scenario-situation > p");
        if (situation) box.appendChild(situation.cloneNode(true));
        view.exhibits(box, sc.exhibits || []);
        return title;
      },
      exhibits: function (box, ids) {
        if (!ids.length) return;
        box.appendChild(h("div", { "class": "scenario-exhibit-buttons" }, ids.map(function (x) {
          var table = player.exhibit(x), caption = table && table.querySelector("caption");
          return table && player.button(["Show exhibit: " + (caption ? caption.textContent.trim() : x)],
            function () { showExhibit(table); }, "scenario-show-exhibit");
        })));
      }
    };

    /* Keys while presenting, wherever the focus is. Caught before Sphinx's page scripts, which
       take Escape on the document (preventDefault, to hide search highlights) and would stop it
       closing the dialog; Escape's own default action still closes the top dialog. */
    function keys(e) {
      if (e.key === "Escape") {
        e.stopPropagation();
        return;
      }
      if (exhibitDialog || e.altKey || e.ctrlKey || e.metaKey) return;
      var next = dialog.querySelector(".scenario-next"), i = e.key.toUpperCase().charCodeAt(0) - 65;
      var choice = /^[a-z]$/i.test(e.key) && body.querySelectorAll(".scenario-choice")[i];
      if (e.key === "ArrowRight" && next) {
        e.preventDefault();
        next.click();
      } else if (choice && !choice.disabled) {
        e.preventDefault();
        player.choose(i);
      }
    }

    dialog.addEventListener("close", function () {
      removeEventListener("keydown", keys, true);
      removeEventListener("resize", fit);
      dialog.remove();
      player.show(null);
    });
    section.appendChild(dialog);
    addEventListener("keydown", keys, true);
    addEventListener("resize", fit);
    dialog.showModal();
    player.show(view);
  };
})();
