// console_test.js - the admin console and the public pages in a real
// browser: Debian's Chromium driven by playwright-core, against the real
// baotrid and a real SMTP server (aiosmtpd's Mailbox handler writing a
// maildir).  An editor plans too soon and is refused, plans again and
// submits; an approver approves; the invites arrive; the public page shows
// it in Vietnamese and English; a visitor subscribes, confirms from the
// mail, and unsubscribes from a notice; the 2026 calendar shows Tết and the
// working Saturday; the form is reachable by keyboard alone.  Screenshots
// go to $ARTIFACTS (default build/artifacts).  Ends "N passed, N failed".
'use strict';
const { chromium } = require('playwright-core');
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');

const TOP = path.resolve(__dirname, '..', '..');
const BAOTRID = process.env.BAOTRID || path.join(TOP, 'build', 'baotrid');
const ARTIFACTS = process.env.ARTIFACTS || path.join(TOP, 'build', 'artifacts');
const counts = { passed: 0, failed: 0 };
const procs = [];

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, what, seconds = 20) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(100);
  }
}
async function listening(port) {
  return until(() => new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
    c.on('error', () => resolve(false));
  }), 'port ' + port);
}

// The messages the relay received: {to, headers, parts: [{type, text}]}.
function mailbox(dir) {
  const out = [];
  for (const sub of ['new', 'cur']) {
    const d = path.join(dir, sub);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) out.push(parseMail(fs.readFileSync(path.join(d, f), 'latin1')));
  }
  return out;
}
function parseMail(raw) {
  const [head] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const hdr = (n) => (new RegExp('^' + n + ':\\s*(.*)$', 'mi').exec(unfolded) || [])[1] || '';
  const parts = [];
  for (const chunk of raw.split(/\r?\n--[^\r\n]+\r?\n/).slice(1)) {
    const cut = chunk.search(/\r?\n\r?\n/);
    if (cut < 0) continue;
    const ph = chunk.slice(0, cut);
    const type = (/^Content-Type:\s*([^;\r\n]+)/mi.exec(ph) || [])[1];
    if (!type || !/^Content-Transfer-Encoding:\s*base64/mi.test(ph)) continue;
    const body = chunk.slice(cut).replace(/\r?\n--[^]*$/, '').replace(/\s+/g, '');
    parts.push({ type: type.trim().toLowerCase(), text: Buffer.from(body, 'base64').toString('utf8') });
  }
  return { to: hdr('To'), subject: hdr('Subject'), parts, raw };
}
const textOf = (msg) => (msg.parts.find((p) => p.type === 'text/plain') || { text: '' }).text;

async function check(name, fn) {
  try {
    await fn();
    counts.passed++;
    console.log('ok ' + name);
  } catch (e) {
    counts.failed++;
    console.log('FAIL ' + name + '\n  ' + (e.stack || e).toString().split('\n').slice(0, 6).join('\n  '));
  }
}
function assert(c, msg) { if (!c) throw new Error(msg || 'assertion failed'); }

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baotri-browser-'));
  const maildir = path.join(tmp, 'maildir');
  const smtpPort = await freePort();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const relay = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`,
    '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: 'ignore' });
  procs.push(relay);
  await listening(smtpPort);
  const data = path.join(tmp, 'data');
  fs.mkdirSync(data);
  fs.writeFileSync(path.join(tmp, 'baotri.ini'), `[server]\npublic_url = ${base}\n` +
    `[store]\ndata_dir = ${data}\nshare_dir = ${path.join(TOP, 'data')}\n` +
    `[mail]\nfrom = Trung tâm Thông tin <noreply@example.gov.vn>\nrelay = 127.0.0.1:${smtpPort}\ntls = none\n`);
  const users = { admin: 'admin', bien: 'editor', duyet: 'approver' };
  const pw = 'mat-khau-rat-dai-123';
  for (const [u, role] of Object.entries(users)) {
    const r = spawnSync(BAOTRID, ['--data-dir', data, 'user', 'add', u, '--role', role], { input: pw + '\n' });
    assert(r.status === 0, 'user add ' + u + ': ' + r.stderr);
  }
  const token = (u) => spawnSync(BAOTRID, ['--data-dir', data, 'token', 'create', u]).stdout.toString().trim();
  const tokens = { admin: token('admin'), bien: token('bien'), duyet: token('duyet') };
  const log = fs.openSync(path.join(data, 'baotrid.log'), 'a');
  const d = spawn(BAOTRID, ['-c', path.join(tmp, 'baotri.ini'), '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', log, log] });
  procs.push(d);
  await listening(port);
  const call = async (who, method, p, body) => {
    const r = await fetch(base + '/api/v1' + p, { method, headers: { Authorization: 'Bearer ' + tokens[who],
      'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
  await call('admin', 'POST', '/components', { slug: 'portal', name: 'Cổng Thông tin điện tử', name_en: 'Web portal' });
  await call('admin', 'POST', '/units', { name: 'Vụ Pháp chế', components: ['portal'],
    contacts: [{ name: 'Nguyễn Văn A', email: 'phapche@example.gov.vn', language: 'vi' }] });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Ho_Chi_Minh' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Expected answers (401 before login) are not script errors.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, name + '.png'), fullPage: true });
  const login = async (u) => {
    await page.goto(base + '/admin');
    // The console asks for the session first: logged in, or the form.
    await page.waitForSelector('#logout, #login-name');
    if (await page.locator('#logout').count()) {
      await page.click('#logout');
      await page.waitForSelector('#login-name');
    }
    await page.fill('#login-name', u);
    await page.fill('#login-password', pw);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('#logout');
  };
  // A local "YYYY-MM-DDTHH:MM" n days from today, at hh:00 in Vietnam.
  const localDay = (n, hh) => {
    const t = new Date(Date.now() + 7 * 3600e3 + n * 86400e3);
    return t.toISOString().slice(0, 10) + `T${hh}:00`;
  };
  const title = 'Nâng cấp máy chủ cơ sở dữ liệu';
  let mid = null;

  await check('login: the printed account logs in; a wrong password is refused', async () => {
    await page.goto(base + '/admin');
    await page.fill('#login-name', 'bien');
    await page.fill('#login-password', 'sai');
    await page.click('#login button[type=submit]');
    await page.waitForSelector('#login .error:not([hidden])');
    await login('bien');
    assert((await page.textContent('#who')).includes('bien (editor)'));
    await shot('dashboard');
  });

  await check('form: a start too soon shows the earliest start and the counted days, and is refused', async () => {
    await page.goto(base + '/admin#/new');
    await page.waitForSelector('#maint-form');
    await page.fill('#title', title);
    await page.fill('#title_en', 'Database server upgrade');
    await page.fill('#start', localDay(1, '22'));
    await page.fill('#end', localDay(2, '02'));
    await page.waitForSelector('#rule-verdict.bad');
    const earliest = await page.textContent('#earliest');
    assert(/\d\d:\d\d \d\d\/\d\d\/\d{4}/.test(earliest), earliest);
    assert((await page.textContent('#rule')).includes('Các ngày làm việc được tính'));
    await shot('form-too-soon');
    await page.click('#save');
    await page.waitForSelector('#form-error:not([hidden])');
    assert((await page.textContent('#form-error')).includes('Quá sớm'));
    const list = await call('admin', 'GET', '/maintenances');
    assert(list.body.maintenances.length === 0, 'nothing is saved');
  });

  await check('form: a valid window is saved and submitted', async () => {
    await page.fill('#start', localDay(21, '22'));
    await page.fill('#end', localDay(22, '02'));
    await page.waitForSelector('#rule-verdict.good');
    assert((await page.textContent('#deadline')).match(/\d\d\/\d\d\/\d{4}/));
    await page.click('#save');
    await page.waitForURL(/#\/m\/\d+$/);
    mid = Number(/#\/m\/(\d+)$/.exec(page.url())[1]);
    await page.waitForSelector('.badge.st-submitted');
    const m = await call('admin', 'GET', '/maintenances/' + mid);
    assert(m.body.status === 'submitted' && m.body.title === title, JSON.stringify(m.body));
    // The author cannot approve: approvers only, and four-eyes.
    assert(await page.locator('#act-approve').count() === 0);
  });

  await check('approve: a second user approves; the invites reach the SMTP server', async () => {
    await login('duyet');
    await page.goto(`${base}/admin#/m/${mid}`);
    await page.waitForSelector('#four-eyes');
    await page.click('#act-approve');
    await page.waitForSelector('.badge.st-approved');
    const msg = await until(() => mailbox(maildir).find((x) => x.to.includes('phapche@example.gov.vn')), 'the invite');
    const cal = msg.parts.find((p) => p.type === 'text/calendar');
    const ics = cal ? cal.text.replace(/\r?\n[ \t]/g, '') : '';
    const start = localDay(21, '22').replace(/[-:]/g, '');
    assert(/METHOD:REQUEST/.test(ics) && /^SUMMARY:.*Cổng Thông tin điện tử/m.test(ics) &&
      /^DESCRIPTION:.*Nâng cấp máy chủ cơ sở dữ liệu/m.test(ics) &&
      ics.includes('DTSTART;TZID=Asia/Ho_Chi_Minh:' + start + '00'), 'an invite: ' + ics.slice(0, 400));
    await page.reload();
    await page.waitForSelector('#delivery-summary');
    assert(!/\bnull\b|undefined/.test(await page.textContent('main')), await page.textContent('main'));
    await shot('maintenance-approved');
  });

  await check('public page: the maintenance in Vietnamese, then in English', async () => {
    await page.goto(base + '/');
    assert((await page.textContent('main')).includes(title));
    assert((await page.textContent('#h-upcoming')).includes('Sắp tới'));
    assert((await page.getAttribute('html', 'lang')) === 'vi');
    await shot('public-vi');
    await page.click('a[hreflang=en]');
    await page.waitForURL(/lang=en/);
    assert((await page.textContent('#h-upcoming')).includes('Upcoming'));
    assert((await page.textContent('main')).includes('Database server upgrade'));
    assert((await page.getAttribute('html', 'lang')) === 'en');
    const webcal = await page.getAttribute('a[href^="webcal://"]', 'href');
    assert(webcal.includes('/calendar.ics'), webcal);
    await page.click(`a[href="/maintenances/${mid}?lang=en"]`);
    assert((await page.textContent('main')).includes('Announcement'));
    await shot('public-maintenance-en');
  });

  await check('subscribe: form, confirm from the received mail, unsubscribe from a notice', async () => {
    const email = 'dan@example.org';
    await page.goto(base + '/subscribe');
    await page.fill('#email', email);
    await page.click('form button[type=submit]');
    await page.waitForSelector('p[role=status]');
    const conf = await until(() => mailbox(maildir).find((x) => x.to.includes(email) &&
      textOf(x).includes('/subscribe/confirm/')), 'the confirmation');
    const link = /https?:\/\/\S+\/subscribe\/confirm\/\S+/.exec(textOf(conf))[0];
    await page.goto(link);
    await shot('confirm');
    await page.click('form button[type=submit]');
    assert((await page.textContent('h1')).includes('Đã đăng ký'));
    // A second maintenance reaches the subscriber with an unsubscribe link.
    const s = new Date(Date.now() + 7 * 3600e3 + 28 * 86400e3).toISOString().slice(0, 10);
    const m2 = await call('bien', 'POST', '/maintenances', { title: 'Bảo trì lần hai', components: ['portal'],
      start: `${s}T22:00:00+07:00`, end: `${s}T23:00:00+07:00`, category: 'planned' });
    await call('bien', 'POST', `/maintenances/${m2.body.id}/submit`);
    const ap = await call('duyet', 'POST', `/maintenances/${m2.body.id}/approve`);
    assert(ap.status === 200, JSON.stringify(ap.body));
    const notice = await until(() => mailbox(maildir).find((x) => x.to.includes(email) &&
      textOf(x).includes('/unsubscribe/')), 'the notice');
    const unsub = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(textOf(notice))[0];
    await page.goto(unsub);
    await page.click('form button[type=submit]');
    assert((await page.textContent('h1')).includes('Đã hủy đăng ký'));
  });

  await check('calendar 2026: Tết 14-22 February off, 10 January a working Saturday', async () => {
    await page.goto(base + '/admin#/calendar/2026');
    await page.waitForSelector('table.month');
    for (let dd = 14; dd <= 22; dd++) {
      const k = await page.getAttribute(`td[data-date="2026-02-${String(dd).padStart(2, '0')}"]`, 'data-kind');
      assert(!['workday', 'swapped_work'].includes(k), `2026-02-${dd} is ${k}`);
    }
    assert(await page.getAttribute('td[data-date="2026-01-10"]', 'data-kind') === 'swapped_work');
    assert(await page.getAttribute('td[data-date="2026-02-23"]', 'data-kind') === 'workday');
    await shot('calendar-2026');
  });

  await check('calendar: an override added and removed, an ICS file imported, from the console', async () => {
    await login('bien');
    await page.goto(base + '/admin#/calendar/2027');
    await page.waitForSelector('#ovr-form');
    assert(await page.getAttribute('td[data-date="2027-03-05"]', 'data-kind') === 'workday');
    await page.fill('#ovr-date', '2027-03-05');
    await page.selectOption('#ovr-kind', 'off');
    await page.fill('#ovr-name', 'Nghỉ thử');
    await page.click('#ovr-form button[type=submit]');
    await page.waitForSelector('td[data-date="2027-03-05"].ovr');
    assert(await page.getAttribute('td[data-date="2027-03-05"]', 'data-kind') === 'day_off');
    await page.click('#overrides li:has-text("Nghỉ thử") button');
    await page.waitForSelector('td[data-date="2027-03-05"][data-kind="workday"]');
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//x//EN', 'BEGIN:VEVENT', 'UID:t1@x',
      'DTSTAMP:20261125T000000Z', 'DTSTART;VALUE=DATE:20270312', 'DTEND;VALUE=DATE:20270313',
      'SUMMARY:Ngày nghỉ nhập', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    await page.setInputFiles('#ics-file', { name: 'nghi.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
    await page.click('#import-form button[type=submit]');
    await page.waitForSelector('td[data-date="2027-03-12"][data-kind="day_off"]');
  });

  await check('keyboard: Tab alone reaches every control of the form', async () => {
    await login('bien');
    await page.goto(base + '/admin#/new');
    await page.waitForSelector('#maint-form');
    const want = await page.$$eval('#maint-form input, #maint-form select, #maint-form textarea, #maint-form button',
      (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.id || `${e.name}=${e.value}`));
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    const seen = new Set();
    for (let i = 0; i < 80 && seen.size < want.length; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const e = document.activeElement;
        return e ? e.id || `${e.name}=${e.value}` : '';
      });
      if (want.includes(id)) seen.add(id);
    }
    const missed = want.filter((x) => !seen.has(x));
    assert(missed.length === 0, 'not reached: ' + missed.join(', '));
    assert(want.length >= 10, 'controls: ' + want.length);
  });

  await check('every console page opens for an admin, in Vietnamese and English', async () => {
    await login('admin');
    const pages = ['', 'maintenances', 'calendar', 'units', 'components', 'subscribers', 'webhooks',
      'users', 'audit', 'report', 'settings'];
    for (const lang of ['vi', 'en']) {
      for (const p of pages) {
        await page.goto(`${base}/admin#/${p}`);
        await page.waitForSelector('main h1');
        const text = await page.textContent('main');
        assert(await page.locator('main .error').count() === 0 && !/\bnull\b|undefined|NaN/.test(text),
          `#/${p}: ` + text.slice(0, 400));
      }
      if (lang === 'vi') {
        await page.click('#lang');
        await page.waitForSelector('#nav a:has-text("Dashboard")');
      }
    }
    // A unit edited: a second contact added.
    await page.goto(`${base}/admin#/units`);
    await page.click('button[data-unit]');
    assert((await page.inputValue('#unit-contacts')).includes('phapche@example.gov.vn'));
    await page.fill('#unit-contacts', 'Nguyễn Văn A <phapche@example.gov.vn>\nTrần Thị B <b@example.gov.vn>');
    await page.click('#unit-form button[type=submit]');
    await page.waitForSelector('td:has-text("b@example.gov.vn")');
    const units = await call('admin', 'GET', '/units');
    assert(units.body.units[0].contacts.length === 2 && units.body.units[0].components[0] === 'portal',
      JSON.stringify(units.body));
    await page.click('td button:has-text("Private feed")');
    const url = await page.textContent('td code');
    assert(/\/units\/[^/]+\/calendar\.ics$/.test(url), url);
    const r = await fetch(url.replace(/^https?:\/\/[^/]+/, base));
    assert(r.status === 200 && (await r.text()).includes('BEGIN:VCALENDAR'));
    await page.goto(`${base}/admin#/report`);
    await page.waitForSelector('#rep-csv[href*="format=csv"]');
    assert((await page.textContent('main table')).includes(title));
    await shot('report-en');
    await page.click('#lang');
  });

  await check('accessibility: axe-core finds no serious or critical WCAG 2 A/AA violation', async () => {
    // A second context that lets axe's script in past the pages' CSP.
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const p2 = await ctx.newPage();
    const axe = require.resolve('axe-core/axe.min.js');
    const audit = async (url, ready) => {
      await p2.goto(url);
      if (ready) await p2.waitForSelector(ready);
      await p2.addScriptTag({ path: axe });
      const r = await p2.evaluate(async () => {
        const res = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
        return res.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
          .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert(r.length === 0, url + '\n  ' + r.join('\n  '));
    };
    for (const path of ['/', '/?lang=en', `/maintenances/${mid}`, '/history', '/subscribe'])
      await audit(base + path);
    await p2.goto(base + '/admin');
    await p2.fill('#login-name', 'admin');
    await p2.fill('#login-password', pw);
    await p2.click('#login button[type=submit]');
    await p2.waitForSelector('#logout');
    for (const [hash, ready] of [['#/', 'main h1'], ['#/new', '#maint-form'], [`#/m/${mid}`, '#delivery-summary'],
      ['#/calendar/2026', 'table.month'], ['#/units', 'main h1'], ['#/users', 'main h1']])
      await audit(base + '/admin' + hash, ready);
    await ctx.close();
  });

  await check('no script errors in any page', async () => {
    assert(errors.length === 0, errors.join('\n'));
  });
  await browser.close();
}

main().catch((e) => { counts.failed++; console.log('FAIL setup: ' + (e.stack || e)); })
  .finally(() => {
    for (const p of procs) { try { p.kill(); } catch (e) { /* gone */ } }
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    process.exit(counts.failed ? 1 : 0);
  });
