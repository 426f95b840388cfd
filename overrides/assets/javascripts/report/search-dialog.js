/* Material's search box is a role="dialog" element without a name, which
 * screen readers announce as an unnamed dialog (axe: aria-dialog-name).
 * Name it after the search field's own label. Runs right after the header. */
(function () {
  "use strict";
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var field = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (field && field.getAttribute("aria-label")) || "Search");
  }
})();
