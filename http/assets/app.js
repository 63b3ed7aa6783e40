// Keyboard shortcuts for the factcheck review UI. Every action here is also
// a link or a button, so the pages work without this script.
(function () {
  "use strict";
  var page = document.body.dataset.page;
  var help = document.getElementById("help");

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  // submit sends form as if button had been clicked, with the browser's
  // own validation (the name field is required).
  function submit(form, button) {
    if (!form || !button) return;
    if (form.requestSubmit) {
      form.requestSubmit(button);
    } else {
      button.click();
    }
  }

  function follow(id) {
    var a = document.getElementById(id);
    if (a && a.href) window.location.href = a.href;
  }

  // The queue: one selected row, moved with j/k, decided with 1-4.
  var rows = [], sel = -1;
  if (page === "queue") {
    rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr.row"));
    var start = 0;
    if (location.hash.indexOf("#c-") === 0) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) start = rows.indexOf(target);
    }
    rows.forEach(function (row, i) {
      row.addEventListener("click", function (e) {
        if (e.target.closest("a, button, input")) return;
        select(i);
      });
    });
    if (rows.length) select(start < 0 ? 0 : start);
  }

  function select(i) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (sel >= 0 && rows[sel]) {
      rows[sel].classList.remove("selected");
      rows[sel].removeAttribute("aria-selected");
    }
    sel = i;
    rows[sel].classList.add("selected");
    rows[sel].setAttribute("aria-selected", "true");
    rows[sel].scrollIntoView({ block: "nearest" });
  }

  function queueKey(key) {
    var row = rows[sel];
    switch (key) {
      case "j": select(sel + 1); return true;
      case "k": select(sel - 1); return true;
      case "o": case "Enter":
        if (row) { var a = row.querySelector("a.open"); if (a) window.location.href = a.href; }
        return true;
    }
    if (row && /^[1-4]$/.test(key)) {
      submit(document.getElementById("queue-form"), row.querySelector('button[data-key="' + key + '"]'));
      return true;
    }
    return false;
  }

  function claimKey(key) {
    switch (key) {
      case "j": follow("next"); return true;
      case "k": follow("prev"); return true;
      case "n": var note = document.getElementById("note"); if (note) note.focus(); return true;
    }
    if (/^[1-4]$/.test(key)) {
      var form = document.getElementById("review-form");
      if (form) submit(form, form.querySelector('button[data-key="' + key + '"]'));
      return true;
    }
    return false;
  }

  if (page === "claim") {
    var mark = document.getElementById("claim");
    if (mark) mark.scrollIntoView({ block: "center" });
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (e.key === "Escape") {
      if (help && help.open) help.open = false;
      if (typing(document.activeElement)) document.activeElement.blur();
      return;
    }
    if (typing(e.target)) return;
    var handled = false;
    if (e.key === "?") {
      if (help) help.open = !help.open;
      handled = true;
    } else if (e.key === "u" && page !== "queue") {
      follow("up");
      handled = true;
    } else if (page === "queue") {
      // Enter on a focused link or button keeps its own meaning.
      if (e.key === "Enter" && e.target.closest && e.target.closest("a, button")) return;
      handled = queueKey(e.key);
    } else if (page === "claim") {
      handled = claimKey(e.key);
    }
    if (handled) e.preventDefault();
  });
})();
