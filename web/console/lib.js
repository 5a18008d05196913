// lib.js - what every view of the console uses: building elements (text
// only through textContent, never innerHTML), the JSON API with the session
// cookie and CSRF token, the two languages, and dates in the portal's zone.

let csrf = null;
export function setCsrf(t) { csrf = t; }

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || ('HTTP ' + status));
    this.status = status;
    this.code = e.code || '';
    this.field = e.field || '';
    this.body = e;
  }
}

// Calls the JSON API; resolves to the parsed body, rejects with ApiError.
export async function api(method, path, body, type) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = type || 'application/json';
    payload = type ? body : JSON.stringify(body);
  }
  const res = await fetch('/api/v1' + path, {
    method, headers, body: payload, credentials: 'same-origin',
  });
  const text = await res.text();
  let j = null;
  try { j = text ? JSON.parse(text) : null; } catch (e) { j = null; }
  if (!res.ok) throw new ApiError(res.status, j);
  return j;
}

// h('p', {class: 'x', onclick: f}, 'text', child...) - text is never HTML.
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of kids.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const dict = {
  vi: {
    login: 'Đăng nhập', logout: 'Đăng xuất', name: 'Tên đăng nhập',
    password: 'Mật khẩu', dashboard: 'Tổng quan', new_maint: 'Lập kế hoạch',
    maints: 'Bảo trì', units: 'Đơn vị', components: 'Hệ thống',
    webhooks: 'Webhook', calendar: 'Lịch ngày nghỉ', users: 'Người dùng',
    audit: 'Nhật ký', report: 'Báo cáo tuân thủ', settings: 'Cấu hình',
    subscribers: 'Người đăng ký', public_page: 'Trang công khai',
    title: 'Tiêu đề', title_en: 'Tiêu đề (tiếng Anh)',
    description: 'Mô tả', description_en: 'Mô tả (tiếng Anh)',
    start: 'Bắt đầu', end: 'Kết thúc', impact: 'Mức ảnh hưởng',
    outage: 'Tạm dừng hoạt động', degraded: 'Chậm hoặc gián đoạn',
    'read-only': 'Chỉ xem', category: 'Loại', planned: 'Theo kế hoạch',
    emergency: 'Khẩn cấp', justification: 'Lý do khẩn cấp',
    earliest: 'Thời điểm bắt đầu sớm nhất nếu thông báo ngay',
    earliest_given: 'Thời điểm bắt đầu sớm nhất theo thông báo đã gửi',
    deadline: 'Hạn thông báo cho thời điểm bắt đầu này',
    counted: 'Các ngày làm việc được tính', skipped: 'Ngày không tính',
    too_soon: 'Quá sớm: thời điểm bắt đầu phải từ {0} trở đi (tối thiểu {1} ngày làm việc thông báo).',
    ok_rule: 'Đủ thời hạn thông báo.',
    save_submit: 'Lưu và gửi duyệt', save_draft: 'Lưu nháp',
    submit: 'Gửi duyệt', approve: 'Phê duyệt', cancel: 'Hủy bảo trì',
    complete: 'Hoàn thành', resend: 'Gửi lại cho người nhận bị lỗi',
    status: 'Trạng thái', author: 'Người lập', approver: 'Người duyệt',
    four_eyes: 'Nguyên tắc bốn mắt: người lập không tự phê duyệt.',
    deliveries: 'Gửi thông báo', recipient: 'Người nhận', kind: 'Loại thư',
    state: 'Tình trạng', attempts: 'Lần gửi', last_reply: 'Phản hồi',
    accepted: 'Máy chủ thư nhận lúc', acked: 'Đơn vị xác nhận lúc',
    draft: 'Nháp', submitted: 'Chờ duyệt', approved: 'Đã duyệt',
    in_progress: 'Đang bảo trì', completed: 'Đã hoàn thành',
    cancelled: 'Đã hủy', flagged: 'Cần xem lại', noncompliant: 'Không đủ thời hạn',
    days_left: 'ngày làm việc còn lại đến hạn', none: 'Không có.',
    create: 'Thêm', edit: 'Sửa', save: 'Lưu', new: 'Mới', delete: 'Xóa', disable: 'Vô hiệu hóa', role: 'Vai trò',
    disabled: 'Đã vô hiệu', contacts: 'Liên hệ (mỗi dòng: Tên <email>)',
    feed: 'Lịch riêng', rotate: 'Đổi liên kết', slug: 'Mã', name_vi: 'Tên',
    name_en: 'Tên (tiếng Anh)', url: 'URL', secret_once: 'Khóa bí mật (chỉ hiện một lần):',
    year: 'Năm', add_override: 'Thêm ngày điều chỉnh', date: 'Ngày',
    off: 'Ngày nghỉ', work: 'Ngày làm việc', clear: 'Bỏ điều chỉnh',
    import_file: 'Nhập tệp ICS', import_url: 'Nhập từ URL', import: 'Nhập',
    official: 'chính thức', provisional: 'tạm tính', working_days: 'ngày làm việc',
    from: 'Từ ngày', to: 'Đến ngày', show: 'Xem', csv: 'Tải CSV',
    actor: 'Người thực hiện', action: 'Thao tác', object: 'Đối tượng',
    at: 'Thời điểm', more: 'Xem thêm', saved: 'Đã lưu.', lang: 'English',
    notice_at: 'Thông báo lúc', compliant: 'Tuân thủ', yes: 'Có', no: 'Không',
    unknown: 'Chưa rõ', reason: 'Lý do', summary: 'Đã gửi {0}, đang chờ {1}, lỗi {2}',
    wd: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
    months: ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6',
      'Tháng 7', 'Tháng 8', 'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'],
    k_holiday: 'Nghỉ lễ, Tết', k_compensatory: 'Nghỉ bù', k_swapped_off: 'Nghỉ hoán đổi',
    k_swapped_work: 'Làm bù (thứ Bảy)', k_day_off: 'Ngày nghỉ (điều chỉnh)',
    k_workday: 'Ngày làm việc', k_weekend: 'Cuối tuần',
    maint_saved: 'Đã gửi duyệt bảo trì #{0}.', login_failed: 'Đăng nhập không thành công',
  },
  en: {
    login: 'Log in', logout: 'Log out', name: 'User name', password: 'Password',
    dashboard: 'Dashboard', new_maint: 'Plan maintenance', maints: 'Maintenance',
    units: 'Units', components: 'Systems', webhooks: 'Webhooks',
    calendar: 'Days off', users: 'Users', audit: 'Audit log',
    report: 'Compliance report', settings: 'Settings', subscribers: 'Subscribers',
    public_page: 'Public page', title: 'Title', title_en: 'Title (English)',
    description: 'Description', description_en: 'Description (English)',
    start: 'Start', end: 'End', impact: 'Impact', outage: 'Unavailable',
    degraded: 'Slow or intermittent', 'read-only': 'Read-only',
    category: 'Category', planned: 'Planned', emergency: 'Emergency',
    justification: 'Why it is an emergency',
    earliest: 'Earliest start if notice is given now',
    earliest_given: 'Earliest start for the notice given',
    deadline: 'Notice deadline for this start',
    counted: 'Working days counted', skipped: 'Days not counted',
    too_soon: 'Too soon: the start must be {0} or later (at least {1} working days of notice).',
    ok_rule: 'Enough notice.', save_submit: 'Save and submit', save_draft: 'Save draft',
    submit: 'Submit', approve: 'Approve', cancel: 'Cancel maintenance',
    complete: 'Complete', resend: 'Resend to failed recipients',
    status: 'Status', author: 'Author', approver: 'Approver',
    four_eyes: 'Four-eyes rule: the author cannot approve their own plan.',
    deliveries: 'Deliveries', recipient: 'Recipient', kind: 'Kind',
    state: 'State', attempts: 'Attempts', last_reply: 'Last reply',
    accepted: 'Accepted by relay', acked: 'Acknowledged',
    draft: 'Draft', submitted: 'Submitted', approved: 'Approved',
    in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled',
    flagged: 'Flagged', noncompliant: 'Not enough notice',
    days_left: 'working days left to the deadline', none: 'None.',
    create: 'Add', edit: 'Edit', save: 'Save', new: 'New', delete: 'Delete', disable: 'Disable', role: 'Role',
    disabled: 'Disabled', contacts: 'Contacts (one per line: Name <email>)',
    feed: 'Private feed', rotate: 'Replace link', slug: 'Slug', name_vi: 'Name',
    name_en: 'Name (English)', url: 'URL', secret_once: 'Secret (shown once):',
    year: 'Year', add_override: 'Add an override', date: 'Date',
    off: 'Day off', work: 'Working day', clear: 'Clear',
    import_file: 'Import an ICS file', import_url: 'Import from a URL', import: 'Import',
    official: 'official', provisional: 'provisional', working_days: 'working days',
    from: 'From', to: 'To', show: 'Show', csv: 'Download CSV',
    actor: 'Actor', action: 'Action', object: 'Object', at: 'At',
    more: 'More', saved: 'Saved.', lang: 'Tiếng Việt',
    notice_at: 'Notice at', compliant: 'Compliant', yes: 'Yes', no: 'No',
    unknown: 'Unknown', reason: 'Reason', summary: 'Sent {0}, pending {1}, failed {2}',
    wd: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July',
      'August', 'September', 'October', 'November', 'December'],
    k_holiday: 'Public holiday', k_compensatory: 'Compensatory day off',
    k_swapped_off: 'Swapped day off', k_swapped_work: 'Working Saturday',
    k_day_off: 'Day off (override)', k_workday: 'Working day', k_weekend: 'Weekend',
    maint_saved: 'Maintenance #{0} submitted for approval.', login_failed: 'Login failed',
  },
};

export let lang = localStorage.getItem('baotri.lang') === 'en' ? 'en' : 'vi';
export function setLang(l) { lang = l; localStorage.setItem('baotri.lang', l); }

// The text of key in the current language, {0}.. replaced by args.
export function t(key, ...args) {
  const s = dict[lang][key] ?? dict.vi[key] ?? key;
  return typeof s === 'string' ? s.replace(/\{(\d)\}/g, (_, i) => args[i]) : s;
}

// "2026-12-10T22:00:00+07:00" -> "22:00 10/12/2026" (the zone's own time).
export function when(s) {
  if (!s) return '';
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(s);
  return m ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : s;
}
export function day(s) {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (s || '');
}

// Appends kids to el, skipping null/false (Element.append would print "null").
export function put(el, ...kids) {
  el.append(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
}

export function toast(msg, bad) {
  const el = document.getElementById('toast');
  el.textContent = msg;
  el.className = bad ? 'bad' : 'ok';
}

// A labelled input: returns [label wrapper, input].
export function field(id, label, attrs, hint) {
  const input = h(attrs.tag || 'input', { id, name: id, ...attrs, tag: null });
  return [h('p', { class: 'field' }, h('label', { for: id }, label),
    input, hint ? h('small', { id: id + '-hint' }, hint) : null), input];
}

export function table(head, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, head.map((c) =>
    h('th', { scope: 'col' }, c)))), h('tbody', {}, rows.length ? rows :
    h('tr', {}, h('td', { colspan: head.length }, t('none')))));
}
