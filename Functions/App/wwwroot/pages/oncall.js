import { api, accountPath } from '../api.js';
import { h, when } from '../dom.js';

export async function onCallPage({ accountId, main }) {
  const data = await api(accountPath(accountId, '/oncall'));
  const names = people => people.length ? people.map(p => p.name).join(', ') : 'nobody';
  main.replaceChildren(
    h('h1', {}, 'On call'),
    h('h2', {}, 'Now, by schedule'),
    h('ul', { class: 'plain', id: 'schedules' }, data.schedules.map(s => h('li', {},
      h('strong', {}, s.id), ': ', names(s.onCall), ' · ', h('a', { href: s.calendarUrl, download: `${s.id}.ics` }, 'Download .ics'),
      s.subscriptionUrl ? h('span', {}, ' · ', h('a', { href: s.subscriptionUrl.replace(/^/, `webcal://${location.host}`), class: 'subscribe' }, 'Subscribe'),
        h('br'), h('span', { class: 'muted' }, 'Calendar link (keep it private): '), h('span', { class: 'url' }, location.origin + s.subscriptionUrl)) : null))),
    data.schedules.some(s => s.subscriptionUrl)
      ? h('p', {}, h('button', { class: 'secondary', id: 'reset-calendar-links', onclick: async () => {
          if (!confirm('Stop every calendar link you were given? Calendars subscribed with them stop updating; new links are shown here.')) return;
          await api(accountPath(accountId, '/me/calendar-links/reset'), { method: 'POST' });
          await onCallPage({ accountId, main });
        } }, 'Reset my calendar links'))
      : null,
    h('h2', {}, 'Now, by team'),
    h('ul', { class: 'plain', id: 'teams' }, data.teams.map(t => h('li', {}, h('strong', {}, t.name), ': ', names(t.onCall)))),
    h('h2', {}, 'Your next shifts'),
    data.myShifts.length
      ? h('ul', { class: 'plain', id: 'my-shifts' }, data.myShifts.map(s => h('li', {}, `${s.schedule}: ${when(s.start)} – ${when(s.end)}`)))
      : h('p', { class: 'muted', id: 'my-shifts' }, 'No shifts in the next four weeks.'));
}
