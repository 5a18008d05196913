// admin.js - the reference data and the oversight views: units and their
// contacts and private feeds, components, webhooks, subscribers, users and
// roles, the audit log, the compliance report and the settings.

import { api, h, put, t, when, day, toast, field, table } from './lib.js';

const guard = (fn) => async (ev) => {
  ev?.preventDefault?.();
  try { await fn(); } catch (e) { toast(e.message, true); }
};

// "Nguyễn Văn A <a@example.gov.vn>" lines -> contacts.
function parseContacts(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const m = /^(.*?)\s*<([^>]+)>$/.exec(l);
    return m ? { name: m[1] || m[2], email: m[2] } : { name: l, email: l };
  });
}

export async function units(main, ctx) {
  const [u, c] = await Promise.all([api('GET', '/units'), api('GET', '/components')]);
  const canEdit = ['editor', 'admin'].includes(ctx.user.role);
  let editing = null;
  const [fName, iName] = field('unit-name', t('name_vi'), { required: true, maxlength: 200 });
  const [fContacts, iContacts] = field('unit-contacts', t('contacts'), { tag: 'textarea', rows: 4 });
  const boxes = c.components.map((k) => h('label', {}, h('input', { type: 'checkbox', value: k.slug }), ' ', k.name, ' '));
  const heading = h('h2', { id: 'unit-form-title' }, t('create'));
  const submit = h('button', { type: 'submit' }, t('create'));
  // Fills the form with a unit to change it (PATCH), or empties it.
  const edit = (x) => {
    editing = x;
    iName.value = x ? x.name : '';
    iContacts.value = x ? x.contacts.map((k) => `${k.name} <${k.email}>`).join('\n') : '';
    for (const b of boxes) b.firstChild.checked = !!x && x.components.includes(b.firstChild.value);
    heading.textContent = x ? `${t('edit')}: ${x.name}` : t('create');
    submit.textContent = x ? t('save') : t('create');
    if (x) iName.focus();
  };
  const rows = u.units.map((x) => {
    const feedCell = h('td', {});
    const show = h('button', { type: 'button', class: 'secondary', onclick: guard(async () => {
      const f = await api('GET', `/units/${x.id}/feed-token`);
      feedCell.replaceChildren(h('code', {}, f.feed_url), ' ', canEdit ? h('button', { type: 'button', class: 'secondary',
        onclick: guard(async () => { const g = await api('POST', `/units/${x.id}/feed-token`); feedCell.replaceChildren(h('code', {}, g.feed_url)); toast(t('saved')); }) },
      t('rotate')) : null);
    }) }, t('feed'));
    feedCell.append(show);
    return h('tr', {}, h('td', {}, x.name), h('td', {}, x.components.join(', ')),
      h('td', {}, x.contacts.map((k) => `${k.name || ''} <${k.email}>`).join(', ')), feedCell,
      h('td', {}, canEdit ? h('button', { type: 'button', class: 'secondary', 'data-unit': x.id, onclick: () => edit(x) },
        t('edit')) : null));
  });
  put(main, h('h1', {}, t('units')), table([t('name_vi'), t('components'), t('contacts'), t('feed'), ''], rows));
  if (!canEdit) return;
  put(main, heading, h('form', { id: 'unit-form', onsubmit: guard(async () => {
    const body = { name: iName.value, contacts: parseContacts(iContacts.value),
      components: boxes.map((b) => b.firstChild).filter((b) => b.checked).map((b) => b.value) };
    if (editing) await api('PATCH', '/units/' + editing.id, body);
    else await api('POST', '/units', body);
    toast(t('saved')); ctx.route();
  }) }, fName, h('fieldset', {}, h('legend', {}, t('components')), boxes), fContacts,
  h('p', {}, submit, ' ', h('button', { type: 'button', class: 'secondary', onclick: () => edit(null) }, t('new')))));
}

export async function components(main, ctx) {
  const c = await api('GET', '/components');
  put(main, h('h1', {}, t('components')), table([t('slug'), t('name_vi'), t('name_en'), 'ICS'],
    c.components.map((k) => h('tr', {}, h('td', {}, k.slug), h('td', {}, k.name), h('td', {}, k.name_en || ''),
      h('td', {}, h('a', { href: `/components/${encodeURIComponent(k.slug)}/calendar.ics` }, 'calendar.ics'))))));
  if (!['editor', 'admin'].includes(ctx.user.role)) return;
  const [fSlug, iSlug] = field('comp-slug', t('slug'), { required: true, pattern: '[a-z0-9-]+', maxlength: 64 });
  const [fName, iName] = field('comp-name', t('name_vi'), { required: true, maxlength: 200 });
  const [fEn, iEn] = field('comp-name-en', t('name_en'), { maxlength: 200 });
  put(main, h('h2', {}, t('create')), h('form', { id: 'comp-form', onsubmit: guard(async () => {
    await api('POST', '/components', { slug: iSlug.value, name: iName.value, name_en: iEn.value || undefined });
    toast(t('saved')); ctx.route();
  }) }, fSlug, fName, fEn, h('p', {}, h('button', { type: 'submit' }, t('create')))));
}

export async function webhooks(main, ctx) {
  const w = await api('GET', '/webhooks');
  const out = h('p', { id: 'webhook-secret', role: 'status' });
  put(main, h('h1', {}, t('webhooks')), table([t('url'), ''], w.webhooks.map((x) => h('tr', {}, h('td', {}, x.url),
    h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: guard(async () => {
      await api('DELETE', '/webhooks/' + x.id); ctx.route();
    }) }, t('delete')))))));
  const [fUrl, iUrl] = field('hook-url', t('url'), { type: 'url', required: true, maxlength: 2000 });
  put(main, h('form', { id: 'hook-form', onsubmit: guard(async () => {
    const r = await api('POST', '/webhooks', { url: iUrl.value });
    out.replaceChildren(t('secret_once') + ' ', h('code', {}, r.secret));
  }) }, fUrl, h('p', {}, h('button', { type: 'submit' }, t('create')))), out);
}

export async function subscribers(main) {
  const s = await api('GET', '/subscribers');
  put(main, h('h1', {}, t('subscribers')), table(['Email', t('status'), t('components'), 'Lang', t('at')],
    s.subscribers.map((x) => h('tr', {}, h('td', {}, x.email), h('td', {}, x.status),
      h('td', {}, x.all_components ? '*' : x.components.join(', ')), h('td', {}, x.language), h('td', {}, when(x.created_at))))));
}

export async function users(main, ctx) {
  const u = await api('GET', '/users');
  put(main, h('h1', {}, t('users')), table([t('name'), t('role'), t('status'), ''], u.users.map((x) => h('tr', {},
    h('td', {}, x.name), h('td', {}, x.role), h('td', {}, x.disabled ? t('disabled') : ''),
    h('td', {}, x.disabled || x.name === ctx.user.name ? '' : h('button', { type: 'button', class: 'secondary',
      onclick: guard(async () => { await api('POST', `/users/${encodeURIComponent(x.name)}/disable`); toast(t('saved')); ctx.route(); }) },
    t('disable')))))));
  const [fName, iName] = field('user-name', t('name'), { required: true, maxlength: 64, autocomplete: 'off' });
  const [fPw, iPw] = field('user-password', t('password'), { type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const role = h('select', { id: 'user-role' }, ['viewer', 'editor', 'approver', 'admin'].map((r) => h('option', { value: r }, r)));
  put(main, h('h2', {}, t('create')), h('form', { id: 'user-form', onsubmit: guard(async () => {
    await api('POST', '/users', { name: iName.value, role: role.value, password: iPw.value });
    toast(t('saved')); ctx.route();
  }) }, fName, h('p', { class: 'field' }, h('label', { for: 'user-role' }, t('role')), role), fPw,
  h('p', {}, h('button', { type: 'submit' }, t('create')))));
}

export async function audit(main) {
  const [fActor, iActor] = field('audit-actor', t('actor'), { maxlength: 64 });
  const [fAction, iAction] = field('audit-action', t('action'), { maxlength: 64 });
  const body = h('tbody', {});
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('more'));
  let cursor = null;
  async function load(reset) {
    const q = new URLSearchParams({ limit: '100' });
    if (iActor.value) q.set('actor', iActor.value);
    if (iAction.value) q.set('action', iAction.value);
    if (!reset && cursor) q.set('cursor', cursor);
    const j = await api('GET', '/audit?' + q);
    if (reset) body.replaceChildren();
    for (const e of j.entries) body.append(h('tr', {}, h('td', {}, when(e.at)), h('td', {}, e.actor), h('td', {}, e.action),
      h('td', {}, e.object), h('td', {}, e.address || '')));
    cursor = j.next_cursor || null;
    more.hidden = !cursor;
  }
  more.addEventListener('click', guard(() => load(false)));
  put(main, h('h1', {}, t('audit')), h('form', { class: 'inline', onsubmit: guard(() => load(true)) }, fActor, fAction,
    h('p', {}, h('button', { type: 'submit' }, t('show')))),
  h('table', {}, h('thead', {}, h('tr', {}, [t('at'), t('actor'), t('action'), t('object'), 'IP'].map((c) => h('th', { scope: 'col' }, c)))), body), more);
  await load(true);
}

export async function report(main) {
  const y = new Date().getFullYear();
  const [fFrom, iFrom] = field('rep-from', t('from'), { type: 'date', value: `${y}-01-01` });
  const [fTo, iTo] = field('rep-to', t('to'), { type: 'date', value: `${y}-12-31` });
  const out = h('div', {});
  const csv = h('a', { id: 'rep-csv' }, t('csv'));
  async function load() {
    const q = `from=${iFrom.value}&to=${iTo.value}`;
    csv.href = `/api/v1/reports/compliance?${q}&format=csv`;
    const j = await api('GET', '/reports/compliance?' + q);
    const items = j.maintenances || j.items || [];
    out.replaceChildren(table([t('title'), t('start'), t('notice_at'), t('working_days'), t('compliant'), t('reason')],
      items.map((m) => h('tr', { class: m.compliant === false ? 'warn' : null }, h('td', {}, m.title || '#' + m.id),
        h('td', {}, when(m.start)), h('td', {}, when(m.notice_at)), h('td', {}, m.working_days_of_notice ?? ''),
        h('td', {}, m.compliant === true ? t('yes') : m.compliant === false ? t('no') : t('unknown')),
        h('td', {}, m.reason || '')))));
  }
  put(main, h('h1', {}, t('report')), h('form', { class: 'inline', onsubmit: guard(load) }, fFrom, fTo,
    h('p', {}, h('button', { type: 'submit' }, t('show')), ' ', csv)), out);
  await load();
}

export async function settings(main) {
  const s = await api('GET', '/settings');
  const rows = [];
  const walk = (prefix, o) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(prefix + k + '.', v);
      else rows.push(h('tr', {}, h('th', { scope: 'row' }, prefix + k), h('td', {}, JSON.stringify(v))));
    }
  };
  walk('', s);
  put(main, h('h1', {}, t('settings')), h('table', {}, h('tbody', {}, rows)));
}
