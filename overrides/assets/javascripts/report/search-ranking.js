/* Search results in the order guides/architecture.md states ("How search
 * ranks"), with snippets that show the words that matched.
 *
 * Material for MkDocs orders results by lunr's score alone. A score of
 * term weights and boosts cannot promise a reader anything: a page that
 * merely carries a tag of one typed word can outscore the report, which
 * has them all. This stands between Material and its search worker (the
 * lazy one online, the frame one offline: whatever `Worker` the page has
 * when it runs) and orders each answer by these keys, one after another:
 *
 *   1. fewer typed words missing from the page;
 *   2. fewer typed words found only as the start of a longer word
 *      ("clu" in "Club");
 *   3. the report first (the pages of the highest boost in the index),
 *      then a page named by the words (its names, abbreviation or tags
 *      hold them all), then a page whose title holds them all; never a
 *      list page (the lowest boost) by name or title;
 *   4. the page's kind, by its boost (scripts/report_site/search_ranking.py);
 *   5. the words in the order typed, as a phrase;
 *   6. lunr's score.
 *
 * Words are what the index's separator makes of the text (mkdocs.yml),
 * case folded; one-letter words ("s" of "CLU's") do not count. It also
 * starts the snippet of each result a little before the first match, and
 * tells the page (event "report:search-result") what a search found, for
 * search-help.js, which it loads when a search first finds nothing; and
 * text that reaches the search field without a key press searches too.
 * A result from a page not translated yet into the edition's language (its
 * index entries carry `lang`, search_ranking.mark_word_languages) has its
 * title and snippet marked with that language.
 * Loaded right before Material's bundle, which creates the worker. */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var SNIPPET_LEAD = 60; // characters a snippet keeps before its first match
  var SNIPPET_LENGTH = 240; // characters of a snippet, its matches aside

  var Inner = window.Worker;
  if (typeof Inner !== "function" || window.reportPagefind) {
    return; // no worker, or this edition searches with Pagefind (pagefind-search.js)
  }

  var site = null; // what the index holds, page by page (from the setup message)

  function tokenizer(separator) {
    var pattern = new RegExp(separator);
    return function (text) {
      return String(text || "").replace(/<[^>]*>/g, " ").split(pattern).filter(Boolean);
    };
  }

  function pathOf(location) {
    return String(location).split("#")[0];
  }

  function readIndex(index) {
    var split = tokenizer(index.config.separator);
    var pages = new Map();
    var vocabulary = new Map(); // word -> {form, pages}
    index.docs.forEach(function (doc) {
      var path = pathOf(doc.location);
      var page = pages.get(path);
      if (!page) {
        page = {
          boost: typeof doc.boost === "number" ? doc.boost : 1,
          lang: typeof doc.lang === "string" ? doc.lang : "", // a page not translated yet: "en
          words: new Set(),
          names: new Set(),
          title: new Set(split(doc.title).map(fold)),
          sequences: []
        };
        (doc.tags || []).forEach(function (tag) {
          split(tag).forEach(function (word) { page.names.add(fold(word)); });
        });
        pages.set(path, page);
      }
      [doc.title, doc.text].concat(doc.tags || []).forEach(function (field) {
        var words = split(field);
        page.sequences.push(" " + words.map(fold).join(" ") + " ");
        words.forEach(function (word) {
          var folded = fold(word);
          if (!page.words.has(folded)) {
            page.words.add(folded);
            var known = vocabulary.get(folded) || { form: word, pages: 0 };
            known.pages += 1;
            vocabulary.set(folded, known);
          }
        });
      });
    });
    var boosts = Array.from(pages.values()).map(function (page) { return page.boost; });
    return {
      split: split,
      pages: pages,
      vocabulary: vocabulary,
      highest: Math.max.apply(null, boosts),
      lowest: Math.min.apply(null, boosts)
    };
  }

  function fold(word) {
    return word.toLowerCase();
  }

  /* The query as words: Material's query syntax (+word, -word, word*,
   * word~1, word^2) taken off; words a reader excludes are left out. */
  function queryWords(query) {
    var words = [];
    String(query || "").trim().split(/\s+/).forEach(function (term) {
      if (/^-./.test(term)) {
        return;
      }
      term = term.replace(/^\+/, "").replace(/[~^]\d*$/, "").replace(/\*/g, "");
      site.split(term).forEach(function (word) { words.push(fold(word)); });
    });
    return words;
  }

  function holdsAll(set, words) {
    return words.length > 0 && words.every(function (word) { return set.has(word); });
  }

  function startsAWord(page, word) {
    for (var known of page.words) {
      if (known.length > word.length && known.lastIndexOf(word, 0) === 0) {
        return true;
      }
    }
    return false;
  }

  function rankKey(page, words, phrase, score) {
    var missing = 0;
    var partial = 0;
    words.forEach(function (word) {
      if (!page.words.has(word)) {
        if (startsAWord(page, word)) {
          partial += 1;
        } else {
          missing += 1;
        }
      }
    });
    var standing = 3;
    if (page.boost >= site.highest) {
      standing = 0;
    } else if (page.boost > site.lowest && holdsAll(page.names, words)) {
      standing = 1;
    } else if (page.boost > site.lowest && holdsAll(page.title, words)) {
      standing = 2;
    }
    var asPhrase = phrase !== null && page.sequences.some(function (sequence) {
      return sequence.indexOf(phrase) !== -1;
    });
    return [missing, partial, standing, -page.boost, asPhrase ? 0 : 1, -score];
  }

  function compareKeys(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        return a[i] - b[i];
      }
    }
    return 0;
  }

  function bestScore(group) {
    return group.reduce(function (best, item) { return Math.max(best, item.score || 0); }, 0);
  }

  /* One short passage around the first match. Material gives up to two
   * whole paragraphs (or a code block) per section, and a match far into
   * one is not seen. Its snippet is a slice of the page's HTML, not always
   * whole elements: this cuts text, then drops the elements left empty. */
  var BLOCKS = "p, li, dt, dd, td, th, pre, blockquote, h1, h2, h3, h4, h5, h6, figcaption";

  function focusSnippet(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var root = template.content;
    var mark = root.querySelector("mark");
    if (!mark) {
      return html;
    }
    Array.from(root.querySelectorAll("pre")).forEach(function (code) {
      if (!code.querySelector("mark")) {
        code.remove(); // a code block (the BibTeX) is no passage to read
      }
    });
    var block = mark.parentElement ? mark.parentElement.closest(BLOCKS) : null;
    var before = [];
    var after = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (mark.contains(node)) {
        continue;
      }
      if (mark.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING) {
        if (block && !block.contains(node)) {
          node.data = ""; // another paragraph before the match's own
        } else {
          before.push(node);
        }
      } else {
        after.push(node);
      }
    }
    cutBefore(before, SNIPPET_LEAD);
    cutAfter(after, SNIPPET_LENGTH - Math.min(SNIPPET_LEAD, length(before)));
    Array.from(root.querySelectorAll("*")).reverse().forEach(function (element) {
      if (!element.textContent.trim()) {
        element.remove();
      }
    });
    return template.innerHTML;
  }

  function length(texts) {
    return texts.reduce(function (sum, text) { return sum + text.data.length; }, 0);
  }

  /* Keep the last `keep` characters, from the start of a word. */
  function cutBefore(texts, keep) {
    for (var i = texts.length - 1; i >= 0; i--) {
      var text = texts[i];
      if (keep <= 0) {
        text.data = "";
      } else if (text.data.length <= keep) {
        keep -= text.data.length;
      } else {
        var tail = text.data.slice(text.data.length - keep);
        var space = tail.search(/\s/);
        text.data = "… " + (space === -1 ? tail : tail.slice(space + 1));
        keep = 0;
      }
    }
  }

  /* Keep the first `keep` characters, to the end of a word. */
  function cutAfter(texts, keep) {
    texts.forEach(function (text) {
      if (keep <= 0) {
        text.data = "";
      } else if (text.data.length <= keep) {
        keep -= text.data.length;
      } else {
        var head = text.data.slice(0, keep);
        var space = head.search(/\s\S*$/);
        text.data = (space > 0 ? head.slice(0, space) : head) + " …";
        keep = 0;
      }
    });
  }

  function marked(html) {
    return typeof html === "string" && html.indexOf("<mark>") !== -1;
  }

  /* Every section of a page carries the page's tags, so a word of its
   * names matches all of them: a section is listed when its own heading or
   * text has the match. The page itself always is; its snippet is left out
   * when the match is only in its title or tags, which show it. */
  function showsItsMatch(item) {
    return item.location.indexOf("#") === -1 || marked(item.title) || marked(item.text);
  }

  function inLanguage(html, lang) {
    return '<span lang="' + lang + '">' + html + "</span>";
  }

  function rank(result, query) {
    if (!site || !result || !Array.isArray(result.items) || result.items.length === 0) {
      return result;
    }
    var words = queryWords(query);
    var phrase = words.length > 1 ? " " + words.join(" ") + " " : null;
    var counted = Array.from(new Set(words.filter(function (word) { return word.length > 1; })));
    var entries = result.items.map(function (group) {
      var page = site.pages.get(pathOf(group[0].location));
      var score = bestScore(group);
      var key = page ? rankKey(page, counted, phrase, score) : [Infinity];
      return { group: group, key: key, score: score };
    });
    entries.sort(function (a, b) { return compareKeys(a.key, b.key); });
    // Material opens the result of the highest score on Enter, and within a
    // result compares each section's score with the first one's: scores that
    // follow this order, each result's own in the same proportions.
    var items = entries.map(function (entry, position) {
      var top = entry.score || 1;
      var shown = entry.group.filter(showsItsMatch);
      // A word found by its stem (Russian "миростроительство" in "миростроительства")
      // is not marked by Material's highlighter: the page's best section stays listed.
      var page = site.pages.get(pathOf(entry.group[0].location));
      return (shown.length ? shown : entry.group.slice(0, 1)).map(function (item) {
        var copy = Object.assign({}, item);
        copy.score = entries.length - position + 0.9 * (item.score || 0) / top;
        copy.text = marked(item.text) ? focusSnippet(item.text) : "";
        if (page && page.lang) {
          // Its words are English in this edition: marked, as the page itself is.
          copy.title = inLanguage(copy.title, page.lang);
          copy.text = copy.text && inLanguage(copy.text, page.lang);
        }
        return copy;
      });
    });
    return Object.assign({}, result, { items: items });
  }

  /* What a search found, for search-help.js: fetched the first time a
   * search finds nothing (most readers never need it), then told each time. */
  var helpAddress = document.currentScript && document.currentScript.getAttribute("data-search-help");
  var helpRequested = false;
  var helpReady = false;
  var latest = null;

  function announce(query, result) {
    latest = {
      query: query,
      found: result && Array.isArray(result.items) ? result.items.length : 0,
      words: site ? queryWords(query) : [],
      vocabulary: site ? site.vocabulary : new Map()
    };
    if (helpReady) {
      tell(latest);
    } else if (!helpRequested && helpAddress && latest.found === 0 && query.trim()) {
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

  function RankedWorker(url, options) {
    var inner = new Inner(url, options);
    var outer = document.createElement("span"); // an EventTarget, as lazy-search.js makes
    var queries = []; // in the order sent: the worker answers in that order
    outer.postMessage = function (message) {
      if (message && message.type === SETUP && message.data) {
        try {
          site = readIndex(message.data);
        } catch (error) {
          site = null; // Material's own order, rather than no search
        }
      } else if (message && message.type === QUERY) {
        queries.push(String(message.data));
        if (typeof window.reportStemQuery === "function") {
          // Without its endings, in the edition's language (search-stem.js); ranked by the words typed.
          message = { type: QUERY, data: window.reportStemQuery(String(message.data)) };
        }
      }
      inner.postMessage(message);
    };
    outer.terminate = function () {
      inner.terminate();
    };
    inner.addEventListener("message", function (event) {
      var message = event.data;
      var query = null;
      if (message && message.type === RESULT) {
        query = queries.length ? queries.shift() : "";
        try {
          message = { type: RESULT, data: rank(message.data, query) };
        } catch (error) {
          console.warn("search-ranking: results left in lunr's order", error);
        }
      }
      outer.dispatchEvent(new MessageEvent("message", { data: message }));
      if (query !== null) {
        announce(query, message.data);
      }
    });
    ["messageerror", "error"].forEach(function (type) {
      inner.addEventListener(type, function () {
        outer.dispatchEvent(new Event(type));
      });
    });
    return outer;
  }

  window.Worker = RankedWorker;

  // Material searches on keyup; text pasted with the mouse, dictated, or
  // typed through an input method ("Карабах" on a Latin keyboard) may
  // change the field with no key released. Pass such input on as one.
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!event.isComposing && target.matches && target.matches("[data-md-component=search-query]")) {
      target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });
})();
