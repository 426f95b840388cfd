/* Put back the palette the reader chose before the page is painted, so a
 * dark-palette reader never sees a white flash. Runs right after the
 * palette form in the header (partials/javascripts/palette.html), whose
 * options give the colours of "automatic" (follow the system). Without a
 * stored choice the palette follows the system setting.
 *
 * Inlined into every page; the Content-Security-Policy allows it by its
 * hash (security_policy.py), so everything above this line is left out of
 * the page and the hash. */
(function () {
  "use strict";
  var saved = window.__md_get && __md_get("__palette");
  if (!saved || !saved.color) {
    return;
  }
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    var media = matchMedia("(prefers-color-scheme: light)").matches
      ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
    var option = document.querySelector('[data-md-color-media="' + media + '"]');
    if (option) {
      color = {
        media: media,
        scheme: option.getAttribute("data-md-color-scheme"),
        primary: option.getAttribute("data-md-color-primary"),
        accent: option.getAttribute("data-md-color-accent")
      };
    }
  }
  Object.keys(color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, color[key]);
  });
})();
