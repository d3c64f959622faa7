// Klaxon's service worker: shows pages sent by Web Push (the server's PushPayload JSON) and acts on their buttons by
// POSTing to the signed /actions link each button carries. No offline caching: incidents must be live.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
  let payload = {};
  try { payload = event.data ? event.data.json() : {}; } catch { payload = { title: 'Klaxon', body: event.data ? event.data.text() : '' }; }
  const actions = Array.isArray(payload.actions) ? payload.actions : [];
  event.waitUntil(self.registration.showNotification(payload.title || 'Klaxon', {
    body: payload.body || '',
    tag: payload.tag,
    renotify: Boolean(payload.renotify && payload.tag),
    requireInteraction: Boolean(payload.requireInteraction),
    icon: 'icon-192.png',
    badge: 'icon-192.png',
    actions: actions.map(a => ({ action: a.action, title: a.title })),
    data: { incident: payload.incident || null, actions },
  }));
});

self.addEventListener('notificationclick', event => {
  const notification = event.notification;
  const data = notification.data || {};
  notification.close();
  const button = (data.actions || []).find(a => a.action === event.action);
  if (button) {
    // The link is signed for this person and incident; JSON so the answer is a status, not a page.
    event.waitUntil(fetch(button.url, { method: 'POST', headers: { Accept: 'application/json' } })
      .then(response => self.registration.showNotification(response.ok ? `${button.title}: done` : `${button.title}: failed`, {
        body: notification.title, tag: notification.tag ? `${notification.tag}-result` : undefined,
      })));
    return;
  }
  const target = data.incident
    ? `/app/#incidents/${data.incident.number}/${encodeURIComponent(data.incident.account)}`
    : '/app/';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(windows => {
    const open = windows.find(w => new URL(w.url).pathname.startsWith('/app/'));
    if (open) { open.navigate(target); return open.focus(); }
    return self.clients.openWindow(target);
  }));
});
