// The service worker: verso works offline after the first visit. It keeps
// this build's files (the pages, scripts, styles, the wasm, pdf.js) and
// nothing else: a PDF is never fetched by the site, and any request that
// is not a GET of one of these files passes by untouched and uncached.

/* global VERSO_PRECACHE, VERSO_CACHE -- this build's files and cache name, set by build/site */
const files = new Set(VERSO_PRECACHE.map((p) => new URL(p, self.location).href));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSO_CACHE).then((cache) => cache.addAll([...files])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== VERSO_CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = ''; // the widget's frame carries its settings in the query
  url.hash = '';
  if (!files.has(url.href)) return;
  if (request.mode === 'navigate') {
    // Pages: the network first, so a new build shows at once; the cache
    // when offline.
    event.respondWith(fetch(request).catch(() => caches.match(url.href)));
    return;
  }
  // Hashed assets never change: the cache first.
  event.respondWith(caches.match(url.href).then((hit) => hit ?? fetch(request)));
});
