// maint.js - the maintenance views: the dashboard, the planning form that
// explains the notice rule as the editor types, and a maintenance with its
// workflow actions and deliveries.

import { api, h, put, t, when, day, toast, field, table, ApiError } from './lib.js';

const badge = (s) => h('span', { class: 'badge st-' + s }, t(s));

// Upcoming first: flagged and non-compliant ones before the rest.
export async function dashboard(main, ctx) {
  const j = await api('GET', '/maintenances?limit=200');
  const now = Date.now();
  const open = j.maintenances.filter((m) =>
    !['completed', 'cancelled'].includes(m.status) && Date.parse(m.end) > now);
  const weight = (m) => (m.flagged ? 0 : m.compliant === false ? 1 : 2);
  open.sort((a, b) => weight(a) - weight(b) || Date.parse(a.start) - Date.parse(b.start));
  const rows = [];
  for (const m of open) {
    let left = '';
    if (m.notice_deadline && !m.published_at) {
      try {
        const today = new Date().toISOString().slice(0, 10);
        const w = await api('GET', `/calendar/workdays?from=${today}&to=${m.notice_deadline}`);
        left = `${w.count} ${t('days_left')}`;
      } catch (e) { left = ''; }
    }
    rows.push(h('tr', { class: m.flagged || m.compliant === false ? 'warn' : null },
      h('td', {}, h('a', { href: '#/m/' + m.id }, m.title || '#' + m.id)),
      h('td', {}, badge(m.status), m.flagged ? h('span', { class: 'badge bad' }, t('flagged')) : null,
        m.compliant === false ? h('span', { class: 'badge bad' }, t('noncompliant')) : null),
      h('td', {}, when(m.start)), h('td', {}, day(m.notice_deadline)), h('td', {}, left),
      h('td', { class: 'progress', 'data-id': m.id }, '')));
  }
  put(main, h('h1', {}, t('dashboard')),
    h('p', {}, h('a', { href: '#/new', class: 'button' }, t('new_maint'))),
    table([t('title'), t('status'), t('start'), t('deadline'), '', t('deliveries')], rows));
  // Delivery progress of the published ones, filled in as it comes.
  for (const m of open.filter((x) => x.published_at)) {
    api('GET', `/maintenances/${m.id}/deliveries`).then((d) => {
      const td = main.querySelector(`td.progress[data-id="${m.id}"]`);
      if (td) td.textContent = t('summary', d.summary.sent, d.summary.pending, d.summary.failed);
    }).catch(() => {});
  }
}

// The zone's offset, read off an instant the server gave ("+07:00").
let zoneOffset = '+07:00';
const toInstant = (v) => (v ? v + ':00' + zoneOffset : '');
const toLocal = (s) => (s ? s.slice(0, 16) : '');

export async function form(main, ctx, id) {
  const comps = (await api('GET', '/components')).components;
  const m = id ? await api('GET', '/maintenances/' + id) : null;
  const [fTitle, iTitle] = field('title', t('title'), { required: true, maxlength: 200, value: m?.title });
  const [fTitleEn, iTitleEn] = field('title_en', t('title_en'), { maxlength: 200, value: m?.title_en });
  const [fDesc, iDesc] = field('description', t('description'), { tag: 'textarea', rows: 3, maxlength: 4000, value: m?.description });
  const [fStart, iStart] = field('start', t('start'), { type: 'datetime-local', required: true, value: toLocal(m?.start), 'aria-describedby': 'rule' });
  const [fEnd, iEnd] = field('end', t('end'), { type: 'datetime-local', required: true, value: toLocal(m?.end) });
  const impact = h('select', { id: 'impact', name: 'impact' },
    ['outage', 'degraded', 'read-only'].map((v) => h('option', { value: v, selected: m?.impact === v }, t(v))));
  const category = h('select', { id: 'category', name: 'category' },
    ['planned', 'emergency'].map((v) => h('option', { value: v, selected: m?.category === v }, t(v))));
  const [fJust, iJust] = field('justification', t('justification'), { tag: 'textarea', rows: 2, maxlength: 2000, value: m?.justification });
  const boxes = comps.map((c) => h('label', {}, h('input', { type: 'checkbox', name: 'components', value: c.slug,
    checked: m ? m.components.includes(c.slug) : comps.length === 1 }), ' ', c.name));
  const rule = h('div', { id: 'rule', class: 'rule-box', 'aria-live': 'polite' });
  const err = h('p', { id: 'form-error', class: 'error', role: 'alert', hidden: true });
  const saveBtn = h('button', { type: 'submit', id: 'save' }, t('save_submit'));
  const draftBtn = h('button', { type: 'button', id: 'draft', class: 'secondary' }, t('save_draft'));
  let earliest = null;

  // Asks the API for the earliest start of a notice given now, and the
  // deadline of the typed start; explains which days count and which not.
  let asked = 0;
  async function explain() {
    const mine = ++asked;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const e = await api('GET', '/calendar/earliest-start?notice_at=' + encodeURIComponent(now));
    zoneOffset = e.earliest_start.slice(-6);
    earliest = e.earliest_start;
    const kids = [h('p', {}, h('strong', {}, t('earliest') + ': '), h('span', { id: 'earliest' }, when(e.earliest_start))),
      h('p', {}, t('counted') + ': ', e.working_days.map(day).join(', ')),
      e.skipped && e.skipped.length ? h('p', {}, t('skipped') + ': ', e.skipped.map((s) =>
        `${day(s.date)} (${s.name || t('k_' + s.kind)})`).join(', ')) : null];
    if (iStart.value) {
      const start = toInstant(iStart.value);
      try {
        const d = await api('GET', '/calendar/notice-deadline?start=' + encodeURIComponent(start));
        kids.push(h('p', {}, h('strong', {}, t('deadline') + ': '), h('span', { id: 'deadline' }, day(d.notice_deadline))));
      } catch (x) { /* shown by the check below */ }
      const soon = category.value === 'planned' && Date.parse(start) < Date.parse(earliest);
      kids.push(h('p', { class: soon ? 'bad' : 'good', id: 'rule-verdict' }, soon ?
        t('too_soon', when(earliest), e.working_days.length) : t('ok_rule')));
    }
    // Typing fires many requests; only the latest answer is shown.
    if (mine === asked) rule.replaceChildren(...kids.filter(Boolean));
  }
  iStart.addEventListener('change', () => explain().catch(() => {}));
  iStart.addEventListener('input', () => explain().catch(() => {}));
  category.addEventListener('change', () => {
    fJust.hidden = category.value !== 'emergency';
    explain().catch(() => {});
  });
  fJust.hidden = category.value !== 'emergency';

  function body() {
    const b = {
      title: iTitle.value, description: iDesc.value || undefined,
      title_en: iTitleEn.value || undefined, impact: impact.value,
      components: boxes.map((l) => l.firstChild).filter((c) => c.checked).map((c) => c.value),
      start: toInstant(iStart.value), end: toInstant(iEnd.value), category: category.value,
    };
    if (category.value === 'emergency') b.justification = iJust.value;
    return b;
  }
  async function save(submit) {
    err.hidden = true;
    try {
      await explain();
      const b = body();
      if (submit && b.category === 'planned' && Date.parse(b.start) < Date.parse(earliest))
        throw new Error(t('too_soon', when(earliest), 5));
      const saved = m ? await api('PATCH', '/maintenances/' + m.id, b) : await api('POST', '/maintenances', b);
      if (submit && saved.status === 'draft') await api('POST', `/maintenances/${saved.id}/submit`);
      toast(submit ? t('maint_saved', saved.id) : t('saved'));
      location.hash = '#/m/' + saved.id;
    } catch (e) {
      err.textContent = e.message + (e instanceof ApiError && e.body.earliest_start ?
        ` (${t('earliest')}: ${when(e.body.earliest_start)})` : '');
      err.hidden = false;
      err.focus?.();
    }
  }
  draftBtn.addEventListener('click', () => save(false));
  const f = h('form', { id: 'maint-form', novalidate: true, onsubmit: (ev) => { ev.preventDefault(); save(true); } },
    fTitle, fTitleEn, fDesc,
    h('fieldset', {}, h('legend', {}, t('components')), boxes),
    h('div', { class: 'row' }, fStart, fEnd), rule,
    h('p', { class: 'field' }, h('label', { for: 'impact' }, t('impact')), impact),
    h('p', { class: 'field' }, h('label', { for: 'category' }, t('category')), category),
    fJust, err, h('p', {}, saveBtn, ' ', draftBtn));
  put(main, h('h1', {}, m ? `${t('maints')} #${m.id}` : t('new_maint')), f);
  explain().catch(() => {});
}

export async function detail(main, ctx, id) {
  const m = await api('GET', '/maintenances/' + id);
  const acts = [];
  const act = (name, cap, extra) => {
    const b = h('button', { type: 'button', id: 'act-' + name }, t(name));
    b.addEventListener('click', async () => {
      try {
        let body;
        if (name === 'cancel') {
          const r = prompt(t('reason'));
          if (r === null) return;
          body = r ? { reason: r } : undefined;
        }
        await api('POST', `/maintenances/${id}/${name}`, body);
        toast(t('saved'));
        ctx.route();
      } catch (e) {
        toast(e.message + (e.body?.earliest_start ? ` (${t('earliest')}: ${when(e.body.earliest_start)})` : ''), true);
      }
    });
    if (extra) b.disabled = true;
    acts.push(b, ' ');
  };
  const role = ctx.user.role;
  const edit = ['editor', 'admin'].includes(role);
  const approve = ['approver', 'admin'].includes(role);
  const own = m.author === ctx.user.name;
  if (m.status === 'draft' && edit) act('submit');
  if (m.status === 'submitted' && approve) act('approve', null, own && ctx.settings?.four_eyes);
  if (['draft', 'submitted', 'approved', 'in_progress'].includes(m.status) && (edit || approve)) act('cancel');
  if (m.status === 'in_progress') act('complete');
  const dl = h('dl', {},
    h('dt', {}, t('status')), h('dd', {}, badge(m.status)),
    h('dt', {}, t('start')), h('dd', {}, when(m.start)),
    h('dt', {}, t('end')), h('dd', {}, when(m.end)),
    h('dt', {}, t('components')), h('dd', {}, m.components.join(', ')),
    h('dt', {}, t('impact')), h('dd', {}, t(m.impact || 'outage')),
    h('dt', {}, t('category')), h('dd', {}, t(m.category)),
    h('dt', {}, t('author')), h('dd', {}, m.author),
    h('dt', {}, t('approver')), h('dd', {}, m.approver || '–'),
    h('dt', {}, t(m.published_at ? 'earliest_given' : 'earliest')), h('dd', {}, when(m.earliest_start)),
    h('dt', {}, t('deadline')), h('dd', {}, day(m.notice_deadline)),
    h('dt', {}, t('compliant')), h('dd', {}, m.compliant === true ? t('yes') : m.compliant === false ? t('no') : t('unknown')));
  put(main, h('h1', {}, m.title || '#' + m.id), dl,
    m.flagged ? h('p', { class: 'error' }, t('flagged') + ': ' + (m.flag_reason || '')) : null,
    ctx.settings?.four_eyes && m.status === 'submitted' ? h('p', { class: 'hint', id: 'four-eyes' }, t('four_eyes')) : null,
    h('p', {}, acts, ['draft', 'submitted'].includes(m.status) && edit ?
      h('a', { href: `#/edit/${id}` }, '✎ ' + t('title')) : null,
      m.published_at ? h('a', { href: `/maintenances/${id}` }, ' ' + t('public_page')) : null));
  if (!m.published_at) return;
  const d = await api('GET', `/maintenances/${id}/deliveries`);
  const rows = d.deliveries.map((x) => h('tr', { class: x.state === 'failed' ? 'warn' : null },
    h('td', {}, x.recipient_name ? `${x.recipient_name} <${x.recipient}>` : x.recipient),
    h('td', {}, x.kind), h('td', {}, x.state), h('td', {}, String(x.attempts)),
    h('td', {}, x.last_reply || ''), h('td', {}, when(x.accepted_at)), h('td', {}, when(x.acknowledged_at))));
  const resend = h('button', { type: 'button', id: 'resend' }, t('resend'));
  resend.addEventListener('click', async () => {
    try { const r = await api('POST', `/maintenances/${id}/resend`); toast(String(r.requeued)); ctx.route(); } catch (e) { toast(e.message, true); }
  });
  // While notices are on their way, the view refreshes itself.
  if (d.summary.pending > 0) {
    const here = location.hash;
    setTimeout(() => { if (location.hash === here) ctx.route(); }, 3000);
  }
  put(main, h('h2', {}, t('deliveries')),
    h('p', { id: 'delivery-summary' }, t('summary', d.summary.sent, d.summary.pending, d.summary.failed), ' ',
      d.summary.failed ? resend : null),
    table([t('recipient'), t('kind'), t('state'), t('attempts'), t('last_reply'), t('accepted'), t('acked')], rows));
}

export async function list(main) {
  const j = await api('GET', '/maintenances?limit=200');
  put(main, h('h1', {}, t('maints')), table([t('title'), t('status'), t('start'), t('end')],
    j.maintenances.slice().reverse().map((m) => h('tr', {},
      h('td', {}, h('a', { href: '#/m/' + m.id }, m.title || '#' + m.id)),
      h('td', {}, badge(m.status)), h('td', {}, when(m.start)), h('td', {}, when(m.end))))));
}
