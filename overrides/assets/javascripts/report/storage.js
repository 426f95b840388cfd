/* The storage helpers Material for MkDocs expects as globals (its own copy
 * is an inline script, which this site's Content-Security-Policy forbids).
 * Keys are prefixed with the site's root path, given in data-scope, so two
 * sites on one host, or two unpacked offline editions, keep apart. */
(function () {
  "use strict";
  var script = document.currentScript;
  var scope = new URL(script.getAttribute("data-scope") || ".", location);

  window.__md_scope = scope;

  // A 32-bit string hash (Material compares stored hashes of banners with it).
  window.__md_hash = function (text) {
    var hash = 0;
    for (var character of text) {
      hash = (hash << 5) - hash + character.charCodeAt(0);
    }
    return hash;
  };

  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try {
      return JSON.parse(storage.getItem(base.pathname + "." + key));
    } catch (error) {
      return null; // storage blocked (private mode, locked-down browser): behave as if empty
    }
  };

  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or blocked: the preference is simply not remembered.
    }
  };
})();
