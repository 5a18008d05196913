/*
 * compose.c - MIME and iMIP composition; see compose.h.
 *
 * References: RFC 5322 (headers, dates), RFC 2045-2047 (MIME, base64,
 * encoded-words), RFC 2369/2919 (List-Id), RFC 8058 (one-click
 * unsubscribe), RFC 3834 (Auto-Submitted), RFC 6047 (iMIP).
 */
#include "notifier/compose.h"

#include <dirent.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "calendar/date.h"
#include "calendar/ics.h"
#include "common/addr.h"
#include "common/buf.h"
#include "common/tpl.h"
#include "common/xmalloc.h"
#include "daemon/wf.h"

#define TPL_FILE_MAX	(256 * 1024)
#define MAX_TEMPLATES	64

struct tpl_set {
	char	*kind;
	char	*lang;
	char	*subject, *text, *html;
};

struct ntf_templates {
	struct tpl_set	t[MAX_TEMPLATES];
	size_t		n;
};

static void
set_release(struct tpl_set *t)
{
	free(t->kind);
	free(t->lang);
	free(t->subject);
	free(t->text);
	free(t->html);
}

void
ntf_templates_free(struct ntf_templates *ts)
{
	size_t	i;

	if (ts == NULL)
		return;
	for (i = 0; i < ts->n; i++)
		set_release(&ts->t[i]);
	free(ts);
}

static const struct tpl_set *
find(const struct ntf_templates *ts, const char *kind, const char *lang)
{
	size_t	i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].kind, kind) == 0 &&
		    strcmp(ts->t[i].lang, lang) == 0)
			return &ts->t[i];
	return NULL;
}

bool
ntf_templates_have(const struct ntf_templates *ts, const char *kind,
    const char *lang)
{
	return find(ts, kind, lang) != NULL;
}

/* Splits a template file into its three sections; -1 if one is missing. */
static int
split(const char *text, struct tpl_set *t)
{
	static const char *const	 marks[3] = { "== subject ==\n",
	    "== text ==\n", "== html ==\n" };
	const char			*at[3];
	char				**dst[3] = { &t->subject, &t->text,
	    &t->html };
	int				 i;

	for (i = 0; i < 3; i++)
		if ((at[i] = strstr(text, marks[i])) == NULL ||
		    (i > 0 && at[i] < at[i - 1]))
			return -1;
	for (i = 0; i < 3; i++) {
		const char	*b = at[i] + strlen(marks[i]);
		const char	*e = i < 2 ? at[i + 1] : b + strlen(b);

		*dst[i] = xstrndup(b, (size_t)(e - b));
	}
	return 0;
}

struct ntf_templates *
ntf_templates_load(const char *dir, char *err, size_t errlen)
{
	struct ntf_templates	*ts = xcalloc(1, sizeof(*ts));
	DIR			*d;
	struct dirent		*de;
	char			*path, *text, *out, e[200];
	const char		*dot1, *dot2;
	json_t			*empty = json_object();
	struct tpl_set		*t;
	int			 k;

	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "cannot open the template directory "
		    "'%s'", dir);
		goto fail;
	}
	while ((de = readdir(d)) != NULL) {
		dot1 = strchr(de->d_name, '.');
		if (dot1 == NULL || (dot2 = strchr(dot1 + 1, '.')) == NULL ||
		    strcmp(dot2, ".tpl") != 0)
			continue;
		if (ts->n == MAX_TEMPLATES) {
			snprintf(err, errlen, "more than %d templates",
			    MAX_TEMPLATES);
			goto fail_dir;
		}
		path = xasprintf("%s/%s", dir, de->d_name);
		text = buf_read_file(path, TPL_FILE_MAX, NULL);
		free(path);
		t = &ts->t[ts->n];
		memset(t, 0, sizeof(*t));
		if (text == NULL || split(text, t) == -1) {
			snprintf(err, errlen, "%s: unreadable, or without the "
			    "sections == subject ==, == text ==, == html ==",
			    de->d_name);
			free(text);
			set_release(t);
			goto fail_dir;
		}
		free(text);
		t->kind = xstrndup(de->d_name, (size_t)(dot1 - de->d_name));
		t->lang = xstrndup(dot1 + 1, (size_t)(dot2 - dot1 - 1));
		ts->n++;
		for (k = 0; k < 3; k++) {
			const char	*src = k == 0 ? t->subject : k == 1 ?
					    t->text : t->html;

			out = tpl_render(src, empty, k == 2 ? TPL_HTML :
			    TPL_PLAIN, NTF_MESSAGE_MAX, e, sizeof(e));
			if (out == NULL) {
				snprintf(err, errlen, "%s: %s", de->d_name, e);
				goto fail_dir;
			}
			free(out);
		}
	}
	closedir(d);
	json_decref(empty);
	return ts;
fail_dir:
	closedir(d);
fail:
	json_decref(empty);
	ntf_templates_free(ts);
	return NULL;
}

bool
ntf_email_ok(const char *e)
{
	return addr_email_ok(e);
}

int
ntf_parse_mailbox(const char *s, char **name, char **email)
{
	const char	*lt = strrchr(s, '<'), *gt;
	size_t		 n;

	*name = *email = NULL;
	if (lt == NULL) {
		if (!ntf_email_ok(s))
			return -1;
		*email = xstrdup(s);
		return 0;
	}
	if ((gt = strchr(lt, '>')) == NULL || gt[1] != '\0')
		return -1;
	*email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	if (!ntf_email_ok(*email)) {
		free(*email);
		*email = NULL;
		return -1;
	}
	for (n = (size_t)(lt - s); n > 0 && s[n - 1] == ' '; n--)
		;
	if (n > 0)
		*name = xstrndup(s, n);
	return 0;
}

/*
 * Appends base64 of data in lines of 76 characters (57 bytes each).
 * OpenSSL's table encoder: libsodium's is constant-time, which message
 * bodies do not need, and it was a tenth of the fan-out's CPU.
 */
static void
add_base64(struct buf *b, const void *data, size_t len)
{
	const unsigned char	*p = data;
	unsigned char		 line[80];
	size_t			 i, n;
	int			 k;

	for (i = 0; i < len; i += n) {
		n = len - i < 57 ? len - i : 57;
		k = EVP_EncodeBlock(line, p + i, (int)n);
		buf_add(b, line, (size_t)k);
		buf_adds(b, "\r\n");
	}
}

/* True when a header word may go out as it is. */
static bool
plain_word(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr(" .-_", *s)))
			return false;
	return true;
}

/*
 * Appends text as RFC 2047 encoded-words (UTF-8, B), at most 45 bytes of
 * text each, cut on character boundaries, folded onto new lines.
 */
static void
add_encoded(struct buf *b, const char *s)
{
	size_t	len = strlen(s), i = 0, n;
	char	enc[128];

	if (plain_word(s) && len < 60) {
		buf_adds(b, s);
		return;
	}
	while (i < len) {
		n = len - i < 45 ? len - i : 45;
		while (i + n < len && ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		sodium_bin2base64(enc, sizeof(enc), (const unsigned char *)s + i,
		    n, sodium_base64_VARIANT_ORIGINAL);
		buf_addf(b, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", enc);
		i += n;
	}
}

static void
add_mailbox(struct buf *b, const char *field, const char *name,
    const char *email)
{
	buf_addf(b, "%s: ", field);
	if (name != NULL && *name != '\0') {
		add_encoded(b, name);
		buf_adds(b, " ");
	}
	buf_addf(b, "<%s>\r\n", email);
}

/* The data the templates see. */
static json_t *
template_data(const struct ntf_sender *snd, json_t *n,
    const struct ntf_recipient *rcpt, bool vi)
{
	json_t		*d = json_object(), *names = json_array(), *c;
	struct buf	 joined;
	char		 start[64], end[64];
	size_t		 i;

	buf_init(&joined, 4096);
	json_array_foreach(json_object_get(n, "components"), i, c) {
		const char	*nm = wf_text(c, "name", vi);

		if (nm == NULL)
			continue;
		json_array_append_new(names, json_string(nm));
		buf_addf(&joined, "%s%s", i ? ", " : "", nm);
	}
	cal_zone_text(snd->zone, json_integer_value(json_object_get(n, "start")),
	    vi, start, sizeof(start));
	cal_zone_text(snd->zone, json_integer_value(json_object_get(n, "end")),
	    vi, end, sizeof(end));
	if (wf_text(n, "title", vi) != NULL)
		json_object_set_new(d, "title", json_string(wf_text(n, "title",
		    vi)));
	if (wf_text(n, "description", vi) != NULL)
		json_object_set_new(d, "description",
		    json_string(wf_text(n, "description", vi)));
	json_object_set_new(d, "components", names);
	json_object_set_new(d, "components_text", json_string(buf_str(&joined)));
	json_object_set_new(d, "start", json_string(start));
	json_object_set_new(d, "end", json_string(end));
	json_object_set_new(d, "impact", json_string(wf_impact_text(
	    json_string_value(json_object_get(n, "impact")), vi)));
	json_object_set_new(d, "org_name", json_string(snd->org_name));
	json_object_set_new(d, "legal", json_string(vi ?
	    "Thông báo này được gửi theo Điều 6 Quyết định 146/QĐ-BTTTT: "
	    "cổng thông tin chỉ tạm dừng để bảo trì sau khi đã thông báo "
	    "tối thiểu 05 ngày làm việc." :
	    "Sent under Decision 146/QĐ-BTTTT, Art. 6: the portal is taken "
	    "down for maintenance only after at least 5 working days' "
	    "notice."));
	if (json_string_value(json_object_get(n, "cancel_reason")) != NULL)
		json_object_set(d, "cancel_reason",
		    json_object_get(n, "cancel_reason"));
	if (json_string_value(json_object_get(n, "url")) != NULL)
		json_object_set(d, "status_url", json_object_get(n, "url"));
	if (json_string_value(json_object_get(n, "flag_reason")) != NULL)
		json_object_set(d, "flag_reason", json_object_get(n,
		    "flag_reason"));
	if (rcpt->name != NULL)
		json_object_set_new(d, "recipient_name",
		    json_string(rcpt->name));
	if (rcpt->ack_url != NULL)
		json_object_set_new(d, "ack_url", json_string(rcpt->ack_url));
	if (rcpt->manage_url != NULL)
		json_object_set_new(d, "manage_url",
		    json_string(rcpt->manage_url));
	if (rcpt->feed_url != NULL)
		json_object_set_new(d, "feed_url", json_string(rcpt->feed_url));
	if (rcpt->unsubscribe_url != NULL)
		json_object_set_new(d, "unsubscribe_url",
		    json_string(rcpt->unsubscribe_url));
	if (rcpt->confirm_url != NULL)
		json_object_set_new(d, "confirm_url",
		    json_string(rcpt->confirm_url));
	buf_release(&joined);
	return d;
}

/* Renders one section; collapses a subject onto one line. */
static char *
render(const char *tpl, json_t *data, enum tpl_escape esc, bool one_line,
    char *err, size_t errlen)
{
	char	*s = tpl_render(tpl, data, esc, NTF_MESSAGE_MAX, err, errlen);
	char	*p, *q;

	if (s == NULL || !one_line)
		return s;
	for (p = q = s; *p != '\0'; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*q++ = ' ';
		else
			*q++ = *p;
	*q = '\0';
	while (q > s && q[-1] == ' ')
		*--q = '\0';
	return s;
}

/* Turns bare LF into CRLF (templates are edited with LF). */
static char *
crlf(const char *s)
{
	struct buf	b;

	buf_init(&b, NTF_MESSAGE_MAX);
	buf_reserve(&b, strlen(s) + strlen(s) / 16 + 64);
	for (;;) {
		size_t	n = strcspn(s, "\r\n");

		buf_add(&b, s, n);
		s += n;
		if (*s == '\0')
			break;
		if (*s++ == '\n')
			buf_add(&b, "\r\n", 2);
	}
	return buf_detach(&b, NULL);
}

static bool
has_calendar(const char *kind)
{
	return strcmp(kind, "announcement") == 0 ||
	    strcmp(kind, "update") == 0 || strcmp(kind, "cancellation") == 0;
}

char *
ntf_compose(const struct ntf_templates *ts, const struct ntf_sender *snd,
    const char *kind, const char *notice, const struct ntf_recipient *rcpt,
    const char *message_id, int64_t now, size_t *len, char *err,
    size_t errlen)
{
	const struct tpl_set	*t;
	json_t			*n = NULL, *data = NULL;
	char			*subject = NULL, *text = NULL, *html = NULL;
	char			*ics = NULL, *t2 = NULL, *out = NULL, date[64];
	char			 bnd1[40], bnd2[40];
	uint64_t		 h;
	struct buf		 b;
	struct cal_ics_event	 ev;
	struct cal_err		 cerr;
	bool			 vi = strcmp(rcpt->language, "en") != 0;

	if (!ntf_email_ok(rcpt->email) || !ntf_email_ok(snd->from_email)) {
		snprintf(err, errlen, "not an e-mail address: '%.100s'",
		    rcpt->email);
		return NULL;
	}
	if ((t = find(ts, kind, vi ? "vi" : "en")) == NULL &&
	    (t = find(ts, kind, "vi")) == NULL) {
		snprintf(err, errlen, "no template for %s", kind);
		return NULL;
	}
	if ((n = json_loads(notice, 0, NULL)) == NULL || (strcmp(kind,
	    "confirmation") != 0 && wf_text(n, "title", true) == NULL)) {
		snprintf(err, errlen, "the notice is not a maintenance");
		goto out;
	}
	data = template_data(snd, n, rcpt, vi);
	if ((subject = render(t->subject, data, TPL_PLAIN, true, err,
	    errlen)) == NULL || (text = render(t->text, data, TPL_PLAIN,
	    false, err, errlen)) == NULL || (html = render(t->html, data,
	    TPL_HTML, false, err, errlen)) == NULL)
		goto out;
	if (has_calendar(kind)) {
		memset(&ev, 0, sizeof(ev));
		ev.uid = json_string_value(json_object_get(n, "uid"));
		ev.sequence = (int)json_integer_value(json_object_get(n,
		    "sequence"));
		ev.dtstamp = now;
		ev.start = json_integer_value(json_object_get(n, "start"));
		ev.end = json_integer_value(json_object_get(n, "end"));
		ev.summary = subject;
		ev.description = text;
		ev.url = json_string_value(json_object_get(n, "url"));
		ev.organizer_email = snd->from_email;
		ev.organizer_name = snd->from_name;
		ev.attendee_email = rcpt->email;
		ev.attendee_name = rcpt->name;
		ev.cancel = strcmp(kind, "cancellation") == 0;
		if (ev.uid == NULL || (ics = cal_ics_invite(&ev,
		    cal_zone_tzid(snd->zone), &cerr)) == NULL) {
			snprintf(err, errlen, "calendar: %s", ev.uid ?
			    cerr.msg : "no uid");
			goto out;
		}
	}
	/*
	 * Boundaries from the Message-ID: "=_" never occurs in base64 or in
	 * our headers, so they need not be random (and a resent message is
	 * the same bytes).
	 */
	h = buf_hash(message_id, strlen(message_id));
	snprintf(bnd1, sizeof(bnd1), "=_baotri_m_%012llx",
	    (unsigned long long)(h & 0xffffffffffffULL));
	snprintf(bnd2, sizeof(bnd2), "=_baotri_a_%012llx",
	    (unsigned long long)(h & 0xffffffffffffULL));
	cal_zone_rfc5322(snd->zone, now, date, sizeof(date));

	buf_init(&b, NTF_MESSAGE_MAX);
	/* The parts base64-encoded (4/3), with room for the headers. */
	buf_reserve(&b, (strlen(text) + strlen(html) + 2 * (ics ? strlen(ics) :
	    0)) * 3 / 2 + 4096);
	add_mailbox(&b, "From", snd->from_name, snd->from_email);
	add_mailbox(&b, "To", rcpt->name, rcpt->email);
	buf_adds(&b, "Subject: ");
	add_encoded(&b, subject);
	buf_addf(&b, "\r\nDate: %s\r\nMessage-ID: <%s>\r\n", date, message_id);
	buf_adds(&b, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
	    "X-Auto-Response-Suppress: All\r\n");
	buf_addf(&b, "List-Id: <maintenance.%s>\r\n", snd->list_id);
	buf_addf(&b, "X-Baotri-Kind: %s\r\nX-Baotri-Sequence: %lld\r\n", kind,
	    (long long)json_integer_value(json_object_get(n, "sequence")));
	if (rcpt->unsubscribe_url != NULL)
		buf_addf(&b, "List-Unsubscribe: <%s>\r\nList-Unsubscribe-Post: "
		    "List-Unsubscribe=One-Click\r\n", rcpt->unsubscribe_url);
	buf_addf(&b, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
	    bnd1);
	buf_addf(&b, "--%s\r\nContent-Type: multipart/alternative; "
	    "boundary=\"%s\"\r\n\r\n", bnd1, bnd2);
	buf_addf(&b, "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", bnd2);
	t2 = crlf(text);
	add_base64(&b, t2, strlen(t2));
	free(t2);
	t2 = NULL;
	buf_addf(&b, "--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", bnd2);
	t2 = crlf(html);
	add_base64(&b, t2, strlen(t2));
	free(t2);
	t2 = NULL;
	if (ics != NULL) {
		const char	*method = strcmp(kind, "cancellation") == 0 ?
				    "CANCEL" : "REQUEST";

		buf_addf(&b, "--%s\r\nContent-Type: text/calendar; "
		    "charset=UTF-8; method=%s\r\n"
		    "Content-Transfer-Encoding: base64\r\n\r\n", bnd2, method);
		add_base64(&b, ics, strlen(ics));
		buf_addf(&b, "--%s--\r\n", bnd2);
		buf_addf(&b, "--%s\r\nContent-Type: application/ics; "
		    "name=\"invite.ics\"\r\nContent-Disposition: attachment; "
		    "filename=\"invite.ics\"\r\n"
		    "Content-Transfer-Encoding: base64\r\n\r\n", bnd1);
		add_base64(&b, ics, strlen(ics));
	} else
		buf_addf(&b, "--%s--\r\n", bnd2);
	buf_addf(&b, "--%s--\r\n", bnd1);
	if (buf_is_toobig(&b)) {
		snprintf(err, errlen, "message larger than %d bytes",
		    NTF_MESSAGE_MAX);
		buf_release(&b);
		goto out;
	}
	out = buf_detach(&b, len);
out:
	free(subject);
	free(text);
	free(html);
	free(ics);
	free(t2);
	json_decref(data);
	json_decref(n);
	return out;
}
