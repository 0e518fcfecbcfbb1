// The questionnaire editor: confirm before deleting, and reorder questions by dragging them.
// Without this script every action still works with its buttons (Up, Down, Delete).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) { event.preventDefault(); }
  });

  var status = document.querySelector("[data-order-status]");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!window.fetch || !status || !csrf) { return; }
  var dragged = null;

  function itemsOf(list) {
    return Array.prototype.filter.call(list.children, function (child) { return child.matches("li[data-id]"); });
  }

  function save(list) {
    var body = { ids: itemsOf(list).map(function (item) { return Number(item.dataset.id); }) };
    if (list.dataset.parent) { body.parent = Number(list.dataset.parent); }
    fetch(list.dataset.reorderUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf.value },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      status.textContent = status.dataset.msgSaved;
      // Numbers, Up and Down links follow the new order.
      window.setTimeout(function () { window.location.reload(); }, 600);
    }).catch(function () {
      status.textContent = status.dataset.msgFailed;
      window.setTimeout(function () { window.location.reload(); }, 1500);
    });
  }

  document.querySelectorAll("ol[data-reorder-url]").forEach(function (list) {
    itemsOf(list).forEach(function (item) {
      var handle = item.querySelector(".drag-handle");
      if (!handle) { return; }
      item.draggable = true;
      item.addEventListener("dragstart", function (event) {
        event.stopPropagation();
        dragged = item;
        item.classList.add("is-dragged");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.dataset.id);
      });
      item.addEventListener("dragend", function () { item.classList.remove("is-dragged"); });
      item.addEventListener("dragover", function (event) {
        if (!dragged || dragged === item || dragged.parentNode !== list) { return; }
        event.preventDefault();
        event.stopPropagation();
        // Its own line decides: the box of an item holds its follow-ups too.
        var box = (item.querySelector(".authoring-question__line") || item).getBoundingClientRect();
        list.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? item : item.nextSibling);
      });
      item.addEventListener("drop", function (event) {
        if (!dragged || dragged.parentNode !== list) { return; }
        event.preventDefault();
        event.stopPropagation();
        dragged = null;
        save(list);
      });
    });
  });
})();
