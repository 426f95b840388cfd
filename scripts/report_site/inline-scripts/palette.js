/* Put back the palette the reader chose, or the one their system asks for,
 * before the page is painted, so a dark-palette reader never sees a white
 * flash; and show the button that switches away from it. Material's bundle
 * does both too, but it loads only when the reader first uses the page
 * (load-on-use.js). Runs right after the palette form in the header
 * (partials/javascripts/palette.html), whose options give each palette's
 * colours and the system setting it stands for. window.reportChoosePalette
 * switches to another option (buttons.js calls it when a palette button is
 * pressed) and stores the choice where Material looks for it.
 *
 * Inlined into every page; the Content-Security-Policy allows it by its
 * hash (security_policy.py), so everything above this line is left out of
 * the page and the hash. */
(function () {
  "use strict";
  var form = document.querySelector("[data-md-component=palette]");
  if (!form) {
    return;
  }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
  if (!inputs.length) {
    return;
  }

  function colorOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent")
    };
  }

  function apply(index, color) {
    var shown = color;
    if (color.media === "(prefers-color-scheme)") {
      // "Automatic": the colours of the option for the system's setting now.
      var media = matchMedia("(prefers-color-scheme: light)").matches
        ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
      var option = form.querySelector('[data-md-color-media="' + media + '"]');
      if (option) {
        shown = colorOf(option);
        shown.media = color.media;
      }
    }
    Object.keys(shown).forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, shown[key]);
    });
    inputs.forEach(function (input, position) {
      var toggle = input.nextElementSibling;
      if (toggle instanceof HTMLElement) {
        toggle.hidden = position !== index;
      }
    });
  }

  var saved = window.__md_get && __md_get("__palette");
  var index = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(function (input) {
    return matchMedia(input.getAttribute("data-md-color-media")).matches;
  });
  index = Math.max(0, Math.min(index, inputs.length - 1));
  apply(index, saved && saved.color ? saved.color : colorOf(inputs[index]));

  window.reportChoosePalette = function (input) {
    var chosen = inputs.indexOf(input);
    if (chosen === -1) {
      return;
    }
    var choice = { index: chosen, color: colorOf(input) };
    apply(choice.index, choice.color);
    if (window.__md_set) {
      __md_set("__palette", choice);
    }
  };
})();
