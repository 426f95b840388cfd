/* Reading without a connection after a visit (scripts/report_site/offline_reading.py).
 *
 * Added by load-on-use.js once the page has loaded, over http(s) only. It
 * registers the edition's service worker (sw.js at the edition's root, so
 * that its scope is the edition) and then:
 * - asks it to keep this page and what the page loaded: the first page a
 *   reader opens loaded before any worker could see it;
 * - says so when the page shown is the copy kept on this device because the
 *   network failed, with the date it was kept, in the edition's language;
 * - runs the "Keep this edition offline" control (overrides/partials/
 *   keep-offline.html): progress, done, failed, and removing what is kept;
 * - keeps the edition's home page too once the reader adds the edition to the
 *   home screen: the app opens there (manifest.webmanifest's start_url).
 * The worker does the keeping; this only asks it, over a MessageChannel. */
(function () {
  "use strict";
  var root = new URL(document.currentScript.dataset.editionRoot || "./", location.href).href;
  var language = document.documentElement.lang || undefined;

  function longDate(iso) {
    var date = new Date(iso);
    try {
      return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short" }).format(date);
    } catch (error) {
      return date.toISOString().slice(0, 16).replace("T", " ");
    }
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? values[name] : whole;
    });
  }

  // One question to the worker; `onUpdate` receives the messages it sends before its answer.
  function ask(worker, message, onUpdate) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        if (event.data && event.data.type === "progress" && onUpdate) {
          onUpdate(event.data);
        } else {
          resolve(event.data || {});
        }
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  function showSavedCopy(savedOn) {
    var notice = document.querySelector(".saved-copy");
    if (!notice || !savedOn) {
      return;
    }
    notice.textContent = fill(notice.dataset.text, { date: longDate(savedOn) });
    notice.hidden = false;
  }

  function setUpControl(worker, kept, keptFiles) {
    var control = document.querySelector(".keep-offline");
    if (!control) {
      return;
    }
    var keep = control.querySelector(".keep-offline__keep");
    var pdfs = control.querySelector(".keep-offline__pdfs");
    var remove = control.querySelector(".keep-offline__remove");
    var progressLine = control.querySelector(".keep-offline__progress");
    var progress = progressLine.querySelector("progress");
    var status = control.querySelector(".keep-offline__status");

    function showKept(state) {
      status.textContent = fill(control.dataset.done, { date: longDate(state.on) });
      remove.hidden = false;
      if (pdfs) {
        pdfs.checked = !!state.pdfs;
      }
    }

    keep.addEventListener("click", function () {
      keep.disabled = true;
      progress.value = 0;
      progressLine.hidden = false;
      status.textContent = fill(control.dataset.saving, { percent: 0 });
      ask(worker, { type: "keep-edition", pdfs: !!(pdfs && pdfs.checked) }, function (update) {
        var percent = update.total ? Math.floor((100 * update.done) / update.total) : 0;
        progress.value = percent;
        status.textContent = fill(control.dataset.saving, { percent: percent });
      }).then(function (answer) {
        keep.disabled = false;
        progressLine.hidden = true;
        if (answer.type === "kept") {
          showKept(answer);
        } else {
          status.textContent = control.dataset.failed;
        }
      });
    });

    remove.addEventListener("click", function () {
      ask(worker, { type: "remove" }).then(function () {
        remove.hidden = true;
        status.textContent = control.dataset.removed;
      });
    });

    if (kept) {
      showKept(kept);
    } else if (keptFiles) {
      remove.hidden = false; // pages read are kept: the reader may remove them too
    }
    control.hidden = false;
  }

  navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    var worker = registration.active;
    var addresses = [location.href];
    performance.getEntriesByType("resource").forEach(function (entry) {
      if (entry.name.indexOf(root) === 0) {
        addresses.push(entry.name);
      }
    });
    // Added to the home screen (manifest.webmanifest): the app opens at the edition's
    // home page, so that is kept too, even offline at the next launch.
    if (window.matchMedia("(display-mode: standalone)").matches) {
      addresses.push(root);
    }
    window.addEventListener("appinstalled", function () {
      ask(worker, { type: "keep-page", addresses: [root] });
    });
    ask(worker, { type: "keep-page", addresses: addresses });
    return ask(worker, { type: "status" }).then(function (answer) {
      showSavedCopy(answer.savedCopy);
      setUpControl(worker, answer.kept, answer.keptFiles);
    });
  }).catch(function () {
    // No worker (private browsing in some browsers, storage refused): the
    // page reads as it would without one, and the control stays hidden.
  });
})();
