/* When a search finds nothing: say what the site covers and in which
 * languages (the template partials/search-help.html), and offer the words
 * of the site closest to what was typed, instead of only Material's "No
 * matching documents".
 *
 * Closest means fewest edits (a letter added, dropped, changed or two
 * swapped) once the typed word is written in Latin letters: Russian and
 * Armenian letters are transliterated and accents dropped, so that
 * "Карабах" offers "Karabakh". The words come from the search index, as
 * search-ranking.js read it (which loads this file the first time a search
 * finds nothing); each is a link that searches for it. */
(function () {
  "use strict";
  var MOST = 6; // suggestions offered

  var CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"
  };
  var ARMENIAN = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y", "թ": "t",
    "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh",
    "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch", "պ": "p", "ջ": "j",
    "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "ւ": "v", "փ": "p", "ք": "k",
    "օ": "o", "ֆ": "f", "և": "ev"
  };
  var OTHER_LETTERS = { "ə": "a", "ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe" };

  function inLatinLetters(word) {
    return Array.from(word.toLowerCase()).map(function (letter) {
      return CYRILLIC[letter] !== undefined ? CYRILLIC[letter]
        : ARMENIAN[letter] !== undefined ? ARMENIAN[letter]
        : OTHER_LETTERS[letter] !== undefined ? OTHER_LETTERS[letter]
        : letter;
    }).join("").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* Edits between two words (optimal string alignment), or limit + 1 once
   * it is clear the words are further apart than that. */
  function edits(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) {
      previous.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest > limit) {
        return limit + 1;
      }
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* The closest words, best first; when several words were typed and each
   * has a closest one, first of all those words together, in typed order. */
  function closestTerms(typed, vocabulary) {
    var words = Array.from(new Set(typed));
    var closest = words.map(function (word) { return closestWords([word], vocabulary); });
    var terms = [];
    if (words.length > 1 && closest.every(function (list) { return list.length > 0; })) {
      terms.push(closest.map(function (list) { return list[0]; }).join(" "));
    }
    return terms.concat(closestWords(words, vocabulary)).slice(0, MOST);
  }

  function closestWords(typed, vocabulary) {
    var found = [];
    typed.forEach(function (word) {
      var latin = inLatinLetters(word);
      if (latin.length < 2) {
        return;
      }
      var limit = Math.max(1, Math.round(latin.length * 0.4));
      vocabulary.forEach(function (known, candidate) {
        if (candidate.length < 3 || !/[a-z]/.test(candidate) || candidate === word) {
          return;
        }
        var distance = edits(latin, inLatinLetters(candidate), limit);
        if (distance <= limit) {
          found.push({ form: known.form, distance: distance, pages: known.pages, candidate: candidate });
        }
      });
    });
    found.sort(function (a, b) {
      return a.distance - b.distance || b.pages - a.pages || a.candidate.localeCompare(b.candidate);
    });
    var seen = new Set();
    return found.filter(function (entry) {
      if (seen.has(entry.candidate)) {
        return false;
      }
      seen.add(entry.candidate);
      return true;
    }).slice(0, MOST).map(function (entry) { return entry.form; });
  }

  function searchFor(term) {
    var field = document.querySelector("[data-md-component=search-query]");
    if (!field) {
      return;
    }
    field.value = term;
    field.focus();
    // Material reads the field on keyup.
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  function show(detail) {
    var results = document.querySelector("[data-md-component=search-result]");
    if (!results) {
      return;
    }
    var shown = results.querySelector(".search-help");
    if (shown) {
      shown.remove();
    }
    var template = document.getElementById("search-help");
    if (detail.found > 0 || !detail.query.trim() || !template) {
      return;
    }
    var help = template.content.firstElementChild.cloneNode(true);
    help.querySelector(".search-help__query").textContent = detail.query.trim();
    var closest = closestTerms(detail.words, detail.vocabulary);
    if (closest.length) {
      var list = help.querySelector(".search-help__terms");
      closest.forEach(function (term, position) {
        var link = document.createElement("a");
        link.href = "?q=" + encodeURIComponent(term);
        link.className = "search-help__term";
        link.textContent = term;
        link.addEventListener("click", function (event) {
          // Search here, without leaving the page (Material closes search on a link).
          event.preventDefault();
          event.stopPropagation();
          searchFor(term);
        });
        if (position > 0) {
          list.appendChild(document.createTextNode(", "));
        }
        list.appendChild(link);
      });
      help.querySelector(".search-help__closest").hidden = false;
    }
    offerOtherEditions(help, detail.query, template.getAttribute("data-script"));
    var meta = results.firstElementChild;
    meta.parentNode.insertBefore(help, meta.nextSibling);
  }

  /* A search typed in another alphabet than this edition's (Armenian letters
   * in the Russian edition, Cyrillic in the English one): offer the editions
   * written in that alphabet, each link searching there for the same words. */
  var SCRIPTS = { Armn: /[\u0530-\u058F\uFB13-\uFB17]/, Cyrl: /[\u0400-\u04FF]/, Latn: /[A-Za-z\u00C0-\u024F\u0259]/ };

  function offerOtherEditions(help, query, ownScript) {
    var offer = help.querySelector(".search-help__other-script");
    if (!offer) {
      return;
    }
    var typed = Object.keys(SCRIPTS).filter(function (script) { return SCRIPTS[script].test(query); });
    var shown = 0;
    Array.prototype.forEach.call(offer.querySelectorAll(".search-help__edition"), function (link) {
      var script = link.getAttribute("data-script");
      var wanted = script !== ownScript && typed.indexOf(script) !== -1;
      link.hidden = !wanted;
      if (wanted) {
        link.href = link.getAttribute("data-home") + "?q=" + encodeURIComponent(query.trim());
        shown += 1;
      }
    });
    offer.hidden = shown === 0;
  }

  document.addEventListener("report:search-result", function (event) {
    show(event.detail);
  });
})();
