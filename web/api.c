/*
 * api.c - routes and handlers of the calendar API; see api.h.
 *
 * Every handler checks its query against the parameters it knows, so a typo
 * ("notice=" for "notice_at=") is a 400 naming it rather than a silent
 * default.  The calendar is read under workcal's read lock.
 */
#include "web/api.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/ics.h"
#include "calendar/lunar.h"
#include "calendar/rule.h"
#include "common/log.h"
#include "common/num.h"
#include "common/xmalloc.h"

#define MAX_WORKDAYS_SPAN	3660	/* days a workdays query may span */

typedef void	handler_fn(struct web_api *, const struct web_request *,
		    struct web_response *);

static void
respond_json(struct web_response *r, int status, json_t *j)
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
static int
check_query(const struct web_request *req, struct web_response *r,
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
static const char *
need(const struct web_request *req, struct web_response *r, const char *key,
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

static int
param_instant(const struct web_request *req, struct web_response *r,
    const char *key, int64_t *out)
{
	const char	*v;
	struct cal_err	 err;
	char		 tmp[80];
	size_t		 len;

	if ((v = need(req, r, key, "2026-12-10T22:00:00%2B07:00")) == NULL)
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

static int
param_date(const struct web_request *req, struct web_response *r,
    const char *key, int32_t *out)
{
	const char	*v;
	struct cal_date	 d;
	struct cal_err	 err;

	if ((v = need(req, r, key, "2026-12-10")) == NULL)
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
static int
param_year(const struct web_request *req, struct web_response *r,
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

static json_t *
json_day(int32_t days)
{
	char	s[CAL_DATE_LEN];

	cal_days_format(days, s);
	return json_string(s);
}

static json_t *
json_instant(struct cal_zone *z, int64_t at)
{
	char	s[CAL_INSTANT_LEN];

	cal_instant_format(at, cal_zone_offset(z, at), s);
	return json_string(s);
}

static json_t *
json_rule(struct web_api *api)
{
	struct cal_rule	rule = workcal_rule(api->wc);

	return json_pack("{s:i,s:b,s:s}", "working_days", rule.working_days,
	    "count_swapped_saturdays", rule.count_swapped, "timezone",
	    cal_zone_tzid(workcal_zone(api->wc)));
}

/* One resolved day as JSON. */
static json_t *
json_calday(const struct cal_day *d)
{
	return json_pack("{s:o,s:i,s:s,s:s,s:b,s:b,s:s?,s:s?,s:s?}",
	    "date", json_day(d->days), "weekday", cal_weekday(d->days),
	    "kind", cal_kind_name(d->kind), "layer", cal_layer_name(d->layer),
	    "working", d->working, "provisional", d->provisional,
	    "name", d->name, "name_en", d->name_en, "source", d->source);
}

/* True when any day of from..to lies in a year without a schedule. */
static bool
span_is_provisional(const struct cal_calendar *cal, int32_t from, int32_t to)
{
	int	y, y0 = cal_date_from_days(from).year;
	int	y1 = cal_date_from_days(to).year;

	for (y = y0; y <= y1; y++)
		if (!cal_calendar_year_is_official(cal, y))
			return true;
	return false;
}

/* The days not counted between two days (exclusive), for explanations. */
static json_t *
json_skipped(const struct cal_calendar *cal, const struct cal_rule *rule,
    int32_t after, int32_t before)
{
	json_t		*a = json_array();
	struct cal_day	 d;
	int32_t		 i;

	for (i = after + 1; i < before; i++) {
		if (cal_calendar_is_working(cal, i, rule->count_swapped))
			continue;
		if (cal_calendar_day(cal, i, &d, NULL) == 0)
			json_array_append_new(a, json_calday(&d));
	}
	return a;
}

static void
h_earliest_start(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "notice_at", NULL };
	const struct cal_calendar	*cal;
	struct cal_zone			*z = workcal_zone(api->wc);
	struct cal_rule			 rule = workcal_rule(api->wc);
	int32_t				 counted[CAL_RULE_MAX_DAYS], nday, sday;
	int64_t				 at, start;
	struct cal_err			 err;
	json_t				*days, *j;
	int				 i, rc;

	if (check_query(req, r, q) == -1 ||
	    param_instant(req, r, "notice_at", &at) == -1)
		return;
	nday = cal_zone_day(z, at);
	cal = workcal_acquire(api->wc);
	rc = cal_rule_earliest_start(cal, &rule, nday, &sday, counted, &err);
	if (rc == -1) {
		workcal_release(api->wc);
		web_error(r, 400, "invalid_parameter", "notice_at",
		    "notice_at: %s", err.msg);
		return;
	}
	start = cal_zone_day_start(z, sday);
	days = json_array();
	for (i = 0; i < rule.working_days; i++)
		json_array_append_new(days, json_day(counted[i]));
	j = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o}",
	    "notice_at", json_instant(z, at), "notice_date", json_day(nday),
	    "earliest_start", json_instant(z, start),
	    "earliest_start_date", json_day(sday), "working_days", days,
	    "skipped", json_skipped(cal, &rule, nday, sday),
	    "provisional", span_is_provisional(cal, nday, sday),
	    "rule", json_rule(api));
	workcal_release(api->wc);
	respond_json(r, 200, j);
}

static void
h_notice_deadline(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "start", NULL };
	const struct cal_calendar	*cal;
	struct cal_zone			*z = workcal_zone(api->wc);
	struct cal_rule			 rule = workcal_rule(api->wc);
	int32_t				 counted[CAL_RULE_MAX_DAYS], sday, dday;
	int32_t				 check;
	int64_t				 at;
	struct cal_err			 err;
	json_t				*days, *j;
	int				 i;

	if (check_query(req, r, q) == -1 ||
	    param_instant(req, r, "start", &at) == -1)
		return;
	sday = cal_zone_day(z, at);
	cal = workcal_acquire(api->wc);
	if (cal_rule_notice_deadline(cal, &rule, sday, &dday, &err) == -1 ||
	    cal_rule_earliest_start(cal, &rule, dday, &check, counted,
	    &err) == -1) {
		workcal_release(api->wc);
		web_error(r, 400, "invalid_parameter", "start", "start: %s",
		    err.msg);
		return;
	}
	days = json_array();
	for (i = 0; i < rule.working_days; i++)
		json_array_append_new(days, json_day(counted[i]));
	j = json_pack("{s:o,s:o,s:o,s:o,s:o,s:b,s:o}",
	    "start", json_instant(z, at), "start_date", json_day(sday),
	    "notice_deadline", json_day(dday),
	    "notice_deadline_end", json_instant(z,
	    cal_zone_day_start(z, dday + 1) - 1),
	    "working_days", days,
	    "provisional", span_is_provisional(cal, dday, sday),
	    "rule", json_rule(api));
	workcal_release(api->wc);
	respond_json(r, 200, j);
}

static void
h_workdays(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "from", "to", NULL };
	const struct cal_calendar	*cal;
	struct cal_rule			 rule = workcal_rule(api->wc);
	int32_t				 from, to, *days;
	size_t				 n, i;
	json_t				*a, *j;

	if (check_query(req, r, q) == -1 ||
	    param_date(req, r, "from", &from) == -1 ||
	    param_date(req, r, "to", &to) == -1)
		return;
	if (to < from) {
		web_error(r, 400, "invalid_parameter", "to", "to: is before "
		    "from");
		return;
	}
	if (to - from >= MAX_WORKDAYS_SPAN) {
		web_error(r, 400, "invalid_parameter", "to", "to: the range "
		    "may span at most %d days", MAX_WORKDAYS_SPAN);
		return;
	}
	days = xcalloc((size_t)(to - from + 1), sizeof(*days));
	cal = workcal_acquire(api->wc);
	cal_rule_workdays(cal, &rule, from, to, &n, days,
	    (size_t)(to - from + 1), NULL);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_day(days[i]));
	j = json_pack("{s:o,s:o,s:I,s:o,s:b,s:o}", "from", json_day(from),
	    "to", json_day(to), "count", (json_int_t)n, "days", a,
	    "provisional", span_is_provisional(cal, from, to),
	    "rule", json_rule(api));
	workcal_release(api->wc);
	free(days);
	respond_json(r, 200, j);
}

static void
h_lunar(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "date", NULL };
	const struct cal_lunar_table	*t = workcal_lunar(api->wc);
	struct cal_lunar		 l;
	struct cal_err			 err;
	int32_t				 d;
	char				 name[32];

	if (check_query(req, r, q) == -1 ||
	    param_date(req, r, "date", &d) == -1)
		return;
	if (cal_lunar_from_solar(t, d, &l, &err) == -1) {
		web_error(r, 400, "invalid_parameter", "date", "date: %s",
		    err.msg);
		return;
	}
	cal_lunar_year_name(l.year, name, sizeof(name));
	respond_json(r, 200, json_pack("{s:o,s:i,s:i,s:i,s:b,s:s,s:i}",
	    "date", json_day(d), "year", l.year, "month", l.month,
	    "day", l.day, "leap", l.leap, "year_name", name,
	    "month_days", cal_lunar_month_length(t, d)));
}

static int
current_year(struct web_api *api)
{
	return cal_date_from_days(cal_zone_day(workcal_zone(api->wc),
	    api->now())).year;
}

static void
h_holidays(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "year", NULL };
	const struct cal_calendar	*cal;
	struct cal_rule			 rule = workcal_rule(api->wc);
	struct cal_day			 d;
	int32_t				 i, from, to;
	size_t				 n;
	json_t				*a, *j;
	int				 year = current_year(api);

	if (check_query(req, r, q) == -1 ||
	    param_year(req, r, "year", &year) == -1)
		return;
	from = cal_date_to_days((struct cal_date){ year, 1, 1 });
	to = cal_date_to_days((struct cal_date){ year, 12, 31 });
	a = json_array();
	cal = workcal_acquire(api->wc);
	for (i = from; i <= to; i++) {
		cal_calendar_day(cal, i, &d, NULL);
		if (d.kind != CAL_KIND_WORKDAY && d.kind != CAL_KIND_WEEKEND)
			json_array_append_new(a, json_calday(&d));
		else if (d.layer == CAL_LAYER_OVERRIDE)
			json_array_append_new(a, json_calday(&d));
	}
	cal_rule_workdays(cal, &rule, from, to, &n, NULL, 0, NULL);
	j = json_pack("{s:i,s:s,s:I,s:o,s:o}", "year", year,
	    "status", cal_calendar_year_is_official(cal, year) ? "official" :
	    "provisional", "working_days", (json_int_t)n, "days", a,
	    "rule", json_rule(api));
	workcal_release(api->wc);
	respond_json(r, 200, j);
}

/* FNV-1a over the body: a strong validator for bytes we generate. */
static void
set_etag(struct web_response *r)
{
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	for (i = 0; i < r->len; i++) {
		h ^= (unsigned char)r->body[i];
		h *= 1099511628211ULL;
	}
	snprintf(r->etag, sizeof(r->etag), "\"%016llx\"",
	    (unsigned long long)h);
}

/* True when If-None-Match names the response's ETag (or is "*"). */
static bool
etag_matches(const struct web_request *req, const struct web_response *r)
{
	const char	*inm = web_request_header(req, "If-None-Match");

	return inm != NULL && (strcmp(inm, "*") == 0 ||
	    strstr(inm, r->etag) != NULL);
}

static void
h_holidays_ics(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "year", NULL };
	const struct cal_calendar	*cal;
	int				 year = current_year(api), y0, y1;
	int64_t				 changed;
	struct cal_err			 err;
	char				*s;

	y0 = year - 1;
	y1 = year + 1;
	if (check_query(req, r, q) == -1)
		return;
	if (web_request_query(req, "year") != NULL) {
		if (param_year(req, r, "year", &year) == -1)
			return;
		y0 = y1 = year;
	}
	if (y0 < CAL_MIN_YEAR)
		y0 = CAL_MIN_YEAR;
	if (y1 > CAL_MAX_YEAR)
		y1 = CAL_MAX_YEAR;
	changed = workcal_changed_at(api->wc);
	cal = workcal_acquire(api->wc);
	s = cal_ics_export(cal, cal_zone_tzid(workcal_zone(api->wc)), y0, y1,
	    changed, api->uid_host, &err);
	workcal_release(api->wc);
	if (s == NULL) {
		web_error(r, 500, "internal", NULL, "%s", err.msg);
		return;
	}
	web_respond(r, 200, "text/calendar; charset=utf-8", s, strlen(s));
	r->cache_control = "public, max-age=3600";
	set_etag(r);
	if (changed > 0)
		web_http_date(changed, r->last_modified);
	if (etag_matches(req, r)) {
		web_respond(r, 304, NULL, xstrdup(""), 0);
		r->content_type = NULL;
	}
}

static void
h_healthz(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	q[] = { NULL };
	int				years[64];
	size_t				n, i;
	json_t				*a;

	if (check_query(req, r, q) == -1)
		return;
	n = workcal_official_years(api->wc, years, 64);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer(years[i]));
	respond_json(r, 200, json_pack("{s:s,s:s,s:i,s:o}", "status", "ok",
	    "version", api->version, "schema_version", api->schema_version,
	    "official_years", a));
}

static const struct route {
	const char	*method;
	const char	*path;
	handler_fn	*fn;
} routes[] = {
	{ "GET", "/healthz", h_healthz },
	{ "GET", "/holidays.ics", h_holidays_ics },
	{ "GET", "/api/v1/calendar/earliest-start", h_earliest_start },
	{ "GET", "/api/v1/calendar/notice-deadline", h_notice_deadline },
	{ "GET", "/api/v1/calendar/workdays", h_workdays },
	{ "GET", "/api/v1/calendar/lunar", h_lunar },
	{ "GET", "/api/v1/holidays", h_holidays },
};

void
web_api_handle(void *arg, const struct web_request *req,
    struct web_response *r)
{
	struct web_api	*api = arg;
	bool		 path_known = false;
	size_t		 i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (strcmp(req->path, routes[i].path) != 0)
			continue;
		path_known = true;
		if (strcmp(req->method, routes[i].method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0)) {
			routes[i].fn(api, req, r);
			return;
		}
	}
	if (path_known) {
		web_error(r, 405, "method_not_allowed", NULL, "%s is not "
		    "allowed on %.100s (allowed: GET, HEAD)", req->method,
		    req->path);
		r->allow = "GET, HEAD";
		return;
	}
	web_error(r, 404, "not_found", NULL, "no such resource: %.100s",
	    req->path);
}
