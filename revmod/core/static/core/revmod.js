// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // A new random key for one attempt to write (sent as Idempotency-Key): page scripts run
  // after this file (both deferred, this one first).
  window.revmodAttemptKey = function () {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  };
  // Move focus to the target of the skip link so screen readers start reading there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".skip-link");
    if (!link) { return; }
    var target = document.querySelector(link.getAttribute("href"));
    if (target) { target.focus(); }
  });
})();
