/* Present mode for the case player: the current step large in a full-window dialog for a
   projector. Label, prompt and choices fitted to one screen, exhibits on demand, letters to
   choose, Enter or the right arrow to continue, Escape to leave.

   Fitting: the largest font from 34 px down to 18 px (the smallest size text may have on a
   projected slide: at 853 x 480 CSS px, a 1280 x 720 projector at 150 %) at which the slide
   fits. What does not fit at 18 px is paged, never shrunk further and never cut off: the slide
   shows as many of its blocks as fit, and "More…" (a button, so Tab and Enter reach it, as do
   Page Down and Page Up) shows the next part; "Back" the one before.

   Not loaded with the page: scenario.js inserts this script (and present.css) beside its own URL
   the first time "Present" is pressed, then calls coursePresent(player) with the player's
   building blocks. Present mode draws the player through its own view (see `view` below); the
   place, the choices and the record stay the player's. */
(function () {
  "use strict";
  var c = globalThis.course, C = c, h = c.h;  /* C.t: the name the string extractor reads */

  globalThis.coursePresent = function (player) {
    var sc = player.sc, section = player.section, exhibitDialog = null;
    var MAX = 34, MIN = 18, HIDDEN = "data-present-later", starts = [0], part = 0;
    if (section.querySelector(".scenario-present")) return;  // presenting already
    var body = h("div", { "class": "scenario-present-body" });
    var where = h("p", { "class": "scenario-present-part", "aria-live": "polite" });
    var back = player.button([C.t("Back")], function () { go(part - 1, true); }, "scenario-present-back");
    var more = player.button([C.t("More\u2026")], function () { go(part + 1, true); }, "scenario-present-more");
    var pager = h("div", { "class": "scenario-present-pager", hidden: true }, [where, back, more]);
    var dialog = h("dialog", { "class": "scenario-present", "aria-label": C.t("Presenting the case: {title}", { title: c.plain(sc.title) }) }, [
      h("div", { "class": "scenario-present-bar" }, [
        h("p", { "class": "scenario-present-keys", text: C.t("Keys: A, B, C choose · Enter or \u2192 continues · Esc leaves") }),
        player.button([C.t("Leave present mode")], function () { dialog.close(); })]),
      body, pager]);

    /* The blocks a slide is paged by: its paragraphs, headings and buttons, inside the boxes
       (choices, consequence, debrief) that hold them. */
    function blocks(box) {
      return [].reduce.call(box.children, function (all, e) {
        return all.concat(e.tagName === "DIV" && e.children.length ? blocks(e) : [e]);
      }, []);
    }
    function fits() { return body.scrollHeight <= body.clientHeight + 1 && body.scrollWidth <= body.clientWidth + 1; }
    function showFrom(all, from, to) {
      all.forEach(function (e, i) {
        if (i < from || i >= to) e.setAttribute(HIDDEN, "");
        else e.removeAttribute(HIDDEN);
      });
    }

    /* Show part p of the slide; with focus, move it to that part (More… keeps it while there is more). */
    function go(p, focus) {
      var all = blocks(body), first;
      part = Math.max(0, Math.min(p, starts.length - 1));
      showFrom(all, starts[part], starts[part + 1] || all.length);
      where.textContent = C.t("Part {n} of {total}", { n: part + 1, total: starts.length });
      back.hidden = part === 0;
      more.hidden = part === starts.length - 1;
      if (!focus) return;
      if (!more.hidden && document.activeElement === more) return;
      first = all[starts[part]];
      if (!/^(BUTTON|A|INPUT)$/.test(first.tagName)) first.setAttribute("tabindex", "-1");
      first.focus();
    }

    /* A paragraph taller than the slide (a long "What the rules allow") is cut, at the ends of
       its sentences, into paragraphs each at most `limit` px tall, so that paging shows it in
       parts rather than cutting it off. */
    function split(block, limit) {
      var piece = block.cloneNode(false), parent = block.parentNode;
      /* The text, with the spans that only wrap runs of it (course.rich) unwrapped. */
      function flat(e) {
        return [].reduce.call(e.childNodes, function (all, n) { return all.concat(n.tagName === "SPAN" ? flat(n) : [n]); }, []);
      }
      var sentences = [[]];
      flat(block).forEach(function (node) {
        if (node.nodeType !== 3) return sentences[sentences.length - 1].push(node);
        node.textContent.replace(/([.;:!?])\s+/g, "$1 \u0000").split("\u0000").forEach(function (text, i) {
          if (i) sentences.push([]);
          if (text) sentences[sentences.length - 1].push(document.createTextNode(text));
        });
      });
      parent.replaceChild(piece, block);
      sentences.forEach(function (nodes) {
        var had = piece.childNodes.length;
        nodes.forEach(function (n) { piece.appendChild(n); });
        if (had && piece.offsetHeight > limit) {
          var next = h(block.tagName.toLowerCase(), { "class": "scenario-present-continued" });
          nodes.forEach(function (n) { next.appendChild(n); });
          parent.insertBefore(next, piece.nextSibling);
          piece = next;
        }
      });
    }

    function fit() {
      var want = document.activeElement, all = blocks(body), size = MAX, from = 0, to, i;
      showFrom(all, 0, all.length);
      pager.hidden = true;
      starts = [0];
      part = 0;
      body.style.fontSize = size + "px";
      while (size > MIN && !fits()) body.style.fontSize = --size + "px";
      if (fits()) return;
      /* Paged at 18 px: each part as many blocks as fit from where the last one ended (at least one). */
      pager.hidden = false;
      all.forEach(function (e) {
        if (e.tagName === "P" && e.offsetHeight > body.clientHeight * 0.8) split(e, body.clientHeight * 0.8);
      });
      all = blocks(body);
      starts = [];
      while (from < all.length) {
        starts.push(from);
        to = all.length;
        showFrom(all, from, to);
        while (to - from > 1 && !fits()) all[--to].setAttribute(HIDDEN, "");
        from = to;
      }
      /* Open the part that holds what has the focus (a consequence's Continue, a debrief's title). */
      i = starts.length - 1;
      while (i > 0 && !all.slice(starts[i]).some(function (e) { return e.contains(want); })) i -= 1;
      go(i, false);
      if (want && body.contains(want) && !want.closest("[" + HIDDEN + "]")) want.focus();
    }

    function showExhibit(table) {
      var close = player.button([C.t("Close the exhibit")], function () { exhibitDialog.close(); });
      exhibitDialog = h("dialog", { "class": "scenario-exhibit-dialog", "aria-label": C.t("Exhibit") }, [close, table]);
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
        var title = box.appendChild(player.heading([C.t("The situation")]));
        var situation = section.querySelector(".scenario-situation > p");
        if (situation) box.appendChild(situation.cloneNode(true));
        view.exhibits(box, sc.exhibits || []);
        return title;
      },
      exhibits: function (box, ids) {
        if (!ids.length) return;
        box.appendChild(h("div", { "class": "scenario-exhibit-buttons" }, ids.map(function (x) {
          var table = player.exhibit(x), caption = table && table.querySelector("caption");
          return table && player.button([C.t("Show exhibit: {name}", { name: caption ? caption.textContent.trim() : x })],
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
      if ((e.key === "PageDown" || e.key === "PageUp") && !pager.hidden) {
        e.preventDefault();
        go(part + (e.key === "PageDown" ? 1 : -1), true);
        return;
      }
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
