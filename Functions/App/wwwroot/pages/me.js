import { api, accountPath } from '../api.js';
import { h, when, say } from '../dom.js';

function keyBytes(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - base64.length % 4) % 4));
  return Uint8Array.from(raw, c => c.charCodeAt(0));
}

/** Subscribes this browser with the deployment's VAPID key and registers it for the signed-in user. */
async function enablePush(accountId) {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) throw new Error('This browser cannot receive push notifications.');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('Notifications are blocked for this site.');
  const { publicKey } = await api('/push/vapid-public-key');
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  await api(accountPath(accountId, '/me/push-devices'), { method: 'POST', body: subscription.toJSON() });
}

export async function mePage(context) {
  const { accountId, main } = context;
  const me = await api(accountPath(accountId, '/me'));
  const enable = h('button', { id: 'enable-push' }, 'Enable push on this device');
  enable.addEventListener('click', async () => {
    enable.disabled = true;
    try { await enablePush(accountId); say('Push is on for this device.'); await mePage(context); }
    catch (error) { say(error.message); enable.disabled = false; }
  });
  const devices = me.pushDevices.length
    ? h('ul', { class: 'plain', id: 'devices' }, me.pushDevices.map(d => h('li', {},
      `${d.service} · added ${when(d.createdAt)} `,
      h('button', { class: 'secondary', 'data-device': d.id, onclick: async () => {
        try { await api(accountPath(accountId, `/me/push-devices/${d.id}`), { method: 'DELETE' }); say('Device removed.'); await mePage(context); }
        catch (error) { say(error.message); }
      } }, 'Remove'))))
    : h('p', { class: 'muted', id: 'devices' }, 'No devices yet.');
  main.replaceChildren(
    h('h1', {}, me.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'User id'), h('dd', {}, me.id), h('dt', {}, 'Role'), h('dd', {}, me.role),
      h('dt', {}, 'Email'), h('dd', {}, me.email || '—'), h('dt', {}, 'Phone'), h('dd', {}, me.phone || '—'),
      h('dt', {}, 'Time zone'), h('dd', {}, me.timeZone)),
    h('h2', {}, 'Notification rules'),
    me.notificationRules.length
      ? h('ul', { class: 'plain' }, me.notificationRules.map(r => h('li', {}, h('strong', {}, r.urgency), ': ',
        r.steps.map(s => `${s.channel} after ${s.after}`).join(', '))))
      : h('p', { class: 'muted' }, 'None configured.'),
    h('p', { class: 'muted' }, 'Contact methods and rules come from the account configuration; an admin changes them.'),
    h('h2', {}, 'Push on this device'),
    h('div', { class: 'actions' }, enable),
    devices);
}
