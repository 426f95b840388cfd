/* Material's bundle, and the scripts that must run before it, load when the
 * reader first uses the page, not with it.
 *
 * The bundle is the largest thing a page sends (34 KiB compressed, over
 * 100 KiB of JavaScript to parse and run) and, on a slow phone, the largest
 * cost before the page answers a tap. A reader who only reads needs none of
 * it: the text, the links, the drawer, the section toggles, the palette and
 * the tooltips work without it (buttons.js, palette.js, content-tooltips.js).
 * What needs it (search, the table of contents following the reader, the
 * header's title, "Back to top") comes with the first scroll, key, tap or
 * focus, or at once when the address asks for a search (?q=) or highlights
 * (?h=). Once fetched, the browser keeps it for every other page.
 *
 * The scripts are listed, in order, in <template id="report-load-on-use">
 * (overrides/main.html): this copies each into the page, where they run in
 * that order. Material starts on DOMContentLoaded, which has passed by
 * then: it is told again, once the bundle has run.
 *
 * Until then, what Material would do at once is done here: focusing the
 * search field opens search; its keys (s, f, /) go to the search field,
 * n and p (or . and ,) to the next and the previous page; and what the
 * reader typed before the bundle came is searched for. If the bundle
 * cannot be fetched (the connection dropped after the page came), search
 * says so, and the reader's next use tries again. */

/* Also after load, whether or not the page is used: the script named by this
 * script's data-after-load (offline-reading.js, which keeps pages for reading
 * without a connection), in a browser that can run it, so that nothing of it
 * is fetched or run before the page has loaded. */
(function () {
  "use strict";
  var self = document.currentScript;
  var later = self && self.dataset.afterLoad;
  if (!later || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) {
    return;
  }
  function add() {
    var script = document.createElement("script");
    script.src = later;
    script.dataset.editionRoot = self.dataset.editionRoot;
    document.body.appendChild(script);
  }
  if (document.readyState === "complete") {
    add();
  } else {
    window.addEventListener("load", add, { once: true });
  }
})();

(function () {
  "use strict";
  var list = document.getElementById("report-load-on-use");
  if (!list || !("content" in list)) {
    return;
  }
  var USE = ["pointerdown", "touchstart", "keydown", "wheel", "scroll", "focusin"];
  var loading = false;
  var ready = false;
  var ran = new Set(); // the addresses of the listed scripts that have run
  var waitingText = null; // what the search results said before a failure
  // Deferred (overrides/main.html): this runs before DOMContentLoaded, and
  // the document is "interactive" both before and after it.
  var documentLoaded = document.readyState === "complete";
  if (!documentLoaded) {
    document.addEventListener("DOMContentLoaded", function () { documentLoaded = true; }, { once: true });
  }

  function searchField() {
    return document.querySelector("[data-md-component=search-query]");
  }

  function openSearch() {
    var toggle = document.getElementById("__search");
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function bundleRan() {
    ready = true;
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && waitingText !== null) {
      meta.textContent = waitingText; // Material's, until its first results
      meta.classList.remove("report-search-unavailable");
    }
    if (documentLoaded) {
      document.dispatchEvent(new Event("DOMContentLoaded"));
    }
    var field = searchField();
    if (field && document.activeElement === field) {
      // Material reads the field on focus (its completion needs one) ...
      field.dispatchEvent(new FocusEvent("focus"));
    }
    if (field && field.value) {
      // ... and searches on keyup: the words typed before it was listening.
      field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  }

  function listen() {
    USE.forEach(function (type) {
      window.addEventListener(type, load, { capture: true, passive: true });
    });
  }

  function stopListening() {
    USE.forEach(function (type) {
      window.removeEventListener(type, load, { capture: true, passive: true });
    });
  }

  // A connection that drops after the page came: say so where search
  // results would be, and try again the next time the reader uses the page.
  function bundleFailed() {
    loading = false;
    var meta = document.querySelector(".md-search-result__meta");
    var message = list.getAttribute("data-unavailable");
    if (meta && message) {
      waitingText = waitingText === null ? meta.textContent : waitingText;
      meta.textContent = message;
      meta.classList.add("report-search-unavailable");
    }
    listen();
  }

  function load() {
    if (loading || ready) {
      return;
    }
    loading = true;
    stopListening();
    var scripts = Array.prototype.filter.call(list.content.querySelectorAll("script[src]"), function (listed) {
      return !ran.has(listed.getAttribute("src")); // after a failure, those that did not come
    });
    scripts.forEach(function (listed, position) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(listed.attributes, function (attribute) {
        script.setAttribute(attribute.name, attribute.value);
      });
      script.async = false; // run in the order listed, whichever arrives first
      var bundle = position === scripts.length - 1;
      script.addEventListener("load", function () {
        ran.add(listed.getAttribute("src"));
        if (bundle) {
          bundleRan();
        }
      }, { once: true });
      script.addEventListener("error", function () {
        script.remove();
        if (bundle) {
          bundleFailed();
        }
      }, { once: true });
      document.body.appendChild(script);
    });
  }

  window.reportLoadOnUse = load;

  document.addEventListener("focusin", function (event) {
    if (!ready && event.target === searchField()) {
      openSearch();
    }
  });

  // The header's search button (a phone's) clicks this label: Material
  // answers by focusing the search field, which opens search.
  document.addEventListener("click", function (event) {
    var field = searchField();
    if (!ready && field && event.target instanceof Element && event.target.matches("#__search_opener")) {
      event.preventDefault();
      field.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (ready || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
      return;
    }
    if (target instanceof HTMLElement && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) {
      return;
    }
    if (["s", "S", "f", "F", "/"].indexOf(event.key) !== -1 && searchField()) {
      event.preventDefault(); // the key opens search; it is not typed into it
      searchField().focus();
      return;
    }
    // Material's keys for the next and the previous page.
    var link = null;
    if (event.key === "n" || event.key === ".") {
      link = document.querySelector("link[rel=next]");
    } else if (event.key === "p" || event.key === ",") {
      link = document.querySelector("link[rel=prev]");
    }
    if (link instanceof HTMLLinkElement) {
      event.preventDefault();
      location.href = link.href;
    }
  });

  var parameters = new URLSearchParams(location.search);
  if (parameters.has("q") || parameters.has("h")) {
    load();
    return;
  }
  listen();
})();
