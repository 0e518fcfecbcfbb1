// Keeps the unread count in the header up to date while the page is open.
(function () {
  "use strict";
  var badge = document.querySelector("[data-unread]");
  if (!badge || !window.WebSocket) { return; }
  var retries = 0;
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/notifications/");
    socket.onopen = function () { retries = 0; };
    socket.onmessage = function (event) {
      var payload = JSON.parse(event.data);
      if (payload.type !== "unread") { return; }
      badge.querySelector("[data-unread-count]").textContent = payload.count;
      badge.hidden = payload.count === 0;
    };
    socket.onclose = function (event) {
      if (event.code === 4401) { return; }
      retries += 1;
      window.setTimeout(connect, Math.min(60000, 1000 * Math.pow(2, retries)));
    };
  }
  connect();
})();
