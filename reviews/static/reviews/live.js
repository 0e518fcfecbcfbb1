// The live layer of a discussion page: new, edited and deleted comments, resolved threads,
// presence and typing, with reconnection and catch-up. Without it the page works through its forms.
//
// Every change of the dialogue carries its number ("seq"), the same live and in catch-up.
// The page keeps the number it last applied to each comment and thread and ignores an event
// that is not newer (one that arrives both live and in catch-up, or late). Its cursor, from
// which it catches up, moves only over numbers it holds without a hole: a live change whose
// number skips some is shown, but the skipped ones may be changes this reader may not see or
// changes whose live message never came (the worker that made them died before sending it,
// or two workers' messages crossed). A catch-up a moment later asks the server, whose answer
// moves the cursor past whatever it does not show.
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root || !window.WebSocket) { return; }
  var d = root.dataset;
  var cursor = parseInt(d.cursor, 10) || 0;
  var applied = {}; // "comment:12" or "thread:3" -> the seq of the last change shown
  var retries = 0;
  var socket = null;
  var typingTimers = {};
  var lastTypingSent = 0;

  var newestAtLoad = 0; // a comment up to this number that is not on the page is an earlier one, not loaded
  function register(item) {
    var key = "comment:" + item.dataset.comment;
    applied[key] = Math.max(applied[key] || 0, parseInt(item.dataset.seq, 10) || 0);
    newestAtLoad = Math.max(newestAtLoad, parseInt(item.dataset.comment, 10) || 0);
  }
  root.querySelectorAll("[data-comment]").forEach(register);
  // Earlier comments loaded on demand (earlier.js): a change already shown in them is not applied again.
  root.addEventListener("revmod:comments-added", function (event) {
    event.detail.forEach(function (item) {
      register(item);
      item.querySelectorAll("[data-comment]").forEach(register);
    });
  });
  root.querySelectorAll("[data-thread]").forEach(function (section) {
    applied["thread:" + section.dataset.thread] = parseInt(section.dataset.seq, 10) || 0;
  });

  var ahead = {}; // numbers of changes received above the cursor, with a hole below them
  var holeTimer = null;
  function advance(seq) {
    if (seq > cursor) { ahead[seq] = true; }
    while (ahead[cursor + 1]) { delete ahead[cursor + 1]; cursor += 1; }
    Object.keys(ahead).forEach(function (number) { if (Number(number) <= cursor) { delete ahead[number]; } });
    var hole = Object.keys(ahead).length > 0;
    if (!hole) { window.clearTimeout(holeTimer); holeTimer = null; }
    // A hole that a late live message has not filled within a moment is asked for.
    if (hole && holeTimer === null) { holeTimer = window.setTimeout(fillHole, 1500 + Math.random() * 1500); }
  }
  function fillHole() {
    holeTimer = null;
    if (socket && socket.readyState === WebSocket.OPEN && Object.keys(ahead).length) { catchUp(); }
  }

  // True once per change: false for a change already shown or older than the one shown.
  function isNew(key, seq) {
    if (typeof seq !== "number") { return true; }
    if (applied[key] !== undefined && seq <= applied[key]) { return false; }
    applied[key] = seq;
    advance(seq);
    return true;
  }

  function languageName(code) {
    try {
      return new Intl.DisplayNames([code], { type: "language" }).of(code) || code;
    } catch (error) {
      return code;
    }
  }
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
    item.dataset.seq = payload.seq;
    if (payload.answer_revision !== null && payload.answer_revision !== undefined) {
      item.dataset.answerRevision = payload.answer_revision;
    }
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
    if (payload.language && !payload.deleted) {
      // The language the comment is written in, named in itself, as the server-rendered head shows it.
      var language = document.createElement("span");
      language.className = "comment__language";
      language.lang = payload.language;
      language.textContent = languageName(payload.language);
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(language);
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
    if (payload.language && !payload.deleted) {
      body.lang = payload.language;
      body.dir = payload.language === "ar" ? "rtl" : "ltr";
    }
    if (payload.deleted) {
      body.textContent = d.msgDeleted;
      body.className += " muted";
    } else {
      body.innerHTML = payload.html; // sanitized on the server (nh3), never raw input
    }
    item.appendChild(meta);
    item.appendChild(body);
    var controls = payload.deleted ? null : controlsFor(payload);
    if (controls && controls.actions) { item.appendChild(controls.actions); }
    if (!payload.parent) {
      var replies = document.createElement("ol");
      replies.className = "replies";
      replies.dataset.replies = payload.id;
      item.appendChild(replies);
      if (controls && controls.reply) { item.appendChild(controls.reply); }
    }
    return item;
  }

  // The same Edit, Delete and Reply controls a loaded comment has, from the thread's <template>,
  // keeping only those this reader may use (the server checks again on every post).
  function controlsFor(payload) {
    var section = threadFor(payload);
    var template = section && section.querySelector("template[data-comment-controls]");
    if (!template) { return null; }
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.split("__comment__").join(String(parseInt(payload.id, 10)));
    var mine = String(payload.author_id) === d.user;
    var remove = function (selector) {
      var node = holder.querySelector(selector);
      if (node) { node.parentNode.removeChild(node); }
    };
    if (!mine) { remove('[data-control="edit"]'); }
    if (!mine && !d.moderator) { remove('[data-control="delete"]'); }
    var editBody = holder.querySelector("[data-edit-body]");
    if (editBody) { editBody.value = payload.body || ""; }
    var actions = holder.querySelector(".comment__actions");
    if (actions && !actions.querySelector("[data-control]")) { actions = null; }
    return { actions: actions, reply: payload.parent ? null : holder.querySelector('[data-control="reply"]') };
  }

  function show(payload) {
    if (!isNew("comment:" + payload.id, payload.seq)) { return; } // already shown: never twice
    var thread = threadFor(payload);
    if (!thread) { return; }
    var existing = document.getElementById("comment-" + payload.id);
    if (existing) {
      var fresh = build(payload);
      // What the reader is doing in the old one stays: the replies, a reply or an edit being written.
      var keep = function (selector) {
        var old = existing.querySelector(":scope > " + selector);
        var now = fresh.querySelector(":scope > " + selector);
        if (old && now) { fresh.replaceChild(old, now); }
      };
      keep(".replies");
      if (!payload.deleted) { keep(".reply-box"); }
      var editing = existing.querySelector(':scope > .comment__actions [data-control="edit"][open]');
      if (editing && !payload.deleted) { keep(".comment__actions"); }
      existing.replaceWith(fresh);
      return fresh;
    }
    // A change of an earlier comment not loaded here: the page shows it as it is when it is loaded.
    if (payload.type !== "comment.created" && payload.id <= newestAtLoad) { return; }
    var list = payload.parent ? thread.querySelector('[data-replies="' + payload.parent + '"]') : thread.querySelector("[data-comments]");
    if (!list) { return; }
    if (!payload.parent && list.hasAttribute("data-partial")) { return; } // earlier comments shown: new ones come below the later link
    var item = build(payload);
    list.appendChild(item);
    if (payload.type === "comment.created" && String(payload.author_id) !== d.user) {
      announce(d.msgNew + " " + payload.author);
    }
    return item;
  }

  function resolution(payload) {
    if (!isNew("thread:" + payload.thread, payload.seq)) { return; }
    var thread = threadFor(payload);
    if (!thread) { return; }
    var resolved = payload.type === "thread.resolved";
    thread.classList.toggle("thread--resolved", resolved);
    thread.querySelectorAll("[data-comment-form]").forEach(function (form) { form.hidden = resolved; });
  }

  // A new revision of the answer discussed here: comments on earlier ones say so, as the page does.
  function answerSaved(payload) {
    if (String(payload.question) !== (d.question || "")) { return; }
    root.querySelectorAll("[data-answer-revision]").forEach(function (item) {
      var meta = item.querySelector(".comment__meta");
      if (parseInt(item.dataset.answerRevision, 10) >= payload.revision || meta.querySelector(".badge--late")) { return; }
      var badge = document.createElement("span");
      badge.className = "badge badge--late";
      badge.textContent = d.msgAnswerChanged;
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(badge);
    });
  }

  function catchUp() {
    socket.send(JSON.stringify({ type: "catch_up", after: cursor }));
  }

  function typing(payload) {
    if (String(payload.user_id) === d.user) { return; } // one's own typing is not news
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
    } else if (payload.type === "thread.resolved" || payload.type === "thread.reopened") {
      resolution(payload);
    } else if (payload.type === "answer.saved") {
      answerSaved(payload);
    } else if (payload.type === "catch_up") {
      payload.events.forEach(handle);
      cursor = Math.max(cursor, payload.cursor);
      advance(cursor); // the server has sent everything up to its cursor that this reader may see
      if (payload.more) { catchUp(); } // the rest, from where this part ended
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
      catchUp();
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

  // One key per comment being written, sent with every attempt to post it until one succeeds:
  // a retry after a lost response gets the stored comment back instead of posting it twice.
  function attemptKey(form) {
    var field = form.querySelector("input[name=idempotency_key]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "idempotency_key";
      form.appendChild(field);
    }
    if (!field.value) { field.value = window.revmodAttemptKey(); }
    return field;
  }

  // Post without reloading; the comment arrives through the socket (or the response).
  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-comment-form]") || !window.fetch) { return; }
    event.preventDefault();
    var key = attemptKey(form);
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
        key.value = ""; // the next comment is a new attempt
        form.querySelector("textarea").value = "";
        var details = form.closest("details");
        if (details) { details.open = false; }
        // Focus goes to the comment just posted (it may have arrived live first), and is announced.
        var posted = show(result.body) || document.getElementById("comment-" + result.body.id);
        if (posted) {
          posted.tabIndex = -1;
          posted.focus();
        }
        announce(d.msgPosted);
      } else {
        var errors = (result.body.errors && result.body.errors.body) || [];
        announce(errors.map(function (e) { return e.message; }).join(" "));
        status(errors.map(function (e) { return e.message; }).join(" "));
      }
    }).catch(function () {
      button.disabled = false;
      form.submit(); // the network failed: the plain form, with the same key, loses nothing and repeats nothing
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
