/* The service worker of one edition: published as sw.js at the edition's
 * root, so its scope is the edition (scripts/report_site/offline_reading.py
 * says why it exists). Registered by offline-reading.js after the page loads.
 *
 * - Pages come from the network when it answers (a new build reaches the
 *   reader at once) and from what this device kept when it does not.
 *   Files whose names carry their content's hash come from what is kept first.
 * - What is kept: each page the reader opens and what it loads; the whole
 *   edition (its pages, search index and scripts, and the PDFs if asked) only
 *   when the reader asks. Nothing else.
 * - Kept files belong to one build at a time. offline-manifest.json lists
 *   every file of the current build with its SHA-256; a response is kept only
 *   when its bytes have the listed hash, and when a new build appears the
 *   kept files move to it as a whole: unchanged ones copied, changed ones
 *   fetched again, gone ones dropped. If that cannot finish (the connection
 *   drops), the old build stays, whole: a page is never shown with a script
 *   or stylesheet of another build.
 * - Other editions under this scope (ru/, hy/, az/ under the English root)
 *   are left to their own workers. */
"use strict";

var SCOPE = self.registration.scope; // ends with "/"
var MANIFEST_URL = SCOPE + "offline-manifest.json";
var FORMAT = "report-offline/1"; // changes if the way things are kept changes
var PREFIX = FORMAT + " " + SCOPE + " ";
var STATE_CACHE = PREFIX + "state";
var STATE_URL = SCOPE + "offline-state.json"; // a key in STATE_CACHE, never fetched
var SAVED_HEADER = "x-report-kept-on";
var HASH_HEADER = "x-report-sha256";
var NOT_SAVED = "offline.html";
// How long a page waits for a network that does not answer before the kept copy is shown.
var NETWORK_PATIENCE_MS = 8000;
var MANIFEST_FRESH_MS = 30000;
var HASHED_NAME = /\.[0-9a-f]{8,}\.min\.(js|css)$/;

var savedCopies = new Map(); // client id -> when the kept copy it was shown was kept
var latest = null; // {manifest, at}: the last manifest fetched
var queue = Promise.resolve(); // changes to the kept files, one at a time

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    // Kept the way an older worker kept things: of no use to this one.
    return Promise.all(names.filter(function (name) {
      return name.indexOf(" " + SCOPE + " ") !== -1 && name.indexOf(PREFIX) !== 0 && name.indexOf("report-offline/") === 0;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function serially(task) {
  var run = queue.then(task, task);
  queue = run.catch(function () {});
  return run;
}

// The address relative to the scope as the manifest lists it, or null if not this edition's.
function keyOf(address) {
  var url = new URL(address);
  url.hash = "";
  url.search = "";
  var href = url.href;
  if (href.indexOf(SCOPE) !== 0) {
    return null;
  }
  var key = href.slice(SCOPE.length);
  return /(^|\/)index\.html$/.test(key) ? key.slice(0, -"index.html".length) : key;
}

function indexed(manifest) {
  var index = {};
  ["pages", "files", "pdfs"].forEach(function (part) {
    manifest[part].forEach(function (file) { index[file.path] = file; });
  });
  manifest.index = index;
  return manifest;
}

function readState() {
  return caches.open(STATE_CACHE).then(function (cache) {
    return cache.match(STATE_URL);
  }).then(function (response) {
    return response ? response.json() : { version: null, cache: null, kept: null, manifest: null };
  });
}

function writeState(state) {
  return caches.open(STATE_CACHE).then(function (cache) {
    return cache.put(STATE_URL, new Response(JSON.stringify(state), { headers: { "content-type": "application/json" } }));
  });
}

function fetchManifest(fresh) {
  if (!fresh && latest && Date.now() - latest.at < MANIFEST_FRESH_MS) {
    return Promise.resolve(latest.manifest);
  }
  return fetch(MANIFEST_URL, { cache: "no-cache" }).then(function (response) {
    if (!response.ok) {
      return null;
    }
    return response.json().then(function (manifest) {
      latest = { manifest: indexed(manifest), at: Date.now() };
      return latest.manifest;
    });
  }).catch(function () { return null; });
}

// The last manifest this worker knows of, online or not.
function knownManifest() {
  if (latest) {
    return Promise.resolve(latest.manifest);
  }
  return readState().then(function (state) { return state.manifest ? indexed(state.manifest) : null; });
}

function hex(buffer) {
  return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
    return ("0" + byte.toString(16)).slice(-2);
  }).join("");
}

// Keep `response` under `key` in `cache` if its bytes are the manifest's; true if kept.
function keepVerified(cache, manifest, key, response) {
  var listed = manifest.index[key];
  if (!listed || !response || !response.ok) {
    return Promise.resolve(false);
  }
  return response.arrayBuffer().then(function (body) {
    return crypto.subtle.digest("SHA-256", body).then(function (digest) {
      if (hex(digest) !== listed.sha256) {
        return false; // another build's, or damaged on the way
      }
      var headers = new Headers({ "content-type": response.headers.get("content-type") || "application/octet-stream" });
      headers.set(SAVED_HEADER, new Date().toISOString());
      headers.set(HASH_HEADER, listed.sha256);
      return cache.put(SCOPE + key, new Response(body, { headers: headers })).then(function () { return true; });
    });
  });
}

// `cacheMode` "force-cache" for what the page has just loaded: the browser's own cache
// has it, and nothing goes over the network again (a file of another build fails the hash).
function fetchAndKeep(cache, manifest, key, cacheMode) {
  return fetch(SCOPE + key, { cache: cacheMode || "no-cache" }).then(function (response) {
    return keepVerified(cache, manifest, key, response);
  }).catch(function () { return false; });
}

function wholeEdition(manifest, pdfs) {
  return manifest.pages.concat(manifest.files, pdfs ? manifest.pdfs : []);
}

// Move what is kept to the build `manifest` describes, as a whole; true once it is there.
function moveTo(manifest) {
  return readState().then(function (state) {
    if (state.version === manifest.version) {
      return true;
    }
    var name = PREFIX + manifest.version;
    return caches.open(name).then(function (target) {
      var carried = state.cache ? caches.open(state.cache).then(function (old) {
        return old.keys().then(function (requests) {
          return requests.reduce(function (done, request) {
            return done.then(function (ok) {
              if (!ok) {
                return false;
              }
              var key = request.url.slice(SCOPE.length);
              var listed = manifest.index[key];
              if (!listed) {
                return true; // gone from the edition: not carried over
              }
              return old.match(request).then(function (response) {
                if (response.headers.get(HASH_HEADER) === listed.sha256) {
                  return target.put(request, response).then(function () { return true; });
                }
                return fetchAndKeep(target, manifest, key);
              });
            });
          }, Promise.resolve(true));
        });
      }) : Promise.resolve(true);
      return carried.then(function (ok) {
        if (ok && state.kept) {
          return keepMissing(target, manifest, state.kept.pdfs, null);
        }
        return ok;
      }).then(function (ok) {
        if (!ok) {
          return caches.delete(name).then(function () { return false; });
        }
        var stored = { version: manifest.version, cache: name, kept: state.kept, manifest: withoutIndex(manifest) };
        return writeState(stored).then(function () {
          return state.cache && state.cache !== name ? caches.delete(state.cache) : null;
        }).then(function () { return true; });
      });
    });
  });
}

function withoutIndex(manifest) {
  var copy = Object.assign({}, manifest);
  delete copy.index;
  return copy;
}

// Fetch every file of the edition not kept yet; `report(done, total)` as it goes.
function keepMissing(cache, manifest, pdfs, report) {
  var wanted = wholeEdition(manifest, pdfs);
  var total = wanted.reduce(function (sum, file) { return sum + file.bytes; }, 0);
  var done = 0;
  return wanted.reduce(function (chain, file) {
    return chain.then(function (ok) {
      if (!ok) {
        return false;
      }
      return cache.match(SCOPE + file.path).then(function (found) {
        return found ? true : fetchAndKeep(cache, manifest, file.path);
      }).then(function (kept) {
        done += file.bytes;
        if (report) {
          report(done, total);
        }
        return kept;
      });
    });
  }, Promise.resolve(true));
}

function currentCache() {
  return readState().then(function (state) {
    return state.cache ? caches.open(state.cache) : null;
  });
}

// Read without opening: opening a cache that was just removed would make it anew.
function keptResponse(key) {
  return readState().then(function (state) {
    return state.cache ? caches.match(SCOPE + key, { cacheName: state.cache }) : undefined;
  });
}

// What is kept moved to `manifest`'s build, then `task(cache, manifest)` on its store;
// null when there is no manifest (offline) or the move could not finish.
function inBuild(manifest, task) {
  if (!manifest) {
    return null;
  }
  return moveTo(manifest).then(function (moved) {
    return moved ? currentCache().then(function (cache) { return task(cache, manifest); }) : null;
  });
}

// After a read: bring what is kept to the current build, then keep these addresses.
function keepAfterRead(keys, responses, freshManifest) {
  return serially(function () {
    return readState().then(function (state) {
      // The reader removed what was kept: nothing more is kept until they keep the edition.
      return state.paused ? null : fetchManifest(freshManifest);
    }).then(function (manifest) {
      return inBuild(manifest, function (cache) {
        var all = keys.map(function (key, at) {
          return responses && responses[at] ? keepVerified(cache, manifest, key, responses[at])
            : cache.match(SCOPE + key).then(function (found) { return found || fetchAndKeep(cache, manifest, key, "force-cache"); });
        });
        // The page shown for what is not kept comes with the first page kept.
        all.push(cache.match(SCOPE + NOT_SAVED).then(function (found) { return found || fetchAndKeep(cache, manifest, NOT_SAVED); }));
        return Promise.all(all);
      });
    });
  });
}

function withPatience(promise, milliseconds) {
  if (!milliseconds) {
    return promise;
  }
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("the network did not answer")); }, milliseconds);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); });
  });
}

function networkFirst(event, key, isPage) {
  return keptResponse(key).then(function (kept) {
    return withPatience(fetch(event.request), kept ? NETWORK_PATIENCE_MS : 0).then(function (response) {
      if (response.ok && response.type === "basic") {
        event.waitUntil(keepAfterRead([key], [response.clone()], isPage));
      }
      return response;
    }, function (error) {
      if (kept) {
        if (isPage && event.resultingClientId) {
          savedCopies.set(event.resultingClientId, kept.headers.get(SAVED_HEADER));
        }
        return kept;
      }
      if (!isPage) {
        throw error;
      }
      return keptResponse(NOT_SAVED).then(function (page) {
        if (!page) {
          throw error;
        }
        return page.blob().then(function (body) {
          return new Response(body, { status: 503, statusText: "Not kept on this device",
                                      headers: { "content-type": "text/html; charset=utf-8" } });
        });
      });
    });
  });
}

function keptFirst(event, key) {
  return keptResponse(key).then(function (kept) {
    if (kept) {
      return kept;
    }
    return fetch(event.request).then(function (response) {
      if (response.ok && response.type === "basic") {
        event.waitUntil(keepAfterRead([key], [response.clone()], false));
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var key = keyOf(request.url);
  if (key === null || key === "sw.js" || key === "offline-manifest.json") {
    return;
  }
  event.respondWith(knownManifest().then(function (manifest) {
    var otherEdition = manifest && manifest.other_editions.some(function (folder) { return key.indexOf(folder) === 0; });
    if (otherEdition) {
      return fetch(request);
    }
    if (HASHED_NAME.test(key)) {
      return keptFirst(event, key);
    }
    if (/\.(pdf|zip)$/.test(key)) {
      // A download is the reader's to keep: kept here only with the edition, if asked.
      return fetch(request).catch(function (error) {
        return keptResponse(key).then(function (kept) {
          if (!kept) {
            throw error;
          }
          return kept;
        });
      });
    }
    return networkFirst(event, key, request.mode === "navigate");
  }));
});

function keepEdition(pdfs, reply) {
  return serially(function () {
    return fetchManifest(true).then(function (manifest) {
      return inBuild(manifest, function (cache) {
        return keepMissing(cache, manifest, pdfs, function (done, total) {
          reply({ type: "progress", done: done, total: total });
        });
      });
    }).then(function (complete) {
      if (!complete) {
        return false;
      }
      return readState().then(function (state) {
        state.kept = { on: new Date().toISOString(), pdfs: pdfs };
        delete state.paused;
        return writeState(state).then(function () { return state.kept; });
      });
    });
  }).then(function (kept) {
    reply(kept ? { type: "kept", on: kept.on, pdfs: kept.pdfs } : { type: "failed" });
  }, function () {
    reply({ type: "failed" });
  });
}

function removeAll() {
  return serially(function () {
    savedCopies.clear();
    latest = null;
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () {
      // All that stays is this note: keep nothing more (no page, no address, no date).
      return writeState({ version: null, cache: null, kept: null, manifest: null, paused: true });
    });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  var port = event.ports && event.ports[0];
  function reply(answer) {
    if (port) {
      port.postMessage(answer);
    }
  }
  if (message.type === "keep-page") {
    var keys = (message.addresses || []).map(keyOf).filter(function (key) { return key !== null; });
    event.waitUntil(keepAfterRead(keys, null, true).then(function () { reply({ type: "done" }); }));
  } else if (message.type === "status") {
    event.waitUntil(readState().then(function (state) {
      return (state.cache ? caches.has(state.cache) : Promise.resolve(false)).then(function (exists) {
        return exists ? caches.open(state.cache).then(function (cache) { return cache.keys(); }) : [];
      }).then(function (requests) {
        reply({ savedCopy: (event.source && savedCopies.get(event.source.id)) || null, kept: state.kept,
                keptFiles: requests.length });
      });
    }));
  } else if (message.type === "keep-edition") {
    event.waitUntil(keepEdition(!!message.pdfs, reply));
  } else if (message.type === "remove") {
    event.waitUntil(removeAll().then(function () { reply({ type: "removed" }); }));
  }
});
