/* peerlearn's service worker: a member's agenda opens on the venue's bad Wi-Fi.
 *
 * - The design system (CSS, script, icons) is kept and served from here, refreshed behind.
 * - The community home, My meetings and a meeting's page are fetched from the network first;
 *   each answer is kept, and when the network fails the kept copy is shown, marked so that
 *   the page says it is offline and from when (see `.offline-banner` in pl.css).
 * - A spot's check-in page (where its QR code leads) is kept the same way.
 * - Any other page falls back to the offline page kept at install.
 * - A check-in (on a meeting's page, a spot's, or the next meeting's card) tapped with no
 *   connection is kept in IndexedDB with the time of the tap, and she is taken back to the
 *   kept page she tapped on, which says it is saved. It is sent when a page asks (it does on load and when the browser is back
 *   online) or on Background Sync, one at a time; once the server has answered for good (a
 *   success or a refusal) it leaves the queue, and how it went waits for the next page to show.
 * Signing out clears everything kept (the server sends Clear-Site-Data).
 */
'use strict';

const VERSION = 'pl-1';
const SHELL = [
  '/static/pl.css', '/static/pl.js', '/static/htmx-2.0.11.min.js', '/static/icons.svg',
  '/static/favicon.svg', '/offline',
];
const AGENDA = /^\/c\/\d+(\/meetings(\/\d+)?|\/spots\/\d+\/check-in)?\/?$/;
const CHECK_IN = /^\/c\/\d+\/(meetings|spots)\/\d+\/check-in$/;

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

/* The outbox: check-ins waiting for the connection (`queue`, one per form address), and how
 * those sent went (`outcomes`), until a page shows them. pl.js opens the same database. */
function outbox() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('pl-outbox', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('queue', { keyPath: 'url' });
      open.result.createObjectStore('outcomes', { autoIncrement: true });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/* Runs `work(stores)` in one transaction; answers what it returned once that is committed
 * (an IDBRequest's result by then). */
async function inOutbox(names, mode, work) {
  const db = await outbox();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(names, mode);
    const value = work(...names.map((n) => tx.objectStore(n)));
    tx.oncomplete = () => { db.close(); resolve(value instanceof IDBRequest ? value.result : value); };
    tx.onerror = () => { db.close(); reject(tx.error); };
    tx.onabort = () => { db.close(); reject(tx.error); };
  });
}

/* A check-in: sent at once; with no connection, kept (a second tap keeps the first), and
 * she goes back to the page she tapped on, which says it is saved. */
async function checkIn(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch (error) {
    const path = new URL(request.url).pathname;
    const item = { url: path, body, at: Math.floor(Date.now() / 1000) };
    await inOutbox(['queue'], 'readwrite', (queue) => {
      queue.get(path).onsuccess = (e) => { if (!e.target.result) queue.put(item); };
    });
    if (self.registration.sync) self.registration.sync.register('pl-outbox').catch(() => {});
    // Back to the page she tapped on (the home, My meetings, a meeting's or a spot's page).
    const from = request.referrer ? new URL(request.referrer) : null;
    const back = from && from.origin === self.location.origin ? from.pathname
      : path.includes('/spots/') ? path : path.replace(/\/check-in$/, '');
    return Response.redirect(back, 303);
  }
}

/* Sends one kept check-in with the time of the tap. It stays kept when the server could not
 * answer for good (busy, failing); a network failure throws (still offline: all stays). */
async function send(item) {
  const answer = await fetch(item.url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: item.body + '&at=' + item.at,
  });
  if (answer.status >= 500 || answer.status === 408 || answer.status === 429) return;
  const sent = answer.ok && new URL(answer.url).searchParams.get('notice') === 'checked_in';
  let reason = '';
  if (!sent) {
    const found = (await answer.text()).match(/<p id="error-detail">([\s\S]*?)<\/p>/);
    reason = found ? found[1] : '';
  }
  await inOutbox(['queue', 'outcomes'], 'readwrite', (queue, outcomes) => {
    queue.delete(item.url);
    outcomes.add({ url: item.url, sent, reason });
  });
}

/* Sends every kept check-in; once the server has answered any, the open pages are told (a
 * page shown offline reloads, the others show how it went). */
async function sendAll() {
  const items = await inOutbox(['queue'], 'readonly', (queue) => queue.getAll());
  let answered = 0;
  try {
    for (const item of items) {
      await send(item);
      answered += 1;
    }
  } finally {
    if (answered) {
      const pages = await self.clients.matchAll({ type: 'window' });
      pages.forEach((p) => p.postMessage('pl-outbox'));
    }
  }
}

/* One sending at a time, so a check-in is never in flight twice. */
let sending = Promise.resolve();
function sendQueued() {
  sending = sending.catch(() => {}).then(sendAll);
  return sending;
}

self.addEventListener('message', (event) => {
  if (event.data === 'pl-send') event.waitUntil(sendQueued().catch(() => {}));
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'pl-outbox') event.waitUntil(sendQueued());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && CHECK_IN.test(url.pathname)) {
    event.respondWith(checkIn(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    event.respondWith(AGENDA.test(url.pathname) ? agenda(request) : page(request));
  } else if (url.pathname.startsWith('/static/')) {
    event.respondWith(asset(request));
  }
});
