// Autosave of answers while typing, with conflict and failure messages.
// Without this script the section form still saves everything with its button.
(function () {
  "use strict";
  var preview = document.querySelector("form[data-preview]");
  if (preview) { return showFollowUps(preview); } // the authors' preview: answers are tried, never saved
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var DELAY = 1200;
  var RETRY_AFTER = 3000;
  var keys = new WeakMap(); // fieldset -> the key of the attempt being sent, until it is answered
  var timers = new WeakMap();
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function fieldsetOf(element) { return element.closest("fieldset[data-question]"); }

  function status(fieldset, text, kind) {
    var line = fieldset.querySelector("[data-status]");
    line.textContent = text;
    line.className = "save-status" + (kind ? " save-status--" + kind : "");
  }

  function payload(fieldset) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    fieldset.querySelectorAll("input, textarea, select").forEach(function (input) {
      if (!input.name) { return; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      data.append(input.name, input.value);
    });
    return data;
  }

  function showConflict(fieldset, body) {
    var box = fieldset.querySelector(".conflict");
    if (!box) {
      box = document.createElement("div");
      box.className = "conflict";
      box.setAttribute("role", "alert");
      fieldset.insertBefore(box, fieldset.querySelector("[data-revision]").nextSibling);
    }
    box.textContent = "";
    var intro = document.createElement("p");
    intro.textContent = form.dataset.msgConflict + (body.by ? " (" + body.by + ")" : "");
    var theirs = document.createElement("blockquote");
    theirs.className = "theirs";
    theirs.textContent = body.theirs;
    box.appendChild(intro);
    box.appendChild(theirs);
  }

  // A save whose response was lost is sent again once, with the same key: the server then
  // answers with what it stored instead of saving it twice (or refusing it as a conflict).
  function save(fieldset, retrying) {
    if (!retrying) { keys.set(fieldset, window.revmodAttemptKey()); }
    status(fieldset, form.dataset.msgSaving, "busy");
    fetch(fieldset.dataset.saveUrl, {
      method: "POST",
      body: payload(fieldset),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json", "Idempotency-Key": keys.get(fieldset) }
    }).then(function (response) {
      return response.json().then(function (body) { return { code: response.status, body: body }; });
    }).then(function (result) {
      var revision = fieldset.querySelector("[data-revision]");
      if (result.code === 200) {
        revision.value = result.body.revision;
        status(fieldset, result.body.message, "ok");
        var badge = fieldset.querySelector("[data-answer-status]");
        if (badge && result.body.answer_status) {
          badge.textContent = result.body.answer_status_label;
          badge.className = "badge badge--" + result.body.answer_status;
        }
        var box = fieldset.querySelector(".conflict");
        if (box) { box.remove(); }
        updateFollowUps();
      } else if (result.code === 409) {
        // Keep what was typed; the next save (after merging) replaces their version knowingly.
        revision.value = result.body.revision;
        showConflict(fieldset, result.body);
        status(fieldset, result.body.message, "error");
      } else {
        status(fieldset, result.body.message || form.dataset.msgFailed, "error");
      }
    }).catch(function () {
      status(fieldset, form.dataset.msgFailed, "error");
      if (!retrying) {
        var key = keys.get(fieldset);
        timers.set(fieldset, setTimeout(function () {
          if (keys.get(fieldset) === key) { save(fieldset, true); } // nothing typed since
        }, RETRY_AFTER));
      }
    });
  }

  function schedule(event) {
    var fieldset = fieldsetOf(event.target);
    if (!fieldset) { return; }
    clearTimeout(timers.get(fieldset));
    keys.delete(fieldset); // what is typed now is a new attempt
    timers.set(fieldset, setTimeout(function () { save(fieldset); }, DELAY));
  }

  function updateFollowUps() { updateFollowUpsOf(form); }

  form.querySelectorAll("[data-citations]").forEach(function (box) {
    var button = box.parentNode.querySelector("[data-add-citation]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var rows = box.querySelectorAll(".citation-row");
      var copy = rows[rows.length - 1].cloneNode(true);
      copy.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      box.appendChild(copy);
      copy.querySelector("input").focus();
    });
  });

  // A new need row is a copy of the last (empty) one; without this script, each save adds an empty row.
  form.querySelectorAll("[data-needs]").forEach(function (box) {
    var button = box.querySelector("[data-add-need]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var rows = box.querySelectorAll(".need-row");
      var copy = rows[rows.length - 1].cloneNode(true);
      copy.querySelectorAll("textarea").forEach(function (input) { input.value = ""; });
      copy.querySelectorAll("select").forEach(function (select) { select.value = select.dataset.blank || ""; });
      box.insertBefore(copy, button);
      copy.querySelector("select").focus();
    });
  });

  form.addEventListener("input", schedule);
  form.addEventListener("change", updateFollowUps);
  form.addEventListener("change", schedule);
  updateFollowUps();

  // Follow-up questions appear when their condition holds.
  function updateFollowUpsOf(container) {
    container.querySelectorAll("fieldset[data-parent]").forEach(function (fieldset) {
      var parent = container.querySelector("fieldset[data-question='" + fieldset.dataset.parent + "']");
      if (!parent) { return; }
      var chosen = Array.prototype.map.call(parent.querySelectorAll("input:checked"), function (input) { return input.value; });
      fieldset.classList.toggle("question--hidden", chosen.indexOf(fieldset.dataset.condition) === -1);
    });
  }

  function showFollowUps(container) {
    container.addEventListener("submit", function (event) { event.preventDefault(); });
    container.addEventListener("change", function () { updateFollowUpsOf(container); });
    updateFollowUpsOf(container);
  }
})();
