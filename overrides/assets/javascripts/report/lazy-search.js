/* Search loads when the reader reaches for it, not with every page.
 *
 * Material for MkDocs starts its search worker and downloads the whole
 * search index as soon as a page loads: on a phone on a slow connection
 * that is the largest part of a first visit, and it grows with every
 * meeting published. Here both wait until the search field is focused:
 * every way into search (the field itself, the search button, Material's
 * keys s, f and /, and load-on-use.js before the bundle) ends there. A
 * page opened with ?q= (a search to run) or ?h= (words a search result
 * highlights, which needs the index) starts at once. Until then the index
 * request is held back and the worker is not created.
 * Loaded right before Material's bundle (load-on-use.js), in an edition
 * the build left with lunr (pagefind_search.py; pagefind-search.js takes its
 * place in one that searches with Pagefind); the offline edition does not
 * use it. */
(function () {
  "use strict";
  var engaged = false;
  var waiting = [];

  function engage() {
    if (engaged) {
      return;
    }
    engaged = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  function whenEngaged(start) {
    if (engaged) {
      start();
    } else {
      waiting.push(start);
    }
  }

  // The index: Material fetches search/search_index.json with XMLHttpRequest.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = /\/search\/search_index\.json(?:$|\?)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.__searchIndex) {
      return send.apply(request, args);
    }
    whenEngaged(function () { send.apply(request, args); });
  };

  // The worker: created on the first message Material sends it (the index,
  // once it has arrived), with its events passed on unchanged.
  var RealWorker = window.Worker;
  function LazyWorker(url, options) {
    var target = document.createElement("span"); // an EventTarget older browsers also have
    var real = null;
    var queue = [];
    target.postMessage = function (message) {
      if (!real) {
        real = new RealWorker(url, options);
        ["message", "messageerror", "error"].forEach(function (type) {
          real.addEventListener(type, function (event) {
            var copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
            target.dispatchEvent(copy);
          });
        });
      }
      queue.push(message);
      queue.splice(0).forEach(function (queued) { real.postMessage(queued); });
    };
    target.terminate = function () {
      if (real) {
        real.terminate();
      }
    };
    return target;
  }
  window.Worker = LazyWorker;

  // Loaded with Material's bundle (load-on-use.js), maybe because the reader
  // reached for search: then search has already begun.
  var parameters = new URLSearchParams(location.search);
  var field = document.querySelector("[data-md-component=search-query]");
  var toggle = document.getElementById("__search");
  if (parameters.has("q") || parameters.has("h") || (field && document.activeElement === field) ||
      (toggle && toggle.checked)) {
    engage();
    return;
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input[name=query], .md-search__input")) {
      engage();
    }
  });
})();
