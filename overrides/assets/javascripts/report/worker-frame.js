/* Inside the hidden frame that stands in for a Web Worker in the offline
 * edition (see file-worker.js): give the worker's script the globals a
 * worker has (postMessage, importScripts, message events), then load it. */
(function () {
  "use strict";
  var port = null;
  var early = []; // answers the script gives before the page's port arrives
  var page = window.parent;
  // The page is a file: document of another (opaque) origin: merely asking it
  // for a property throws, and Material's worker asks `"IFrameWorker" in parent`
  // to find its language files. Hidden, the worker takes its usual relative
  // path, which resolves from this frame to the same files.
  window.parent = undefined;

  // Registered before the worker's script loads, so it sees the handshake first.
  window.addEventListener("message", function (event) {
    if (event.source !== page || event.data !== "report-site:worker-port" || !event.ports.length) {
      return;
    }
    event.stopImmediatePropagation();
    port = event.ports[0];
    port.onmessage = function (message) {
      window.dispatchEvent(new MessageEvent("message", { data: message.data }));
    };
    early.splice(0).forEach(function (data) { port.postMessage(data); });
  });

  window.postMessage = function (data) {
    if (port) {
      port.postMessage(data);
    } else {
      early.push(data);
    }
  };

  window.importScripts = function () {
    var addresses = Array.prototype.slice.call(arguments);
    return addresses.reduce(function (previous, address) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = address;
          script.onload = resolve;
          script.onerror = reject;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };

  var address = new URL(decodeURIComponent(location.hash.slice(1)), location.href);
  // Only the edition's own files: the frame never loads anything else.
  if (address.protocol !== location.protocol) {
    throw new Error("worker-frame: refusing to load " + address.href);
  }
  var worker = document.createElement("script");
  worker.src = address.href;
  document.body.appendChild(worker);
})();
