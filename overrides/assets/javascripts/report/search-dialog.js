/* Two gaps in Material's search markup, closed for keyboard and screen-reader
 * users. Runs right after the header.
 *
 * 1. The search box is a role="dialog" element without a name, announced as
 *    an unnamed dialog (axe: aria-dialog-name): name it after its field.
 * 2. On narrow screens the header's search button is a <label>, which Tab
 *    skips: make it a focusable button that Enter and Space press. */
(function () {
  "use strict";
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var field = document.querySelector(".md-search__input");
  var name = (field && field.getAttribute("aria-label")) || "Search";
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", name);
  }
  var button = document.querySelector('.md-header__button[for="__search"]');
  if (button) {
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", name);
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        button.click();
      }
    });
  }
})();
