import { api, accountPath } from '../api.js';
import { h, say } from '../dom.js';

export async function adminPage({ accountId, main }) {
  const config = await api(accountPath(accountId, '/admin/config'), { raw: true });
  const integrations = await api(accountPath(accountId, '/admin/integrations'));
  const editor = h('textarea', { class: 'config', id: 'config', 'aria-label': 'Configuration document', spellcheck: 'false' });
  editor.value = config;
  const errors = h('ul', { class: 'errors', id: 'config-errors', 'aria-live': 'polite' });
  const tokens = h('ul', { class: 'plain', id: 'generated-tokens' });
  const save = h('button', { id: 'save-config' }, 'Save');
  save.addEventListener('click', async () => {
    errors.replaceChildren();
    try {
      const saved = await api(accountPath(accountId, '/admin/config'), { method: 'PUT', body: editor.value });
      say('Saved.');
      tokens.replaceChildren(...saved.generatedTokens.map(t => h('li', {}, `New token for ${t.integrationId} (shown once): `,
        h('span', { class: 'url' }, location.origin + t.url))));
    } catch (error) {
      const list = (error.body && error.body.errors) || [{ field: '', message: error.message }];
      errors.replaceChildren(...list.map(e => h('li', {}, h('code', {}, e.field), ' ', e.message)));
      errors.scrollIntoView({ block: 'nearest' });
      say('Not saved: see the errors.');
    }
  });
  main.replaceChildren(
    h('h1', {}, 'Admin'),
    h('h2', {}, 'Integrations'),
    h('ul', { class: 'plain', id: 'integrations' }, integrations.items.map(i => h('li', {},
      h('strong', {}, i.name), ` (${i.type}, ${i.urgency}, team ${i.team}${i.enabled ? '' : ', disabled'})`, h('br'),
      h('span', { class: 'url' }, location.origin + i.url)))),
    h('p', { class: 'muted' }, 'Tokens are stored only as hashes: a URL shows {token} where yours goes. A new integration without a token gets one on save, shown once.'),
    tokens,
    h('h2', {}, 'Configuration document'),
    h('p', { class: 'muted' }, 'Saved only when the whole document is valid; each problem is listed with its JSON path.'),
    errors, h('div', { class: 'actions' }, save), editor);
}
