// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  onReady(function () {
    // Language switcher: submit on change, hide the fallback button.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var form = select.form;
      var fallback = form.querySelector("[data-autosubmit-fallback]");
      if (fallback) fallback.hidden = true;
      select.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });

    // Navigation: open on wide screens, collapsed behind "Menu" on phones.
    var nav = document.querySelector("[data-nav]");
    if (nav) {
      var narrow = window.matchMedia("(max-width: 48rem)");
      var sync = function () { nav.open = !narrow.matches; };
      sync();
      narrow.addEventListener("change", sync);
    }

    // Quick exit on public pages: go to a neutral site and replace this page in the history,
    // so that Back does not lead here. Pressing Escape three times does the same.
    var exit = document.querySelector("[data-quick-exit]");
    if (exit) {
      var leave = function (event) {
        if (event) event.preventDefault();
        document.body.hidden = true;
        window.location.replace(exit.href);
      };
      exit.addEventListener("click", leave);
      var presses = 0, timer = null;
      document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") return;
        presses += 1;
        clearTimeout(timer);
        timer = setTimeout(function () { presses = 0; }, 1500);
        if (presses >= 3) leave(null);
      });
    }

    // A table that scrolls sideways (a wide table on a phone) can be scrolled from the keyboard.
    var markScrollable = function () {
      document.querySelectorAll(".table-wrap, table").forEach(function (box) {
        var style = window.getComputedStyle(box);
        var scrolls = (style.overflowX === "auto" || style.overflowX === "scroll") &&
          box.scrollWidth > box.clientWidth + 1;
        if (scrolls && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("data-scroll-region", "");
          if (!box.hasAttribute("role") && box.tagName !== "TABLE") {
            var caption = box.querySelector("caption");
            box.setAttribute("role", "region");
            if (caption) box.setAttribute("aria-label", caption.textContent.trim());
          }
        } else if (!scrolls && box.hasAttribute("data-scroll-region")) {
          box.removeAttribute("tabindex");
          box.removeAttribute("data-scroll-region");
        }
      });
    };
    markScrollable();
    window.addEventListener("resize", markScrollable);

    // Error summaries take focus so screen readers announce them.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();

    // Confirmation for destructive buttons: <button data-confirm="...">.
    document.addEventListener("click", function (event) {
      var target = event.target.closest("[data-confirm]");
      if (target && !window.confirm(target.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
})();
