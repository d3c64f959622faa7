import { api, accountPath } from '../api.js';
import { h, when, say } from '../dom.js';

/** How often the lists refresh themselves, so a new incident appears without reload. */
const PollMilliseconds = 3000;

function poll(render) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    if (stopped) return;
    try { await render(); } catch { /* keep the last good view; try again next tick */ }
    if (!stopped) timer = setTimeout(tick, PollMilliseconds);
  };
  timer = setTimeout(tick, PollMilliseconds);
  return () => { stopped = true; clearTimeout(timer); };
}

export async function incidentsPage({ accountId, main }) {
  const filter = h('select', { id: 'status-filter', 'aria-label': 'Status' },
    h('option', { value: '' }, 'All'), h('option', { value: 'open' }, 'Open'),
    h('option', { value: 'acknowledged' }, 'Acknowledged'), h('option', { value: 'resolved' }, 'Resolved'));
  const list = h('ul', { class: 'plain', id: 'incidents', 'aria-live': 'polite' });
  const render = async () => {
    const query = filter.value ? `?status=${filter.value}` : '';
    const page = await api(accountPath(accountId, `/incidents${query}`));
    list.replaceChildren(...(page.items.length ? page.items.map(item => h('li', {},
      h('a', { class: 'incident', href: `#incidents/${item.number}`, 'data-number': item.number },
        h('span', { class: 'title' }, `#${item.number} ${item.title}`),
        h('span', {},
          h('span', { class: `badge status-${item.status}` }, item.status),
          h('span', { class: 'badge' }, item.urgency),
          item.mine ? h('span', { class: 'badge mine' }, 'your team') : null,
          h('span', { class: 'muted' }, `${item.teamId || ''} · ${when(item.createdAt)}`),
          item.acknowledgedBy ? h('span', { class: 'muted' }, ` · ack ${item.acknowledgedBy}`) : null)))) : [h('li', { class: 'muted' }, 'No incidents.')]));
  };
  filter.addEventListener('change', () => render().catch(e => say(e.message)));
  main.replaceChildren(h('h1', {}, 'Incidents'), h('div', { class: 'filters' }, h('label', { for: 'status-filter' }, 'Status'), filter), list);
  await render();
  return poll(render);
}

export async function incidentPage({ accountId, main }, number) {
  const path = accountPath(accountId, `/incidents/${encodeURIComponent(number)}`);
  const act = action => async () => {
    try {
      await api(`${path}/${action}`, { method: 'POST' });
      say(`${action === 'escalate' ? 'Escalation' : action[0].toUpperCase() + action.slice(1)} requested.`);
      await render();
    } catch (error) { say(error.message); }
  };
  const buttons = {
    acknowledge: h('button', { id: 'acknowledge', onclick: act('acknowledge') }, 'Acknowledge'),
    resolve: h('button', { id: 'resolve', onclick: act('resolve') }, 'Resolve'),
    escalate: h('button', { id: 'escalate', class: 'secondary', onclick: act('escalate') }, 'Escalate now'),
  };
  const facts = h('dl', { class: 'facts' });
  const timeline = h('ol', { class: 'timeline', id: 'timeline', 'aria-live': 'polite' });
  const title = h('h1', {});
  const render = async () => {
    const incident = await api(path);
    title.textContent = `#${incident.number} ${incident.title}`;
    buttons.acknowledge.disabled = incident.status !== 'open';
    buttons.resolve.disabled = incident.status === 'resolved';
    buttons.escalate.disabled = incident.status !== 'open';
    const rows = [
      ['Status', h('span', { class: `badge status-${incident.status}`, id: 'incident-status' }, incident.status)],
      ['Urgency', incident.urgency], ['Team', incident.teamId || '—'], ['Alerts', incident.alertCount],
      ['Opened', when(incident.createdAt)],
      ['Acknowledged', incident.acknowledgedBy ? `${when(incident.acknowledgedAt)} by ${incident.acknowledgedBy} via ${incident.acknowledgedVia}` : '—'],
      ['Resolved', incident.resolvedBy ? `${when(incident.resolvedAt)} by ${incident.resolvedBy} via ${incident.resolvedVia}` : '—'],
      ['Description', incident.description || '—'],
    ];
    facts.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    timeline.replaceChildren(...(incident.timeline || []).map(line => h('li', {}, h('span', { class: 'muted' }, `${when(line.at)} `), line.message)));
  };
  main.replaceChildren(h('p', {}, h('a', { href: '#incidents' }, '← Incidents')), title,
    h('div', { class: 'actions' }, buttons.acknowledge, buttons.resolve, buttons.escalate), facts, h('h2', {}, 'Timeline'), timeline);
  await render();
  return poll(render);
}
