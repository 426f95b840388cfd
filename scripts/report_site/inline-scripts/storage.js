/* The storage helpers Material for MkDocs expects as globals before its
 * bundle runs (its own copy is an inline script of the same kind). Keys are
 * prefixed with the site's root path, given in the script's data-scope, so
 * two sites on one host, or two unpacked offline editions, keep apart.
 * Storage that is blocked (private mode, a locked-down browser) or full
 * behaves as empty: the reader's choices are simply not remembered.
 *
 * Inlined into every page's <head> (partials/javascripts/base.html); the
 * Content-Security-Policy allows it by its hash (security_policy.py), so
 * everything above this line is left out of the page and the hash. */
(function () {
  "use strict";
  // Scripts run here: Material's bundle will come on first use (load-on-use.js),
  // so its styles for pages without scripts ("no-js") must not hide search
  // until then (reading.css).
  document.documentElement.classList.add("report-js");
  var scope = new URL(document.currentScript.getAttribute("data-scope") || ".", location);
  window.__md_scope = scope;
  window.__md_hash = function (text) {
    var hash = 0;
    for (var character of text) {
      hash = (hash << 5) - hash + character.charCodeAt(0);
    }
    return hash;
  };
  window.__md_get = function (key, storage, base) {
    try {
      return JSON.parse((storage || localStorage).getItem((base || scope).pathname + "." + key));
    } catch (error) {
      return null;
    }
  };
  window.__md_set = function (key, value, storage, base) {
    try {
      (storage || localStorage).setItem((base || scope).pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      return;
    }
  };
})();
