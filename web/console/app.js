// app.js - the console's shell: login and logout, the navigation for the
// user's role, and a hash router (#/m/12) so that links and Back work
// without a build step or a framework.

import { api, h, t, toast, field, setCsrf, lang, setLang } from './lib.js';
import { dashboard, form, detail, list } from './maint.js';
import { calendar } from './calendar.js';
import { units, components, webhooks, subscribers, users, audit, report, settings } from './admin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const ctx = { user: null, settings: null, route };

const routes = [
  [/^#\/?$/, dashboard, 'dashboard'],
  [/^#\/new$/, form, 'new_maint', ['editor', 'admin']],
  [/^#\/edit\/(\d+)$/, form],
  [/^#\/m\/(\d+)$/, detail],
  [/^#\/maintenances$/, list, 'maints'],
  [/^#\/calendar(?:\/(\d{4}))?$/, calendar, 'calendar'],
  [/^#\/units$/, units, 'units'],
  [/^#\/components$/, components, 'components'],
  [/^#\/subscribers$/, subscribers, 'subscribers', ['admin']],
  [/^#\/webhooks$/, webhooks, 'webhooks', ['admin']],
  [/^#\/users$/, users, 'users', ['admin']],
  [/^#\/audit$/, audit, 'audit', ['admin']],
  [/^#\/report$/, report, 'report'],
  [/^#\/settings$/, settings, 'settings'],
];

function drawNav() {
  const links = routes.filter((r) => r[2] && (!r[3] || r[3].includes(ctx.user.role)))
    .map((r) => h('li', {}, h('a', { href: '#/' + (r[2] === 'dashboard' ? '' : r[2] === 'new_maint' ? 'new' :
      r[2] === 'maints' ? 'maintenances' : r[2]) }, t(r[2]))));
  const out = h('button', { type: 'button', class: 'link', id: 'logout' }, t('logout'));
  out.addEventListener('click', async () => {
    try { await api('DELETE', '/session'); } catch (e) { /* gone already */ }
    ctx.user = null; setCsrf(null); start();
  });
  const sw = h('button', { type: 'button', class: 'link', id: 'lang', lang: lang === 'vi' ? 'en' : 'vi' }, t('lang'));
  sw.addEventListener('click', () => { setLang(lang === 'vi' ? 'en' : 'vi'); document.documentElement.lang = lang; drawNav(); route(); });
  nav.replaceChildren(h('ul', {}, links, h('li', {}, h('a', { href: '/' }, t('public_page'))), h('li', {}, sw), h('li', {}, out)));
  nav.hidden = false;
  who.textContent = `${ctx.user.name} (${ctx.user.role})`;
}

async function route() {
  const hash = location.hash || '#/';
  main.replaceChildren();
  for (const [re, view, , roles] of routes) {
    const m = re.exec(hash);
    if (!m) continue;
    if (roles && !roles.includes(ctx.user.role)) break;
    try {
      await view(main, ctx, m[1]);
    } catch (e) {
      if (e.status === 401) return start();
      main.append(h('p', { class: 'error', role: 'alert' }, e.message));
    }
    const h1 = main.querySelector('h1');
    if (h1) document.title = `${h1.textContent} – baotri`;
    // A new view: screen readers start at its heading.
    if (moved) { moved = false; main.focus(); }
    return;
  }
  main.append(h('p', { class: 'error' }, '404'));
}

function loginForm() {
  const [fName, iName] = field('login-name', t('name'), { required: true, autocomplete: 'username' });
  const [fPw, iPw] = field('login-password', t('password'), { type: 'password', required: true, autocomplete: 'current-password' });
  const err = h('p', { class: 'error', role: 'alert', hidden: true });
  const f = h('form', { id: 'login', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const s = await api('POST', '/session', { name: iName.value, password: iPw.value });
      setCsrf(s.csrf_token);
      ctx.user = s.user;
      await boot();
    } catch (e) {
      err.textContent = `${t('login_failed')}: ${e.message}`;
      err.hidden = false;
    }
  } }, fName, fPw, err, h('p', {}, h('button', { type: 'submit' }, t('login'))));
  nav.hidden = true;
  who.textContent = '';
  main.replaceChildren(h('h1', {}, t('login')), f);
  iName.focus();
}

async function boot() {
  try { ctx.settings = await api('GET', '/settings'); } catch (e) { ctx.settings = null; }
  drawNav();
  await route();
}

async function start() {
  document.documentElement.lang = lang;
  try {
    const s = await api('GET', '/session');
    if (!s.csrf_token) throw new Error('no session');
    setCsrf(s.csrf_token);
    ctx.user = s.user;
    await boot();
  } catch (e) {
    loginForm();
  }
}

let moved = false;
window.addEventListener('hashchange', () => { if (ctx.user) { moved = true; route(); } });
toast('');
start();
