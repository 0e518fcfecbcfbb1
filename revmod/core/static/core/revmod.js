// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the target of the skip link so screen readers start reading there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".skip-link");
    if (!link) { return; }
    var target = document.querySelector(link.getAttribute("href"));
    if (target) { target.focus(); }
  });
})();
