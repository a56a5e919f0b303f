/* NRM field screening: the service worker of the offline application (no third-party code).
   Network first for the offline page, its assets and the questions bundle; the cached copy
   when there is no network. Submissions (POST) are never cached: the page queues them. */
"use strict";
const CACHE = "nrm-field-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function cacheable(url) {
  return (
    url.origin === self.location.origin &&
    (url.pathname.startsWith("/static/") ||
      url.pathname === "/screening/offline/" ||
      url.pathname === "/api/v1/screenings/offline-bundle")
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !cacheable(new URL(request.url))) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(request, { ignoreSearch: true }).then(
          (cached) => cached || new Response("", { status: 503, statusText: "offline" })
        )
      )
  );
});
