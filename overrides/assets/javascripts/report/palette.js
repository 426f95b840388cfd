/* Put back the palette the reader chose, before the page is painted, so a
 * dark-palette reader never sees a white flash (Material does this with an
 * inline script, which the site's Content-Security-Policy forbids).
 * Runs right after the palette form in the header. */
(function () {
  "use strict";
  var saved = window.__md_get && __md_get("__palette");
  if (!saved || !saved.color) {
    return; // no choice stored: the palette follows the system setting
  }
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    // "Automatic": take the colours of the option matching the system now.
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var media = light ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
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
