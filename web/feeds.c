/*
 * feeds.c - the maintenance feeds: iCalendar (/calendar.ics, per component,
 * per unit by its private token) and Atom and RSS of the same.
 *
 * Calendar clients poll, so a feed is built once per store generation and
 * local day (the 30-day window of cancelled events moves with the day) and
 * kept in the answer cache together with its ETag and Last-Modified: a poll
 * is then a copy-free send, and a conditional poll a 304 without the body.
 * Cancelled maintenances stay WEB_CANCELLED_DAYS as STATUS:CANCELLED so the
 * events leave subscribed calendars rather than linger.
 */
#include "web/api_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "calendar/ics.h"
#include "common/buf.h"
#include "common/num.h"
#include "common/tpl.h"
#include "common/xmalloc.h"
#include "daemon/links.h"
#include "web/cache.h"
#include "web/pages.h"

#define DAY		86400
#define FEED_DAYS	365	/* how long an ended maintenance stays */
#define FEED_MAX	5000	/* events in one feed */

enum feed_fmt { FEED_ICS, FEED_ATOM, FEED_RSS };

static const char *const	fmt_type[] = {
	"text/calendar; charset=utf-8",
	"application/atom+xml; charset=utf-8",
	"application/rss+xml; charset=utf-8",
};

/* The scope of a feed: everything, or the components of a slug or unit. */
struct scope {
	const char	*key;		/* for the cache: "all", "c:portal" */
	char		*components;	/* JSON array of ids, or NULL */
	const char	*name;		/* the calendar's name, or NULL */
	const char	*path;		/* the feed's own path, for Atom */
};

/* The description of an event, from ics_description.tpl. */
static char *
describe(struct web_api *api, json_t *it, bool vi)
{
	const char	*t = web_pages_template(api->pages, "ics_description");
	char		 err[128], *s;

	json_object_set_new(it, vi ? "vi" : "en", json_true());
	s = t ? tpl_render(t, it, TPL_PLAIN, 64 * 1024, err, sizeof(err)) :
	    NULL;
	json_object_del(it, vi ? "vi" : "en");
	return s;
}

static char *
render_ics(struct web_api *api, json_t *items, const char *name, bool vi,
    struct cal_err *err)
{
	struct cal_ics_event	*ev;
	json_t			*it;
	char			**desc, *s;
	size_t			 n = json_array_size(items), i;

	ev = xcalloc(n ? n : 1, sizeof(*ev));
	desc = xcalloc(n ? n : 1, sizeof(*desc));
	json_array_foreach(items, i, it) {
		desc[i] = describe(api, it, vi);
		ev[i].uid = json_string_value(json_object_get(it, "uid"));
		ev[i].sequence = (int)json_integer_value(json_object_get(it,
		    "sequence"));
		/* The last change, so the bytes (and the ETag) are stable. */
		ev[i].dtstamp = json_integer_value(json_object_get(it,
		    "updated_ts"));
		ev[i].start = json_integer_value(json_object_get(it,
		    "start_ts"));
		ev[i].end = json_integer_value(json_object_get(it, "end_ts"));
		ev[i].summary = json_string_value(json_object_get(it, "title"));
		if (ev[i].summary == NULL)
			ev[i].summary = "";
		ev[i].description = desc[i];
		ev[i].url = json_string_value(json_object_get(it, "url"));
		ev[i].cancel = json_is_true(json_object_get(it, "cancelled"));
	}
	s = cal_ics_feed(ev, n, cal_zone_tzid(workcal_zone(api->wc)), name,
	    err);
	for (i = 0; i < n; i++)
		free(desc[i]);
	free(desc);
	free(ev);
	return s;
}

/* Atom and RSS from their templates, with the dates they need. */
static char *
render_xml(struct web_api *api, json_t *items, const struct scope *sc,
    enum feed_fmt fmt, bool vi, int64_t newest, struct cal_err *err)
{
	const char	*t = web_pages_template(api->pages, fmt == FEED_ATOM ?
			    "feed_atom" : "feed_rss");
	char		 e[128], http[40], rfc[CAL_INSTANT_LEN], *s;
	json_t		*d, *it;
	size_t		 i;

	if (t == NULL) {
		cal_err_set(err, "the feed template is missing");
		return NULL;
	}
	json_array_foreach(items, i, it) {
		web_http_date(json_integer_value(json_object_get(it,
		    "updated_ts")), http);
		json_object_set_new(it, "updated_http", json_string(http));
		cal_instant_format(json_integer_value(json_object_get(it,
		    "updated_ts")), 0, rfc);
		json_object_set_new(it, "updated", json_string(rfc));
	}
	cal_instant_format(newest, 0, rfc);
	web_http_date(newest, http);
	d = json_pack("{s:O,s:s,s:s,s:s,s:s,s:s,s:s?,s:b}", "items", items,
	    "updated", rfc, "updated_http", http, "base", api->public_url ?
	    api->public_url : "", "path", sc->path, "org", api->org_name ?
	    api->org_name : "baotri", "name", sc->name, vi ? "vi" : "en", 1);
	s = tpl_render(t, d, TPL_HTML, WEB_CACHE_VALUE_MAX - WEB_ANSWER_HEAD, e,
	    sizeof(e));
	json_decref(d);
	if (s == NULL)
		cal_err_set(err, "%s", e);
	return s;
}

static void
feed(struct web_api *api, const struct web_request *req,
    struct web_response *r, enum feed_fmt fmt, const struct scope *sc)
{
	static const char *const	 q[] = { "lang", NULL };
	struct cal_zone			*z = workcal_zone(api->wc);
	struct store_feed_filter	 f;
	struct cal_err			 err;
	bool				 vi = web_lang_vi(req);
	int64_t				 now = api->now(), gen, today, newest = 0;
	char				 key[WEB_CACHE_KEY_MAX], *s;
	json_t				*items, *it;
	size_t				 len, i;

	if (web_query_check(req, r, q) == -1)
		return;
	gen = store_generation_public(api->store);
	today = cal_zone_day(z, now);
	snprintf(key, sizeof(key), "feed:%d:%s:%d:%.400s", (int)fmt,
	    vi ? "vi" : "en", (int)today, sc->key);
	if (web_answer_cached(api, req, r, key, gen, fmt_type[fmt],
	    "public, max-age=300"))
		return;
	memset(&f, 0, sizeof(f));
	f.ended_after = cal_zone_day_start(z, (int32_t)today) -
	    (int64_t)FEED_DAYS * DAY;
	f.cancelled_after = cal_zone_day_start(z, (int32_t)today) -
	    (int64_t)WEB_CANCELLED_DAYS * DAY;
	f.components_json = sc->components;
	f.limit = FEED_MAX;
	if ((items = web_public_items(api, &f, vi, now)) == NULL) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	json_array_foreach(items, i, it)
		if (json_integer_value(json_object_get(it, "updated_ts")) >
		    newest)
			newest = json_integer_value(json_object_get(it,
			    "updated_ts"));
	/* An empty Atom feed still needs an <updated>. */
	if (newest == 0 && fmt != FEED_ICS)
		newest = cal_zone_day_start(z, (int32_t)today);
	s = fmt == FEED_ICS ? render_ics(api, items, sc->name, vi, &err) :
	    render_xml(api, items, sc, fmt, vi, newest, &err);
	json_decref(items);
	if (s == NULL) {
		web_error(r, 500, "internal", NULL, "feed: %s", err.msg);
		return;
	}
	len = strlen(s);
	web_respond(r, 200, fmt_type[fmt], s, len);
	r->cache_control = "public, max-age=300";
	web_set_etag(r);
	if (newest > 0)
		web_http_date(newest, r->last_modified);
	web_answer_keep(api, r, key, gen);
	if (web_etag_matches(req, r)) {
		web_respond(r, 304, NULL, xstrdup(""), 0);
		r->content_type = NULL;
	}
}

/* The scope of /components/SLUG/...: -1 after a 404. */
static int
component_scope(struct web_api *api, const struct web_request *req,
    struct web_response *r, struct scope *sc, char *key, size_t keylen,
    char *name, size_t namelen)
{
	struct store_component	*c = NULL;
	size_t			 n = 0, i;
	int64_t			 id = 0;

	if (store_component_id(api->store, req->args[0], &id) != STORE_OK) {
		web_error(r, 404, "not_found", NULL, "no component '%.64s'",
		    req->args[0]);
		return -1;
	}
	snprintf(key, keylen, "c:%lld", (long long)id);
	sc->key = key;
	sc->components = xasprintf("[%lld]", (long long)id);
	if (store_components_list(api->store, &c, &n) == 0)
		for (i = 0; i < n; i++)
			if (c[i].id == id)
				snprintf(name, namelen, "%s", c[i].name);
	sc->name = name;
	store_components_free(c, n);
	return 0;
}

static void
component_feed(struct web_api *api, const struct web_request *req,
    struct web_response *r, enum feed_fmt fmt)
{
	struct scope	 sc = { 0 };
	char		 key[64], name[256] = "";

	if (component_scope(api, req, r, &sc, key, sizeof(key), name,
	    sizeof(name)) == -1)
		return;
	sc.path = req->path;
	feed(api, req, r, fmt, &sc);
	free(sc.components);
}

void
web_h_feed_ics(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct scope	sc = { "all", NULL, api->org_name, "/calendar.ics" };

	feed(api, req, r, FEED_ICS, &sc);
}

void
web_h_feed_atom(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct scope	sc = { "all", NULL, api->org_name, "/feed.atom" };

	feed(api, req, r, FEED_ATOM, &sc);
}

void
web_h_feed_rss(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct scope	sc = { "all", NULL, api->org_name, "/feed.rss" };

	feed(api, req, r, FEED_RSS, &sc);
}

void
web_h_component_ics(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	component_feed(api, req, r, FEED_ICS);
}

void
web_h_component_atom(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	component_feed(api, req, r, FEED_ATOM);
}

void
web_h_component_rss(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	component_feed(api, req, r, FEED_RSS);
}

/*
 * A unit's private feed: the token is signed over the unit and its feed
 * generation, so rotating the token (POST .../feed-token) revokes the old.
 */
void
web_h_unit_ics(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct store_unit	*u = NULL;
	struct scope		 sc = { 0 };
	struct buf		 ids;
	int64_t			 unit, gen, cur;
	size_t			 n = 0, i;
	char			 key[64];

	if (link_check(api->link_key, req->args[0], "feed", api->now(), &unit,
	    &gen) == -1 || store_unit_feed_gen(api->store, unit, false, 0,
	    &cur) != 1 || cur != gen || store_units_list(api->store, unit, &u,
	    &n) == -1 || n != 1) {
		store_units_free(u, n);
		web_error(r, 404, "not_found", NULL, "no such feed (the link "
		    "is wrong or was replaced)");
		return;
	}
	buf_init(&ids, 64 * 1024);
	buf_adds(&ids, "[0");
	for (i = 0; i < u[0].ncomponents; i++)
		buf_addf(&ids, ",%lld", (long long)u[0].component_ids[i]);
	buf_adds(&ids, "]");
	snprintf(key, sizeof(key), "u:%lld:%lld", (long long)unit,
	    (long long)gen);
	sc.key = key;
	sc.components = buf_detach(&ids, NULL);
	sc.name = u[0].name;
	sc.path = req->path;
	feed(api, req, r, FEED_ICS, &sc);
	free(sc.components);
	store_units_free(u, n);
}

/* GET (editors) shows a unit's feed link; POST replaces it. */
void
web_h_unit_feed_token(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	bool			 rotate = strcmp(req->method, "POST") == 0;
	int64_t			 unit, gen;
	char			 object[48], *url;
	int			 rc;

	if (web_auth_require(api, req, r, rotate ? ACCT_CAP_EDIT :
	    ACCT_CAP_READ, &p) == -1)
		return;
	if (num_parse(req->args[0], strlen(req->args[0]), 1, INT64_MAX / 2,
	    &unit) == -1) {
		web_error(r, 404, "not_found", NULL, "no unit '%.32s'",
		    req->args[0]);
		return;
	}
	if (store_begin(api->store) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	rc = store_unit_feed_gen(api->store, unit, rotate, api->now(), &gen);
	snprintf(object, sizeof(object), "unit:%lld", (long long)unit);
	if (rc == 1 && rotate && web_audit(api, req, &p, "unit.feed_token",
	    object, NULL, json_pack("{s:I}", "generation", (json_int_t)gen))
	    == -1)
		rc = -1;
	if (rc != 1) {
		store_rollback(api->store);
		if (rc == 0)
			web_error(r, 404, "not_found", NULL, "no unit %lld",
			    (long long)unit);
		else
			web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	if (store_commit(api->store) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	url = link_unit_feed(api->link_key, api->public_url, unit, gen);
	web_json_respond(r, 200, json_pack("{s:I,s:s,s:I}", "unit_id",
	    (json_int_t)unit, "feed_url", url, "generation", (json_int_t)gen));
	free(url);
}
