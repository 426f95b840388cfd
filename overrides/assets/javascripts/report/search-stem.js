/* Words as readers type them in Russian, Armenian and Azerbaijani carry
 * endings (case, number, possession): "миростроительство" is in the report
 * as "миростроительства" and "миростроительству". Material's search
 * matches the beginnings of words and stems nothing (a stemmed index finds
 * nothing with its queries), so each typed word loses its ending here, in
 * the edition's language, before the query reaches the search worker
 * (search-ranking.js asks): "миростроительств" begins every form. A word is
 * never cut shorter than MIN_STEM letters. The endings are the common
 * inflections of each language, longest first. */
(function () {
  "use strict";
  var MIN_STEM = 3;
  var ENDINGS = {
    ru: ["иями", "ями", "ами", "его", "ого", "ему", "ому", "ыми", "ими", "иях", "ием", "ией", "ах", "ях", "ов", "ев", "ей",
         "ам", "ям", "ом", "ем", "ой", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ую", "юю", "ия", "ие", "ии", "ью",
         "а", "я", "о", "е", "у", "ю", "ы", "и", "ь"],
    hy: ["ներից", "ներով", "ներում", "ների", "ները", "երից", "երով", "երում", "երի", "երը", "եր", "ներ", "ից", "ում", "ով",
         "ին", "ն", "ը", "ի"],
    az: ["larından", "lərindən", "larında", "lərində", "ların", "lərin", "ları", "ləri", "lardan", "lərdən", "larda", "lərdə",
         "lara", "lərə", "larla", "lərlə", "nın", "nin", "nun", "nün", "dan", "dən", "tan", "tən", "da", "də", "ta", "tə",
         "la", "lə", "ın", "in", "un", "ün", "lar", "lər", "ya", "yə", "sı", "si", "su", "sü", "ı", "i", "u", "ü", "a", "ə"]
  };
  var language = (document.documentElement.getAttribute("lang") || "").split("-")[0];
  var endings = ENDINGS[language];
  if (!endings) {
    return;
  }
  endings = endings.slice().sort(function (a, b) { return b.length - a.length; });

  function stem(word) {
    if (/[*+^~:"]/.test(word)) {
      return word; // lunr's own query syntax: left as typed
    }
    var lower = word.toLocaleLowerCase(language);
    for (var i = 0; i < endings.length; i++) {
      var ending = endings[i];
      if (lower.length - ending.length >= MIN_STEM && lower.slice(-ending.length) === ending) {
        return word.slice(0, word.length - ending.length);
      }
    }
    return word;
  }

  window.reportStemQuery = function (query) {
    return String(query).split(/(\s+)/).map(function (part) { return /\s/.test(part) ? part : stem(part); }).join("");
  };
})();
