/* peerlearn's service worker: a member's agenda opens on the venue's bad Wi-Fi.
 *
 * - The design system (CSS, script, icons) is kept and served from here, refreshed behind.
 * - The community home, My meetings and a meeting's page are fetched from the network first;
 *   each answer is kept, and when the network fails the kept copy is shown, marked so that
 *   the page says it is offline and from when (see `.offline-banner` in pl.css).
 * - Any other page falls back to the offline page kept at install.
 * Signing out clears everything kept (the server sends Clear-Site-Data).
 */
'use strict';

const VERSION = 'pl-1';
const SHELL = [
  '/static/pl.css', '/static/pl.js', '/static/htmx-2.0.11.min.js', '/static/icons.svg',
  '/static/favicon.svg', '/offline',
];
const AGENDA = /^\/c\/\d+(\/meetings(\/\d+)?)?\/?$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

/* A kept page, marked as shown offline. */
async function offline(cached) {
  const html = await cached.text();
  const marked = html.replace('<html ', '<html data-offline ');
  return new Response(marked, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

async function agenda(request) {
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  const cache = await caches.open(VERSION);
  try {
    const answer = await fetch(request);
    if (answer.ok && !answer.redirected) {
      await cache.put(key, answer.clone());
    }
    return answer;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return offline(cached);
    const page = await cache.match('/offline');
    if (page) return page;
    throw error;
  }
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match('/offline');
    if (cached) return cached;
    throw error;
  }
}

async function asset(request) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(request);
  const fresh = fetch(request)
    .then((answer) => {
      if (answer.ok) cache.put(request, answer.clone());
      return answer;
    })
    .catch(() => cached);
  return cached || fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(AGENDA.test(url.pathname) ? agenda(request) : page(request));
  } else if (url.pathname.startsWith('/static/')) {
    event.respondWith(asset(request));
  }
});
