// "Earlier comments" and "Show all comments" above a thread that shows only its latest comments.
// Without JavaScript they are links that open the page on the earlier comments. Here they fetch
// those comments and insert them above the ones shown: the comment being read stays where it was
// on the screen, the number loaded is announced, and focus goes to the newest comment loaded (the
// one just above where the reader was), so reading goes on backwards with the keyboard.
// A link to a comment by its #comment-N anchor alone loads earlier comments until it is there.
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root || !window.fetch || !window.DOMParser) { return; }

  function announce(text) {
    var region = root.querySelector("[data-announcer]");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // The comments before the first one shown, inserted above it; resolves with the items inserted.
  function load(link) {
    var section = link.closest("[data-thread]");
    var links = link.closest("[data-earlier-links]");
    var list = section.querySelector("[data-comments]");
    links.setAttribute("aria-busy", "true");
    return fetch(link.dataset.earlierUrl, {
      credentials: "same-origin", headers: { "X-Requested-With": "fetch", "Accept": "text/html" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var batch = new DOMParser().parseFromString(html, "text/html").querySelector("[data-earlier-batch]");
      var anchor = list.firstElementChild;
      var top = anchor ? anchor.getBoundingClientRect().top : 0;
      var inserted = [];
      var fragment = document.createDocumentFragment();
      Array.prototype.slice.call(batch.children).forEach(function (item) {
        if (document.getElementById(item.id)) { return; } // already here (arrived live): never twice
        var node = document.importNode(item, true);
        inserted.push(node);
        fragment.appendChild(node);
      });
      list.insertBefore(fragment, anchor);
      if (anchor) { window.scrollBy(0, anchor.getBoundingClientRect().top - top); } // the reading position
      if (batch.dataset.earlier) {
        links.removeAttribute("aria-busy");
        links.querySelectorAll("a").forEach(function (each) {
          each.href = each.href.replace(/before=\d+/, "before=" + batch.dataset.earlier);
          each.dataset.earlierUrl = each.dataset.earlierUrl.replace(/before=\d+/, "before=" + batch.dataset.earlier);
        });
      } else {
        links.parentNode.removeChild(links); // the first comment of the thread is shown
      }
      root.dispatchEvent(new CustomEvent("revmod:comments-added", { detail: inserted }));
      announce(batch.dataset.announce);
      return inserted;
    }).catch(function (error) {
      window.location.href = link.href; // the plain link shows the same comments
      throw error;
    });
  }

  root.addEventListener("click", function (event) {
    var link = event.target.closest("[data-earlier-links] a[data-earlier-url]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; } // a new tab: the plain link
    event.preventDefault();
    if (link.closest("[aria-busy]")) { return; }
    load(link).then(function (inserted) {
      var newest = inserted[inserted.length - 1];
      if (newest) {
        newest.tabIndex = -1;
        newest.focus();
      }
    });
  });

  // #comment-N of a comment older than those shown: load earlier comments, thread by thread, until it is there.
  function reach(id, rounds) {
    var target = document.getElementById(id);
    if (target) {
      target.tabIndex = -1;
      target.scrollIntoView();
      target.focus({ preventScroll: true });
      return;
    }
    var next = root.querySelector("[data-earlier-links] a[data-earlier-url]");
    if (!next || rounds <= 0) { return; }
    load(next).then(function () { reach(id, rounds - 1); });
  }
  if (/^#comment-\d+$/.test(window.location.hash)) { reach(window.location.hash.slice(1), 200); }
})();
