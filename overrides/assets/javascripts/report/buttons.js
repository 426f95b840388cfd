/* The buttons that stand in for Material's <label> controls (see the
 * comments atop overrides/partials/header.html, palette.html, search.html,
 * nav-item.html and toc.html). Material's styles and script keep their state
 * in checkboxes and radio buttons, so a button does what Material's label
 * did: it clicks the element whose id it names in data-report-click. Here
 * also what a label cannot do for a keyboard or screen-reader user:
 * - aria-expanded follows the checkbox a button opens;
 * - focus goes where the reader's attention goes (into a drawer panel the
 *   button opened, back to the button that opened it, to the palette button
 *   that replaced the one pressed);
 * - Escape closes the drawer;
 * - search results' tags are not landmarks (see unlandmarkTags);
 * - Material's abbreviation tooltips, which it adds at the end of <body>
 *   and which repeat what the abbreviation's aria-describedby already says,
 *   are hidden from screen readers (axe: region). */
(function () {
  "use strict";

  function isShown(element) {
    return !!element && element.getClientRects().length > 0;
  }

  function buttonsFor(id) {
    return document.querySelectorAll('button[data-report-click="' + id + '"][aria-expanded]');
  }

  function syncExpanded(checkbox) {
    buttonsFor(checkbox.id).forEach(function (button) {
      button.setAttribute("aria-expanded", checkbox.checked ? "true" : "false");
    });
  }

  // The drawer panel a checkbox opens has the checkbox's id and "_group".
  function panelOf(id) {
    return document.getElementById(id + "_group");
  }

  document.addEventListener("change", function (event) {
    var control = event.target;
    if (control instanceof HTMLInputElement && control.type === "checkbox" && control.id) {
      syncExpanded(control);
    } else if (control instanceof HTMLInputElement && control.name === "__palette" &&
               typeof window.reportChoosePalette === "function") {
      // Also before Material's bundle has come (load-on-use.js): palette.js
      // switches as Material does, and stores the choice where it looks.
      window.reportChoosePalette(control);
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-report-click]");
    if (!button) {
      return;
    }
    var id = button.getAttribute("data-report-click");
    var control = document.getElementById(id);
    if (!control) {
      return;
    }
    control.click();
    if (button.classList.contains("report-palette-button")) {
      // Material shows the next palette's button and hides this one.
      var shown = button.form && button.form.querySelector(".report-palette-button:not([hidden])");
      if (shown && shown !== button) {
        shown.focus();
      }
    } else if (button.classList.contains("md-nav__title")) {
      // A drawer panel's back button: back to the button that opened the panel.
      var opener = document.querySelector('button[aria-controls="' + id + '_group"]');
      if (isShown(opener)) {
        opener.focus({ preventScroll: true });
      }
    } else if (button.getAttribute("aria-controls") && control.checked) {
      // A drawer panel slides in (phones): start at its back button. On a
      // wide screen the section opens in place and the title is not shown.
      var panel = panelOf(id);
      var back = panel && panel.querySelector(":scope > .md-nav__title");
      if (isShown(back)) {
        back.focus({ preventScroll: true });
      }
    } else if (button.classList.contains("report-search-close")) {
      var opener2 = document.querySelector(".report-search-button");
      if (isShown(opener2)) {
        opener2.focus();
      }
    }
  });

  // Material switches the palette on Enter anywhere in the palette form (for
  // its radio buttons): on our button that would switch twice, or hide the
  // button before it is pressed. The button's own Enter is enough.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.closest && event.target.closest(".report-palette-button")) {
      event.stopPropagation();
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.click();
      var menu = document.querySelector(".report-drawer-button");
      if (isShown(menu)) {
        menu.focus();
      }
    }
  });

  function hideTooltip(node) {
    if (node instanceof HTMLElement && node.classList.contains("md-tooltip2")) {
      node.setAttribute("aria-hidden", "true");
    }
  }

  // Material draws a search result's tags as a <nav> without a name or a
  // link: one more unnamed navigation landmark per result (axe:
  // landmark-unique). The same tags in a plain <div>; none at all for a
  // page without tags (Material draws an empty <nav> for those too).
  function unlandmarkTags(node) {
    if (!(node instanceof HTMLElement)) {
      return;
    }
    node.querySelectorAll("nav.md-tags").forEach(function (nav) {
      if (!nav.querySelector(".md-tag")) {
        nav.remove();
        return;
      }
      var list = document.createElement("div");
      list.className = nav.className;
      while (nav.firstChild) {
        list.appendChild(nav.firstChild);
      }
      nav.replaceWith(list);
    });
  }

  function start() {
    // A browser may have restored checkboxes from an earlier visit.
    document.querySelectorAll("input.md-toggle[type=checkbox][id]").forEach(syncExpanded);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(hideTooltip);
      });
    }).observe(document.body, { childList: true });
    var results = document.querySelector(".md-search-result__list");
    if (results) {
      new MutationObserver(function (records) {
        records.forEach(function (record) {
          record.addedNodes.forEach(unlandmarkTags);
        });
      }).observe(results, { childList: true });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
