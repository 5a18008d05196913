/*
 * site.c - the public web pages: the status page, the history, a page per
 * maintenance with what was announced and when, and the subscription form;
 * and the admin console's files.
 *
 * Pages are server-rendered from templates (web/templates/, pages.h) and
 * work without JavaScript; Vietnamese unless ?lang=en.  What the public may
 * see of a maintenance is built here once (web_public_items()) for the pages
 * and the feeds alike: never drafts, never the justification or the people.
 */
#include "web/api_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/date.h"
#include "common/buf.h"
#include "common/num.h"
#include "common/tpl.h"
#include "common/xmalloc.h"
#include "web/cache.h"
#include "web/pages.h"

#define PUBLIC_CSP	"default-src 'none'; style-src 'self'; img-src 'self'; " \
			"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
#define CONSOLE_CSP	"default-src 'self'; script-src 'self'; style-src 'self'; " \
			"connect-src 'self'; img-src 'self'; form-action 'self'; " \
			"base-uri 'none'; frame-ancestors 'none'"
#define DAY		86400
#define RECENT_DAYS	7	/* ended maintenances on the status page */
#define HISTORY_DAYS	365
#define PUBLIC_MAX	1000	/* maintenances on one page or feed */

bool
web_lang_vi(const struct web_request *req)
{
	const char	*l = web_request_query(req, "lang");

	return l == NULL || strcmp(l, "en") != 0;
}

void
web_page(struct web_api *api, const struct web_request *req,
    struct web_response *r, int status, const char *name, json_t *data)
{
	const char	*body_tpl, *layout;
	char		 err[160], *body, *html;
	bool		 vi = web_lang_vi(req);

	body_tpl = api->pages ? web_pages_template(api->pages, name) : NULL;
	layout = api->pages ? web_pages_template(api->pages, "layout") : NULL;
	if (body_tpl == NULL || layout == NULL) {
		json_decref(data);
		web_error(r, 500, "internal", NULL, "page template '%s' is "
		    "missing", name);
		return;
	}
	json_object_set_new(data, vi ? "vi" : "en", json_true());
	json_object_set_new(data, "lang", json_string(vi ? "vi" : "en"));
	json_object_set_new(data, "path", json_string(req->path));
	json_object_set_new(data, "q", json_string(vi ? "" : "?lang=en"));
	json_object_set_new(data, "org", json_string(api->org_name ?
	    api->org_name : "baotri"));
	body = tpl_render(body_tpl, data, TPL_HTML, WEB_PAGE_MAX, err,
	    sizeof(err));
	if (body == NULL) {
		json_decref(data);
		web_error(r, 500, "internal", NULL, "%s: %s", name, err);
		return;
	}
	/* The layout sees the page's data too (title, language, path). */
	json_object_set_new(data, "body", json_string(body));
	free(body);
	html = tpl_render(layout, data, TPL_HTML, WEB_PAGE_MAX, err,
	    sizeof(err));
	json_decref(data);
	if (html == NULL) {
		web_error(r, 500, "internal", NULL, "layout: %s", err);
		return;
	}
	web_respond(r, status, "text/html; charset=utf-8", html, strlen(html));
	r->cache_control = "no-cache";
	r->csp = PUBLIC_CSP;
}

/* An instant member of a maintenance's JSON (RFC 3339), 0 if absent. */
static int64_t
instant_of(json_t *j, const char *key)
{
	const char	*s = json_string_value(json_object_get(j, key));
	int64_t		 at = 0;
	struct cal_err	 err;

	if (s != NULL && cal_instant_parse(s, strlen(s), &at, &err) == -1)
		at = 0;
	return at;
}

/* What the public sees of one maintenance (maint_json shape in m). */
static json_t *
public_item(struct web_api *api, json_t *m, const struct store_component *c,
    size_t nc, bool vi, int64_t now)
{
	struct cal_zone	*z = workcal_zone(api->wc);
	const char	*status = json_string_value(json_object_get(m, "status"));
	json_t		*it, *comps = json_array(), *v, *wd;
	struct buf	 names;
	char		 text[80], url[600];
	int64_t		 start = instant_of(m, "start"), end = instant_of(m, "end");
	int64_t		 id = json_integer_value(json_object_get(m, "id"));
	bool		 cancelled = strcmp(status, "cancelled") == 0;
	size_t		 i, k;

	buf_init(&names, 8192);
	json_array_foreach(json_object_get(m, "components"), i, v)
		for (k = 0; k < nc; k++)
			if (strcmp(c[k].slug, json_string_value(v)) == 0) {
				const char *nm = !vi && c[k].name_en ?
				    c[k].name_en : c[k].name;

				json_array_append_new(comps, json_pack(
				    "{s:s,s:s}", "slug", c[k].slug, "name",
				    nm));
				buf_addf(&names, "%s%s", i ? ", " : "", nm);
			}
	it = json_pack("{s:I,s:O,s:O,s:s,s:s?,s:s?,s:s,s:o,s:s,s:I,s:I}",
	    "id", (json_int_t)id, "uid", json_object_get(m, "uid"),
	    "sequence", json_object_get(m, "sequence"), "status", status,
	    "title", wf_text(m, "title", vi), "description",
	    wf_text(m, "description", vi), "impact_text", wf_impact_text(
	    json_string_value(json_object_get(m, "impact")), vi),
	    "components", comps, "components_text", buf_str(&names),
	    "start_ts", (json_int_t)start, "end_ts", (json_int_t)end);
	buf_release(&names);
	json_object_set(it, "start", json_object_get(m, "start"));
	json_object_set(it, "end", json_object_get(m, "end"));
	json_object_set_new(it, "updated_ts", json_integer(instant_of(m,
	    "updated_at")));
	cal_zone_text(z, start, vi, text, sizeof(text));
	json_object_set_new(it, "start_text", json_string(text));
	cal_zone_text(z, end, vi, text, sizeof(text));
	json_object_set_new(it, "end_text", json_string(text));
	snprintf(url, sizeof(url), "%s/maintenances/%lld", api->public_url ?
	    api->public_url : "", (long long)id);
	json_object_set_new(it, "url", json_string(url));
	json_object_set_new(it, status, json_true());
	json_object_set_new(it, "emergency", json_boolean(strcmp(
	    json_string_value(json_object_get(m, "category")), "emergency")
	    == 0));
	json_object_set_new(it, "ongoing", json_boolean(!cancelled &&
	    start <= now && now < end));
	json_object_set_new(it, "upcoming", json_boolean(!cancelled &&
	    now < start));
	wd = json_object_get(m, "working_days_of_notice");
	if (json_is_integer(wd))
		json_object_set(it, "working_days", wd);
	v = json_object_get(m, "compliant");
	json_object_set_new(it, json_is_true(v) ? "compliant_yes" :
	    json_is_false(v) ? "compliant_no" : "compliant_unknown",
	    json_true());
	if (wf_text(m, "cancel_reason", vi) != NULL)
		json_object_set_new(it, "cancel_reason",
		    json_string(wf_text(m, "cancel_reason", vi)));
	return it;
}

json_t *
web_public_items(struct web_api *api, const struct store_feed_filter *f,
    bool vi, int64_t now)
{
	struct store_component	*c = NULL;
	size_t			 nc = 0, i;
	json_t			*all, *out, *m;

	if ((all = wf_published(api->wf, f, now)) == NULL)
		return NULL;
	if (store_components_list(api->store, &c, &nc) == -1) {
		json_decref(all);
		return NULL;
	}
	out = json_array();
	json_array_foreach(all, i, m)
		json_array_append_new(out, public_item(api, m, c, nc, vi, now));
	store_components_free(c, nc);
	json_decref(all);
	return out;
}

/* The status page's filter: what ends after days ago, newest first. */
static void
filter_since(struct web_api *api, int days, struct store_feed_filter *f)
{
	int64_t	today = cal_zone_day_start(workcal_zone(api->wc),
		    cal_zone_day(workcal_zone(api->wc), api->now()));

	memset(f, 0, sizeof(*f));
	f->ended_after = today - (int64_t)days * DAY;
	f->cancelled_after = today - (int64_t)WEB_CANCELLED_DAYS * DAY;
	f->limit = PUBLIC_MAX;
}

/* The components with their feed links, for the pages. */
static json_t *
components_json(struct web_api *api, bool vi)
{
	struct store_component	*c = NULL;
	size_t			 n = 0, i;
	json_t			*a = json_array();

	if (store_components_list(api->store, &c, &n) == -1)
		return a;
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s}", "slug",
		    c[i].slug, "name", !vi && c[i].name_en ? c[i].name_en :
		    c[i].name));
	store_components_free(c, n);
	return a;
}

/* The feed links: webcal:// for calendar clients, from public_url. */
static void
add_links(struct web_api *api, json_t *d)
{
	const char	*u = api->public_url ? api->public_url : "";
	const char	*host = strstr(u, "://");

	json_object_set_new(d, "base", json_string(u));
	json_object_set_new(d, "webcal", json_sprintf("webcal://%s",
	    host ? host + 3 : u));
}

/*
 * The status and history pages are built from every public maintenance,
 * which for a busy portal costs tens of milliseconds: an answer anyone
 * could ask for in a loop.  They are kept per store generation, language
 * and minute (what is "ongoing" moves with the clock), with an ETag.
 */
static bool
page_cached(struct web_api *api, const struct web_request *req,
    struct web_response *r, char *key, size_t keylen, int64_t *gen)
{
	*gen = store_generation_public(api->store);
	snprintf(key, keylen, "page:%.200s:%s:%lld", req->path,
	    web_lang_vi(req) ? "vi" : "en", (long long)(api->now() / 60));
	if (!web_answer_cached(api, req, r, key, *gen,
	    "text/html; charset=utf-8", "no-cache"))
		return false;
	r->csp = PUBLIC_CSP;
	return true;
}

/* Keeps a page just rendered (see page_cached()), answering 304 if due. */
static void
page_keep(struct web_api *api, const struct web_request *req,
    struct web_response *r, const char *key, int64_t gen)
{
	if (r->status != 200)
		return;
	web_set_etag(r);
	web_answer_keep(api, r, key, gen);
	if (web_etag_matches(req, r)) {
		web_respond(r, 304, NULL, xstrdup(""), 0);
		r->content_type = NULL;
	}
}

/* A section of the status page: a name flag and its items. */
static json_t *
section(const char *name, json_t *items)
{
	return json_pack("{s:b,s:o,s:b}", name, 1, "items", items, "empty",
	    json_array_size(items) == 0);
}

void
web_h_status_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "lang", NULL };
	struct store_feed_filter	 f;
	json_t				*items, *ongoing, *upcoming, *past, *it;
	bool				 vi = web_lang_vi(req);
	int64_t				 now = api->now(), gen;
	char				 key[WEB_CACHE_KEY_MAX];
	size_t				 i;

	if (web_query_check(req, r, q) == -1 ||
	    page_cached(api, req, r, key, sizeof(key), &gen))
		return;
	filter_since(api, RECENT_DAYS, &f);
	if ((items = web_public_items(api, &f, vi, now)) == NULL) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	ongoing = json_array();
	upcoming = json_array();
	past = json_array();
	/* Latest first from the store; upcoming reads soonest first. */
	for (i = json_array_size(items); i-- > 0;) {
		it = json_array_get(items, i);
		if (json_is_true(json_object_get(it, "ongoing")))
			json_array_append(ongoing, it);
		else if (json_is_true(json_object_get(it, "upcoming")))
			json_array_append(upcoming, it);
		else
			json_array_insert(past, 0, it);
	}
	json_decref(items);
	it = json_pack("{s:b,s:[o,o,o],s:o,s:b}", "status_page", 1,
	    "sections", section("ongoing", ongoing), section("upcoming",
	    upcoming), section("past", past), "components",
	    components_json(api, vi), "all_clear",
	    json_array_size(ongoing) == 0);
	add_links(api, it);
	web_page(api, req, r, 200, "status", it);
	page_keep(api, req, r, key, gen);
}

void
web_h_history_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "lang", NULL };
	struct store_feed_filter	 f;
	json_t				*items, *d;
	char				 key[WEB_CACHE_KEY_MAX];
	int64_t				 gen;

	if (web_query_check(req, r, q) == -1 ||
	    page_cached(api, req, r, key, sizeof(key), &gen))
		return;
	filter_since(api, HISTORY_DAYS, &f);
	if ((items = web_public_items(api, &f, web_lang_vi(req),
	    api->now())) == NULL) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	d = json_pack("{s:b,s:[o]}", "history_page", 1, "sections",
	    section("history", items));
	add_links(api, d);
	web_page(api, req, r, 200, "status", d);
	page_keep(api, req, r, key, gen);
}

/* The versions sent (what was announced, when) for the page. */
static json_t *
changes_json(struct web_api *api, int64_t id, bool vi)
{
	struct cal_zone	*z = workcal_zone(api->wc);
	char		*text = store_maint_versions(api->store, id), t[80];
	json_t		*a = json_loads(text ? text : "[]", 0, NULL), *v, *c;
	json_t		*out = json_array(), *e;
	const char	*st;
	size_t		 i;

	free(text);
	json_array_foreach(a, i, v) {
		c = json_object_get(v, "content");
		st = json_string_value(json_object_get(c, "status"));
		e = json_pack("{s:O,s:s?}", "sequence", json_object_get(v,
		    "sequence"), "title", wf_text(c, "title", vi));
		cal_zone_text(z, json_integer_value(json_object_get(v,
		    "created_at")), vi, t, sizeof(t));
		json_object_set_new(e, "at_text", json_string(t));
		cal_zone_text(z, json_integer_value(json_object_get(c,
		    "start")), vi, t, sizeof(t));
		json_object_set_new(e, "start_text", json_string(t));
		cal_zone_text(z, json_integer_value(json_object_get(c, "end")),
		    vi, t, sizeof(t));
		json_object_set_new(e, "end_text", json_string(t));
		if (st != NULL)
			json_object_set_new(e, st, json_true());
		json_object_set_new(e, "first", json_boolean(i == 0));
		json_array_append_new(out, e);
	}
	json_decref(a);
	return out;
}

void
web_h_maint_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "lang", NULL };
	struct wf_result		 res = { 0 };
	struct store_component		*c = NULL;
	size_t				 nc = 0;
	json_t				*m = NULL, *it;
	const char			*st;
	bool				 vi = web_lang_vi(req);
	int64_t				 id;

	if (web_query_check(req, r, q) == -1)
		return;
	if (num_parse(req->args[0], strlen(req->args[0]), 1, INT64_MAX / 2,
	    &id) == 0 && wf_maint_get(api->wf, id, api->now(), &res) == 0 &&
	    res.rc == WF_OK)
		m = json_loads(res.json, 0, NULL);
	wf_result_release(&res);
	st = json_string_value(json_object_get(m, "status"));
	/* Only what was published: never a draft or a submitted plan. */
	if (m == NULL || st == NULL || json_is_null(json_object_get(m,
	    "published_at")) || strcmp(st, "draft") == 0 ||
	    strcmp(st, "submitted") == 0) {
		json_decref(m);
		web_page(api, req, r, 404, "not_found", json_object());
		return;
	}
	if (store_components_list(api->store, &c, &nc) == -1) {
		json_decref(m);
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	it = public_item(api, m, c, nc, vi, api->now());
	store_components_free(c, nc);
	json_decref(m);
	json_object_set_new(it, "changes", changes_json(api, id, vi));
	add_links(api, it);
	web_page(api, req, r, 200, "maintenance", it);
}

void
web_h_subscribe_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "lang", NULL };
	bool				 vi = web_lang_vi(req);

	if (web_query_check(req, r, q) == -1)
		return;
	web_page(api, req, r, 200, "subscribe", json_pack("{s:o,s:b}",
	    "components", components_json(api, vi), vi ? "lang_vi" :
	    "lang_en", true));
}

/* Answers the subscription form, again with the error when there is one. */
void
web_subscribe_form_answer(struct web_api *api, const struct web_request *req,
    struct web_response *r, int status, const char *error, const char *email)
{
	bool	vi = web_lang_vi(req);

	if (status == 202) {
		web_page(api, req, r, 202, "subscribed", json_object());
		return;
	}
	web_page(api, req, r, status, "subscribe", json_pack("{s:o,s:s,s:s?,"
	    "s:b}", "components", components_json(api, vi), "error", error,
	    "email", email, vi ? "lang_vi" : "lang_en", true));
}

/* The console: /admin is its page, /assets/NAME its files. */
void
web_h_console(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	const char	*name = req->args[0] ? req->args[0] : "index.html";
	const char	*data, *type, *etag;
	size_t		 len;

	if (api->pages == NULL || (data = web_pages_file(api->pages, name,
	    &len, &type, &etag)) == NULL) {
		web_error(r, 404, "not_found", NULL, "no such file");
		return;
	}
	web_respond(r, 200, type, NULL, len);
	r->shared = data;
	r->shared_release = web_static_release;
	r->shared_arg = NULL;
	snprintf(r->etag, sizeof(r->etag), "%s", etag);
	r->cache_control = "no-cache";
	r->csp = CONSOLE_CSP;
	if (web_etag_matches(req, r)) {
		r->shared = NULL;
		web_respond(r, 304, NULL, xstrdup(""), 0);
	}
}
