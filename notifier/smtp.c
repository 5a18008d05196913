/*
 * smtp.c - the SMTP transport (libesmtp 1.1): one session per batch, many
 * messages in it (PIPELINING), STARTTLS as configured, AUTH PLAIN/LOGIN
 * when a user is set, timeouts shortened below the RFC minimums.
 *
 * LIBNOTES.md: smtp_start_session() may succeed with nothing sent, so each
 * message's own status is read (recipient, then transfer), before the
 * session is destroyed, which frees them.  Messages are already CRLF.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <auth-client.h>
#include <libesmtp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "common/num.h"
#include "common/xmalloc.h"
#include "notifier/transport_int.h"

#define WHY_LEN	256	/* as struct ntf_mail's reply */

struct smtp {
	char	*relay;
	int	 starttls;
	SSL_CTX	*tls;		/* ours: libesmtp's own is freed under it */
	char	*user;
	char	*password;
	long	 timeout;
};

/* Gives libesmtp the user and password when the server asks. */
static int
interact(auth_client_request_t req, char **result, int fields, void *arg)
{
	struct smtp	*s = arg;
	int		 i;

	for (i = 0; i < fields; i++) {
		if (req[i].flags & AUTH_USER)
			result[i] = s->user;
		else if (req[i].flags & AUTH_PASS)
			result[i] = s->password;
		else
			return 0;
	}
	return 1;
}

/*
 * Turns Nagle's algorithm off on our TCP connections.  libesmtp writes a
 * message in several small writes and offers no socket option; with Nagle
 * each message's tail then waits for the relay's delayed ACK, about 40 ms,
 * which caps a session at some 25 messages a second.  libesmtp gives no
 * socket either, so at its connect event we set TCP_NODELAY on every TCP
 * socket of the process (others are ours too, and it is harmless there).
 */
static void
nodelay_all(void)
{
	DIR		*d;
	struct dirent	*de;
	int64_t		 fd;
	int		 one = 1, type;
	socklen_t	 len;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (num_parse(de->d_name, strlen(de->d_name), 0, 1 << 30,
		    &fd) == -1 || fd == dirfd(d))
			continue;
		len = sizeof(type);
		if (getsockopt((int)fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
		    type == SOCK_STREAM)
			setsockopt((int)fd, IPPROTO_TCP, TCP_NODELAY, &one,
			    sizeof(one));
	}
	closedir(d);
}

/* Connects set TCP_NODELAY; a refused TLS handshake leaves its reason in
 * arg (a char[WHY_LEN]) for the delivery record. */
static void
on_event(smtp_session_t session, int event, void *arg, ...)
{
	char	*why = arg;
	va_list	 ap;
	long	 vfy;

	(void)session;
	va_start(ap, arg);
	switch (event) {
	case SMTP_EV_CONNECT:
		nodelay_all();
		break;
	case SMTP_EV_INVALID_PEER_CERTIFICATE:
		vfy = va_arg(ap, long);
		snprintf(why, WHY_LEN, "TLS: the relay's certificate is "
		    "not trusted (%s)", X509_verify_cert_error_string(vfy));
		break;
	case SMTP_EV_NO_PEER_CERTIFICATE:
		snprintf(why, WHY_LEN, "TLS: the relay shows no "
		    "certificate");
		break;
	case SMTP_EV_WRONG_PEER_CERTIFICATE:
		snprintf(why, WHY_LEN, "TLS: the relay's certificate "
		    "does not name the relay host");
		break;
	case SMTP_EV_EXTNA_STARTTLS:
		snprintf(why, WHY_LEN, "TLS: the relay does not offer "
		    "STARTTLS");
		break;
	}
	va_end(ap);
}

/* The queue id in a reply like "250 2.0.0 Ok: queued as 4Xy7Zq1" . */
static void
queue_id(const char *text, char *out, size_t len)
{
	const char	*p = text ? strstr(text, "queued as ") : NULL;
	size_t		 n;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += strlen("queued as ");
	n = strcspn(p, " \r\n");
	snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), p);
}

static void
set_result(struct ntf_mail *m, enum ntf_status st, int code,
    const char *text)
{
	char	clean[200];
	size_t	i, n = 0;

	/* Keep the server's words on one printable line. */
	for (i = 0; text != NULL && text[i] != '\0' && n + 1 < sizeof(clean);
	    i++)
		clean[n++] = (unsigned char)text[i] < 0x20 ? ' ' : text[i];
	clean[n] = '\0';
	m->status = st;
	snprintf(m->reply, sizeof(m->reply), "%d %s", code, clean);
}

static void
smtp_send(void *state, struct ntf_mail *m, size_t n)
{
	struct smtp		*s = state;
	smtp_session_t		 session;
	smtp_message_t		*msg;
	smtp_recipient_t	*rcpt;
	auth_context_t		 auth = NULL;
	const smtp_status_t	*st, *rs;
	char			 ebuf[128], why[WHY_LEN] = "";
	size_t			 i;
	int			 which;

	msg = xcalloc(n, sizeof(*msg));
	rcpt = xcalloc(n, sizeof(*rcpt));
	session = smtp_create_session();
	smtp_set_server(session, s->relay);
	for (which = Timeout_GREETING; which <= Timeout_DATA2; which++)
		smtp_set_timeout(session, which |
		    Timeout_OVERRIDE_RFC2822_MINIMUM, s->timeout);
	smtp_starttls_enable(session, s->starttls ? Starttls_REQUIRED :
	    Starttls_DISABLED);
	if (s->tls != NULL)
		smtp_starttls_set_ctx(session, s->tls);
	smtp_set_eventcb(session, on_event, why);
	if (s->user != NULL) {
		auth = auth_create_context();
		auth_set_mechanism_flags(auth, AUTH_PLUGIN_PLAIN, 0);
		auth_set_interact_cb(auth, interact, s);
		smtp_auth_set_context(session, auth);
	}
	for (i = 0; i < n; i++) {
		msg[i] = smtp_add_message(session);
		smtp_set_reverse_path(msg[i], m[i].from);
		rcpt[i] = smtp_add_recipient(msg[i], m[i].to);
		smtp_set_message_str(msg[i], (void *)(uintptr_t)m[i].data);
	}
	if (!smtp_start_session(session)) {
		smtp_strerror(smtp_errno(), ebuf, sizeof(ebuf));
		for (i = 0; i < n; i++)
			set_result(&m[i], NTF_TEMPFAIL, 0, why[0] ? why : ebuf);
		goto out;
	}
	for (i = 0; i < n; i++) {
		rs = smtp_recipient_status(rcpt[i]);
		st = smtp_message_transfer_status(msg[i]);
		if (rs != NULL && rs->code >= 500)
			set_result(&m[i], NTF_PERMFAIL, rs->code, rs->text);
		else if (rs == NULL || rs->code == 0 || rs->code >= 400)
			set_result(&m[i], NTF_TEMPFAIL, rs ? rs->code : 0,
			    rs && rs->text ? rs->text : why[0] ? why :
			    "not attempted");
		else if (st != NULL && st->code >= 200 && st->code < 300) {
			set_result(&m[i], NTF_OK, st->code, st->text);
			queue_id(st->text, m[i].queue_id,
			    sizeof(m[i].queue_id));
		} else if (st != NULL && st->code >= 500)
			set_result(&m[i], NTF_PERMFAIL, st->code, st->text);
		else
			set_result(&m[i], NTF_TEMPFAIL, st ? st->code : 0,
			    st && st->text ? st->text : "no reply to DATA");
	}
out:
	smtp_destroy_session(session);
	if (auth != NULL)
		auth_destroy_context(auth);
	free(msg);
	free(rcpt);
}

static void
smtp_free(void *state)
{
	struct smtp	*s = state;

	free(s->relay);
	free(s->user);
	SSL_CTX_free(s->tls);
	if (s->password != NULL)
		xfree_secret(s->password, strlen(s->password));
	free(s);
}

static const struct ntf_transport_ops smtp_ops = {
	"smtp", smtp_send, smtp_free
};

/*
 * One TLS context for all sessions (libesmtp 1.1 caches its default context
 * in a static and frees it with the first session, so the next session's
 * SSL_new() reads freed memory).  The relay's certificate must chain to the
 * system's CAs, or to ca_file for a relay with a private CA; libesmtp then
 * checks the chain and that the certificate names the relay host.
 */
static SSL_CTX *
tls_ctx(const char *ca_file, char *err, size_t errlen)
{
	SSL_CTX	*ctx;

	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL) {
		snprintf(err, errlen, "[mail] cannot create a TLS context");
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	if (ca_file != NULL ? SSL_CTX_load_verify_locations(ctx, ca_file,
	    NULL) != 1 : SSL_CTX_set_default_verify_paths(ctx) != 1) {
		snprintf(err, errlen, "[mail] ca_file %s: no certificate could "
		    "be read", ca_file ? ca_file : "(system)");
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

struct ntf_transport *
ntf_smtp_new(const struct ntf_smtp_cfg *c, char *err, size_t errlen)
{
	struct ntf_transport	*t;
	struct smtp		*s;

	if (c->relay == NULL || strchr(c->relay, ':') == NULL) {
		snprintf(err, errlen, "[mail] relay must be host:port");
		return NULL;
	}
	if (c->tls != NULL && strcmp(c->tls, "starttls") != 0 &&
	    strcmp(c->tls, "none") != 0) {
		snprintf(err, errlen, "[mail] tls = %s: libesmtp speaks "
		    "STARTTLS only; use starttls (port 587) or none", c->tls);
		return NULL;
	}
	auth_client_init();
	s = xcalloc(1, sizeof(*s));
	s->starttls = c->tls == NULL || strcmp(c->tls, "none") != 0;
	if (s->starttls && (s->tls = tls_ctx(c->ca_file, err, errlen)) == NULL) {
		free(s);
		return NULL;
	}
	s->relay = xstrdup(c->relay);
	s->user = c->user != NULL ? xstrdup(c->user) : NULL;
	s->password = c->password != NULL ? xstrdup(c->password) : NULL;
	s->timeout = c->timeout > 0 ? c->timeout : 30;
	t = xcalloc(1, sizeof(*t));
	t->ops = &smtp_ops;
	t->state = s;
	return t;
}
