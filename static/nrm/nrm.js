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
