// peerlearn page behaviour: no framework, loaded with `defer`, everything by data attributes
// (the pages run under a strict CSP: no inline scripts, handlers or styles).
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, YEAR = 31536000;

  function cookie(name) {
    var m = doc.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function setCookie(name, value) {
    doc.cookie = name + "=" + encodeURIComponent(value) + "; path=/; max-age=" + YEAR + "; SameSite=Lax";
  }

  // Time zone: tell the server once, so times render in the member's zone.
  try {
    if (!cookie("pl_tz")) {
      var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (tz) setCookie("pl_tz", tz);
    }
  } catch (e) { /* no Intl: the server keeps its default */ }

  // Theme: the cookie is the server's source (it renders data-theme, so no flash).
  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function currentTheme() {
    return root.dataset.theme || (darkQuery && darkQuery.matches ? "dark" : "light");
  }
  function syncThemeButtons() {
    var dark = currentTheme() === "dark";
    doc.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", dark ? "true" : "false");
    });
    var meta = doc.querySelectorAll('meta[name="theme-color"]');
    meta.forEach(function (m) {
      m.removeAttribute("media");
      m.setAttribute("content", dark ? "#161c1e" : "#ffffff");
    });
  }
  doc.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-theme-toggle]");
    if (!b) return;
    var next = currentTheme() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    setCookie("pl_theme", next);
    syncThemeButtons();
  });
  if (!root.dataset.theme && darkQuery && darkQuery.addEventListener) {
    darkQuery.addEventListener("change", function () { if (!root.dataset.theme) syncThemeButtons(); });
  }

  // Menus (<details class="menu">): one open at a time; outside click and Esc close.
  function closeMenus(except) {
    doc.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (d !== except) d.removeAttribute("open");
    });
  }
  doc.addEventListener("toggle", function (e) {
    var d = e.target;
    if (d.matches && d.matches("details.menu") && d.open) closeMenus(d);
  }, true);
  doc.addEventListener("click", function (e) {
    var inside = e.target.closest && e.target.closest("details.menu");
    if (!inside) closeMenus(null);
    else if (e.target.closest(".menu-panel a")) inside.removeAttribute("open");
  });
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = doc.querySelector("details.menu[open]");
    if (!open) return;
    open.removeAttribute("open");
    var s = open.querySelector("summary");
    if (s) s.focus();
  });

  // Filters (<details class="filters">): folded on phones, open on laptops.
  var wideQuery = window.matchMedia ? window.matchMedia("(min-width: 900px)") : null;
  function syncFilters(scope) {
    if (!wideQuery || !wideQuery.matches) return;
    (scope || doc).querySelectorAll("details.filters:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
    });
  }
  if (wideQuery && wideQuery.addEventListener) wideQuery.addEventListener("change", function () { syncFilters(); });

  // Toasts stay until their close button is pressed (a notice that vanishes on a timer can be
  // missed by someone reading slowly or with a screen reader: WCAG 2.2.1).
  function dismiss(t) {
    if (t.classList.contains("is-leaving")) return;
    t.classList.add("is-leaving");
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    setTimeout(function () { t.hidden = true; }, reduce ? 0 : 200);
  }
  function armToast(t) {
    if (t.dataset.armed) return;
    t.dataset.armed = "1";
    var close = t.querySelector("[data-dismiss]");
    if (close) close.addEventListener("click", function () { dismiss(t); });
  }

  // Confirmations: form[data-confirm] asks in a native <dialog> before submitting.
  var dialog = null, pending = null, returnFocus = null;
  function buildDialog() {
    dialog = doc.createElement("dialog");
    dialog.className = "dialog";
    dialog.setAttribute("aria-labelledby", "pl-confirm-text");
    dialog.innerHTML = '<form method="dialog"><p class="dialog-text" id="pl-confirm-text"></p>' +
      '<div class="dialog-actions"><button value="no" class="btn btn-secondary" autofocus></button>' +
      '<button value="yes" class="btn btn-danger"></button></div></form>';
    doc.body.appendChild(dialog);
    dialog.addEventListener("close", function () {
      var p = pending;
      pending = null;
      if (returnFocus && returnFocus.focus) returnFocus.focus();
      if (p && dialog.returnValue === "yes") {
        p.form.dataset.confirmed = "1";
        if (p.form.requestSubmit) p.form.requestSubmit(p.submitter || undefined);
        else p.form.submit();
      }
    });
  }
  function label(form, which) {
    var key = which === "yes" ? "confirmYes" : "confirmNo";
    return form.dataset[key] || root.dataset[key] || (which === "yes" ? "OK" : "Cancel");
  }
  doc.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form[data-confirm]")) return;
    if (form.dataset.confirmed) { delete form.dataset.confirmed; return; }
    e.preventDefault();
    e.stopPropagation(); // keep htmx from sending the request before the answer
    var submitter = e.submitter || null;
    if (typeof HTMLDialogElement !== "function") {
      if (window.confirm(form.dataset.confirm)) { form.dataset.confirmed = "1"; form.requestSubmit ? form.requestSubmit(submitter || undefined) : form.submit(); }
      return;
    }
    if (!dialog) buildDialog();
    var buttons = dialog.querySelectorAll("button");
    dialog.querySelector(".dialog-text").textContent = form.dataset.confirm;
    buttons[0].textContent = label(form, "no");
    buttons[1].textContent = label(form, "yes");
    buttons[1].className = "btn " + (form.dataset.confirmTone === "primary" ? "btn-primary" : "btn-danger");
    pending = { form: form, submitter: submitter };
    returnFocus = submitter || doc.activeElement;
    dialog.returnValue = "";
    dialog.showModal();
    buttons[0].focus();
  }, true);

  // Print buttons ([data-print]), e.g. the sheet of check-in codes.
  doc.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });


  // Live updates: a community page's navigation (data-live) follows the member's events
  // (server-sent events from /live, resumed after a dropped connection by the browser with
  // Last-Event-ID). Each event updates the tab badges, shows a toast with a link to what
  // happened, and refreshes the page's live regions (the inbox, My meetings) unless the member
  // is busy in one of their forms, when the toast offers "Refresh" instead. Without script the
  // badges are rendered by the server.
  function setBadge(nav, name, count) {
    var badge = nav.querySelector('[data-badge="' + name + '"]');
    if (!badge) return;
    var tab = badge.closest(".tab");
    var here = tab && tab.hasAttribute("aria-current");
    var n = badge.querySelector("[data-badge-count]");
    if (n) n.textContent = (window.Intl ? new Intl.NumberFormat(root.lang).format(count) : String(count));
    badge.hidden = count <= 0 || (name === "inbox" && here);
  }
  function toastRegion() {
    var region = doc.querySelector(".toast-region");
    if (!region) {
      region = doc.createElement("div");
      region.className = "toast-region";
      (doc.getElementById("main") || doc.body).prepend(region);
    }
    return region;
  }
  function busyIn(region) {
    var a = doc.activeElement;
    return !!(a && region.contains(a) && a.closest("form")) || !!region.querySelector("details[open] form, dialog[open]");
  }
  function refreshRegions(done) {
    var regions = doc.querySelectorAll("[data-live-region][id]");
    if (!regions.length) { done(false); return; }
    var busy = false;
    regions.forEach(function (r) { if (busyIn(r)) busy = true; });
    if (busy) { done(true); return; }
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        regions.forEach(function (r) {
          var next = fresh.getElementById(r.id);
          if (!next) return;
          r.innerHTML = next.innerHTML;
          if (window.htmx && window.htmx.process) window.htmx.process(r);
          init(r);
        });
        done(false);
      })
      .catch(function () { done(true); });
  }
  // A toast: its text, an optional action, and a close button.
  function toast(text, action) {
    var t = doc.createElement("div"), p = doc.createElement("p"), close = doc.createElement("button");
    t.className = "toast";
    t.setAttribute("role", "status");
    p.className = "toast-text";
    p.textContent = text;
    t.appendChild(p);
    if (action) t.appendChild(action);
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("data-dismiss", "");
    close.setAttribute("aria-label", root.dataset.dismissLabel || "Dismiss");
    close.innerHTML = '<svg class="icon" aria-hidden="true"><use href="/static/icons.svg#x"></use></svg>';
    t.appendChild(close);
    var region = toastRegion();
    // Keep the three newest: a burst of events must not cover the page.
    while (region.children.length >= 3) region.removeChild(region.firstChild);
    region.appendChild(t);
    armToast(t);
  }
  function liveToast(nav, data, offerRefresh) {
    var action = null;
    if (offerRefresh) {
      action = doc.createElement("button");
      action.type = "button";
      action.className = "btn btn-text";
      action.textContent = nav.dataset.liveRefresh || "Refresh";
      action.addEventListener("click", function () { location.reload(); });
    } else if (data.link) {
      action = doc.createElement("a");
      action.className = "btn btn-text";
      action.href = data.link;
      action.textContent = nav.dataset.liveOpen || "Open";
    }
    toast(data.title, action);
  }
  var source = null, seen = null;
  function follow(nav) {
    if (source || !window.EventSource || !nav.dataset.live) return;
    // After a return from the back-forward cache, continue after the last event seen.
    source = new EventSource(seen === null ? nav.dataset.live : "/live?after=" + encodeURIComponent(seen));
    source.addEventListener("notification", function (e) {
      var data;
      seen = e.lastEventId || seen;
      try { data = JSON.parse(e.data); } catch (err) { return; }
      refreshRegions(function (stale) { liveToast(nav, data, stale); });
    });
    source.addEventListener("counts", function (e) {
      var data;
      try { data = JSON.parse(e.data); } catch (err) { return; }
      if (data.community !== nav.dataset.community) return;
      setBadge(nav, "inbox", data.inbox);
      setBadge(nav, "requests", data.requests);
    });
  }
  // A page put away stops listening at once (the server sees the connection end).
  window.addEventListener("pagehide", function () { if (source) { source.close(); source = null; } });

  // The lounge board: its content again every 30 s (the last one stays on a network error
  // or a refusal), and the whole page every 4 hours, so a screen left on all night keeps up.
  function board(main) {
    var region = doc.getElementById("board-content");
    if (!region || !window.fetch) return;
    var src = main.getAttribute("data-board");
    var url = src + (src.indexOf("?") < 0 ? "?" : "&") + "fragment=1";
    setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok && !r.redirected ? r.text() : Promise.reject(r.status); })
        .then(function (html) { region.innerHTML = html; })
        .catch(function () {});
    }, 30000);
    setTimeout(function () { location.reload(); }, 4 * 3600 * 1000);
  }
  function init(scope) {
    (scope || doc).querySelectorAll(".toast").forEach(armToast);
    syncFilters(scope);
  }
  syncThemeButtons();
  init(doc);
  // Offline: the service worker (sw.js) keeps a member's agenda and shows it when the network
  // is down; such a page says so (html[data-offline]) and reloads once the network is back.
  if ("serviceWorker" in navigator && doc.querySelector(".community-nav")) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* no offline copy */ });
  }
  var offline = root.hasAttribute("data-offline");

  // Check-ins tapped with no connection wait on the phone (sw.js keeps them in IndexedDB and
  // sends them when asked: here, on load and when the browser is back online). The page says
  // which of its check-ins waits, and how each one sent went, as a toast.
  var waiting = false;
  function outbox(work, after) {
    if (!window.indexedDB) return;
    var open = indexedDB.open("pl-outbox", 1);
    open.onupgradeneeded = function () {
      open.result.createObjectStore("queue", { keyPath: "url" });
      open.result.createObjectStore("outcomes", { autoIncrement: true });
    };
    open.onsuccess = function () {
      var db = open.result, tx = db.transaction(["queue", "outcomes"], "readwrite");
      var value = work(tx.objectStore("queue"), tx.objectStore("outcomes"));
      tx.oncomplete = function () { db.close(); after(value); };
      tx.onabort = function () { db.close(); };
    };
  }
  function askToSend() {
    navigator.serviceWorker.ready.then(function (reg) { if (reg.active) reg.active.postMessage("pl-send"); });
  }
  function showOutbox(send) {
    outbox(function (queue, outcomes) {
      var seen = { queued: [], done: [] };
      queue.getAllKeys().onsuccess = function (e) { seen.queued = e.target.result; };
      outcomes.openCursor().onsuccess = function (e) {
        var c = e.target.result;
        if (!c) return;
        seen.done.push(c.value);
        c.delete();
        c.continue();
      };
      return seen;
    }, function (seen) {
      var sent = seen.done.filter(function (o) { return o.sent; }).map(function (o) { return o.url; });
      doc.querySelectorAll("[data-queued]").forEach(function (note) {
        var url = note.getAttribute("data-queued"), waits = seen.queued.indexOf(url) >= 0;
        var appears = waits && note.hidden;
        note.hidden = !waits;
        doc.querySelectorAll("form[action]").forEach(function (f) {
          if (f.getAttribute("action") === url) f.hidden = waits || sent.indexOf(url) >= 0;
        });
        // In place of the button she tapped, in sight (the page opens at its top).
        if (appears && note.scrollIntoView) note.scrollIntoView({ block: "center" });
      });
      seen.done.forEach(function (o) {
        var reason = o.reason ? new DOMParser().parseFromString(o.reason, "text/html").body.textContent : "";
        toast(o.sent ? root.dataset.checkInSent : (root.dataset.checkInRefused + (reason ? " " + reason : "")));
      });
      waiting = seen.queued.length > 0;
      if (waiting && send) askToSend();
    });
  }
  if ("serviceWorker" in navigator && doc.querySelector(".community-nav")) {
    navigator.serviceWorker.addEventListener("message", function (e) {
      if (e.data !== "pl-outbox") return;
      if (offline) window.location.reload();
      else showOutbox(false);
    });
    if (navigator.serviceWorker.startMessages) navigator.serviceWorker.startMessages();
    showOutbox(true);
  }
  window.addEventListener("online", function () {
    if (waiting && "serviceWorker" in navigator) askToSend();
    else if (offline) window.location.reload();
  });
  var liveNav = doc.querySelector("nav[data-live]");
  if (liveNav && !offline) {
    follow(liveNav);
    window.addEventListener("pageshow", function (e) { if (e.persisted) follow(liveNav); });
  }
  var boardMain = doc.querySelector("main[data-board]");
  if (boardMain) board(boardMain);
  doc.addEventListener("htmx:load", function (e) { init(e.target); });
})();
