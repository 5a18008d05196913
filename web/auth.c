/*
 * auth.c - who is asking, and may they: bearer tokens and cookie sessions
 * with CSRF tokens, login rate limits, the session, users and audit
 * endpoints.
 *
 * A cookie-authenticated request that writes (any method but GET/HEAD) must
 * carry X-CSRF-Token equal to its session's token; a bearer request needs
 * none (browsers never send it by themselves).  Every denied request is
 * written to the audit log (Decision 146 Art. 7).  Failed logins are
 * counted per user name and per client address over 15 minutes; past the
 * limit the answer is 429 whatever the password.
 */
#include "web/api_int.h"

#include <jansson.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/num.h"
#include "common/xmalloc.h"
#include "web/cache.h"

#define RL_SLOTS	1024
#define RL_WINDOW	(15 * 60)
#define RL_PER_USER	5
#define RL_PER_ADDRESS	20
#define COOKIE_NAME	"baotri_session"

struct rl_slot {
	char	key[80];	/* "u:name" or "a:address" */
	int64_t	since;
	int	count;
};

struct web_ratelimit {
	pthread_mutex_t	lock;
	struct rl_slot	slot[RL_SLOTS];
};

struct web_ratelimit *
web_ratelimit_new(void)
{
	struct web_ratelimit	*rl = xcalloc(1, sizeof(*rl));

	pthread_mutex_init(&rl->lock, NULL);
	return rl;
}

void
web_ratelimit_free(struct web_ratelimit *rl)
{
	if (rl == NULL)
		return;
	pthread_mutex_destroy(&rl->lock);
	free(rl);
}

/* The slot of a key: its own, else a free or expired one, else the oldest. */
static struct rl_slot *
rl_find(struct web_ratelimit *rl, const char *key, int64_t now)
{
	struct rl_slot	*s, *pick = NULL;
	size_t		 i;

	for (i = 0; i < RL_SLOTS; i++) {
		s = &rl->slot[i];
		if (strcmp(s->key, key) == 0) {
			if (now - s->since >= RL_WINDOW) {
				s->since = now;
				s->count = 0;
			}
			return s;
		}
		if (pick == NULL || s->key[0] == '\0' ||
		    now - s->since >= RL_WINDOW ||
		    (pick->key[0] != '\0' && s->since < pick->since))
			pick = s;
	}
	snprintf(pick->key, sizeof(pick->key), "%s", key);
	pick->since = now;
	pick->count = 0;
	return pick;
}

/* True when the user or the address has failed too often. */
static bool
rl_blocked(struct web_ratelimit *rl, const char *user, const char *addr,
    int64_t now)
{
	char	k[80];
	bool	blocked;

	pthread_mutex_lock(&rl->lock);
	snprintf(k, sizeof(k), "u:%s", user);
	blocked = rl_find(rl, k, now)->count >= RL_PER_USER;
	snprintf(k, sizeof(k), "a:%s", addr);
	blocked = blocked || rl_find(rl, k, now)->count >= RL_PER_ADDRESS;
	pthread_mutex_unlock(&rl->lock);
	return blocked;
}

bool
web_ratelimit_hit(struct web_ratelimit *rl, const char *key, int limit,
    int64_t now)
{
	struct rl_slot	*s;
	bool		 over;

	pthread_mutex_lock(&rl->lock);
	s = rl_find(rl, key, now);
	over = s->count >= limit;
	if (!over)
		s->count++;
	pthread_mutex_unlock(&rl->lock);
	return over;
}

static void
rl_fail(struct web_ratelimit *rl, const char *user, const char *addr,
    int64_t now)
{
	char	k[80];

	pthread_mutex_lock(&rl->lock);
	snprintf(k, sizeof(k), "u:%s", user);
	rl_find(rl, k, now)->count++;
	snprintf(k, sizeof(k), "a:%s", addr);
	rl_find(rl, k, now)->count++;
	pthread_mutex_unlock(&rl->lock);
}

int
web_audit(struct web_api *api, const struct web_request *req,
    const struct acct_principal *p, const char *action, const char *object,
    json_t *before, json_t *after)
{
	struct store_audit	 a;
	char			*b = NULL, *f = NULL;
	int			 rc;

	if (before != NULL)
		b = json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS);
	if (after != NULL)
		f = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	a.at = api->now();
	a.actor = p != NULL ? p->name : "anonymous";
	a.action = action;
	a.object = object;
	a.before = b;
	a.after = f;
	a.address = req->address;
	rc = store_audit_append(api->store, &a);
	free(b);
	free(f);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* The value of the session cookie, copied into out; false if absent. */
static bool
session_cookie(const struct web_request *req, char *out, size_t len)
{
	const char	*c = web_request_header(req, "Cookie"), *p, *e;
	size_t		 n;

	for (p = c; p != NULL && *p != '\0'; p = e) {
		while (*p == ' ' || *p == ';')
			p++;
		e = p + strcspn(p, ";");
		if (strncmp(p, COOKIE_NAME "=", strlen(COOKIE_NAME) + 1) != 0)
			continue;
		p += strlen(COOKIE_NAME) + 1;
		n = (size_t)(e - p);
		if (n == 0 || n >= len)
			return false;
		memcpy(out, p, n);
		out[n] = '\0';
		return true;
	}
	return false;
}

/* Answers a denial and audits it. */
static int
deny(struct web_api *api, const struct web_request *req,
    struct web_response *r, const struct acct_principal *p, int status,
    const char *code, const char *msg)
{
	char	object[160];

	snprintf(object, sizeof(object), "%s %.120s", req->method, req->path);
	web_audit(api, req, p, "denied", object, NULL,
	    json_pack("{s:i,s:s}", "status", status, "code", code));
	web_error(r, status, code, NULL, "%s", msg);
	return -1;
}

/*
 * A bearer token's principal, from the cache while nothing was committed
 * since it was checked (a disabled user or revoked token is a commit), so
 * revocation still takes effect at once.
 */
static enum store_rc
token_check(struct web_api *api, const char *token,
    struct acct_principal *p)
{
	char		 key[80] = "", hash[65], *v;
	int64_t		 gen = store_generation(api->store);
	size_t		 len;
	enum store_rc	 rc;

	if (api->tokens != NULL && strlen(token) <= 128) {
		acct_secret_hash(token, hash);
		snprintf(key, sizeof(key), "t:%s", hash);
		if ((v = web_cache_get(api->tokens, key, gen, &len)) != NULL) {
			if (len == sizeof(*p)) {
				memcpy(p, v, sizeof(*p));
				free(v);
				return STORE_OK;
			}
			free(v);
		}
	}
	rc = acct_token_check(api->store, token, p);
	if (rc == STORE_OK && api->tokens != NULL && key[0] != '\0')
		web_cache_put(api->tokens, key, gen, p, sizeof(*p));
	return rc;
}

int
web_auth_require(struct web_api *api, const struct web_request *req,
    struct web_response *r, enum acct_cap cap, struct acct_principal *p)
{
	const char	*auth = web_request_header(req, "Authorization");
	const char	*csrf;
	char		 cookie[160];
	bool		 write;

	memset(p, 0, sizeof(*p));
	write = strcmp(req->method, "GET") != 0 &&
	    strcmp(req->method, "HEAD") != 0;
	if (auth != NULL) {
		if (strncmp(auth, "Bearer ", 7) != 0 ||
		    token_check(api, auth + 7, p) != STORE_OK)
			return deny(api, req, r, NULL, 401, "unauthorized",
			    "the bearer token is unknown, revoked, or its "
			    "user is disabled");
	} else if (session_cookie(req, cookie, sizeof(cookie))) {
		if (acct_session_check(api->store, cookie, api->now(), p) !=
		    STORE_OK)
			return deny(api, req, r, NULL, 401, "unauthorized",
			    "the session has ended; log in again");
		csrf = web_request_header(req, "X-CSRF-Token");
		if (write && (csrf == NULL ||
		    !acct_secret_equal(csrf, p->csrf)))
			return deny(api, req, r, p, 403, "csrf",
			    "missing or wrong X-CSRF-Token for a cookie "
			    "session");
	} else
		return deny(api, req, r, NULL, 401, "unauthorized",
		    "log in (POST /api/v1/session) or send Authorization: "
		    "Bearer TOKEN");
	if (!acct_can(p, cap))
		return deny(api, req, r, p, 403, "forbidden",
		    "your role may not do this");
	return 0;
}

static json_t *
json_principal(const struct acct_principal *p)
{
	return json_pack("{s:s,s:s}", "name", p->name, "role",
	    acct_role_name(p->role));
}

void
web_h_session_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 keys[] = { "name", "password", NULL };
	struct acct_principal		 p;
	json_t				*j;
	const char			*name, *pw;
	char				*token = NULL, object[96];
	int64_t				 now = api->now();
	enum store_rc			 rc;

	if ((j = web_body_object(req, r, keys)) == NULL)
		return;
	if (web_body_string(j, "name", true, ACCT_NAME_MAX, false, &name,
	    r) == -1 || web_body_string(j, "password", true,
	    ACCT_PASSWORD_MAX, false, &pw, r) == -1) {
		json_decref(j);
		return;
	}
	snprintf(object, sizeof(object), "user:%s", name);
	if (rl_blocked(api->logins, name, req->address, now)) {
		web_audit(api, req, NULL, "login.throttled", object, NULL,
		    NULL);
		web_error(r, 429, "too_many_attempts", NULL, "too many failed "
		    "logins; wait 15 minutes");
		json_decref(j);
		return;
	}
	rc = acct_login(api->store, name, pw, now, &token, &p);
	if (rc != STORE_OK) {
		rl_fail(api->logins, name, req->address, now);
		web_audit(api, req, NULL, "login.failed", object, NULL, NULL);
		web_error(r, rc == STORE_ERROR ? 500 : 401, rc == STORE_ERROR ?
		    "internal" : "unauthorized", NULL, "%s", rc ==
		    STORE_ERROR ? "the store failed" :
		    "wrong name or password");
		json_decref(j);
		return;
	}
	json_decref(j);
	web_audit(api, req, &p, "login", object, NULL, NULL);
	r->set_cookie = xasprintf(COOKIE_NAME "=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%d%s", token, ACCT_SESSION_TTL,
	    api->secure_cookies ? "; Secure" : "");
	xfree_secret(token, strlen(token));
	web_json_respond(r, 200, json_pack("{s:o,s:s}", "user",
	    json_principal(&p), "csrf_token", p.csrf));
}

void
web_h_session_get(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1)
		return;
	web_json_respond(r, 200, json_pack("{s:o,s:s?}", "user",
	    json_principal(&p), "csrf_token", p.session_id ? p.csrf : NULL));
}

void
web_h_session_delete(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	char			object[96];

	if (web_auth_require(api, req, r, ACCT_CAP_READ, &p) == -1)
		return;
	acct_logout(api->store, &p);
	snprintf(object, sizeof(object), "user:%s", p.name);
	web_audit(api, req, &p, "logout", object, NULL, NULL);
	r->set_cookie = xasprintf(COOKIE_NAME "=; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=0%s", api->secure_cookies ?
	    "; Secure" : "");
	web_respond(r, 204, NULL, xstrdup(""), 0);
}

void
web_h_users_list(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	 p;
	struct store_user	*u;
	size_t			 n, i;
	json_t			*a;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1)
		return;
	if (store_users_list(api->store, &u, &n) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "name",
		    u[i].name, "role", u[i].role, "disabled",
		    u[i].disabled_at != 0));
	store_users_free(u, n);
	web_json_respond(r, 200, json_pack("{s:o}", "users", a));
}

void
web_h_users_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 keys[] = { "name", "role", "password",
	    NULL };
	struct acct_principal		 p;
	json_t				*j;
	const char			*name, *role, *pw;
	enum acct_role			 ro;
	struct cal_err			 err;
	enum store_rc			 rc;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1 ||
	    (j = web_body_object(req, r, keys)) == NULL)
		return;
	if (web_body_string(j, "name", true, ACCT_NAME_MAX, false, &name,
	    r) == -1 || web_body_string(j, "role", true, 16, false, &role,
	    r) == -1 || web_body_string(j, "password", true,
	    ACCT_PASSWORD_MAX, false, &pw, r) == -1)
		goto out;
	if (acct_role_parse(role, &ro) == -1) {
		web_error(r, 400, "invalid_field", "role", "role: must be "
		    "admin, approver, editor or viewer");
		goto out;
	}
	rc = acct_user_add(api->store, name, ro, pw, p.name, req->address,
	    api->now(), &err);
	if (rc == STORE_CONFLICT)
		web_error(r, 409, "conflict", "name", "name: %s", err.msg);
	else if (rc != STORE_OK)
		web_error(r, 400, "invalid_field", NULL, "%s", err.msg);
	else
		web_json_respond(r, 201, json_pack("{s:s,s:s,s:b}", "name",
		    name, "role", role, "disabled", 0));
out:
	json_decref(j);
}

void
web_h_user_disable(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	struct acct_principal	p;
	enum store_rc		rc;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1)
		return;
	rc = acct_user_disable(api->store, req->args[0], p.name, req->address,
	    api->now());
	if (rc == STORE_NOT_FOUND)
		web_error(r, 404, "not_found", NULL, "no user '%.64s'",
		    req->args[0]);
	else if (rc != STORE_OK)
		web_error(r, 500, "internal", NULL, "the store failed");
	else
		web_json_respond(r, 200, json_pack("{s:s,s:b}", "name",
		    req->args[0], "disabled", 1));
}

void
web_h_audit_list(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 q[] = { "limit", "cursor", "actor",
	    "action", NULL };
	struct acct_principal		 p;
	struct store_audit_row		*rows;
	const char			*v;
	int64_t				 limit = 50, cursor = 0;
	size_t				 n, i;
	json_t				*a, *j;

	if (web_auth_require(api, req, r, ACCT_CAP_ADMIN, &p) == -1 ||
	    web_query_check(req, r, q) == -1)
		return;
	if ((v = web_request_query(req, "limit")) != NULL &&
	    num_parse(v, strlen(v), 1, 500, &limit) == -1) {
		web_error(r, 400, "invalid_parameter", "limit", "limit: must "
		    "be 1-500");
		return;
	}
	if ((v = web_request_query(req, "cursor")) != NULL &&
	    num_parse(v, strlen(v), 1, INT64_MAX / 2, &cursor) == -1) {
		web_error(r, 400, "invalid_parameter", "cursor", "cursor: not "
		    "a cursor from a previous page");
		return;
	}
	if (store_audit_list(api->store, cursor, (size_t)limit,
	    web_request_query(req, "actor"), web_request_query(req, "action"),
	    &rows, &n) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		j = json_pack("{s:I,s:o,s:s,s:s,s:s,s:s?}", "id",
		    (json_int_t)rows[i].id, "at", web_json_instant(
		    workcal_zone(api->wc), rows[i].at), "actor", rows[i].actor,
		    "action", rows[i].action, "object", rows[i].object,
		    "address", rows[i].address);
		if (rows[i].before != NULL)
			json_object_set_new(j, "before", json_loads(
			    rows[i].before, 0, NULL));
		if (rows[i].after != NULL)
			json_object_set_new(j, "after", json_loads(
			    rows[i].after, 0, NULL));
		json_array_append_new(a, j);
	}
	j = json_pack("{s:o}", "entries", a);
	if (n == (size_t)limit && n > 0)
		json_object_set_new(j, "next_cursor", json_sprintf("%lld",
		    (long long)rows[n - 1].id));
	store_audit_rows_free(rows, n);
	web_json_respond(r, 200, j);
}
