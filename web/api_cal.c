/*
 * api_cal.c - the calendar endpoints: the rule (earliest-start,
 * notice-deadline, workdays), the lunar date, the holiday layers and their
 * ICS export.
 */
#include "web/api_int.h"

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
#include "daemon/fetch.h"

#define MAX_WORKDAYS_SPAN	3660	/* days a workdays query may span */

/* The rule in force; takes it from the caller to avoid nested locks. */
static json_t *
json_rule(struct web_api *api, const struct cal_rule *r)
{
	struct cal_rule	rule = *r;

	return json_pack("{s:i,s:b,s:s}", "working_days", rule.working_days,
	    "count_swapped_saturdays", rule.count_swapped, "timezone",
	    cal_zone_tzid(workcal_zone(api->wc)));
}

/* One resolved day as JSON. */
static json_t *
json_calday(const struct cal_day *d)
{
	return json_pack("{s:o,s:i,s:s,s:s,s:b,s:b,s:s?,s:s?,s:s?}",
	    "date", web_json_day(d->days), "weekday", cal_weekday(d->days),
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

void
web_h_earliest_start(struct web_api *api, const struct web_request *req,
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

	if (web_query_check(req, r, q) == -1 ||
	    web_param_instant(req, r, "notice_at", &at) == -1)
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
		json_array_append_new(days, web_json_day(counted[i]));
	j = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o}",
	    "notice_at", web_json_instant(z, at), "notice_date", web_json_day(nday),
	    "earliest_start", web_json_instant(z, start),
	    "earliest_start_date", web_json_day(sday), "working_days", days,
	    "skipped", json_skipped(cal, &rule, nday, sday),
	    "provisional", span_is_provisional(cal, nday, sday),
	    "rule", json_rule(api, &rule));
	workcal_release(api->wc);
	web_json_respond(r, 200, j);
}

void
web_h_notice_deadline(struct web_api *api, const struct web_request *req,
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

	if (web_query_check(req, r, q) == -1 ||
	    web_param_instant(req, r, "start", &at) == -1)
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
		json_array_append_new(days, web_json_day(counted[i]));
	j = json_pack("{s:o,s:o,s:o,s:o,s:o,s:b,s:o}",
	    "start", web_json_instant(z, at), "start_date", web_json_day(sday),
	    "notice_deadline", web_json_day(dday),
	    "notice_deadline_end", web_json_instant(z,
	    cal_zone_day_start(z, dday + 1) - 1),
	    "working_days", days,
	    "provisional", span_is_provisional(cal, dday, sday),
	    "rule", json_rule(api, &rule));
	workcal_release(api->wc);
	web_json_respond(r, 200, j);
}

void
web_h_workdays(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "from", "to", NULL };
	const struct cal_calendar	*cal;
	struct cal_rule			 rule = workcal_rule(api->wc);
	int32_t				 from, to, *days;
	size_t				 n, i;
	json_t				*a, *j;

	if (web_query_check(req, r, q) == -1 ||
	    web_param_date(req, r, "from", &from) == -1 ||
	    web_param_date(req, r, "to", &to) == -1)
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
		json_array_append_new(a, web_json_day(days[i]));
	j = json_pack("{s:o,s:o,s:I,s:o,s:b,s:o}", "from", web_json_day(from),
	    "to", web_json_day(to), "count", (json_int_t)n, "days", a,
	    "provisional", span_is_provisional(cal, from, to),
	    "rule", json_rule(api, &rule));
	workcal_release(api->wc);
	free(days);
	web_json_respond(r, 200, j);
}

void
web_h_lunar(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "date", NULL };
	const struct cal_lunar_table	*t = workcal_lunar(api->wc);
	struct cal_lunar		 l;
	struct cal_err			 err;
	int32_t				 d;
	char				 name[32];

	if (web_query_check(req, r, q) == -1 ||
	    web_param_date(req, r, "date", &d) == -1)
		return;
	if (cal_lunar_from_solar(t, d, &l, &err) == -1) {
		web_error(r, 400, "invalid_parameter", "date", "date: %s",
		    err.msg);
		return;
	}
	cal_lunar_year_name(l.year, name, sizeof(name));
	web_json_respond(r, 200, json_pack("{s:o,s:i,s:i,s:i,s:b,s:s,s:i}",
	    "date", web_json_day(d), "year", l.year, "month", l.month,
	    "day", l.day, "leap", l.leap, "year_name", name,
	    "month_days", cal_lunar_month_length(t, d)));
}

static int
current_year(struct web_api *api)
{
	return cal_date_from_days(cal_zone_day(workcal_zone(api->wc),
	    api->now())).year;
}

void
web_h_holidays(struct web_api *api, const struct web_request *req,
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

	if (web_query_check(req, r, q) == -1 ||
	    web_param_year(req, r, "year", &year) == -1)
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
	    "rule", json_rule(api, &rule));
	workcal_release(api->wc);
	web_json_respond(r, 200, j);
}

void
web_h_holidays_ics(struct web_api *api, const struct web_request *req,
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
	if (web_query_check(req, r, q) == -1)
		return;
	if (web_request_query(req, "year") != NULL) {
		if (web_param_year(req, r, "year", &year) == -1)
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
	web_set_etag(r);
	if (changed > 0)
		web_http_date(changed, r->last_modified);
	if (web_etag_matches(req, r)) {
		web_respond(r, 304, NULL, xstrdup(""), 0);
		r->content_type = NULL;
	}
}


/* The audit object and JSON of an override. */
static json_t *
json_override(const struct cal_override *o)
{
	return json_pack("{s:o,s:s,s:s,s:s?}", "date", web_json_day(o->days),
	    "kind", cal_override_kind_name(o->kind), "name", o->name,
	    "source", o->source);
}

/* Fills an audit row for a calendar change by the principal. */
static void
audit_row(struct web_api *api, const struct web_request *req,
    const struct acct_principal *p, const char *action, const char *object,
    char *before, char *after, struct store_audit *a)
{
	a->at = api->now();
	a->actor = p->name;
	a->action = action;
	a->object = object;
	a->before = before;
	a->after = after;
	a->address = req->address;
}

static char *
dump_override(const struct cal_override *o)
{
	json_t	*j = json_override(o);
	char	*s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(j);
	return s;
}

/* The day as the calendar now resolves it. */
static json_t *
resolved_day(struct web_api *api, int32_t days)
{
	struct cal_day	 d;
	json_t		*j = NULL;

	if (cal_calendar_day(workcal_acquire(api->wc), days, &d, NULL) == 0)
		j = json_calday(&d);
	workcal_release(api->wc);
	return j;
}

void
web_h_holiday_put(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 keys[] = { "date", "kind", "name",
	    "source", NULL };
	struct acct_principal		 p;
	struct cal_override		 o, old;
	struct store_audit		 a;
	struct cal_date			 d;
	struct cal_err			 err;
	const char			*date, *kind, *name, *source;
	char				 object[48], *before = NULL, *after;
	json_t				*j;
	bool				 existed;

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1 ||
	    (j = web_body_object(req, r, keys)) == NULL)
		return;
	if (web_body_string(j, "date", true, 10, false, &date, r) == -1 ||
	    web_body_string(j, "kind", true, 8, false, &kind, r) == -1 ||
	    web_body_string(j, "name", true, 200, false, &name, r) == -1 ||
	    web_body_string(j, "source", false, 500, false, &source, r) == -1)
		goto out;
	if (cal_date_parse(date, strlen(date), &d, &err) == -1) {
		web_error(r, 400, "invalid_field", "date", "date: %s", err.msg);
		goto out;
	}
	memset(&o, 0, sizeof(o));
	if (cal_override_kind_parse(kind, &o.kind) == -1) {
		web_error(r, 400, "invalid_field", "kind", "kind: must be off, "
		    "work or clear");
		goto out;
	}
	o.days = cal_date_to_days(d);
	o.name = name;
	o.source = source;
	existed = workcal_get_override(api->wc, o.days, &old) == 0;
	if (existed) {
		before = dump_override(&old);
		free((char *)(uintptr_t)old.name);
		free((char *)(uintptr_t)old.source);
	}
	after = dump_override(&o);
	snprintf(object, sizeof(object), "holiday:%s", date);
	audit_row(api, req, &p, "holiday.put", object, before, after, &a);
	if (workcal_put_overrides(api->wc, &o, 1, api->now(), &a,
	    &err) == -1)
		web_error(r, 400, "invalid_field", NULL, "%s", err.msg);
	else {
		web_calendar_changed(api, req, &p);
		web_json_respond(r, existed ? 200 : 201,
		    resolved_day(api, o.days));
	}
	free(before);
	free(after);
out:
	json_decref(j);
}

void
web_h_holiday_delete(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	struct cal_override	 old;
	struct store_audit	 a;
	struct cal_date		 d;
	struct cal_err		 err;
	char			 object[48], *before;
	int			 rc;

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1)
		return;
	if (cal_date_parse(req->args[0], strlen(req->args[0]), &d,
	    &err) == -1) {
		web_error(r, 400, "invalid_parameter", "date", "date: %s",
		    err.msg);
		return;
	}
	if (workcal_get_override(api->wc, cal_date_to_days(d), &old) == -1) {
		web_error(r, 404, "not_found", "date", "%s has no override; "
		    "official and statutory days are changed by overrides",
		    req->args[0]);
		return;
	}
	before = dump_override(&old);
	free((char *)(uintptr_t)old.name);
	free((char *)(uintptr_t)old.source);
	snprintf(object, sizeof(object), "holiday:%.10s", req->args[0]);
	audit_row(api, req, &p, "holiday.delete", object, before, NULL, &a);
	rc = workcal_remove_override(api->wc, cal_date_to_days(d), api->now(),
	    &a, &err);
	free(before);
	if (rc == 1)
		web_error(r, 404, "not_found", "date", "%s has no override",
		    req->args[0]);
	else if (rc == -1)
		web_error(r, 500, "internal", NULL, "%s", err.msg);
	else {
		web_calendar_changed(api, req, &p);
		web_json_respond(r, 200, resolved_day(api, cal_date_to_days(d)));
	}
}

void
web_h_holiday_import(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 keys[] = { "url", NULL };
	struct acct_principal		 p;
	const char			*type, *url = NULL;
	struct cal_override		*o = NULL;
	struct store_audit		 a;
	struct cal_err			 err;
	size_t				 n = 0, skipped = 0, len;
	char				*text = NULL, *after = NULL, ferr[256];
	json_t				*j = NULL;

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1)
		return;
	type = web_request_header(req, "Content-Type");
	if (type != NULL && strncmp(type, "text/calendar", 13) == 0) {
		text = xstrndup(req->body, req->body_len);
		len = req->body_len;
	} else {
		if ((j = web_body_object(req, r, keys)) == NULL)
			return;
		if (web_body_string(j, "url", true, 2000, false, &url,
		    r) == -1)
			goto out;
		if (fetch_url(url, CAL_ICS_MAX_SIZE, 10, &text, &len, ferr,
		    sizeof(ferr)) == -1) {
			web_error(r, 422, "fetch_failed", "url", "url: %s",
			    ferr);
			goto out;
		}
	}
	if (cal_ics_import(text, len, url != NULL ? url : "ICS upload", &o,
	    &n, &skipped, &err) == -1) {
		web_error(r, 400, "invalid_calendar", NULL, "calendar: %s",
		    err.msg);
		goto out;
	}
	after = xasprintf("{\"days\":%zu,\"skipped\":%zu,\"source\":\"%s\"}",
	    n, skipped, url != NULL ? "url" : "upload");
	audit_row(api, req, &p, "holiday.import", "holidays", NULL, after, &a);
	if (workcal_put_overrides(api->wc, o, n, api->now(), &a, &err) == -1)
		web_error(r, 400, "invalid_calendar", NULL, "calendar: %s",
		    err.msg);
	else {
		web_calendar_changed(api, req, &p);
		web_json_respond(r, 200, json_pack("{s:I,s:I}", "imported",
		    (json_int_t)n, "skipped", (json_int_t)skipped));
	}
out:
	cal_overrides_free(o, n);
	free(text);
	free(after);
	json_decref(j);
}
