/* The online site's search: Material's search box and results, answered
 * by Pagefind (scripts/report_site/pagefind_search.py) instead of lunr.
 *
 * Material downloads the edition's whole lunr index before it shows a
 * result, and that index grows with every meeting published. Pagefind
 * fetches only the chunks of its index that hold the typed words and one
 * small fragment per result shown. Material's own box, keys, result list
 * and highlighting stay as they are: this stands in for Material's search
 * worker and speaks its protocol (setup, ready, query, result), and gives
 * Material an empty index (the separator is all its highlighter reads) in
 * place of search/search_index.json, which is then never downloaded.
 * Pagefind itself (its script, word splitter and index) loads on the first
 * query, so a page that is only read downloads none of it.
 *
 * Order: Pagefind's, with each page's words weighted by its search boost
 * (overrides/base.html), so the report comes first for its own words.
 * Snippets are Pagefind's excerpts, the words that matched marked. Each
 * result is told to the page ("report:search-result") for search-help.js,
 * loaded the first time a search finds nothing; online it says what the site
 * covers, without close words (those need the whole index).
 * Which engine an edition's pages use is the build's choice, the lighter
 * first search (pagefind_search.py): where it is Pagefind, the pages load
 * this in place of lazy-search.js, and search-ranking.js, loaded after it,
 * stands aside. Loaded before Material's bundle, which creates the worker;
 * the offline edition (file://, where Pagefind cannot load) keeps lunr. */
(function () {
  "use strict";
  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var SHOWN = 10; // results whose fragments are fetched: Material shows ten before the reader scrolls
  var SECTIONS = 3; // sections listed under a result, besides the page
  var PAUSE = 150; // milliseconds without a key press before a query is looked up

  var script = document.currentScript;
  if (script.getAttribute("data-search-engine") !== "pagefind") {
    return; // the build left this edition with lunr: lazy-search.js and search-ranking.js serve
  }
  window.reportPagefind = true; // search-ranking.js stands aside
  var stemTyped = script.getAttribute("data-stem-typed-words") === "true";
  var bundle = script.getAttribute("data-pagefind");
  var separator = script.getAttribute("data-separator");
  var helpAddress = script.getAttribute("data-search-help");
  var RealWorker = window.Worker;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href);

  // Material's request for the lunr index, answered here without the network.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = /\/search\/search_index\.json(?:$|\?)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.__searchIndex) {
      return send.apply(this, arguments);
    }
    var request = this;
    var index = JSON.stringify({ config: { lang: [], separator: separator, pipeline: [] }, docs: [] });
    var answer = { readyState: 4, status: 200, statusText: "OK", response: new Blob([index]), responseText: index };
    Object.keys(answer).forEach(function (name) {
      Object.defineProperty(request, name, { value: answer[name], configurable: true });
    });
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("load")); }, 0);
  };

  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL(bundle + "pagefind.js", document.baseURI).href).then(function (module) {
        return module.options({ baseUrl: "/", excerptLength: 24 }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  /* Pagefind's addresses are from the edition's root (its index holds the edition's pages alone). */
  function location_(url) {
    return String(url).replace(/^\//, "");
  }

  function words(query) {
    return String(query).toLowerCase().split(new RegExp(separator)).filter(Boolean);
  }

  /* The word of the first result that the last typed word begins: Material
   * completes the field with it (search.suggest). */
  function suggestion(query, first) {
    var typed = words(query);
    var last = typed[typed.length - 1];
    if (!last || !first || /\s$/.test(query)) {
      return [];
    }
    var found = first.content.split(new RegExp(separator)).find(function (word) {
      return word.length > last.length && word.toLowerCase().lastIndexOf(last, 0) === 0;
    });
    return found ? [last + found.slice(last.length).toLowerCase()] : [];
  }

  function inLanguage(html, lang) {
    return lang ? '<span lang="' + lang + '">' + html + "</span>" : html;
  }

  /* Material's results: per page, the page and up to SECTIONS sections that
   * hold a match (Material lists those below it); `terms`: the typed words,
   * each with whether the page has it (Material strikes out the missing ones). */
  function asItems(typed, found) {
    return found.map(function (entry, position) {
      var page = entry.data;
      var terms = {};
      typed.forEach(function (word, index) { terms[word] = entry.has[index]; });
      var score = found.length - position;
      var lang = page.meta.lang || "";
      var sections = (page.sub_results || []).filter(function (section) {
        return section.url !== page.url && section.excerpt && section.excerpt.indexOf("<mark>") !== -1;
      }).slice(0, SECTIONS);
      var first = sections.length ? sections[0].excerpt : page.excerpt;
      return [{ location: location_(page.url), title: inLanguage(page.meta.title || "", lang),
                text: inLanguage("<p>" + first + "</p>", lang), score: score, terms: terms }]
        .concat(sections.slice(1).map(function (section) {
          return { location: location_(section.url), title: inLanguage(section.title, lang),
                   text: inLanguage("<p>" + section.excerpt + "</p>", lang), score: score - 0.5, terms: terms };
        }));
    });
  }

  /* Where a result stands, as lunr's rule 3 has it among the pages with every
   * word: the report, then the page the words name (its whole title:
   * "International Alert"), then a page whose title holds them all, then
   * the others, each in Pagefind's order;
   * the pages with only some of the words after all of them. */
  function standing(entry, typed, reports) {
    if (entry.count < typed.length) {
      return 4;
    }
    if (reports.has(entry.result.id)) {
      return 0;
    }
    var title = new Set(words(entry.data.meta.title || ""));
    if (!typed.every(function (word) { return title.has(word); })) {
      return 3;
    }
    return title.size === new Set(typed).size ? 1 : 2; // the words are its whole title: its name
  }

  /* Pagefind finds the pages that have every typed word, in its order, the
   * report's pages first: the pages a meeting is reported on answer for
   * their own words (search_ranking.py's rule 3), whatever else also has
   * them; the report's are found by their kind (data-pagefind-filter,
   * overrides/base.html). Then, as lunr's rule 1 has it, the pages that
   * have some of the words, most first. All from the index chunks the words
   * need, fetched once. */
  function search(query) {
    var typed = words(query);
    return loadPagefind().then(function (module) {
      // Pagefind stems Russian and Armenian itself (Snowball); words of a language it
      // has no stemmer for (Azerbaijani) lose their endings first (search-stem.js).
      var stem = stemTyped && typeof window.reportStemQuery === "function" ? window.reportStemQuery
        : function (word) { return word; };
      var stems = typed.map(stem);
      var each = typed.length > 1 ? stems.map(function (word) { return module.search(word); }) : [];
      return Promise.all([module.search(stems.join(" ")), module.search(stems.join(" "), { filters: { kind: "report" } })]
        .concat(each));
    }).then(function (found) {
      var every = typed.map(function () { return true; });
      var reports = found[1] && found[1].results ? found[1].results : [];
      var all = found[0] && found[0].results ? found[0].results : [];
      var first = new Set(reports.map(function (result) { return result.id; }));
      var listed = new Set();
      var results = [];
      reports.concat(all).forEach(function (result) {
        if (!listed.has(result.id)) {
          listed.add(result.id);
          results.push({ result: result, has: every, count: typed.length, score: result.score });
        }
      });
      var some = new Map();
      found.slice(2).forEach(function (answer, index) {
        (answer && answer.results ? answer.results : []).forEach(function (result) {
          if (listed.has(result.id)) {
            return;
          }
          var entry = some.get(result.id);
          if (!entry) {
            entry = { result: result, has: typed.map(function () { return false; }), count: 0, score: 0 };
            some.set(result.id, entry);
          }
          entry.has[index] = true;
          entry.count += 1;
          entry.score += result.score;
        });
      });
      results = results.concat(Array.from(some.values()).sort(function (a, b) {
        return b.count - a.count || b.score - a.score;
      }));
      var shown = results.slice(0, SHOWN);
      return Promise.all(shown.map(function (entry) { return entry.result.data(); })).then(function (data) {
        shown.forEach(function (entry, index) {
          entry.data = data[index];
          entry.standing = standing(entry, typed, first);
        });
        shown = shown.map(function (entry, index) { return [entry, index]; }).sort(function (a, b) {
          return a[0].standing - b[0].standing || a[1] - b[1];
        }).map(function (pair) { return pair[0]; });
        return { items: asItems(typed, shown), suggest: suggestion(query, data[0]), total: results.length };
      });
    });
  }

  /* What a search found, for search-help.js: fetched the first time a search finds nothing. */
  var helpRequested = false;
  var helpReady = false;
  var latest = null;
  function announce(query, found) {
    latest = { query: query, found: found, words: words(query), vocabulary: new Map() };
    if (helpReady) {
      tell(latest);
    } else if (!helpRequested && helpAddress && found === 0 && query.trim()) {
      helpRequested = true;
      var help = document.createElement("script");
      help.src = helpAddress;
      help.onload = function () {
        helpReady = true;
        tell(latest);
      };
      document.head.appendChild(help);
    }
  }

  function tell(detail) {
    document.dispatchEvent(new CustomEvent("report:search-result", { detail: detail }));
  }

  /* Material shows as many results as it is given and counts those; more
   * than the ten given are counted here. */
  function countAll(total, shown) {
    if (total <= shown) {
      return;
    }
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {
      meta.textContent = config.translations["search.result.other"].replace("#", String(total));
    }
  }

  /* While the reader's latest query is being looked up (on a slow connection
   * its index chunks and fragments can take seconds), the results say so:
   * a screen reader waits for them, and the answer to an earlier query shown
   * meanwhile (or "no matching documents") is not taken for this one's. */
  function markBusy(busy) {
    var results = document.querySelector("[data-md-component=search-result]");
    if (results) {
      results.setAttribute("aria-busy", busy ? "true" : "false");
    }
  }

  function PagefindWorker(url, options) {
    var target = document.createElement("span"); // an EventTarget, as Material's worker is one
    var latestQuery = 0;
    function reply(message) {
      target.dispatchEvent(new MessageEvent("message", { data: message }));
    }
    target.postMessage = function (message) {
      if (message && message.type === SETUP) {
        setTimeout(function () { reply({ type: READY }); }, 0);
      } else if (message && message.type === QUERY) {
        var query = String(message.data);
        var number = ++latestQuery;
        if (!query.trim()) {
          markBusy(false);
          setTimeout(function () { reply({ type: RESULT, data: { items: [] } }); }, 0);
          return;
        }
        markBusy(true);
        // Material asks on every key: a query is looked up once typing pauses,
        // so a word typed letter by letter fetches the fragments of its results once.
        setTimeout(function () {
          if (number === latestQuery) {
            answer(query, number);
          }
        }, PAUSE);
      }
    };
    function answer(query, number) {
      search(query).then(function (found) {
        if (number !== latestQuery) {
          return; // a later query has been typed: its answer is the one to show
        }
        reply({ type: RESULT, data: { items: found.items, suggest: found.suggest } });
        countAll(found.total, found.items.length);
        announce(query, found.total);
        markBusy(false);
      }).catch(function (error) {
        if (number === latestQuery) {
          markBusy(false);
        }
        console.warn("pagefind-search: no answer", error);
      });
    }
    target.terminate = function () {};
    return target;
  }

  // Material's worker is the only one stood in for: Pagefind starts its own.
  window.Worker = function (url, options) {
    if (/\/workers\/search\.[^/]*\.js/.test(String(url))) {
      return new PagefindWorker(url, options);
    }
    return new RealWorker(url, options);
  };

  // Material searches on keyup; text pasted with the mouse, dictated, or
  // typed through an input method may change the field with no key released.
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!event.isComposing && target.matches && target.matches("[data-md-component=search-query]")) {
      target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });
})();
