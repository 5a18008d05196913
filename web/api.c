/*
 * api.c - the router and the helpers every handler uses; see api.h.
 *
 * Every handler checks its query against the parameters it knows, so a typo
 * ("notice=" for "notice_at=") is a 400 naming it rather than a silent
 * default; JSON bodies likewise refuse unknown members.
 */
#include "web/api.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/ics.h"
#include "calendar/lunar.h"
#include "calendar/rule.h"
#include "common/buf.h"
#include "common/jsonv.h"
#include "common/log.h"
#include "common/num.h"
#include "common/xmalloc.h"
#include "web/api_int.h"
#include "web/cache.h"


void
web_json_respond(struct web_response *r, int status, json_t *j)
{
	char	*s;

	if (j == NULL) {
		web_error(r, 500, "internal", NULL, "cannot build the answer");
		return;
	}
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		fatalx("api: out of memory");
	web_respond(r, status, "application/json; charset=utf-8", s,
	    strlen(s));
	r->cache_control = "no-cache";
}

/* Refuses query parameters not in the list (NULL-terminated). */
int
web_query_check(const struct web_request *req, struct web_response *r,
    const char *const *allowed)
{
	size_t	i, j, k;

	for (i = 0; i < req->nquery; i++) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(req->query[i].key, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL) {
			web_error(r, 400, "invalid_parameter", NULL,
			    "unknown parameter '%.40s'", req->query[i].key);
			return -1;
		}
		for (k = 0; k < i; k++)
			if (strcmp(req->query[k].key, req->query[i].key) == 0) {
				web_error(r, 400, "invalid_parameter",
				    allowed[j], "%s: given twice", allowed[j]);
				return -1;
			}
	}
	return 0;
}

/* A required query parameter; answers 400 naming it when absent. */
const char *
web_param_need(const struct web_request *req, struct web_response *r, const char *key,
    const char *example)
{
	const char	*v = web_request_query(req, key);

	if (v == NULL || *v == '\0') {
		web_error(r, 400, "invalid_parameter", key, "%s: required "
		    "(for example %s=%s)", key, key, example);
		return NULL;
	}
	return v;
}

int
web_param_instant(const struct web_request *req, struct web_response *r,
    const char *key, int64_t *out)
{
	const char	*v;
	struct cal_err	 err;
	char		 tmp[80];
	size_t		 len;

	if ((v = web_param_need(req, r, key, "2026-12-10T22:00:00%2B07:00")) == NULL)
		return -1;
	len = strlen(v);
	/*
	 * An unencoded '+' in a query string arrives as a space; RFC 3339
	 * never has a space before the offset, so it can only mean '+'.
	 */
	if (len >= 20 && len < sizeof(tmp) && v[len - 6] == ' ') {
		memcpy(tmp, v, len + 1);
		tmp[len - 6] = '+';
		v = tmp;
	}
	if (cal_instant_parse(v, len, out, &err) == -1) {
		web_error(r, 400, "invalid_parameter", key, "%s: %s", key,
		    err.msg);
		return -1;
	}
	return 0;
}

int
web_param_date(const struct web_request *req, struct web_response *r,
    const char *key, int32_t *out)
{
	const char	*v;
	struct cal_date	 d;
	struct cal_err	 err;

	if ((v = web_param_need(req, r, key, "2026-12-10")) == NULL)
		return -1;
	if (cal_date_parse(v, strlen(v), &d, &err) == -1) {
		web_error(r, 400, "invalid_parameter", key, "%s: %s", key,
		    err.msg);
		return -1;
	}
	if (d.year < CAL_MIN_YEAR || d.year > CAL_MAX_YEAR) {
		web_error(r, 400, "invalid_parameter", key, "%s: year %d out "
		    "of range %d-%d", key, d.year, CAL_MIN_YEAR, CAL_MAX_YEAR);
		return -1;
	}
	*out = cal_date_to_days(d);
	return 0;
}

/* An optional year parameter; *out keeps its default when absent. */
int
web_param_year(const struct web_request *req, struct web_response *r,
    const char *key, int *out)
{
	const char	*v = web_request_query(req, key);
	int64_t		 y;

	if (v == NULL)
		return 0;
	if (num_parse(v, strlen(v), CAL_MIN_YEAR, CAL_MAX_YEAR, &y) == -1) {
		web_error(r, 400, "invalid_parameter", key, "%s: '%.20s' is "
		    "not a year in %d-%d", key, v, CAL_MIN_YEAR, CAL_MAX_YEAR);
		return -1;
	}
	*out = (int)y;
	return 0;
}

json_t *
web_json_day(int32_t days)
{
	char	s[CAL_DATE_LEN];

	cal_days_format(days, s);
	return json_string(s);
}

json_t *
web_json_instant(struct cal_zone *z, int64_t at)
{
	char	s[CAL_INSTANT_LEN];

	cal_instant_format(at, cal_zone_offset(z, at), s);
	return json_string(s);
}

/* FNV-1a over the body: a strong validator for bytes we generate. */
void
web_set_etag(struct web_response *r)
{
	snprintf(r->etag, sizeof(r->etag), "\"%016llx\"",
	    (unsigned long long)buf_hash(r->body, r->len));
}

bool
web_answer_cached(struct web_api *api, const struct web_request *req,
    struct web_response *r, const char *key, int64_t gen, const char *type,
    const char *cache_control)
{
	const char	*v;
	void		*handle;
	size_t		 len;

	if (api->answers == NULL || (v = web_cache_share(api->answers, key,
	    gen, &len, &handle)) == NULL)
		return false;
	web_respond(r, 200, type, NULL, len - WEB_ANSWER_HEAD);
	snprintf(r->etag, sizeof(r->etag), "%s", v);
	snprintf(r->last_modified, sizeof(r->last_modified), "%s", v + 48);
	r->cache_control = cache_control;
	if (web_etag_matches(req, r)) {
		web_cache_release(handle);
		web_respond(r, 304, NULL, xstrdup(""), 0);
		return true;
	}
	r->shared = v + WEB_ANSWER_HEAD;
	r->shared_release = web_cache_release;
	r->shared_arg = handle;
	return true;
}

void
web_answer_keep(struct web_api *api, const struct web_response *r,
    const char *key, int64_t gen)
{
	char	*val;

	if (api->answers == NULL || r->status != 200 || r->body == NULL ||
	    r->len + WEB_ANSWER_HEAD > WEB_CACHE_VALUE_MAX)
		return;
	val = xcalloc(1, r->len + WEB_ANSWER_HEAD);
	memcpy(val, r->etag, strnlen(r->etag, 47));
	memcpy(val + 48, r->last_modified, strnlen(r->last_modified, 39));
	memcpy(val + WEB_ANSWER_HEAD, r->body, r->len);
	web_cache_put(api->answers, key, gen, val, r->len + WEB_ANSWER_HEAD);
	free(val);
}

/*
 * True when the client has this version: If-None-Match names the ETag (or
 * is "*"); or, without If-None-Match (RFC 9110 13.2.2), If-Modified-Since
 * repeats the Last-Modified we sent, as clients do.
 */
bool
web_etag_matches(const struct web_request *req, const struct web_response *r)
{
	const char	*inm = web_request_header(req, "If-None-Match");
	const char	*ims = web_request_header(req, "If-Modified-Since");

	if (inm != NULL)
		return strcmp(inm, "*") == 0 || (r->etag[0] != '\0' &&
		    strstr(inm, r->etag) != NULL);
	return ims != NULL && r->last_modified[0] != '\0' &&
	    strcmp(ims, r->last_modified) == 0;
}

json_t *
web_body_object(const struct web_request *req, struct web_response *r,
    const char *const *allowed)
{
	const char	*type = web_request_header(req, "Content-Type");
	struct jv_err	 err;
	json_t		*j;

	if (type == NULL || strncmp(type, "application/json", 16) != 0) {
		web_error(r, 415, "unsupported_media_type", NULL, "the body "
		    "must be JSON (Content-Type: application/json)");
		return NULL;
	}
	if ((j = jv_object(req->body, req->body_len, allowed, false,
	    &err)) == NULL)
		web_error(r, 400, err.code, NULL, "%s", err.msg);
	return j;
}

int
web_body_string(json_t *o, const char *key, bool required, size_t max,
    bool multiline, const char **out, struct web_response *r)
{
	struct jv_err	err;

	if (jv_string(o, key, required, max, multiline, out, &err) == 0)
		return 0;
	web_error(r, 400, err.code, err.field, "%s", err.msg);
	return -1;
}

/* Status codes counted one by one; others fall in the last slot. */
static const int	metric_codes[] = { 200, 201, 204, 304, 400, 401, 403,
    404, 405, 409, 413, 415, 422, 429, 500, 0 };
#define NCODES	(sizeof(metric_codes) / sizeof(metric_codes[0]))
#define NROUTES	96

struct web_metrics {
	pthread_mutex_t	lock;
	uint64_t	count[NROUTES + 1][NCODES];
};

struct web_metrics *
web_metrics_new(void)
{
	struct web_metrics	*m = xcalloc(1, sizeof(*m));

	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void
web_metrics_free(struct web_metrics *m)
{
	if (m == NULL)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static void
metrics_count(struct web_metrics *m, size_t route, int status)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i + 1 < NCODES && metric_codes[i] != status; i++)
		;
	pthread_mutex_lock(&m->lock);
	m->count[route < NROUTES ? route : NROUTES][i]++;
	pthread_mutex_unlock(&m->lock);
}

static void h_metrics(struct web_api *, const struct web_request *,
    struct web_response *);

static void
h_healthz(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	q[] = { NULL };
	int				years[64];
	size_t				n, i;
	json_t				*a;

	if (web_query_check(req, r, q) == -1)
		return;
	n = workcal_official_years(api->wc, years, 64);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer(years[i]));
	web_json_respond(r, 200, json_pack("{s:s,s:s,s:i,s:o}", "status", "ok",
	    "version", api->version, "schema_version", api->schema_version,
	    "official_years", a));
}

/*
 * Routes: '*' matches one path segment, captured in req->args.  The first
 * route whose path and method match wins; a path that matches with another
 * method is a 405 listing the methods it has.
 */
static const struct route {
	const char	*method;
	const char	*path;
	web_route_fn	*fn;
} routes[] = {
	{ "GET", "/healthz", h_healthz },
	{ "GET", "/metrics", h_metrics },
	{ "GET", "/holidays.ics", web_h_holidays_ics },
	{ "GET", "/calendar.ics", web_h_feed_ics },
	{ "GET", "/feed.atom", web_h_feed_atom },
	{ "GET", "/feed.rss", web_h_feed_rss },
	{ "GET", "/components/*/calendar.ics", web_h_component_ics },
	{ "GET", "/components/*/feed.atom", web_h_component_atom },
	{ "GET", "/components/*/feed.rss", web_h_component_rss },
	{ "GET", "/units/*/calendar.ics", web_h_unit_ics },
	{ "GET", "/", web_h_status_page },
	{ "GET", "/history", web_h_history_page },
	{ "GET", "/maintenances/*", web_h_maint_page },
	{ "GET", "/subscribe", web_h_subscribe_page },
	{ "POST", "/subscribe", web_h_subscribe_form },
	{ "GET", "/admin", web_h_console },
	{ "GET", "/assets/*", web_h_console },
	{ "GET", "/api/v1/calendar/earliest-start", web_h_earliest_start },
	{ "GET", "/api/v1/calendar/notice-deadline", web_h_notice_deadline },
	{ "GET", "/api/v1/calendar/workdays", web_h_workdays },
	{ "GET", "/api/v1/calendar/lunar", web_h_lunar },
	{ "GET", "/api/v1/holidays", web_h_holidays },
	{ "POST", "/api/v1/holidays", web_h_holiday_put },
	{ "POST", "/api/v1/holidays/import", web_h_holiday_import },
	{ "DELETE", "/api/v1/holidays/*", web_h_holiday_delete },
	{ "POST", "/api/v1/session", web_h_session_post },
	{ "GET", "/api/v1/session", web_h_session_get },
	{ "DELETE", "/api/v1/session", web_h_session_delete },
	{ "GET", "/api/v1/users", web_h_users_list },
	{ "POST", "/api/v1/users", web_h_users_post },
	{ "POST", "/api/v1/users/*/disable", web_h_user_disable },
	{ "GET", "/api/v1/audit", web_h_audit_list },
	{ "GET", "/api/v1/components", web_h_components_list },
	{ "POST", "/api/v1/components", web_h_components_post },
	{ "GET", "/api/v1/units", web_h_units_list },
	{ "POST", "/api/v1/units", web_h_units_post },
	{ "GET", "/api/v1/units/*", web_h_unit_get },
	{ "PATCH", "/api/v1/units/*", web_h_unit_patch },
	{ "GET", "/api/v1/units/*/feed-token", web_h_unit_feed_token },
	{ "POST", "/api/v1/units/*/feed-token", web_h_unit_feed_token },
	{ "GET", "/api/v1/maintenances", web_h_maint_list },
	{ "POST", "/api/v1/maintenances", web_h_maint_post },
	{ "GET", "/api/v1/maintenances/*", web_h_maint_get },
	{ "PATCH", "/api/v1/maintenances/*", web_h_maint_patch },
	{ "GET", "/api/v1/maintenances/*/deliveries", web_h_maint_deliveries },
	{ "POST", "/api/v1/maintenances/*/*", web_h_maint_action },
	{ "GET", "/api/v1/reports/compliance", web_h_compliance },
	{ "POST", "/api/v1/subscribers", web_h_subscribe },
	{ "GET", "/api/v1/subscribers", web_h_subscribers_list },
	{ "GET", "/api/v1/settings", web_h_settings },
	{ "GET", "/api/v1/webhooks", web_h_webhooks_list },
	{ "POST", "/api/v1/webhooks", web_h_webhooks_post },
	{ "DELETE", "/api/v1/webhooks/*", web_h_webhook_delete },
	{ "GET", "/ack/*", web_h_ack_page },
	{ "POST", "/ack/*", web_h_ack_post },
	{ "GET", "/subscribe/confirm/*", web_h_confirm_page },
	{ "POST", "/subscribe/confirm/*", web_h_confirm_post },
	{ "GET", "/subscribe/manage/*", web_h_manage_page },
	{ "POST", "/subscribe/manage/*", web_h_manage_post },
	{ "GET", "/unsubscribe/*", web_h_unsub_page },
	{ "POST", "/unsubscribe/*", web_h_unsub_post },
};

#define NROUTE	(sizeof(routes) / sizeof(routes[0]))

/*
 * One line per request that changes something or fails; successful reads
 * only at debug level, so that polling clients do not flood the log.
 */
static void
log_request(const struct web_request *req, const struct web_response *r)
{
	bool	read = strcmp(req->method, "GET") == 0 ||
		    strcmp(req->method, "HEAD") == 0;

	if (read && r->status < 400)
		log_debug("http method=%s path=%.200s status=%d client=%s",
		    req->method, req->path, r->status, req->address);
	else
		log_info("http method=%s path=%.200s status=%d client=%s",
		    req->method, req->path, r->status, req->address);
}

/* Matches a path against a pattern, capturing '*' segments. */
static bool
path_match(const char *pat, const char *path, const char **args,
    char (*bufs)[128])
{
	size_t	n = 0, len;

	while (*pat != '\0' && *path != '\0') {
		if (*pat == '*') {
			len = strcspn(path, "/");
			if (len == 0 || len >= sizeof(bufs[0]) ||
			    n == WEB_MAX_ARGS)
				return false;
			memcpy(bufs[n], path, len);
			bufs[n][len] = '\0';
			args[n] = bufs[n];
			n++;
			path += len;
			pat++;
			continue;
		}
		if (*pat != *path)
			return false;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

/* The Prometheus text exposition of the counters and gauges. */
static void
h_metrics(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { NULL };
	static const char *const	 st[] = { "draft", "submitted",
	    "approved", "in_progress", "completed", "cancelled" };
	struct buf			 b;
	int64_t				 counts[6];
	size_t				 i, k, len;
	uint64_t			 c;
	char				*body;

	if (web_query_check(req, r, q) == -1)
		return;
	buf_init(&b, 1024 * 1024);
	buf_adds(&b, "# HELP baotri_http_requests_total HTTP requests by "
	    "route and status.\n# TYPE baotri_http_requests_total counter\n");
	pthread_mutex_lock(&api->metrics->lock);
	for (i = 0; i <= NROUTES; i++)
		for (k = 0; k < NCODES; k++) {
			if ((c = api->metrics->count[i][k]) == 0)
				continue;
			buf_addf(&b, "baotri_http_requests_total{method=\"%s\","
			    "route=\"%s\",status=\"%s%d\"} %llu\n",
			    i < NROUTE ? routes[i].method : "",
			    i < NROUTE ? routes[i].path : "unmatched",
			    metric_codes[k] ? "" : "other",
			    metric_codes[k] ? metric_codes[k] : 0,
			    (unsigned long long)c);
		}
	pthread_mutex_unlock(&api->metrics->lock);
	if (store_maint_counts(api->store, st, counts, 6) == 0) {
		buf_adds(&b, "# HELP baotri_maintenances Maintenances by "
		    "status.\n# TYPE baotri_maintenances gauge\n");
		for (i = 0; i < 6; i++)
			buf_addf(&b, "baotri_maintenances{status=\"%s\"} "
			    "%lld\n", st[i], (long long)counts[i]);
	}
	if (api->lag != NULL)
		buf_addf(&b, "# HELP baotri_scheduler_lag_seconds How late the "
		    "last scheduled transition ran.\n# TYPE "
		    "baotri_scheduler_lag_seconds gauge\n"
		    "baotri_scheduler_lag_seconds %lld\n",
		    (long long)api->lag(api->changed_arg));
	buf_addf(&b, "# TYPE baotri_build_info gauge\n"
	    "baotri_build_info{version=\"%s\"} 1\n", api->version);
	body = buf_detach(&b, &len);
	web_respond(r, 200, "text/plain; version=0.0.4; charset=utf-8", body,
	    len);
	r->cache_control = "no-store";
}

void
web_api_handle(void *arg, const struct web_request *req,
    struct web_response *r)
{
	struct web_api		*api = arg;
	struct web_request	 q = *req;
	char			 bufs[WEB_MAX_ARGS][128], allow[48] = "";
	const char		*method = req->method;
	size_t			 i;

	if (strcmp(method, "HEAD") == 0)
		method = "GET";
	for (i = 0; i < NROUTE; i++) {
		memset(q.args, 0, sizeof(q.args));
		if (!path_match(routes[i].path, req->path, q.args, bufs))
			continue;
		if (strcmp(method, routes[i].method) == 0) {
			routes[i].fn(api, &q, r);
			metrics_count(api->metrics, i, r->status);
			log_request(req, r);
			return;
		}
		if (strstr(allow, routes[i].method) == NULL)
			snprintf(allow + strlen(allow), sizeof(allow) -
			    strlen(allow), "%s%s", allow[0] ? ", " : "",
			    routes[i].method);
	}
	if (allow[0] != '\0') {
		snprintf(r->allow, sizeof(r->allow), "%s%s", allow,
		    strstr(allow, "GET") != NULL ? ", HEAD" : "");
		web_error(r, 405, "method_not_allowed", NULL, "%s is not "
		    "allowed on %.100s (allowed: %s)", req->method, req->path,
		    r->allow);
	} else
		web_error(r, 404, "not_found", NULL, "no such resource: %.100s",
		    req->path);
	metrics_count(api->metrics, NROUTES, r->status);
	log_request(req, r);
}
