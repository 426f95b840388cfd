/* Tooltips for the page's titled elements (an abbreviation's expansion, a
 * heading's "Link to this section"), with Material's markup and styles, built
 * when the reader first points at, taps or focuses one.
 *
 * Material's own (the theme feature content.tooltips) sets up watchers for
 * every titled element as the page loads: on a page with twenty
 * abbreviations that is a fifth of a second of a slow phone's main thread
 * before the page answers a tap. This listens once, on the document, and
 * costs nothing until it is used. While a tooltip shows, the element's title
 * moves aside (so the browser's own tooltip does not show too) and the
 * element is described by the tooltip; Escape hides it. */
(function () {
  "use strict";
  var SELECTOR = "[data-md-component=content] [title]";
  var HIDE_AFTER = 250; // ms after the pointer leaves, as Material's
  var current = null; // {host, node, title}
  var hiding = 0;
  var count = 0;

  function titled(target) {
    return target && target.closest ? target.closest(SELECTOR + ", [data-report-title]") : null;
  }

  function show(host) {
    clearTimeout(hiding);
    if (current && current.host === host) {
      return;
    }
    hide(true);
    var title = host.getAttribute("title");
    if (!title) {
      return;
    }
    var node = document.createElement("div");
    node.className = "md-tooltip2 md-tooltip2--bottom";
    node.setAttribute("role", "tooltip");
    node.id = "__report_tooltip_" + (++count);
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = title;
    node.appendChild(inner);
    host.removeAttribute("title");
    host.setAttribute("data-report-title", title);
    host.setAttribute("aria-describedby", node.id);
    document.body.appendChild(node);
    var box = host.getBoundingClientRect();
    node.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    node.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    node.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    node.style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    node.style.setProperty("--md-tooltip-width", inner.offsetWidth + "px");
    node.style.setProperty("--md-tooltip-tail", "0px");
    current = {host: host, node: node, title: title};
    requestAnimationFrame(function () {
      node.classList.add("md-tooltip2--active"); // on the next frame, so it fades in
    });
  }

  function hide(now) {
    clearTimeout(hiding);
    var shown = current;
    if (!shown) {
      return;
    }
    var release = function () {
      shown.host.setAttribute("title", shown.title);
      shown.host.removeAttribute("data-report-title");
      shown.host.removeAttribute("aria-describedby");
      current = null;
    };
    if (now) {
      release();
      shown.node.remove();
      return;
    }
    hiding = setTimeout(function () {
      release();
      shown.node.classList.remove("md-tooltip2--active"); // fades out, then goes
      setTimeout(function () { shown.node.remove(); }, HIDE_AFTER);
    }, HIDE_AFTER);
  }

  document.addEventListener("mouseover", function (event) {
    var host = titled(event.target);
    if (host) {
      show(host);
    } else if (current) {
      hide(false);
    }
  });
  document.addEventListener("focusin", function (event) {
    var host = titled(event.target);
    if (host) {
      show(host);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (current && titled(event.target) === current.host) {
      hide(false);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      hide(true);
    }
  });
})();
