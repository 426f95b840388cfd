/* Search in the offline edition, opened from the file system.
 *
 * Material for MkDocs runs its search in a Web Worker, and browsers refuse
 * to start a worker from a file:// page. Material's answer is a shim loaded
 * from a public CDN that writes an inline script into a frame: that is a
 * third-party request, and the site's Content-Security-Policy forbids inline
 * scripts. This stands in for `Worker` instead: the worker's script runs in
 * a hidden frame of the site's own (worker-frame.html, beside this file),
 * and the two talk over a MessageChannel, as a page and a worker do.
 *
 * Loaded only by the offline edition, and only takes over on file:. */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }
  var frameAddress = new URL("worker-frame.html", document.currentScript.src);

  class FrameWorker extends EventTarget {
    constructor(scriptAddress) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.pending = []; // messages sent before the frame is ready
      this.port = null;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.setAttribute("aria-hidden", "true");
      frame.setAttribute("tabindex", "-1");
      frame.title = "Search";
      frame.src = frameAddress.href + "#" + encodeURIComponent(new URL(scriptAddress, location).href);
      frame.addEventListener("load", () => this.connect());
      this.frame = frame;
      document.body.appendChild(frame);
    }

    connect() {
      var channel = new MessageChannel();
      channel.port1.onmessage = (event) => {
        var message = new MessageEvent("message", { data: event.data });
        this.dispatchEvent(message);
        if (typeof this.onmessage === "function") {
          this.onmessage(message);
        }
      };
      // The frame's document is a file: page with an opaque origin: "*" is the only target that reaches it.
      this.frame.contentWindow.postMessage("report-site:worker-port", "*", [channel.port2]);
      this.port = channel.port1;
      this.pending.splice(0).forEach((data) => this.port.postMessage(data));
    }

    postMessage(data) {
      if (this.port) {
        this.port.postMessage(data);
      } else {
        this.pending.push(data);
      }
    }

    terminate() {
      if (this.port) {
        this.port.close();
      }
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
