// The live layer of a discussion page: new, edited and deleted comments, presence and
// typing, with reconnection and catch-up. Without it the page works through its forms.
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root || !window.WebSocket) { return; }
  var d = root.dataset;
  var lastId = 0;
  var retries = 0;
  var socket = null;
  var typingTimers = {};
  var lastTypingSent = 0;

  root.querySelectorAll("[data-comment]").forEach(function (item) {
    lastId = Math.max(lastId, parseInt(item.dataset.comment, 10));
  });

  function status(text) { root.querySelector("[data-live-status]").textContent = text; }
  function announce(text) {
    var region = root.querySelector("[data-announcer]");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function threadFor(payload) {
    var key = (payload.question || "general") + ":" + payload.visibility;
    var pageQuestion = d.question || "";
    if (String(payload.question || "") !== pageQuestion) { return null; }
    return root.querySelector('[data-thread-key="' + key + '"]');
  }

  function build(payload) {
    var item = document.createElement("li");
    item.className = "comment" + (payload.deleted ? " comment--deleted" : "") +
      (payload.kind === "clarification" ? " comment--clarification" : "");
    item.id = "comment-" + payload.id;
    item.dataset.comment = payload.id;
    var meta = document.createElement("p");
    meta.className = "comment__meta";
    var author = document.createElement("strong");
    author.textContent = payload.author;
    var time = document.createElement("time");
    time.dateTime = payload.created_at;
    time.textContent = new Date(payload.created_at).toLocaleString(document.documentElement.lang);
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(time);
    if (payload.kind === "clarification") {
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = d.msgClarification;
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(badge);
    }
    if (payload.edited && !payload.deleted) {
      var edited = document.createElement("span");
      edited.className = "muted";
      edited.textContent = " · " + d.msgEdited;
      meta.appendChild(edited);
    }
    var body = document.createElement("div");
    body.className = "comment__body";
    body.dir = "auto";
    if (payload.deleted) {
      body.textContent = d.msgDeleted;
      body.className += " muted";
    } else {
      body.innerHTML = payload.html; // sanitized on the server (nh3), never raw input
    }
    item.appendChild(meta);
    item.appendChild(body);
    if (!payload.parent) {
      var replies = document.createElement("ol");
      replies.className = "replies";
      replies.dataset.replies = payload.id;
      item.appendChild(replies);
    }
    return item;
  }

  function show(payload) {
    var thread = threadFor(payload);
    lastId = Math.max(lastId, payload.id);
    if (!thread) { return; }
    var existing = document.getElementById("comment-" + payload.id);
    if (existing) {
      if (payload.type === "comment.created") { return; } // already shown: never twice
      var fresh = build(payload);
      var oldReplies = existing.querySelector(".replies");
      var oldActions = existing.querySelector(".comment__actions");
      var oldReply = existing.querySelector(".reply-box");
      if (oldActions && !payload.deleted) { fresh.insertBefore(oldActions, fresh.querySelector(".replies")); }
      if (oldReplies && fresh.querySelector(".replies")) { fresh.replaceChild(oldReplies, fresh.querySelector(".replies")); }
      if (oldReply && !payload.deleted) { fresh.appendChild(oldReply); }
      existing.replaceWith(fresh);
      return;
    }
    var list = payload.parent ? thread.querySelector('[data-replies="' + payload.parent + '"]') : thread.querySelector("[data-comments]");
    if (!list) { return; }
    list.appendChild(build(payload));
    if (payload.type === "comment.created") { announce(d.msgNew + " " + payload.author); }
  }

  function typing(payload) {
    var thread = root.querySelector('[data-thread-key="' + payload.key + '"]');
    if (!thread) { return; }
    var line = thread.querySelector("[data-typing]");
    line.textContent = payload.user + " " + d.msgTyping;
    window.clearTimeout(typingTimers[payload.key]);
    typingTimers[payload.key] = window.setTimeout(function () { line.textContent = ""; }, 4000);
  }

  function handle(payload) {
    if (payload.type === "comment.created" || payload.type === "comment.updated" || payload.type === "comment.deleted") {
      show(payload);
    } else if (payload.type === "catch_up") {
      payload.comments.forEach(show);
    } else if (payload.type === "presence") {
      root.querySelector("[data-presence]").textContent = d.msgViewing + " " + payload.viewers.join(", ");
    } else if (payload.type === "typing") {
      typing(payload);
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + d.wsPath);
    socket.onopen = function () {
      retries = 0;
      status(d.msgOnline);
      socket.send(JSON.stringify({ type: "catch_up", after: lastId }));
    };
    socket.onmessage = function (event) { handle(JSON.parse(event.data)); };
    socket.onclose = function (event) {
      if (event.code === 4401 || event.code === 4403) { status(""); return; } // not allowed: stay on forms
      status(d.msgOffline);
      var delay = Math.min(30000, 1000 * Math.pow(2, retries)) * (0.5 + Math.random() / 2);
      retries += 1;
      window.setTimeout(connect, delay);
    };
  }

  window.setInterval(function () {
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify({ type: "heartbeat" })); }
  }, 30000);

  root.addEventListener("input", function (event) {
    var thread = event.target.closest("[data-thread-key]");
    var now = Date.now();
    if (!thread || !socket || socket.readyState !== WebSocket.OPEN || now - lastTypingSent < 3000) { return; }
    lastTypingSent = now;
    socket.send(JSON.stringify({
      type: "typing", key: thread.dataset.threadKey, visibility: thread.dataset.visibility, question: d.question || null
    }));
  });

  // Post without reloading; the comment arrives through the socket (or the response).
  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-comment-form]") || !window.fetch) { return; }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      button.disabled = false;
      if (result.ok) {
        form.querySelector("textarea").value = "";
        show(result.body);
        var details = form.closest("details");
        if (details) { details.open = false; }
      } else {
        var errors = (result.body.errors && result.body.errors.body) || [];
        announce(errors.map(function (e) { return e.message; }).join(" "));
        status(errors.map(function (e) { return e.message; }).join(" "));
      }
    }).catch(function () {
      button.disabled = false;
      form.submit(); // the network failed: fall back to the plain form, nothing typed is lost
    });
  });

  // @mention autocomplete among the participants of the review.
  root.addEventListener("input", function (event) {
    var area = event.target;
    if (!area.matches("textarea[data-mentions-url]")) { return; }
    var list = area.parentNode.querySelector("[data-mention-list]");
    var match = /@\[?([^\]\n@]{2,30})$/.exec(area.value.slice(0, area.selectionStart));
    if (!match) { list.hidden = true; return; }
    fetch(area.dataset.mentionsUrl + "?q=" + encodeURIComponent(match[1]), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        list.textContent = "";
        body.results.forEach(function (person) {
          var item = document.createElement("li");
          var choose = document.createElement("button");
          choose.type = "button";
          choose.className = "button button--quiet";
          choose.textContent = person.name + " (" + person.state + ")";
          choose.addEventListener("click", function () {
            var before = area.value.slice(0, area.selectionStart).replace(/@\[?[^\]\n@]*$/, "@[" + person.name + "] ");
            area.value = before + area.value.slice(area.selectionStart);
            list.hidden = true;
            area.focus();
          });
          item.appendChild(choose);
          list.appendChild(item);
        });
        list.hidden = body.results.length === 0;
      });
  });

  connect();
})();
