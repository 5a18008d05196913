// calendar.js - the holiday calendar: a year as twelve month grids with
// days off, compensatory days, working Saturdays and provisional days, each
// with its layer and source; overrides added and removed; ICS import.

import { api, h, put, t, day, toast, field } from './lib.js';

const pad = (n) => String(n).padStart(2, '0');

export async function calendar(main, ctx, yearArg) {
  const year = Number(yearArg) || new Date().getFullYear();
  const j = await api('GET', '/holidays?year=' + year);
  const byDate = new Map(j.days.map((d) => [d.date, d]));
  const canEdit = ['editor', 'admin'].includes(ctx.user.role);
  const grids = [];
  for (let mo = 1; mo <= 12; mo++) {
    const first = new Date(Date.UTC(year, mo - 1, 1));
    const lead = (first.getUTCDay() + 6) % 7; // Monday first
    const n = new Date(Date.UTC(year, mo, 0)).getUTCDate();
    const cells = [];
    for (let i = 0; i < lead; i++) cells.push(h('td', {}));
    for (let d = 1; d <= n; d++) {
      const iso = `${year}-${pad(mo)}-${pad(d)}`;
      const info = byDate.get(iso);
      const wd = (lead + d - 1) % 7;
      const kind = info ? info.kind : wd >= 5 ? 'weekend' : 'workday';
      const label = info ? `${t('k_' + info.kind)}${info.name ? ': ' + info.name : ''} · ${info.layer}` +
        `${info.source ? ' · ' + info.source : ''}${info.provisional ? ' · ' + t('provisional') : ''}` : t('k_' + kind);
      cells.push(h('td', { class: `d k-${kind}${info?.provisional ? ' prov' : ''}${info?.layer === 'override' ? ' ovr' : ''}`,
        'data-date': iso, 'data-kind': kind, title: label },
      h('span', { 'aria-hidden': 'true' }, String(d)), h('span', { class: 'sr' }, `${day(iso)}: ${label}`)));
    }
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
    grids.push(h('table', { class: 'month', 'aria-label': t('months')[mo - 1] + ' ' + year },
      h('caption', {}, t('months')[mo - 1]),
      h('thead', {}, h('tr', {}, t('wd').map((w) => h('th', { scope: 'col' }, w)))), h('tbody', {}, rows)));
  }
  const legend = h('ul', { class: 'legend' }, ['holiday', 'compensatory', 'swapped_off', 'day_off', 'swapped_work', 'weekend']
    .map((k) => h('li', {}, h('span', { class: 'sw k-' + k }), t('k_' + k))), h('li', {}, h('span', { class: 'sw prov' }), t('provisional')));
  const nav = h('p', { class: 'yearnav' },
    h('a', { href: `#/calendar/${year - 1}` }, '‹ ' + (year - 1)), ' ',
    h('strong', {}, String(year)), ` (${t(j.status)}, ${j.working_days} ${t('working_days')}) `,
    h('a', { href: `#/calendar/${year + 1}` }, (year + 1) + ' ›'));
  put(main, h('h1', {}, t('calendar') + ' ' + year), nav, legend, h('div', { class: 'months' }, grids));
  const overrides = j.days.filter((d) => d.layer === 'override');
  if (canEdit) put(main, editor(ctx, overrides));
}

function editor(ctx, overrides) {
  const [fDate, iDate] = field('ovr-date', t('date'), { type: 'date', required: true });
  const kind = h('select', { id: 'ovr-kind' }, ['off', 'work', 'clear'].map((k) => h('option', { value: k }, t(k))));
  const [fName, iName] = field('ovr-name', t('name_vi'), { maxlength: 200 });
  const add = h('form', { id: 'ovr-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/holidays', { date: iDate.value, kind: kind.value, name: iName.value || undefined });
      toast(t('saved')); ctx.route();
    } catch (e) { toast(e.message, true); }
  } }, fDate, h('p', { class: 'field' }, h('label', { for: 'ovr-kind' }, t('kind')), kind), fName,
  h('p', {}, h('button', { type: 'submit' }, t('add_override'))));
  const list = h('ul', { id: 'overrides' }, overrides.map((o) => h('li', {}, `${day(o.date)} ${t('k_' + o.kind)} ${o.name || ''} `,
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try { await api('DELETE', '/holidays/' + o.date); toast(t('saved')); ctx.route(); } catch (e) { toast(e.message, true); }
    } }, t('delete')))));
  const file = h('input', { type: 'file', id: 'ics-file', accept: '.ics,text/calendar' });
  const [fUrl, iUrl] = field('ics-url', t('import_url'), { type: 'url', maxlength: 2000 });
  const imp = h('form', { id: 'import-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const r = file.files[0] ? await api('POST', '/holidays/import', await file.files[0].text(), 'text/calendar')
        : await api('POST', '/holidays/import', { url: iUrl.value });
      toast(`${t('saved')} ${JSON.stringify(r.imported ?? r)}`); ctx.route();
    } catch (e) { toast(e.message, true); }
  } }, h('p', { class: 'field' }, h('label', { for: 'ics-file' }, t('import_file')), file), fUrl,
  h('p', {}, h('button', { type: 'submit' }, t('import'))));
  return h('section', {}, h('h2', {}, t('add_override')), add, list, h('h2', {}, t('import')), imp);
}
