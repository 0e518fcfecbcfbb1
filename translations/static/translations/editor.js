// Autosave of translations while typing, with conflict and failure messages, as the answer editor does.
// Without this script each unit's form still saves with its buttons.
(function () {
  "use strict";
  var editor = document.querySelector("[data-editor]");
  if (!editor || !window.fetch || !window.FormData) { return; }
  var DELAY = 1200;
  var timers = new WeakMap();

  function status(form, text, kind) {
    var line = form.querySelector("[data-status]");
    line.textContent = text;
    line.className = "save-status" + (kind ? " save-status--" + kind : "");
  }

  function showConflict(form, body) {
    var box = form.querySelector(".conflict");
    if (!box) {
      box = document.createElement("div");
      box.className = "conflict";
      box.setAttribute("role", "alert");
      form.querySelector("[data-status]").before(box);
    }
    box.textContent = "";
    var intro = document.createElement("p");
    intro.textContent = editor.dataset.msgConflict + (body.by ? " (" + body.by + ")" : "");
    var theirs = document.createElement("blockquote");
    theirs.className = "theirs";
    theirs.textContent = body.theirs;
    box.appendChild(intro);
    box.appendChild(theirs);
  }

  function save(form) {
    if (form.querySelector("textarea").readOnly) { return; }
    status(form, editor.dataset.msgSaving, "busy");
    var data = new FormData(form);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { code: response.status, body: body }; });
    }).then(function (result) {
      var version = form.querySelector("[data-version]");
      if (result.code === 200) {
        version.value = result.body.version;
        status(form, result.body.message, "ok");
        var badge = form.querySelector("[data-translation-status]");
        badge.textContent = result.body.translation_status_label;
        badge.className = "badge badge--" + result.body.translation_status;
        var box = form.querySelector(".conflict");
        if (box) { box.remove(); }
        var marker = form.querySelector("[data-machine-marker]");
        if (marker) { marker.remove(); }  // a person's text now, no longer the machine's
      } else if (result.code === 409) {
        // Keep what was typed; the next save replaces their version knowingly.
        version.value = result.body.version;
        showConflict(form, result.body);
        status(form, result.body.message, "error");
      } else {
        status(form, result.body.message || editor.dataset.msgFailed, "error");
      }
    }).catch(function () { status(form, editor.dataset.msgFailed, "error"); });
  }

  // A machine draft of one unit fills its box in place; the translator checks it and confirms it.
  function draft(form, button) {
    status(form, editor.dataset.msgDrafting, "busy");
    button.disabled = true;
    fetch(button.formAction, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { code: response.status, body: body }; });
    }).then(function (result) {
      if (result.code !== 200) {
        button.disabled = false;
        status(form, result.body.message || editor.dataset.msgFailed, "error");
        return;
      }
      form.querySelector("textarea").value = result.body.text;
      form.querySelector("[data-version]").value = result.body.version;
      var badge = form.querySelector("[data-translation-status]");
      badge.textContent = result.body.translation_status_label;
      badge.className = "badge badge--" + result.body.translation_status;
      if (!form.querySelector("[data-machine-marker]")) {
        var marker = document.createElement("span");
        marker.className = "badge badge--machine";
        marker.setAttribute("data-machine-marker", "");
        marker.textContent = editor.dataset.msgMarker;
        badge.after(" ", marker);
      }
      button.remove();
      status(form, result.body.message, "ok");
    }).catch(function () {
      button.disabled = false;
      status(form, editor.dataset.msgFailed, "error");
    });
  }

  editor.addEventListener("click", function (event) {
    var button = event.target.closest("[data-machine-draft]");
    if (!button) { return; }
    event.preventDefault();
    draft(button.closest("form[data-unit]"), button);
  });

  editor.addEventListener("input", function (event) {
    var form = event.target.closest("form[data-unit]");
    if (!form) { return; }
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { save(form); }, DELAY));
  });
})();
