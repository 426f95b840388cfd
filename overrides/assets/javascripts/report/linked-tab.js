/* When the address points at a tab of a tabbed block, open that tab
 * (Material does this with an inline script, which the site's
 * Content-Security-Policy forbids). */
(function () {
  "use strict";
  var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) {
    target.checked = true;
  }
})();
