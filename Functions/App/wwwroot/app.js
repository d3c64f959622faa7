import { api, SignInRequired } from './api.js';
import { h } from './dom.js';
import { incidentsPage, incidentPage } from './pages/incidents.js';
import { onCallPage } from './pages/oncall.js';
import { mePage } from './pages/me.js';
import { adminPage } from './pages/admin.js';

// Routes: #incidents, #incidents/12, #oncall, #me, #admin — for the account chosen in the header (remembered).
// #incidents/12/{accountId} (from a push notification) switches to that account first when the person is in it.
const state = { session: null, accountId: null, stop: null, navigation: 0 };
const main = document.getElementById('main');

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {});
}

function membership() {
  return state.session.accounts.find(a => a.accountId === state.accountId);
}

function showSignIn(url) {
  const target = `${url}${url.includes('?') ? '&' : '?'}post_login_redirect_uri=${encodeURIComponent('/app/' + location.hash)}`;
  main.replaceChildren(
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Klaxon shows your incidents and on-call once you sign in.'),
    h('p', {}, h('a', { href: target, id: 'sign-in' }, 'Sign in')));
}

function renderHeader() {
  const nav = document.getElementById('nav');
  nav.hidden = false;
  const current = membership();
  document.getElementById('nav-admin').hidden = !(current && current.role === 'admin');
  const who = document.getElementById('who');
  const picker = state.session.accounts.length > 1
    ? h('select', { 'aria-label': 'Account', onchange: e => { state.accountId = e.target.value; localStorage.setItem('klaxon.account', state.accountId); route(); } },
      state.session.accounts.map(a => h('option', { value: a.accountId, selected: a.accountId === state.accountId }, a.accountName)))
    : (current ? current.accountName : '');
  who.replaceChildren(state.session.displayName, ' · ', picker, ' · ', h('a', { href: state.session.signOutUrl }, 'Sign out'));
}

async function route() {
  if (state.stop) { state.stop(); state.stop = null; }
  const [page, arg, account] = (location.hash.replace(/^#/, '') || 'incidents').split('/').map(decodeURIComponent);
  if (account && state.session.accounts.some(a => a.accountId === account)) {
    state.accountId = account;
    localStorage.setItem('klaxon.account', account);
  }
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  renderHeader();
  const current = membership();
  if (!current) {
    main.replaceChildren(h('h1', {}, 'No account'), h('p', {}, `No Klaxon account lists ${state.session.signInName} in a user's "logins". Ask an admin to add it.`));
    return;
  }
  // Each navigation renders into its own view: a slower, earlier navigation that finishes late writes into a detached
  // view and stops its own polling, instead of replacing the page the person moved to.
  const navigation = ++state.navigation;
  const view = h('div');
  main.replaceChildren(view);
  const context = { accountId: state.accountId, me: current, main: view };
  try {
    let stop = null;
    switch (page) {
      case 'incidents': stop = arg ? await incidentPage(context, arg) : await incidentsPage(context); break;
      case 'oncall': await onCallPage(context); break;
      case 'me': await mePage(context); break;
      case 'admin': await adminPage(context); break;
      default: view.replaceChildren(h('h1', {}, 'Not found'));
    }
    if (navigation === state.navigation) state.stop = stop; else if (stop) stop();
  } catch (error) {
    if (error instanceof SignInRequired) showSignIn(error.signInUrl);
    else view.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', {}, error.message));
  }
}

async function start() {
  try {
    state.session = await api('/app/api/session');
  } catch (error) {
    if (error instanceof SignInRequired) { showSignIn(error.signInUrl); return; }
    main.replaceChildren(h('h1', {}, 'Cannot reach Klaxon'), h('p', {}, error.message));
    return;
  }
  const remembered = localStorage.getItem('klaxon.account');
  const accounts = state.session.accounts;
  state.accountId = accounts.some(a => a.accountId === remembered) ? remembered : (accounts[0] && accounts[0].accountId);
  window.addEventListener('hashchange', route);
  await route();
}

start();
