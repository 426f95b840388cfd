// Material's bundle requests "sitemap.xml" beside every <link rel="alternate">
// of a page, to keep a reader on the same page when the language changes: it
// expects those links to be each edition's home page. This site's alternates
// are the page itself in each edition (hreflang, for search engines), and its
// switcher links each one directly, so those requests would only ask for
// addresses that do not exist (or, from a copy of the site on another host,
// break its Content-Security-Policy). The edition's feed is linked the same
// way (rel="alternate" type="application/atom+xml", overrides/partials/head-feed.html),
// and at the public address: beside it Material would ask for that address's
// sitemap. They end here, as failed requests that Material ignores, without
// reaching the network.
(function () {
  "use strict";
  function isAlternatesSitemap(address) {
    if (!/\/sitemap\.xml$/.test(address)) return false;
    var links = document.querySelectorAll('link[rel="alternate"]');
    for (var i = 0; i < links.length; i++) {
      if (new URL("sitemap.xml", links[i].href).href === address) return true;
    }
    return false;
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, address) {
    this.reportNotSent = isAlternatesSitemap(new URL(String(address), location.href).href);
    if (!this.reportNotSent) return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.reportNotSent) return send.apply(this, arguments);
    var request = this;
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
  };
})();
