/*
 * api_maint.c - components, units, maintenances and the compliance report:
 * the HTTP face of daemon/wf.c.  Roles are checked here; the rules (state
 * machine, notice rule, four-eyes, overlap) live in the workflow.
 */
#include "web/api_int.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/num.h"
#include "common/xmalloc.h"
#include "web/cache.h"

void
web_wf_respond(struct web_response *r, struct wf_result *res)
{
	if (res->rc == WF_OK) {
		web_respond(r, res->status, res->csv ? "text/csv; charset=utf-8" :
		    "application/json; charset=utf-8", res->json,
		    strlen(res->json));
		res->json = NULL;
		r->cache_control = "no-cache";
	} else
		web_error_extra(r, res->status, res->code, res->field[0] ?
		    res->field : NULL, res->extra, "%s", res->msg);
	wf_result_release(res);
}

void
web_calendar_changed(struct web_api *api, const struct web_request *req,
    const struct acct_principal *p)
{
	struct wf_actor	a = { p->user_id, p->name, req->address };
	int		n;

	if ((n = wf_recheck(api->wf, &a, api->now())) > 0) {
		log_info("api: calendar change re-flagged %d maintenance%s", n,
		    n == 1 ? "" : "s");
		if (api->changed != NULL)
			api->changed(api->changed_arg);
	}
}

static struct wf_actor
actor(const struct acct_principal *p, const struct web_request *req)
{
	return (struct wf_actor){ p->user_id, p->name, req->address };
}

/* A numeric id from the path; answers 404 when it is not one. */
static int
path_id(const struct web_request *req, struct web_response *r, size_t i,
    int64_t *id)
{
	const char	*s = req->args[i];

	if (s == NULL || num_parse(s, strlen(s), 1, INT64_MAX / 2, id) == -1) {
		web_error(r, 404, "not_found", NULL, "no such resource: %.100s",
		    req->path);
		return -1;
	}
	return 0;
}

void
web_h_components_list(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	q[] = { NULL };
	struct wf_result		res = { 0 };

	if (web_query_check(req, r, q) == -1)
		return;
	wf_components(api->wf, &res);
	web_wf_respond(r, &res);
}

void
web_h_components_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	struct wf_actor		a;
	struct wf_result	res = { 0 };

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1)
		return;
	a = actor(&p, req);
	wf_component_create(api->wf, &a, req->body, req->body_len, api->now(),
	    &res);
	web_wf_respond(r, &res);
}

void
web_h_units_list(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	struct wf_result	res = { 0 };

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1)
		return;
	wf_units(api->wf, 0, &res);
	web_wf_respond(r, &res);
}

void
web_h_unit_get(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	struct wf_result	res = { 0 };
	int64_t			id;

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1 ||
	    path_id(req, r, 0, &id) == -1)
		return;
	wf_units(api->wf, id, &res);
	web_wf_respond(r, &res);
}

/* POST and PATCH of a unit: the body is checked by the workflow. */
static void
unit_save(struct web_api *api, const struct web_request *req,
    struct web_response *r, bool patch)
{
	struct acct_principal	p;
	struct wf_actor		a;
	struct wf_result	res = { 0 };
	int64_t			id = 0;

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1 ||
	    (patch && path_id(req, r, 0, &id) == -1))
		return;
	a = actor(&p, req);
	wf_unit_save(api->wf, &a, id, req->body, req->body_len, api->now(),
	    &res);
	web_wf_respond(r, &res);
}

void
web_h_units_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	unit_save(api, req, r, false);
}

void
web_h_unit_patch(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	unit_save(api, req, r, true);
}

/*
 * The list, from the answer cache when nothing was committed since and it
 * is the same local day (earliest starts are counted from today).
 */
static void
cached_list(struct web_api *api, const struct web_request *req,
    struct web_response *r, const struct store_maint_filter *f)
{
	struct wf_result	 res = { 0 };
	struct buf		 key;
	int64_t			 now = api->now(), gen;
	const char		*body;
	void			*handle;
	size_t			 i, len;

	gen = store_generation_public(api->store);
	buf_init(&key, WEB_CACHE_KEY_MAX + 1);
	buf_addf(&key, "maint:%d", cal_zone_day(workcal_zone(api->wc), now));
	for (i = 0; i < req->nquery; i++)
		buf_addf(&key, "&%s=%s", req->query[i].key,
		    req->query[i].value);
	if (!buf_is_toobig(&key) && api->answers != NULL &&
	    (body = web_cache_share(api->answers, buf_str(&key), gen, &len,
	    &handle)) != NULL) {
		web_respond(r, 200, "application/json; charset=utf-8", NULL,
		    len);
		r->shared = body;
		r->shared_release = web_cache_release;
		r->shared_arg = handle;
		r->cache_control = "no-cache";
		buf_release(&key);
		return;
	}
	wf_maint_list(api->wf, f, now, &res);
	if (res.rc == WF_OK && !buf_is_toobig(&key) && api->answers != NULL)
		web_cache_put(api->answers, buf_str(&key), gen, res.json,
		    strlen(res.json));
	buf_release(&key);
	web_wf_respond(r, &res);
}

void
web_h_maint_list(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "from", "to", "status",
	    "flagged", "limit", "cursor", NULL };
	static const char *const	 statuses[] = { "draft", "submitted",
	    "approved", "in_progress", "completed", "cancelled", NULL };
	struct acct_principal		 p;
	struct store_maint_filter	 f;
	struct cal_zone			*z = workcal_zone(api->wc);
	const char			*v;
	int64_t				 num;
	int32_t				 day;
	size_t				 i;

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1 ||
	    web_query_check(req, r, q) == -1)
		return;
	memset(&f, 0, sizeof(f));
	f.limit = 50;
	if (web_request_query(req, "from") != NULL) {
		if (web_param_date(req, r, "from", &day) == -1)
			return;
		f.from_at = cal_zone_day_start(z, day);
	} else
		f.from_at = INT64_MIN;
	if (web_request_query(req, "to") != NULL) {
		if (web_param_date(req, r, "to", &day) == -1)
			return;
		f.to_at = cal_zone_day_start(z, day + 1);
	}
	if ((v = web_request_query(req, "status")) != NULL) {
		for (i = 0; statuses[i] != NULL; i++)
			if (strcmp(v, statuses[i]) == 0)
				break;
		if (statuses[i] == NULL) {
			web_error(r, 400, "invalid_parameter", "status",
			    "status: one of draft, submitted, approved, "
			    "in_progress, completed, cancelled");
			return;
		}
		f.status = statuses[i];
	}
	if ((v = web_request_query(req, "flagged")) != NULL) {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0) {
			web_error(r, 400, "invalid_parameter", "flagged",
			    "flagged: true or false");
			return;
		}
		f.flagged_only = strcmp(v, "true") == 0;
	}
	if ((v = web_request_query(req, "limit")) != NULL) {
		if (num_parse(v, strlen(v), 1, 200, &num) == -1) {
			web_error(r, 400, "invalid_parameter", "limit",
			    "limit: 1-200");
			return;
		}
		f.limit = (size_t)num;
	}
	if ((v = web_request_query(req, "cursor")) != NULL) {
		if (num_parse(v, strlen(v), 0, INT64_MAX / 2, &num) == -1) {
			web_error(r, 400, "invalid_parameter", "cursor",
			    "cursor: not a cursor from a previous page");
			return;
		}
		f.after_id = num;
	}
	cached_list(api, req, r, &f);
}

void
web_h_maint_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	struct wf_actor		a;
	struct wf_result	res = { 0 };

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1)
		return;
	a = actor(&p, req);
	wf_maint_create(api->wf, &a, req->body, req->body_len, api->now(),
	    &res);
	web_wf_respond(r, &res);
}

void
web_h_maint_get(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	struct wf_result	res = { 0 };
	int64_t			id;

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1 ||
	    path_id(req, r, 0, &id) == -1)
		return;
	wf_maint_get(api->wf, id, api->now(), &res);
	web_wf_respond(r, &res);
}

void
web_h_maint_patch(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	struct wf_actor		a;
	struct wf_result	res = { 0 };
	int64_t			id;

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1 ||
	    path_id(req, r, 0, &id) == -1)
		return;
	a = actor(&p, req);
	wf_maint_patch(api->wf, &a, id, req->body, req->body_len, api->now(),
	    &res);
	if (res.rc == WF_OK && api->changed != NULL)
		api->changed(api->changed_arg);
	web_wf_respond(r, &res);
}

/* POST /maintenances/{id}/resend: failed deliveries are due again. */
static void
resend(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	struct store_maint	 m;
	char			 object[64];
	int64_t			 id;
	int			 n;

	if (web_auth_require(api, req, r, ACCT_CAP_EDIT, &p) == -1 ||
	    path_id(req, r, 0, &id) == -1)
		return;
	if (store_maint_get(api->store, id, &m) != STORE_OK) {
		web_error(r, 404, "not_found", NULL, "no maintenance %lld",
		    (long long)id);
		return;
	}
	store_maint_release(&m);
	if ((n = store_deliveries_resend(api->store, id, api->now())) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	snprintf(object, sizeof(object), "maintenance:%lld", (long long)id);
	web_audit(api, req, &p, "maintenance.resend", object, NULL,
	    json_pack("{s:i}", "deliveries", n));
	if (api->changed != NULL)
		api->changed(api->changed_arg);
	web_json_respond(r, 200, json_pack("{s:i}", "requeued", n));
}

void
web_h_maint_deliveries(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	struct store_maint	 m;
	struct store_delivery	*d;
	struct cal_zone		*z = workcal_zone(api->wc);
	size_t			 n, i;
	int64_t			 id, sent = 0, pending = 0, failed = 0, ack;
	json_t			*a;

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1 ||
	    path_id(req, r, 0, &id) == -1)
		return;
	if (store_maint_get(api->store, id, &m) != STORE_OK) {
		web_error(r, 404, "not_found", NULL, "no maintenance %lld",
		    (long long)id);
		return;
	}
	store_maint_release(&m);
	if (store_deliveries_of(api->store, id, &d, &n) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		ack = d[i].unit_id ? store_ack_time(api->store, id,
		    d[i].unit_id) : 0;
		json_array_append_new(a, json_pack("{s:I,s:s,s:I,s:s,s:s?,s:o,"
		    "s:s,s:I,s:s?,s:s?,s:o,s:s,s:o,s:b}", "id",
		    (json_int_t)d[i].id,
		    "kind", d[i].kind, "sequence", (json_int_t)d[i].sequence,
		    "recipient", d[i].recipient, "recipient_name",
		    d[i].recipient_name, "unit_id", d[i].unit_id ?
		    json_integer(d[i].unit_id) : json_null(), "state",
		    d[i].state, "attempts", (json_int_t)d[i].attempts,
		    "last_reply", d[i].last_reply, "queue_id", d[i].queue_id,
		    "accepted_at", d[i].accepted_at ? web_json_instant(z,
		    d[i].accepted_at) : json_null(), "message_id",
		    d[i].message_id, "acknowledged_at", ack ?
		    web_json_instant(z, ack) : json_null(), "subscriber",
		    d[i].subscriber_id != 0));
		if (strcmp(d[i].state, "sent") == 0)
			sent++;
		else if (strcmp(d[i].state, "failed") == 0)
			failed++;
		else
			pending++;
	}
	store_deliveries_free(d, n);
	web_json_respond(r, 200, json_pack("{s:o,s:{s:I,s:I,s:I}}",
	    "deliveries", a, "summary", "sent", (json_int_t)sent, "pending",
	    (json_int_t)pending, "failed", (json_int_t)failed));
}

void
web_h_maint_action(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	struct wf_actor		 a;
	struct wf_result	 res = { 0 };
	const char		*action = req->args[1];
	enum acct_cap		 cap;
	int64_t			 id;

	if (strcmp(action, "resend") == 0) {
		resend(api, req, r);
		return;
	}
	if (strcmp(action, "submit") == 0)
		cap = ACCT_CAP_EDIT;
	else if (strcmp(action, "approve") == 0 ||
	    strcmp(action, "cancel") == 0)
		cap = ACCT_CAP_APPROVE;
	else if (strcmp(action, "complete") == 0)
		cap = ACCT_CAP_OPERATE;
	else {
		web_error(r, 404, "not_found", NULL, "no such action: %.40s "
		    "(submit, approve, cancel, complete)", action);
		return;
	}
	if (web_auth_require(api, req, r, cap, &p) == -1 ||
	    path_id(req, r, 0, &id) == -1)
		return;
	a = actor(&p, req);
	wf_maint_action(api->wf, &a, id, action, req->body, req->body_len,
	    api->now(), &res);
	if (res.rc == WF_OK && api->changed != NULL)
		api->changed(api->changed_arg);
	web_wf_respond(r, &res);
}

void
web_h_compliance(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "from", "to", "format", NULL };
	struct acct_principal		 p;
	struct wf_result		 res = { 0 };
	const char			*accept, *fmt;
	int32_t				 from, to;
	bool				 csv;

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1 ||
	    web_query_check(req, r, q) == -1 ||
	    web_param_date(req, r, "from", &from) == -1 ||
	    web_param_date(req, r, "to", &to) == -1)
		return;
	if (to < from || to - from > 3660) {
		web_error(r, 400, "invalid_parameter", "to", "to: on or after "
		    "from, at most 10 years later");
		return;
	}
	accept = web_request_header(req, "Accept");
	fmt = web_request_query(req, "format");
	csv = (accept != NULL && strstr(accept, "text/csv") != NULL) ||
	    (fmt != NULL && strcmp(fmt, "csv") == 0);
	wf_compliance(api->wf, from, to, csv, &res);
	web_wf_respond(r, &res);
}

void
web_h_webhooks_list(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	struct store_webhook	*w;
	size_t			 n, i;
	json_t			*a;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1)
		return;
	if (store_webhooks_list(api->store, &w, &n) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I,s:s,s:b}", "id",
		    (json_int_t)w[i].id, "url", w[i].url, "active",
		    w[i].active));
	store_webhooks_free(w, n);
	web_json_respond(r, 200, json_pack("{s:o}", "webhooks", a));
}

void
web_h_webhooks_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 keys[] = { "url", NULL };
	struct acct_principal		 p;
	const char			*url;
	char				*secret, object[48];
	json_t				*j;
	int64_t				 id;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1 ||
	    (j = web_body_object(req, r, keys)) == NULL)
		return;
	if (web_body_string(j, "url", true, 2000, false, &url, r) == -1)
		goto out;
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		web_error(r, 400, "invalid_field", "url", "url: must start with "
		    "http:// or https://");
		goto out;
	}
	secret = acct_new_secret("whsec_");
	if (store_webhook_add(api->store, url, secret, api->now(), &id) !=
	    STORE_OK)
		web_error(r, 500, "internal", NULL, "the store failed");
	else {
		snprintf(object, sizeof(object), "webhook:%lld", (long long)id);
		web_audit(api, req, &p, "webhook.add", object, NULL,
		    json_pack("{s:s}", "url", url));
		/* The secret is shown once, here. */
		web_json_respond(r, 201, json_pack("{s:I,s:s,s:s,s:b}", "id",
		    (json_int_t)id, "url", url, "secret", secret, "active", 1));
	}
	xfree_secret(secret, strlen(secret));
out:
	json_decref(j);
}

void
web_h_webhook_delete(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	int64_t			id;
	char			object[48];
	enum store_rc		rc;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1 ||
	    path_id(req, r, 0, &id) == -1)
		return;
	rc = store_webhook_remove(api->store, id, api->now());
	if (rc == STORE_NOT_FOUND) {
		web_error(r, 404, "not_found", NULL, "no active webhook %lld",
		    (long long)id);
		return;
	}
	if (rc != STORE_OK) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	snprintf(object, sizeof(object), "webhook:%lld", (long long)id);
	web_audit(api, req, &p, "webhook.remove", object, NULL, NULL);
	web_respond(r, 204, NULL, xstrdup(""), 0);
}

/* The configuration in force, without secrets (every role may read it). */
void
web_h_settings(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	char			*s;

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1)
		return;
	if (api->settings == NULL || (s = api->settings(api->changed_arg)) ==
	    NULL) {
		web_error(r, 500, "internal", NULL, "no settings");
		return;
	}
	web_respond(r, 200, "application/json; charset=utf-8", s, strlen(s));
	r->cache_control = "no-store";
}

/* Public subscribers, for admins: pages of 200 by cursor. */
void
web_h_subscribers_list(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "cursor", NULL };
	struct acct_principal		 p;
	struct cal_zone			*z = workcal_zone(api->wc);
	const char			*v;
	char				*text;
	int64_t				 after = 0, at;
	json_t				*a, *e, *j;
	size_t				 i;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1 ||
	    web_query_check(req, r, q) == -1)
		return;
	if ((v = web_request_query(req, "cursor")) != NULL &&
	    num_parse(v, strlen(v), 0, INT64_MAX / 2, &after) == -1) {
		web_error(r, 400, "invalid_parameter", "cursor", "cursor: not a "
		    "cursor from a previous page");
		return;
	}
	if ((text = store_subscribers_json(api->store, after, 200)) == NULL ||
	    (a = json_loads(text, 0, NULL)) == NULL) {
		free(text);
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	free(text);
	json_array_foreach(a, i, e) {
		at = json_integer_value(json_object_get(e, "created_at"));
		json_object_set_new(e, "created_at", web_json_instant(z, at));
		at = json_integer_value(json_object_get(e, "confirmed_at"));
		json_object_set_new(e, "confirmed_at", at ?
		    web_json_instant(z, at) : json_null());
	}
	j = json_pack("{s:o}", "subscribers", a);
	if (json_array_size(a) == 200)
		json_object_set_new(j, "next_cursor", json_sprintf("%lld",
		    (long long)json_integer_value(json_object_get(
		    json_array_get(a, 199), "id"))));
	web_json_respond(r, 200, j);
}
