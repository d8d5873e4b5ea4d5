// Drag and drop the rows of a tabular inline marked "sortable-inline" to reorder them; the
// rows' "position" inputs are renumbered to match, so saving the form keeps the new order.
(function () {
  "use strict";

  function renumber(tbody) {
    let position = 1;
    tbody.querySelectorAll("tr.form-row:not(.empty-form)").forEach(function (row) {
      const input = row.querySelector("input[name$='-position']");
      const filled = row.querySelector("input[name$='-title_zh_hans']");
      if (input && (input.value || (filled && filled.value))) {
        input.value = position++;
      }
    });
  }

  function makeSortable(group) {
    const tbody = group.querySelector("tbody");
    if (!tbody) return;
    let dragged = null;
    tbody.querySelectorAll("tr.form-row:not(.empty-form)").forEach(function (row) {
      row.draggable = true;
      row.classList.add("sortable-row");
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        event.dataTransfer.effectAllowed = "move";
        row.classList.add("sortable-row--dragging");
      });
      row.addEventListener("dragend", function () {
        row.classList.remove("sortable-row--dragging");
        dragged = null;
        renumber(tbody);
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        const box = row.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        tbody.insertBefore(dragged, after ? row.nextSibling : row);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sortable-inline").forEach(makeSortable);
  });
})();
