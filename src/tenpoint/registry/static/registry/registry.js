// Registration pages: show a field only when it applies, and grow the batch grid without a round trip.
// Without JavaScript every field stays visible and the server-side "Add 5 rows" button does the same.
(function () {
  "use strict";

  function applies(block) {
    var rule = block.getAttribute("data-show-when").split("=");
    var control = document.querySelector('[name="' + rule[0] + '"]');
    return !control || control.value === rule[1];
  }

  function refresh() {
    document.querySelectorAll("[data-show-when]").forEach(function (block) {
      block.hidden = !applies(block);
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target && event.target.name && document.querySelector("[data-show-when]")) {
      refresh();
    }
  });

  function addRow(button) {
    var form = button.form;
    var body = form.querySelector("tbody[data-rows]");
    var count = form.querySelector('input[name="rows"]');
    var rows = body.querySelectorAll("tr[data-row]");
    var template = rows[rows.length - 1];
    var index = parseInt(count.value, 10);
    var row = template.cloneNode(true);
    var old = template.getAttribute("data-row");
    row.setAttribute("data-row", String(index));
    row.classList.remove("field-error");
    row.querySelectorAll("[aria-invalid]").forEach(function (marked) { marked.removeAttribute("aria-invalid"); });
    row.querySelectorAll("input, select").forEach(function (control) {
      control.name = control.name.replace("p-" + old + "-", "p-" + index + "-");
      control.removeAttribute("aria-invalid");
      if (control.type === "checkbox" || control.type === "radio") { control.checked = false; }
      else if (control.tagName === "SELECT") {
        control.selectedIndex = 0;
        var unknown = control.querySelector('option[data-default]');
        if (unknown) { unknown.selected = true; }
      } else { control.value = ""; }
    });
    row.querySelector("[data-row-number]").textContent = String(index + 1);
    body.appendChild(row);
    count.value = String(index + 1);
    var first = row.querySelector("input");
    if (first) { first.focus(); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-add-row]");
    if (button) {
      event.preventDefault();
      addRow(button);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    refresh();
    document.querySelectorAll("[data-add-row]").forEach(function (b) { b.hidden = false; });
  });
})();
