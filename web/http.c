/*
 * http.c - libmicrohttpd glue; see http.h.
 *
 * libmicrohttpd calls the access handler several times per request: once
 * with the headers (we allocate the request context and return, so that MHD
 * keeps the connection alive, LIBNOTES.md), then with each chunk of the body
 * (appended to a capped buffer), then with no data: then we dispatch.  The
 * context is freed in the completion callback.
 */
#include "web/http.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/num.h"
#include "common/xmalloc.h"

struct web_server {
	struct MHD_Daemon	*mhd;
	web_handler_fn		*handler;
	void			*arg;
};

struct conn_ctx {
	struct buf		body;
	struct web_param	query[WEB_QUERY_MAX];
	size_t			nquery;
	bool			too_many_params;
};

void
web_respond(struct web_response *r, int status, const char *type, char *body,
    size_t len)
{
	free(r->body);
	r->status = status;
	r->content_type = type;
	r->body = body;
	r->len = len;
}

/* Builds {"error": {...}} with any members of extra (a JSON object text). */
static void
verror(struct web_response *r, int status, const char *code,
    const char *field, const char *extra, const char *fmt, va_list ap)
{
	char	 msg[512], *s;
	json_t	*j, *e, *x;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* Messages may quote client bytes: json_string() needs UTF-8. */
	e = json_pack("{s:s,s:s?,s:s*}", "code", code, "message", msg,
	    "field", field);
	if (e == NULL)
		e = json_pack("{s:s,s:s}", "code", code, "message",
		    "the request contains invalid UTF-8");
	if (extra != NULL && (x = json_loads(extra, 0, NULL)) != NULL) {
		json_object_update_missing(e, x);
		json_decref(x);
	}
	j = json_pack("{s:o}", "error", e);
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		fatalx("web: out of memory");
	web_respond(r, status, "application/json", s, strlen(s));
	r->cache_control = "no-store";
}

void
web_error(struct web_response *r, int status, const char *code,
    const char *field, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	verror(r, status, code, field, NULL, fmt, ap);
	va_end(ap);
}

void
web_error_extra(struct web_response *r, int status, const char *code,
    const char *field, const char *extra, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	verror(r, status, code, field, extra, fmt, ap);
	va_end(ap);
}

void
web_static_release(void *arg)
{
	(void)arg;
}

void
web_http_date(int64_t at, char out[40])
{
	static const char	*days[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
	    "Tue", "Wed" };
	static const char	*mons[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t			 t = (time_t)at;
	struct tm		 tm;
	int64_t			 d = at >= 0 ? at / 86400 : 0;

	if (gmtime_r(&t, &tm) == NULL) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	    days[d % 7], tm.tm_mday, mons[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

const char *
web_request_header(const struct web_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *
web_request_query(const struct web_request *req, const char *key)
{
	size_t	i;

	for (i = 0; i < req->nquery; i++)
		if (strcmp(req->query[i].key, key) == 0)
			return req->query[i].value;
	return NULL;
}

/* Collects query parameters, up to WEB_QUERY_MAX. */
static enum MHD_Result
collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct conn_ctx	*ctx = cls;

	(void)kind;
	if (ctx->nquery == WEB_QUERY_MAX) {
		ctx->too_many_params = true;
		return MHD_NO;
	}
	ctx->query[ctx->nquery].key = key;
	ctx->query[ctx->nquery].value = value != NULL ? value : "";
	ctx->nquery++;
	return MHD_YES;
}

/* The client's IP address as text. */
static void
format_address(const struct sockaddr *sa, char *out, size_t len)
{
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)
		    (const void *)sa)->sin_addr, out, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr, out, (socklen_t)len);
}

static enum MHD_Result
send_response(struct MHD_Connection *conn, struct web_response *r)
{
	struct MHD_Response	*mr;
	enum MHD_Result		 ret;

	if (r->shared != NULL) {
		mr = MHD_create_response_from_buffer_with_free_callback_cls(
		    r->len, (void *)(uintptr_t)r->shared, r->shared_release,
		    r->shared_arg);
		if (mr == NULL)
			r->shared_release(r->shared_arg);
		free(r->body);
	} else
		mr = MHD_create_response_from_buffer(r->len, r->body,
		    MHD_RESPMEM_MUST_FREE);
	if (mr == NULL) {
		if (r->shared == NULL)
			free(r->body);
		return MHD_NO;
	}
	r->body = NULL;
	if (r->content_type != NULL)
		MHD_add_response_header(mr, "Content-Type", r->content_type);
	if (r->etag[0] != '\0')
		MHD_add_response_header(mr, "ETag", r->etag);
	if (r->last_modified[0] != '\0')
		MHD_add_response_header(mr, "Last-Modified", r->last_modified);
	if (r->cache_control != NULL)
		MHD_add_response_header(mr, "Cache-Control", r->cache_control);
	if (r->allow[0] != '\0')
		MHD_add_response_header(mr, "Allow", r->allow);
	if (r->set_cookie != NULL)
		MHD_add_response_header(mr, "Set-Cookie", r->set_cookie);
	if (r->csp != NULL) {
		MHD_add_response_header(mr, "Content-Security-Policy", r->csp);
		MHD_add_response_header(mr, "X-Frame-Options", "DENY");
		MHD_add_response_header(mr, "Referrer-Policy", "no-referrer");
	}
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(conn, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	free(r->set_cookie);
	r->set_cookie = NULL;
	return ret;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **con_cls)
{
	struct web_server	*srv = cls;
	struct conn_ctx		*ctx = *con_cls;
	struct web_request	 req;
	struct web_response	 resp;
	const union MHD_ConnectionInfo *ci;
	char			 addr[INET6_ADDRSTRLEN] = "";

	(void)version;
	if (ctx == NULL) {
		ctx = xcalloc(1, sizeof(*ctx));
		buf_init(&ctx->body, WEB_BODY_MAX);
		*con_cls = ctx;
		return MHD_YES;
	}
	if (*upload_size != 0) {
		/* Past the cap, keep reading but drop: answered 413 below. */
		if (!buf_is_toobig(&ctx->body))
			buf_add(&ctx->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}

	memset(&resp, 0, sizeof(resp));
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query,
	    ctx);
	if (buf_is_toobig(&ctx->body))
		web_error(&resp, 413, "too_large", NULL, "request body larger than "
		    "%d bytes", WEB_BODY_MAX);
	else if (ctx->too_many_params)
		web_error(&resp, 400, "bad_request", NULL, "more than %d query "
		    "parameters", WEB_QUERY_MAX);
	else {
		ci = MHD_get_connection_info(conn,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci != NULL && ci->client_addr != NULL)
			format_address(ci->client_addr, addr, sizeof(addr));
		memset(&req, 0, sizeof(req));
		req.address = addr;
		req.method = method;
		req.path = url;
		req.query = ctx->query;
		req.nquery = ctx->nquery;
		req.body = buf_str(&ctx->body);
		req.body_len = ctx->body.len;
		req.conn = conn;
		srv->handler(srv->arg, &req, &resp);
		if (resp.status == 0)
			web_error(&resp, 500, "internal", NULL, "no response");
	}
	return send_response(conn, &resp);
}

static void
completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx	*ctx = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (ctx == NULL)
		return;
	buf_release(&ctx->body);
	free(ctx);
	*con_cls = NULL;
}

/* Parses "ADDR:PORT" or "[ADDR6]:PORT" into a socket address. */
static int
parse_listen(const char *s, struct sockaddr_storage *ss)
{
	struct sockaddr_in	*sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)ss;
	char			 host[64];
	const char		*colon, *port;
	size_t			 hl;
	int64_t			 p;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		if ((colon = strstr(s, "]:")) == NULL)
			return -1;
		hl = (size_t)(colon - s - 1);
		port = colon + 2;
		if (hl >= sizeof(host))
			return -1;
		memcpy(host, s + 1, hl);
		host[hl] = '\0';
		if (inet_pton(AF_INET6, host, &sin6->sin6_addr) != 1)
			return -1;
		sin6->sin6_family = AF_INET6;
	} else {
		if ((colon = strrchr(s, ':')) == NULL)
			return -1;
		hl = (size_t)(colon - s);
		port = colon + 1;
		if (hl >= sizeof(host))
			return -1;
		memcpy(host, s, hl);
		host[hl] = '\0';
		if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
			return -1;
		sin->sin_family = AF_INET;
	}
	if (num_parse(port, strlen(port), 1, 65535, &p) == -1)
		return -1;
	if (ss->ss_family == AF_INET6)
		sin6->sin6_port = htons((uint16_t)p);
	else
		sin->sin_port = htons((uint16_t)p);
	return 0;
}

struct web_server *
web_server_start(const char *listen, int threads, web_handler_fn *handler,
    void *arg)
{
	struct web_server	*srv;
	struct sockaddr_storage	 ss;
	unsigned int		 flags = MHD_USE_INTERNAL_POLLING_THREAD |
				    MHD_USE_AUTO | MHD_USE_ERROR_LOG |
				    MHD_USE_ITC;

	if (parse_listen(listen, &ss) == -1) {
		log_warnx("web: bad listen address '%s' (want ADDR:PORT, "
		    "like 127.0.0.1:8080 or [::1]:8080)", listen);
		return NULL;
	}
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	srv = xcalloc(1, sizeof(*srv));
	srv->handler = handler;
	srv->arg = arg;
	srv->mhd = MHD_start_daemon(flags, 0, NULL, NULL, access_cb, srv,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_NOTIFY_COMPLETED, completed_cb, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
	    threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
	    (unsigned int)threads, MHD_OPTION_END);
	if (srv->mhd == NULL) {
		log_warnx("web: cannot listen on %s (address in use?)", listen);
		free(srv);
		return NULL;
	}
	return srv;
}

void
web_server_stop(struct web_server *srv)
{
	const union MHD_DaemonInfo	*info;
	MHD_socket			 fd;
	struct timespec			 nap = { 0, 50 * 1000 * 1000 };
	int				 i;

	if (srv == NULL)
		return;
	/* Stop accepting, let requests in flight finish (10 s at most). */
	if ((fd = MHD_quiesce_daemon(srv->mhd)) != MHD_INVALID_SOCKET)
		close(fd);
	for (i = 0; i < 200; i++) {
		info = MHD_get_daemon_info(srv->mhd,
		    MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (info == NULL || info->num_connections == 0)
			break;
		nanosleep(&nap, NULL);
	}
	MHD_stop_daemon(srv->mhd);
	free(srv);
}
