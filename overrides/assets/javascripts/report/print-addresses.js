/* On paper a link cannot be followed: print.css prints, after each link
 * that leads off the printed page, the address it leads to. CSS alone can
 * only repeat the href, and the site's own links are relative ("../report/"),
 * which on paper lead nowhere. This gives each link of the page's text the
 * full public address in `data-print-address`:
 *
 * - a link to the site's own pages: the site's public address (site_url in
 *   mkdocs.yml, given on this script's tag) and the page's path, also when
 *   the page is read from the offline edition (`report.html` is `report/`);
 * - a link to another site: its address as it is;
 * - a link to a place on the same page, or whose text already is its
 *   address: none (empty), and an address printed once on a page is not
 *   printed again after a later link to it.
 *
 * The addresses are worked out when the browser is about to print
 * ("beforeprint": the print dialog, Ctrl+P, and Chromium's own PDF
 * printing all send it), not as the page loads: most readers never print,
 * and a slow phone has better things to do while a page opens. */
(function () {
  "use strict";
  var script = document.currentScript;
  var publicRoot = script && script.getAttribute("data-site-url");
  var directoryUrls = script && script.getAttribute("data-directory-urls") === "true";
  var configuration = document.getElementById("__config");
  var siteRoot;
  try {
    siteRoot = new URL(JSON.parse(configuration.textContent).base, location.href);
  } catch (error) {
    return; // without Material's configuration print.css prints external addresses only
  }
  if (!/\/$/.test(siteRoot.pathname)) {
    siteRoot = new URL(siteRoot.pathname + "/", siteRoot);
  }
  var here = new URL(location.href);

  function publicAddress(url) {
    var inside = url.protocol === siteRoot.protocol && url.host === siteRoot.host &&
      url.pathname.lastIndexOf(siteRoot.pathname, 0) === 0;
    if (!inside || !publicRoot) {
      return url.href;
    }
    var path = url.pathname.slice(siteRoot.pathname.length);
    if (!directoryUrls) {
      // The offline edition names files; the site names folders.
      path = path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
    }
    return new URL(path + url.search + url.hash, publicRoot).href;
  }

  function comparable(address) {
    return address.trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/^www\./, "").replace(/\/$/, "");
  }

  function samePage(url) {
    return url.protocol === here.protocol && url.host === here.host &&
      url.pathname === here.pathname && url.search === here.search;
  }

  function markLinks() {
    var printed = new Set();
    document.querySelectorAll(".md-content .md-typeset a[href]").forEach(function (link) {
      var url;
      try {
        url = new URL(link.getAttribute("href"), location.href);
      } catch (error) {
        return;
      }
      var address = "";
      if (/^(https?|file):$/.test(url.protocol) && !samePage(url)) {
        address = publicAddress(url);
      } else if (url.protocol === "mailto:") {
        address = decodeURIComponent(url.pathname);
      }
      var key = comparable(address);
      if (!address || printed.has(key) || comparable(link.textContent) === key) {
        address = "";
      }
      if (address) {
        printed.add(key);
      } else if (key && comparable(link.textContent) === key) {
        printed.add(key); // the text says it: printed once already
      }
      link.setAttribute("data-print-address", address);
    });
  }

  window.addEventListener("beforeprint", markLinks);
})();
