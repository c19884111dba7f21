// Console entry: the login page when there is no session, else the views the role may use.
import { api, session, setSession } from './api.js';
import { t, setLanguage, lang, apply } from './i18n.js';
import { el } from './dom.js';
import alarms from './alarms.js';
import scan from './scan.js';
import stock from './stock.js';
import quarantine from './quarantine.js';
import devices from './devices.js';
import lookup from './lookup.js';

const VIEWS = [alarms, scan, stock, quarantine, devices, lookup];
let current = null;

function allowed() {
  return VIEWS.filter((v) => v.roles.includes(session.role));
}

function show(id) {
  const views = allowed();
  const view = views.find((v) => v.id === id) || views[0];
  if (current && current.leave) current.leave();
  current = view;
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.view === view.id) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const main = document.getElementById('main');
  main.replaceChildren();
  view.render(main);
  apply(main);
}

function buildNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...allowed().map((v) => el('a', { href: `#${v.id}`, 'data-view': v.id, id: `nav-${v.id}`, 'data-i18n': `view.${v.id}` }, t(`view.${v.id}`))));
}

function enter(s) {
  setSession(s);
  document.getElementById('login').hidden = true;
  document.getElementById('app').hidden = false;
  document.getElementById('who').textContent = t('who', { user: s.user, role: t(`role.${s.role}`), site: s.site || t('allSites') });
  buildNav();
  show(location.hash.slice(1));
}

function leaveApp() {
  if (current && current.leave) current.leave();
  current = null;
  setSession(null);
  window.dispatchEvent(new CustomEvent('hemowatch:ended'));
  document.getElementById('app').hidden = true;
  document.getElementById('main').replaceChildren();
  document.getElementById('login').hidden = false;
  document.getElementById('login-user').focus();
}

async function boot() {
  await setLanguage(lang);
  document.querySelectorAll('.lang-select').forEach((s) => {
    s.value = lang;
    s.addEventListener('change', async () => {
      await setLanguage(s.value);
      document.querySelectorAll('.lang-select').forEach((o) => { o.value = s.value; });
      if (session.user) enter(session);
    });
  });
  document.getElementById('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const error = document.getElementById('login-error');
    error.textContent = '';
    const r = await api('/auth/login', { method: 'POST', body: {
      username: document.getElementById('login-user').value, password: document.getElementById('login-password').value } });
    document.getElementById('login-password').value = '';
    if (r.ok) enter(r.json);
    else error.textContent = r.status === 429 ? t('login.throttled') : t('login.failed');
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await api('/auth/logout', { method: 'POST' });
    leaveApp();
  });
  window.addEventListener('hashchange', () => { if (session.user) show(location.hash.slice(1)); });
  window.addEventListener('hemowatch:logged-out', leaveApp);
  const r = await api('/auth/session');
  if (r.ok) enter(r.json); else leaveApp();
}

boot();
