// Activities: "Add another place/session" rows for the formsets. Without this file the form
// still offers one empty row, and another after each save.
(function () {
  "use strict";

  function addRow(name) {
    var total = document.getElementById("id_" + name + "-TOTAL_FORMS");
    var template = document.querySelector("template[data-formset-template='" + name + "']");
    var container = document.querySelector("[data-formset='" + name + "']");
    if (!total || !template || !container) return;
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var rows = container.querySelectorAll("[data-formset-row]");
    var first = rows[rows.length - 1].querySelector("input, select, textarea");
    if (first) first.focus();
  }

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  onReady(function () {
    document.querySelectorAll("[data-formset-add]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { addRow(button.getAttribute("data-formset-add")); });
    });
    var alert = document.querySelector(".activity-form") && document.querySelector(".panel--warn[role='alert']");
    if (alert && !document.querySelector(".error-summary")) alert.focus();
  });
})();
