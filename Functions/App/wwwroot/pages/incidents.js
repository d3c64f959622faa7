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
  const noteText = h('textarea', { id: 'note-text', rows: '3', maxlength: '4096', placeholder: 'What you found or did' });
  const noteForm = h('form', {
    class: 'note', id: 'note-form',
    onsubmit: async event => {
      event.preventDefault();
      const text = noteText.value.trim();
      if (!text) { return; }
      try {
        await api(`${path}/notes`, { method: 'POST', body: { text } });
        noteText.value = '';
        say('Note added.');
        await render();
      } catch (error) { say(error.message); }
    },
  }, h('label', { for: 'note-text' }, 'Add a note'), noteText, h('button', { type: 'submit', id: 'add-note' }, 'Add note'));
  const facts = h('dl', { class: 'facts' });
  const timeline = h('ol', { class: 'timeline', id: 'timeline', 'aria-live': 'polite' });
  const title = h('h1', {});
  // The poll and an action can both be fetching; only the newest answer is drawn, so a slower, older answer never
  // puts back a state the page already moved past.
  let latest = 0;
  const render = async () => {
    const mine = ++latest;
    const incident = await api(path);
    if (mine !== latest) return;
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
    timeline.replaceChildren(...(incident.timeline || []).map(line => h('li', {}, h('span', { class: 'muted' }, `${when(line.at)} `),
      line.kind === 'note' ? `${line.actor}: ${line.message}` : line.message)));
  };
  main.replaceChildren(h('p', {}, h('a', { href: '#incidents' }, '← Incidents')), title,
    h('div', { class: 'actions' }, buttons.acknowledge, buttons.resolve, buttons.escalate), facts, h('h2', {}, 'Timeline'), timeline, noteForm);
  await render();
  return poll(render);
}
