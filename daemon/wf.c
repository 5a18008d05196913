/*
 * wf.c - the change workflow; see wf.h for the states and the rules.
 *
 * Lock order: the store (a transaction) before the calendar (read lock),
 * as in workcal.c.  Every state change re-reads the maintenance inside its
 * transaction, so two approvers racing cannot both win.
 */
#include "daemon/wf.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/rule.h"
#include "calendar/zone.h"
#include "common/addr.h"
#include "common/buf.h"
#include "common/jsonv.h"
#include "common/log.h"
#include "common/xmalloc.h"

#define TITLE_MAX	200
#define DESC_MAX	10000
#define JUST_MAX	2000
#define MAX_COMPONENTS	50
#define MAX_WINDOW	(31 * 86400)	/* longest planned outage */
#define MAX_CONTACTS	50

static const int	rc_status[] = { 200, 400, 404, 409, 409, 422, 403 };

void
wf_result_release(struct wf_result *r)
{
	free(r->extra);
	free(r->json);
	memset(r, 0, sizeof(*r));
}

/* Sets a failure; extra (may be NULL) is stolen. */
static int
fail(struct wf_result *r, enum wf_rc rc, const char *code, const char *field,
    json_t *extra, const char *fmt, ...)
{
	va_list	ap;

	r->rc = rc;
	r->status = rc == WF_ERROR ? 500 : rc_status[rc];
	snprintf(r->code, sizeof(r->code), "%s", code);
	snprintf(r->field, sizeof(r->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	free(r->extra);
	r->extra = extra ? json_dumps(extra, JSON_COMPACT) : NULL;
	json_decref(extra);
	return -1;
}

static int
internal(struct wf_result *r)
{
	return fail(r, WF_ERROR, "internal", NULL, NULL, "the store failed");
}

/* Sets a success answer (j is stolen). */
static int
ok(struct wf_result *r, int status, json_t *j)
{
	r->rc = WF_OK;
	r->status = status;
	r->json = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return r->json != NULL ? 0 : internal(r);
}

static int
audit(struct wf *w, const struct wf_actor *a, const char *action,
    const char *object, json_t *before, json_t *after, int64_t now)
{
	struct store_audit	 e;
	char			*b = before ? json_dumps(before,
				    JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char			*f = after ? json_dumps(after,
				    JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int			 rc;

	e = (struct store_audit){ now, a->name, action, object, b, f,
	    a->address };
	rc = store_audit_append(w->store, &e);
	free(b);
	free(f);
	return rc;
}

/* A failure from the JSON reader, as a 400. */
static int
jv_fail(struct wf_result *r, const struct jv_err *e)
{
	return fail(r, WF_INVALID, e->code, e->field[0] ? e->field : NULL,
	    NULL, "%s", e->msg);
}

/* Parses a body as a JSON object with only the allowed members. */
static json_t *
parse_body(const char *body, size_t len, const char *const *allowed,
    bool empty_ok, struct wf_result *r)
{
	struct jv_err	 e;
	json_t		*j = jv_object(body, len, allowed, empty_ok, &e);

	if (j == NULL)
		jv_fail(r, &e);
	return j;
}

/* Reads a string member: -1 (answered) if wrong; *out NULL if absent. */
static int
get_text(json_t *o, const char *key, bool required, size_t max,
    bool multiline, const char **out, struct wf_result *r)
{
	struct jv_err	e;

	return jv_string(o, key, required, max, multiline, out, &e) == 0 ? 0 :
	    jv_fail(r, &e);
}

static int
get_enum(json_t *o, const char *key, const char *const *values,
    const char **out, struct wf_result *r)
{
	const char	*s;
	size_t		 i;

	if (get_text(o, key, false, 32, false, &s, r) == -1)
		return -1;
	if (s == NULL)
		return 0;
	for (i = 0; values[i] != NULL; i++)
		if (strcmp(s, values[i]) == 0) {
			*out = values[i];
			return 0;
		}
	return fail(r, WF_INVALID, "invalid_field", key, NULL, "%s: '%.32s' "
	    "is not one of the allowed values", key, s);
}

static int
get_instant(json_t *o, const char *key, int64_t *out, bool *given,
    struct wf_result *r)
{
	const char	*s;
	struct cal_err	 err;

	*given = false;
	if (get_text(o, key, false, 64, false, &s, r) == -1)
		return -1;
	if (s == NULL)
		return 0;
	if (cal_instant_parse(s, strlen(s), out, &err) == -1)
		return fail(r, WF_INVALID, "invalid_field", key, NULL, "%s: %s",
		    key, err.msg);
	*given = true;
	return 0;
}

/* Local calendar helpers; the caller holds no calendar lock. */
struct notice {
	int64_t	earliest_at;	/* earliest start for a notice at `from' */
	int32_t	counted[CAL_RULE_MAX_DAYS];
	int	ncounted;
	int32_t	deadline;	/* latest notice day for the start, or 0 */
	bool	has_deadline;
	int	workdays;	/* working days strictly between */
	bool	provisional;
};

/* The rule for a notice at `from' and an outage starting at `start'. */
static int
rule_check(struct wf *w, int64_t from, int64_t start, struct notice *n)
{
	const struct cal_calendar	*cal;
	struct cal_zone			*z = workcal_zone(w->wc);
	struct cal_rule			 rule = workcal_rule(w->wc);
	int32_t				 nday = cal_zone_day(z, from);
	int32_t				 sday = cal_zone_day(z, start), e;
	size_t				 cnt = 0;
	int				 rc = 0, y;

	memset(n, 0, sizeof(*n));
	cal = workcal_acquire(w->wc);
	if (cal_rule_earliest_start(cal, &rule, nday, &e, n->counted,
	    NULL) == -1)
		rc = -1;
	else {
		n->earliest_at = cal_zone_day_start(z, e);
		n->ncounted = rule.working_days;
	}
	n->has_deadline = cal_rule_notice_deadline(cal, &rule, sday,
	    &n->deadline, NULL) == 0;
	if (sday - 1 > nday)
		cal_rule_workdays(cal, &rule, nday + 1, sday - 1, &cnt, NULL,
		    0, NULL);
	n->workdays = (int)cnt;
	for (y = cal_date_from_days(nday).year; y <=
	    cal_date_from_days(sday).year; y++)
		if (!cal_calendar_year_is_official(cal, y))
			n->provisional = true;
	workcal_release(w->wc);
	return rc;
}

static json_t *
jinstant(struct wf *w, int64_t at)
{
	char	s[CAL_INSTANT_LEN];

	if (at == 0)
		return json_null();
	cal_instant_format(at, cal_zone_offset(workcal_zone(w->wc), at), s);
	return json_string(s);
}

static json_t *
jday(int32_t days)
{
	char	s[CAL_DATE_LEN];

	cal_days_format(days, s);
	return json_string(s);
}

/*
 * When the notice was given (DESIGN.md §1): for units, when the relay
 * accepted the first notice to each, and a maintenance is noticed only when
 * every affected unit was; with no unit to tell, the publication time.
 * *units receives the per-unit picture (may be NULL).
 */
static int64_t
notice_time(struct wf *w, const struct store_maint *m, bool *all_told,
    const char **source, json_t **units)
{
	struct store_unit_notice	*u = NULL;
	size_t				 n = 0, i;
	int64_t				 at = m->notice_at;

	*all_told = true;
	*source = "published";
	if (units != NULL)
		*units = json_array();
	if (m->notice_at == 0 || store_unit_notices(w->store, m->id, &u,
	    &n) == -1 || n == 0) {
		store_unit_notices_free(u, n);
		return at;
	}
	*source = "relay";
	at = 0;
	for (i = 0; i < n; i++) {
		if (u[i].first_accepted_at == 0)
			*all_told = false;
		else if (u[i].first_accepted_at > at)
			at = u[i].first_accepted_at;
		if (units != NULL)
			json_array_append_new(*units, json_pack(
			    "{s:I,s:s,s:o,s:o}", "unit_id",
			    (json_int_t)u[i].unit_id, "name", u[i].name,
			    "notified_at", jinstant(w,
			    u[i].first_accepted_at), "acknowledged_at",
			    jinstant(w, store_ack_time(w->store, m->id,
			    u[i].unit_id))));
	}
	store_unit_notices_free(u, n);
	return at;
}

static bool
is_published(const struct store_maint *m)
{
	return strcmp(m->status, "approved") == 0 ||
	    strcmp(m->status, "in_progress") == 0 ||
	    strcmp(m->status, "completed") == 0 ||
	    (strcmp(m->status, "cancelled") == 0 && m->notice_at != 0);
}

/* The whole maintenance as the API shows it. */
static json_t *
maint_json(struct wf *w, const struct store_maint *m, int64_t now)
{
	json_t		*j, *content, *comps, *days;
	struct notice	 n;
	bool		 planned = strcmp(m->category, "planned") == 0, told;
	size_t		 i;
	int		 k;
	int64_t		 at;
	const char	*source;

	content = json_loads(m->content, 0, NULL);
	if (content == NULL)
		content = json_object();
	j = json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)m->id, "uid",
	    m->uid, "status", m->status, "sequence", (json_int_t)m->sequence);
	json_object_update(j, content);
	json_decref(content);
	comps = json_array();
	for (i = 0; i < m->ncomponents; i++)
		json_array_append_new(comps,
		    json_string(m->component_slugs[i]));
	json_object_set_new(j, "components", comps);
	json_object_set_new(j, "start", jinstant(w, m->start_at));
	json_object_set_new(j, "end", jinstant(w, m->end_at));
	json_object_set_new(j, "category", json_string(m->category));
	json_object_set_new(j, "author", json_string(m->author));
	json_object_set_new(j, "approver", m->approver ?
	    json_string(m->approver) : json_null());
	json_object_set_new(j, "published_at", jinstant(w, m->notice_at));
	at = notice_time(w, m, &told, &source, NULL);
	json_object_set_new(j, "notice_at", jinstant(w, told ? at : 0));
	json_object_set_new(j, "notice_source", json_string(source));
	rule_check(w, told && at ? at : m->notice_at ? m->notice_at : now,
	    m->start_at, &n);
	json_object_set_new(j, "earliest_start", jinstant(w, n.earliest_at));
	days = json_array();
	for (k = 0; k < n.ncounted; k++)
		json_array_append_new(days, jday(n.counted[k]));
	json_object_set_new(j, "notice_working_days", days);
	json_object_set_new(j, "notice_deadline", n.has_deadline ?
	    jday(n.deadline) : json_null());
	if (is_published(m)) {
		json_object_set_new(j, "working_days_of_notice",
		    json_integer(n.workdays));
		/* Unknown while the relay has not accepted every unit's. */
		json_object_set_new(j, "compliant", !told && planned ?
		    json_null() : json_boolean(planned &&
		    n.earliest_at <= m->start_at && m->flagged_at == 0));
	} else {
		json_object_set_new(j, "working_days_of_notice", json_null());
		json_object_set_new(j, "compliant", json_null());
	}
	json_object_set_new(j, "provisional_calendar",
	    json_boolean(n.provisional));
	json_object_set_new(j, "flagged", json_boolean(m->flagged_at != 0));
	json_object_set_new(j, "flag_reason", m->flag_reason ?
	    json_string(m->flag_reason) : json_null());
	json_object_set_new(j, "created_at", jinstant(w, m->created_at));
	json_object_set_new(j, "updated_at", jinstant(w, m->updated_at));
	return j;
}

/* Components. */

int
wf_component_create(struct wf *w, const struct wf_actor *a, const char *body,
    size_t len, int64_t now, struct wf_result *r)
{
	static const char *const	 keys[] = { "slug", "name", "name_en",
	    NULL };
	json_t				*j;
	const char			*slug, *name, *name_en;
	char				 object[96];
	int64_t				 id;
	enum store_rc			 rc;
	size_t				 i;

	if ((j = parse_body(body, len, keys, false, r)) == NULL)
		return -1;
	if (get_text(j, "slug", true, 64, false, &slug, r) == -1 ||
	    get_text(j, "name", true, 200, false, &name, r) == -1 ||
	    get_text(j, "name_en", false, 200, false, &name_en, r) == -1)
		goto out;
	for (i = 0; slug[i] != '\0'; i++)
		if (!((slug[i] >= 'a' && slug[i] <= 'z') ||
		    (slug[i] >= '0' && slug[i] <= '9') || slug[i] == '-')) {
			fail(r, WF_INVALID, "invalid_field", "slug", NULL,
			    "slug: only a-z, 0-9 and '-'");
			goto out;
		}
	if (store_begin(w->store) == -1) {
		internal(r);
		goto out;
	}
	rc = store_component_insert(w->store, slug, name, name_en, now, &id);
	snprintf(object, sizeof(object), "component:%s", slug);
	if (rc == STORE_OK && audit(w, a, "component.create", object, NULL, j,
	    now) == -1)
		rc = STORE_ERROR;
	if (rc != STORE_OK) {
		store_rollback(w->store);
		if (rc == STORE_CONFLICT)
			fail(r, WF_CONFLICT, "conflict", "slug", NULL,
			    "slug: component '%s' exists", slug);
		else
			internal(r);
		goto out;
	}
	if (store_commit(w->store) == -1) {
		internal(r);
		goto out;
	}
	ok(r, 201, json_pack("{s:I,s:s,s:s,s:s?}", "id", (json_int_t)id,
	    "slug", slug, "name", name, "name_en", name_en));
out:
	json_decref(j);
	return r->rc == WF_OK ? 0 : -1;
}

int
wf_components(struct wf *w, struct wf_result *r)
{
	struct store_component	*c;
	size_t			 n, i;
	json_t			*a;

	if (store_components_list(w->store, &c, &n) == -1)
		return internal(r);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:s?}", "slug",
		    c[i].slug, "name", c[i].name, "name_en", c[i].name_en));
	store_components_free(c, n);
	return ok(r, 200, json_pack("{s:o}", "components", a));
}

/* Resolves component slugs (a JSON array) into ids; -1 answered. */
static int
resolve_components(struct wf *w, json_t *arr, int64_t **ids, char ***slugs,
    size_t *n, struct wf_result *r)
{
	size_t	 i, k;
	json_t	*v;

	*n = 0;
	*ids = NULL;
	*slugs = NULL;
	if (!json_is_array(arr) || json_array_size(arr) == 0 ||
	    json_array_size(arr) > MAX_COMPONENTS)
		return fail(r, WF_INVALID, "invalid_field", "components", NULL,
		    "components: an array of 1-%d component slugs",
		    MAX_COMPONENTS);
	*ids = xcalloc(json_array_size(arr), sizeof(**ids));
	*slugs = xcalloc(json_array_size(arr), sizeof(**slugs));
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || json_string_length(v) > 64)
			return fail(r, WF_INVALID, "invalid_field",
			    "components", NULL, "components[%zu]: must be a "
			    "component slug", i);
		if (store_component_id(w->store, json_string_value(v),
		    &(*ids)[*n]) != STORE_OK)
			return fail(r, WF_INVALID, "invalid_field",
			    "components", NULL, "components: unknown "
			    "component '%.64s'", json_string_value(v));
		for (k = 0; k < *n; k++)
			if ((*ids)[k] == (*ids)[*n])
				break;
		if (k < *n)
			continue;	/* a repeated slug counts once */
		(*slugs)[*n] = xstrdup(json_string_value(v));
		(*n)++;
	}
	return 0;
}

static void
free_slugs(int64_t *ids, char **slugs, size_t n)
{
	size_t	i;

	for (i = 0; slugs != NULL && i < n; i++)
		free(slugs[i]);
	free(slugs);
	free(ids);
}

/* Units. */


static json_t *
unit_json(const struct store_unit *u)
{
	json_t	*c = json_array(), *k = json_array();
	size_t	 i;

	for (i = 0; i < u->ncontacts; i++)
		json_array_append_new(c, json_pack("{s:s,s:s,s:s}", "name",
		    u->contacts[i].name, "email", u->contacts[i].email,
		    "language", u->contacts[i].language));
	for (i = 0; i < u->ncomponents; i++)
		json_array_append_new(k, json_string(u->component_slugs[i]));
	return json_pack("{s:I,s:s,s:o,s:o}", "id", (json_int_t)u->id, "name",
	    u->name, "components", k, "contacts", c);
}

int
wf_units(struct wf *w, int64_t only_id, struct wf_result *r)
{
	struct store_unit	*u;
	size_t			 n, i;
	json_t			*a;

	if (store_units_list(w->store, only_id, &u, &n) == -1)
		return internal(r);
	if (only_id != 0) {
		if (n == 0) {
			store_units_free(u, n);
			return fail(r, WF_NOT_FOUND, "not_found", NULL, NULL,
			    "no unit %lld", (long long)only_id);
		}
		ok(r, 200, unit_json(&u[0]));
		store_units_free(u, n);
		return 0;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, unit_json(&u[i]));
	store_units_free(u, n);
	return ok(r, 200, json_pack("{s:o}", "units", a));
}

int
wf_unit_save(struct wf *w, const struct wf_actor *a, int64_t id,
    const char *body, size_t len, int64_t now, struct wf_result *r)
{
	static const char *const	 keys[] = { "name", "components",
	    "contacts", NULL };
	static const char *const	 ckeys[] = { "name", "email",
	    "language", NULL };
	struct store_unit		 u, *old = NULL;
	json_t				*j, *arr, *c, *before = NULL;
	const char			*name, *cname, *email, *lang, *bad;
	size_t				 i, nold = 0;
	char				 object[64], where[32];
	enum store_rc			 rc;

	memset(&u, 0, sizeof(u));
	if ((j = parse_body(body, len, keys, false, r)) == NULL)
		return -1;
	if (id != 0) {
		if (store_units_list(w->store, id, &old, &nold) == -1 ||
		    nold == 0) {
			fail(r, WF_NOT_FOUND, "not_found", NULL, NULL,
			    "no unit %lld", (long long)id);
			goto out;
		}
		before = unit_json(&old[0]);
	}
	if (get_text(j, "name", id == 0, 200, false, &name, r) == -1)
		goto out;
	u.id = id;
	u.name = xstrdup(name != NULL ? name : old[0].name);
	/* Components: given, or kept on a PATCH. */
	if ((arr = json_object_get(j, "components")) != NULL) {
		if (resolve_components(w, arr, &u.component_ids,
		    &u.component_slugs, &u.ncomponents, r) == -1)
			goto out;
	} else if (id == 0) {
		fail(r, WF_INVALID, "invalid_field", "components", NULL,
		    "components: required");
		goto out;
	} else {
		u.ncomponents = old[0].ncomponents;
		u.component_ids = xcalloc(u.ncomponents + 1, sizeof(int64_t));
		u.component_slugs = xcalloc(u.ncomponents + 1, sizeof(char *));
		for (i = 0; i < u.ncomponents; i++) {
			u.component_ids[i] = old[0].component_ids[i];
			u.component_slugs[i] = xstrdup(
			    old[0].component_slugs[i]);
		}
	}
	arr = json_object_get(j, "contacts");
	if (arr != NULL && (!json_is_array(arr) ||
	    json_array_size(arr) > MAX_CONTACTS)) {
		fail(r, WF_INVALID, "invalid_field", "contacts", NULL,
		    "contacts: an array of at most %d contacts", MAX_CONTACTS);
		goto out;
	}
	if (arr == NULL && id != 0) {
		u.ncontacts = old[0].ncontacts;
		u.contacts = xcalloc(u.ncontacts + 1, sizeof(*u.contacts));
		for (i = 0; i < u.ncontacts; i++) {
			u.contacts[i].name = xstrdup(old[0].contacts[i].name);
			u.contacts[i].email = xstrdup(old[0].contacts[i].email);
			u.contacts[i].language = xstrdup(
			    old[0].contacts[i].language);
		}
	} else if (arr != NULL) {
		u.contacts = xcalloc(json_array_size(arr) + 1,
		    sizeof(*u.contacts));
		json_array_foreach(arr, i, c) {
			snprintf(where, sizeof(where), "contacts[%zu]", i);
			if (!json_is_object(c)) {
				fail(r, WF_INVALID, "invalid_field", "contacts",
				    NULL, "%s: must be an object", where);
				goto out;
			}
			if ((bad = jv_unknown(c, ckeys)) != NULL) {
				fail(r, WF_INVALID, "invalid_field", "contacts",
				    NULL, "%s: unknown field '%.40s'", where,
				    bad);
				goto out;
			}
			if (get_text(c, "name", true, 200, false, &cname,
			    r) == -1 || get_text(c, "email", true, 254, false,
			    &email, r) == -1 || get_text(c, "language", false,
			    2, false, &lang, r) == -1) {
				snprintf(r->field, sizeof(r->field),
				    "contacts");
				goto out;
			}
			if (!addr_email_ok(email)) {
				fail(r, WF_INVALID, "invalid_field", "contacts",
				    NULL, "%s.email: '%.80s' is not an e-mail "
				    "address", where, email);
				goto out;
			}
			if (lang != NULL && strcmp(lang, "vi") != 0 &&
			    strcmp(lang, "en") != 0) {
				fail(r, WF_INVALID, "invalid_field", "contacts",
				    NULL, "%s.language: vi or en", where);
				goto out;
			}
			u.contacts[u.ncontacts].name = xstrdup(cname);
			u.contacts[u.ncontacts].email = xstrdup(email);
			u.contacts[u.ncontacts].language = xstrdup(lang ? lang :
			    "vi");
			u.ncontacts++;
		}
	}
	if (store_begin(w->store) == -1) {
		internal(r);
		goto out;
	}
	rc = store_unit_save(w->store, &u, now);
	snprintf(object, sizeof(object), "unit:%lld", (long long)u.id);
	if (rc == STORE_OK) {
		json_t	*after = unit_json(&u);

		if (audit(w, a, id ? "unit.update" : "unit.create", object,
		    before, after, now) == -1)
			rc = STORE_ERROR;
		json_decref(after);
	}
	if (rc != STORE_OK) {
		store_rollback(w->store);
		if (rc == STORE_CONFLICT)
			fail(r, WF_CONFLICT, "conflict", "name", NULL,
			    "name: a unit named '%.100s' exists", u.name);
		else
			internal(r);
		goto out;
	}
	if (store_commit(w->store) == -1)
		internal(r);
	else if (wf_units(w, u.id, r) == 0)
		r->status = id ? 200 : 201;
out:
	json_decref(before);
	json_decref(j);
	store_unit_release(&u);
	store_units_free(old, nold);
	return r->rc == WF_OK ? 0 : -1;
}

/* Maintenances. */

static const char *const	impacts[] = { "outage", "degraded",
    "read-only", NULL };
static const char *const	categories[] = { "planned", "emergency", NULL };

/* Replaces a maintenance's components. */
static void
set_components(struct store_maint *m, int64_t *ids, char **slugs, size_t n)
{
	free_slugs(m->component_ids, m->component_slugs, m->ncomponents);
	m->component_ids = ids;
	m->component_slugs = slugs;
	m->ncomponents = n;
}

/* Copies a text member of body into content (null removes it). */
static int
copy_text(json_t *body, json_t *content, const char *key, bool required,
    size_t max, bool multiline, struct wf_result *r)
{
	const char	*v;

	if (json_object_get(body, key) == NULL)
		return required && json_object_get(content, key) == NULL ?
		    fail(r, WF_INVALID, "invalid_field", key, NULL,
		    "%s: required", key) : 0;
	if (get_text(body, key, required, max, multiline, &v, r) == -1)
		return -1;
	if (v == NULL || *v == '\0')
		json_object_del(content, key);
	else
		json_object_set_new(content, key, json_string(v));
	return 0;
}

/* Applies a create or patch body onto m and its content, then checks all. */
static int
apply(struct wf *w, struct store_maint *m, json_t *content, json_t *body,
    struct wf_result *r)
{
	const char	*impact = NULL, *category = NULL;
	json_t		*v;
	int64_t		*ids, start = m->start_at, end = m->end_at;
	char		**slugs;
	size_t		 n;
	bool		 given;
	int32_t		 first = cal_range_first_day(), last;

	if (copy_text(body, content, "title", true, TITLE_MAX, false, r) ==
	    -1 || copy_text(body, content, "title_en", false, TITLE_MAX,
	    false, r) == -1 || copy_text(body, content, "description", false,
	    DESC_MAX, true, r) == -1 || copy_text(body, content,
	    "description_en", false, DESC_MAX, true, r) == -1 ||
	    copy_text(body, content, "justification", false, JUST_MAX, true,
	    r) == -1)
		return -1;
	if (get_enum(body, "impact", impacts, &impact, r) == -1 ||
	    get_enum(body, "category", categories, &category, r) == -1)
		return -1;
	if (impact != NULL)
		json_object_set_new(content, "impact", json_string(impact));
	else if (json_object_get(content, "impact") == NULL)
		json_object_set_new(content, "impact", json_string("outage"));
	if (category != NULL) {
		free(m->category);
		m->category = xstrdup(category);
	} else if (m->category == NULL)
		m->category = xstrdup("planned");
	if ((v = json_object_get(body, "allow_overlap")) != NULL) {
		if (!json_is_boolean(v))
			return fail(r, WF_INVALID, "invalid_field",
			    "allow_overlap", NULL, "allow_overlap: must be "
			    "true or false");
		json_object_set(content, "allow_overlap", v);
	}
	if ((v = json_object_get(body, "components")) != NULL) {
		if (resolve_components(w, v, &ids, &slugs, &n, r) == -1) {
			free_slugs(ids, slugs, n);
			return -1;
		}
		set_components(m, ids, slugs, n);
	} else if (m->ncomponents == 0)
		return fail(r, WF_INVALID, "invalid_field", "components", NULL,
		    "components: required");
	if (get_instant(body, "start", &start, &given, r) == -1)
		return -1;
	if (!given && m->start_at == 0)
		return fail(r, WF_INVALID, "invalid_field", "start", NULL,
		    "start: required (RFC 3339, like "
		    "2026-12-10T22:00:00+07:00)");
	if (get_instant(body, "end", &end, &given, r) == -1)
		return -1;
	if (!given && m->end_at == 0)
		return fail(r, WF_INVALID, "invalid_field", "end", NULL,
		    "end: required");
	last = cal_range_last_day();
	if (start < (int64_t)first * 86400 || end > (int64_t)last * 86400)
		return fail(r, WF_INVALID, "invalid_field", "start", NULL,
		    "start: must lie in %d-%d", CAL_MIN_YEAR, CAL_MAX_YEAR);
	if (end <= start)
		return fail(r, WF_INVALID, "invalid_field", "end", NULL,
		    "end: must be after start");
	if (end - start > MAX_WINDOW)
		return fail(r, WF_INVALID, "invalid_field", "end", NULL,
		    "end: a window may last at most 31 days");
	m->start_at = start;
	m->end_at = end;
	return 0;
}

static char *
dump(json_t *j)
{
	return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
}

/*
 * What a sent version says, whole: the texts and the window, the status,
 * the components by name.  It is what the notifier composes from, and what
 * shows later what was told to whom.
 */
static char *
snapshot(struct wf *w, const struct store_maint *m, json_t *content)
{
	struct store_component	*c = NULL;
	size_t			 n = 0, i, k;
	json_t			*j = json_deep_copy(content), *comps;
	char			*s;

	comps = json_array();
	if (store_components_list(w->store, &c, &n) == 0)
		for (i = 0; i < m->ncomponents; i++)
			for (k = 0; k < n; k++)
				if (c[k].id == m->component_ids[i])
					json_array_append_new(comps, json_pack(
					    "{s:s,s:s,s:s?}", "slug", c[k].slug,
					    "name", c[k].name, "name_en",
					    c[k].name_en));
	store_components_free(c, n);
	json_object_set_new(j, "id", json_integer(m->id));
	json_object_set_new(j, "uid", json_string(m->uid));
	json_object_set_new(j, "sequence", json_integer(m->sequence));
	json_object_set_new(j, "status", json_string(m->status));
	json_object_set_new(j, "category", json_string(m->category));
	json_object_set_new(j, "start", json_integer(m->start_at));
	json_object_set_new(j, "end", json_integer(m->end_at));
	json_object_set_new(j, "components", comps);
	if (m->flag_reason != NULL)
		json_object_set_new(j, "flag_reason",
		    json_string(m->flag_reason));
	s = dump(j);
	json_decref(j);
	return s;
}

/* Saves m with its content, an audit row, and optionally a sent version
 * with its outbox row, all in the caller's transaction.  Takes ownership of
 * before, whatever the result. */
static int
save_all(struct wf *w, const struct wf_actor *a, struct store_maint *m,
    json_t *content, const char *action, json_t *before, const char *outbox,
    int64_t now)
{
	char	object[64], *text = dump(content);
	json_t	*after;
	int	rc;

	free(m->content);
	m->content = text;
	if (store_maint_save(w->store, m, now) == -1) {
		json_decref(before);
		return -1;
	}
	snprintf(object, sizeof(object), "maintenance:%lld", (long long)m->id);
	after = json_pack("{s:s,s:I,s:I,s:I,s:s,s:o}", "status", m->status,
	    "sequence", (json_int_t)m->sequence, "start", (json_int_t)m->start_at,
	    "end", (json_int_t)m->end_at, "category", m->category, "content",
	    json_deep_copy(content));
	rc = audit(w, a, action, object, before, after, now);
	json_decref(after);
	json_decref(before);
	if (rc == -1)
		return -1;
	if (outbox == NULL)
		return 0;
	text = snapshot(w, m, content);
	rc = store_maint_version_add(w->store, m->id, m->sequence, text, now);
	free(text);
	if (rc == -1 || store_outbox_add(w->store, outbox, m->id, m->sequence,
	    now) == -1)
		return -1;
	return 0;
}

/* The audit picture of a maintenance before a change. */
static json_t *
before_json(const struct store_maint *m)
{
	json_t	*c = json_loads(m->content, 0, NULL);

	return json_pack("{s:s,s:I,s:I,s:I,s:s,s:o}", "status", m->status,
	    "sequence", (json_int_t)m->sequence, "start",
	    (json_int_t)m->start_at, "end", (json_int_t)m->end_at, "category",
	    m->category, "content", c ? c : json_object());
}

/* 422: the notice is too short; says the earliest start and the days. */
static int
too_short(struct wf *w, const struct notice *n, int64_t start,
    struct wf_result *r)
{
	json_t	*days = json_array();
	char	 es[CAL_INSTANT_LEN], ss[CAL_INSTANT_LEN];
	int	 k;

	for (k = 0; k < n->ncounted; k++)
		json_array_append_new(days, jday(n->counted[k]));
	cal_instant_format(n->earliest_at, cal_zone_offset(workcal_zone(w->wc),
	    n->earliest_at), es);
	cal_instant_format(start, cal_zone_offset(workcal_zone(w->wc), start),
	    ss);
	return fail(r, WF_RULE, "notice_too_short", "start", json_pack(
	    "{s:s,s:o,s:i}", "earliest_start", es, "working_days", days,
	    "required_working_days", workcal_rule(w->wc).working_days),
	    "a planned maintenance starting %s needs notice of %d working "
	    "days: the earliest start for a notice given now is %s",
	    ss, workcal_rule(w->wc).working_days, es);
}

static bool
allow_overlap(json_t *content)
{
	return json_is_true(json_object_get(content, "allow_overlap"));
}

/* 409 if m overlaps an approved maintenance on a shared component. */
static int
check_overlap(struct wf *w, const struct store_maint *m, json_t *content,
    struct wf_result *r)
{
	int64_t	other = 0;
	int	found;

	if (allow_overlap(content))
		return 0;
	if ((found = store_maint_overlap(w->store, m, &other)) == -1)
		return internal(r);
	if (found)
		return fail(r, WF_CONFLICT, "overlap", "start", json_pack(
		    "{s:I}", "conflict_id", (json_int_t)other),
		    "maintenance %lld on a shared component overlaps this "
		    "window; send \"allow_overlap\": true to allow it",
		    (long long)other);
	return 0;
}

static int
need_justification(json_t *content, const struct store_maint *m,
    struct wf_result *r)
{
	if (strcmp(m->category, "emergency") == 0 &&
	    json_object_get(content, "justification") == NULL)
		return fail(r, WF_INVALID, "invalid_field", "justification",
		    NULL, "justification: required for an emergency "
		    "maintenance, which is published without full notice");
	return 0;
}

static void
new_uid(struct wf *w, struct store_maint *m)
{
	unsigned char	raw[16];
	char		hex[33];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	m->uid = xasprintf("%s@%s", hex, w->uid_host);
}

/* Answers with the maintenance as stored now. */
static int
answer(struct wf *w, int64_t id, int status, int64_t now, struct wf_result *r)
{
	struct store_maint	m;
	enum store_rc		rc;

	if ((rc = store_maint_get(w->store, id, &m)) != STORE_OK)
		return rc == STORE_NOT_FOUND ? fail(r, WF_NOT_FOUND,
		    "not_found", NULL, NULL, "no maintenance %lld",
		    (long long)id) : internal(r);
	ok(r, status, maint_json(w, &m, now));
	store_maint_release(&m);
	return 0;
}

/* save_all(), then the commit and the answer (200).  -1 when the save
 * failed and the caller must roll back; takes ownership of before. */
static int
save_answer(struct wf *w, const struct wf_actor *a, struct store_maint *m,
    json_t *content, const char *action, json_t *before, const char *outbox,
    int64_t now, struct wf_result *r)
{
	if (save_all(w, a, m, content, action, before, outbox, now) == -1) {
		internal(r);
		return -1;
	}
	if (store_commit(w->store) == -1)
		internal(r);
	else
		answer(w, m->id, 200, now, r);
	return 0;
}

int
wf_maint_get(struct wf *w, int64_t id, int64_t now, struct wf_result *r)
{
	return answer(w, id, 200, now, r);
}

int
wf_maint_list(struct wf *w, const struct store_maint_filter *f, int64_t now,
    struct wf_result *r)
{
	struct store_maint	*v;
	size_t			 n, i;
	json_t			*a, *j;

	if (store_maint_list(w->store, f, &v, &n) == -1)
		return internal(r);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, maint_json(w, &v[i], now));
	j = json_pack("{s:o}", "maintenances", a);
	if (n == f->limit && n > 0)
		json_object_set_new(j, "next_cursor", json_sprintf("%lld",
		    (long long)v[n - 1].id));
	store_maints_free(v, n);
	return ok(r, 200, j);
}

json_t *
wf_published(struct wf *w, const struct store_feed_filter *f, int64_t now)
{
	struct store_maint	*v;
	size_t			 n, i;
	json_t			*a;

	if (store_maint_published(w->store, f, &v, &n) == -1)
		return NULL;
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, maint_json(w, &v[i], now));
	store_maints_free(v, n);
	return a;
}

int
wf_maint_create(struct wf *w, const struct wf_actor *a, const char *body,
    size_t len, int64_t now, struct wf_result *r)
{
	static const char *const	 keys[] = { "title", "title_en",
	    "description", "description_en", "components", "start", "end",
	    "impact", "category", "justification", "allow_overlap", NULL };
	struct store_maint		 m;
	json_t				*j, *content = json_object();

	memset(&m, 0, sizeof(m));
	if ((j = parse_body(body, len, keys, false, r)) == NULL)
		goto out;
	if (apply(w, &m, content, j, r) == -1 ||
	    need_justification(content, &m, r) == -1)
		goto out;
	new_uid(w, &m);
	m.status = xstrdup("draft");
	m.author_id = a->user_id;
	if (store_begin(w->store) == -1) {
		internal(r);
		goto out;
	}
	if (save_all(w, a, &m, content, "maintenance.create", NULL, NULL,
	    now) == -1) {
		store_rollback(w->store);
		internal(r);
		goto out;
	}
	if (store_commit(w->store) == -1) {
		internal(r);
		goto out;
	}
	answer(w, m.id, 201, now, r);
out:
	json_decref(j);
	json_decref(content);
	store_maint_release(&m);
	return r->rc == WF_OK ? 0 : -1;
}

/* Loads a maintenance inside a transaction; answered on failure. */
static int
load(struct wf *w, int64_t id, struct store_maint *m, json_t **content,
    struct wf_result *r)
{
	enum store_rc	rc = store_maint_get(w->store, id, m);

	if (rc != STORE_OK)
		return rc == STORE_NOT_FOUND ? fail(r, WF_NOT_FOUND,
		    "not_found", NULL, NULL, "no maintenance %lld",
		    (long long)id) : internal(r);
	if ((*content = json_loads(m->content, 0, NULL)) == NULL)
		*content = json_object();
	return 0;
}

static bool
status_is(const struct store_maint *m, const char *a, const char *b)
{
	return strcmp(m->status, a) == 0 || (b != NULL &&
	    strcmp(m->status, b) == 0);
}

static void
set_status(struct store_maint *m, const char *status)
{
	free(m->status);
	m->status = xstrdup(status);
}

static bool
same_components(const struct store_maint *a, const struct store_maint *b)
{
	size_t	i, k;

	if (a->ncomponents != b->ncomponents)
		return false;
	for (i = 0; i < a->ncomponents; i++) {
		for (k = 0; k < b->ncomponents; k++)
			if (a->component_ids[i] == b->component_ids[k])
				break;
		if (k == b->ncomponents)
			return false;
	}
	return true;
}

static bool
same_text(json_t *a, json_t *b, const char *key)
{
	return json_equal(json_object_get(a, key), json_object_get(b, key)) ||
	    (json_object_get(a, key) == NULL &&
	    json_object_get(b, key) == NULL);
}

int
wf_maint_patch(struct wf *w, const struct wf_actor *a, int64_t id,
    const char *body, size_t len, int64_t now, struct wf_result *r)
{
	static const char *const	 keys[] = { "title", "title_en",
	    "description", "description_en", "components", "start", "end",
	    "impact", "category", "justification", "allow_overlap", NULL };
	struct store_maint		 m, old;
	json_t				*j, *content = NULL, *oldc = NULL;
	json_t				*before = NULL;
	struct notice			 n;
	bool				 published, sent, widened;
	int64_t				 from;
	int				 rc;

	memset(&m, 0, sizeof(m));
	memset(&old, 0, sizeof(old));
	if ((j = parse_body(body, len, keys, false, r)) == NULL)
		return -1;
	if (store_begin(w->store) == -1) {
		json_decref(j);
		return internal(r);
	}
	if (load(w, id, &m, &content, r) == -1 ||
	    load(w, id, &old, &oldc, r) == -1)
		goto fail;
	if (status_is(&m, "completed", "cancelled")) {
		fail(r, WF_STATE, "invalid_state", NULL, NULL, "maintenance "
		    "%lld is %s and can no longer change", (long long)id,
		    m.status);
		goto fail;
	}
	before = before_json(&m);
	if (apply(w, &m, content, j, r) == -1 ||
	    need_justification(content, &m, r) == -1)
		goto fail;
	published = status_is(&m, "approved", "in_progress");
	sent = published && (m.start_at != old.start_at ||
	    m.end_at != old.end_at || !same_components(&m, &old) ||
	    !same_text(content, oldc, "title") ||
	    !same_text(content, oldc, "impact") ||
	    strcmp(m.category, old.category) != 0);
	widened = published && (m.start_at < m.noticed_start_at ||
	    m.end_at > m.noticed_end_at);
	if (widened && strcmp(m.category, "planned") == 0) {
		/* The first moment the last notice did not cover. */
		from = m.start_at < m.noticed_start_at ? m.start_at :
		    m.noticed_end_at;
		if (rule_check(w, now, from, &n) == -1 ||
		    n.earliest_at > from) {
			too_short(w, &n, from, r);
			goto fail;
		}
	}
	/* Only time or components newly covered can create a conflict. */
	if (published && (widened || !same_components(&m, &old)) &&
	    check_overlap(w, &m, content, r) == -1)
		goto fail;
	if (sent) {
		m.sequence++;
		m.noticed_start_at = m.start_at;
		m.noticed_end_at = m.end_at;
	}
	rc = save_answer(w, a, &m, content, "maintenance.update", before,
	    sent ? "update" : NULL, now, r);
	before = NULL;
	if (rc == -1)
		goto fail;
	goto out;
fail:
	store_rollback(w->store);
out:
	json_decref(before);
	json_decref(j);
	json_decref(content);
	json_decref(oldc);
	store_maint_release(&m);
	store_maint_release(&old);
	return r->rc == WF_OK ? 0 : -1;
}

/* approve: the rule, four-eyes, overlap; then publish. */
static int
approve(struct wf *w, const struct wf_actor *a, struct store_maint *m,
    json_t *content, json_t *body, int64_t now, struct wf_result *r)
{
	struct notice	n;
	json_t		*v;

	if (!status_is(m, "submitted", NULL))
		return fail(r, WF_STATE, "invalid_state", NULL, NULL,
		    "maintenance %lld is %s; only a submitted one can be "
		    "approved", (long long)m->id, m->status);
	if (w->four_eyes && a->user_id == m->author_id)
		return fail(r, WF_FOUR_EYES, "four_eyes", NULL, NULL, "the "
		    "author of a maintenance may not approve it; another "
		    "approver must");
	if ((v = json_object_get(body, "allow_overlap")) != NULL) {
		if (!json_is_boolean(v))
			return fail(r, WF_INVALID, "invalid_field",
			    "allow_overlap", NULL, "allow_overlap: must be "
			    "true or false");
		json_object_set(content, "allow_overlap", v);
	}
	if (need_justification(content, m, r) == -1)
		return -1;
	if (strcmp(m->category, "planned") == 0 &&
	    (rule_check(w, now, m->start_at, &n) == -1 ||
	    n.earliest_at > m->start_at))
		return too_short(w, &n, m->start_at, r);
	if (check_overlap(w, m, content, r) == -1)
		return -1;
	set_status(m, "approved");
	m->approver_id = a->user_id;
	m->notice_at = now;
	m->noticed_start_at = m->start_at;
	m->noticed_end_at = m->end_at;
	return 0;
}

int
wf_maint_action(struct wf *w, const struct wf_actor *a, int64_t id,
    const char *action, const char *body, size_t len, int64_t now,
    struct wf_result *r)
{
	static const char *const	 keys[] = { "allow_overlap", "reason",
	    NULL };
	struct store_maint		 m;
	json_t				*j, *content = NULL, *before = NULL;
	const char			*outbox = NULL, *reason;
	char				 audit_action[48];
	bool				 published;
	int				 rc;

	memset(&m, 0, sizeof(m));
	if ((j = parse_body(body, len, keys, true, r)) == NULL)
		return -1;
	if (store_begin(w->store) == -1) {
		json_decref(j);
		return internal(r);
	}
	if (load(w, id, &m, &content, r) == -1)
		goto fail;
	before = before_json(&m);
	published = status_is(&m, "approved", "in_progress");
	if (strcmp(action, "submit") == 0) {
		if (!status_is(&m, "draft", NULL)) {
			fail(r, WF_STATE, "invalid_state", NULL, NULL,
			    "maintenance %lld is %s; only a draft can be "
			    "submitted", (long long)id, m.status);
			goto fail;
		}
		set_status(&m, "submitted");
	} else if (strcmp(action, "approve") == 0) {
		if (approve(w, a, &m, content, j, now, r) == -1)
			goto fail;
		outbox = "announcement";
	} else if (strcmp(action, "cancel") == 0) {
		if (status_is(&m, "completed", "cancelled")) {
			fail(r, WF_STATE, "invalid_state", NULL, NULL,
			    "maintenance %lld is already %s", (long long)id,
			    m.status);
			goto fail;
		}
		if (get_text(j, "reason", false, JUST_MAX, true, &reason,
		    r) == -1)
			goto fail;
		if (reason != NULL)
			json_object_set_new(content, "cancel_reason",
			    json_string(reason));
		set_status(&m, "cancelled");
		if (published) {
			m.sequence++;
			outbox = "cancellation";
		}
	} else if (strcmp(action, "complete") == 0) {
		if (!(status_is(&m, "in_progress", NULL) ||
		    (status_is(&m, "approved", NULL) && m.start_at <= now))) {
			fail(r, WF_STATE, "invalid_state", NULL, NULL,
			    "maintenance %lld is %s; only one that has started "
			    "can be completed", (long long)id, m.status);
			goto fail;
		}
		set_status(&m, "completed");
		json_object_set_new(content, "completed_at", json_integer(now));
		outbox = "completed";
	} else {
		fail(r, WF_NOT_FOUND, "not_found", NULL, NULL, "no action "
		    "'%.20s'", action);
		goto fail;
	}
	snprintf(audit_action, sizeof(audit_action), "maintenance.%s",
	    action);
	rc = save_answer(w, a, &m, content, audit_action, before, outbox, now,
	    r);
	before = NULL;
	if (rc == -1)
		goto fail;
	goto out;
fail:
	store_rollback(w->store);
out:
	json_decref(before);
	json_decref(j);
	json_decref(content);
	store_maint_release(&m);
	return r->rc == WF_OK ? 0 : -1;
}

/* One scheduled transition of maintenance id, in its own transaction. */
static int
transition(struct wf *w, int64_t id, int64_t now)
{
	static const struct wf_actor	 sys = { 0, "system", NULL };
	struct store_maint		 m;
	json_t				*content = NULL, *before;
	struct wf_result		 r;
	const char			*to = NULL;
	int				 rc = 0;

	memset(&r, 0, sizeof(r));
	if (store_begin(w->store) == -1)
		return -1;
	if (load(w, id, &m, &content, &r) == -1) {
		store_rollback(w->store);
		return -1;
	}
	if (status_is(&m, "approved", NULL) && m.start_at <= now)
		to = "in_progress";
	else if (status_is(&m, "in_progress", NULL) && m.end_at <= now &&
	    w->auto_complete)
		to = "completed";
	if (to != NULL) {
		before = before_json(&m);
		set_status(&m, to);
		if (strcmp(to, "completed") == 0)
			json_object_set_new(content, "completed_at",
			    json_integer(now));
		if (save_all(w, &sys, &m, content, strcmp(to, "completed") ?
		    "maintenance.start" : "maintenance.complete", before,
		    strcmp(to, "completed") ? "started" : "completed",
		    now) == -1)
			rc = -1;
		else
			rc = 1;
	}
	if (rc == -1)
		store_rollback(w->store);
	else if (store_commit(w->store) == -1)
		rc = -1;
	json_decref(content);
	store_maint_release(&m);
	wf_result_release(&r);
	return rc;
}

/* When the reminder of a maintenance falls due, or 0 if never. */
static int64_t
reminder_at(struct wf *w, const struct store_maint *m)
{
	const struct cal_calendar	*cal;
	struct cal_zone			*z = workcal_zone(w->wc);
	struct cal_rule			 rule = workcal_rule(w->wc);
	int32_t				 d = cal_zone_day(z, m->start_at);
	int				 n = 0;

	if (w->reminder_days <= 0)
		return 0;
	cal = workcal_acquire(w->wc);
	while (n < w->reminder_days && cal_days_in_range(d - 1)) {
		d--;
		if (cal_calendar_is_working(cal, d, rule.count_swapped))
			n++;
	}
	workcal_release(w->wc);
	if (n < w->reminder_days)
		return 0;
	return cal_zone_day_start(z, d) + (int64_t)w->reminder_minute * 60;
}

/* Queues the reminders that are due; lowers *next to the next one. */
static int
reminders(struct wf *w, int64_t now, int64_t *next)
{
	static const struct wf_actor	 sys = { 0, "system", NULL };
	struct store_maint		 m;
	json_t				*content;
	struct wf_result		 r;
	int64_t				*ids, at;
	size_t				 n, i;
	int				 done = 0;
	char				*text, object[64];

	if (w->reminder_days <= 0 || store_maint_ids(w->store, "approved",
	    now + 1, INT64_MAX, &ids, &n) == -1)
		return 0;
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		if (store_maint_get(w->store, ids[i], &m) != STORE_OK)
			continue;
		at = reminder_at(w, &m);
		if (at == 0 || m.notice_at >= at ||
		    store_outbox_has(w->store, m.id, "reminder") != 0) {
			store_maint_release(&m);
			continue;
		}
		if (at > now) {
			if (*next == 0 || at < *next)
				*next = at;
			store_maint_release(&m);
			continue;
		}
		content = json_loads(m.content, 0, NULL);
		text = snapshot(w, &m, content ? content : json_object());
		snprintf(object, sizeof(object), "maintenance:%lld",
		    (long long)m.id);
		if (store_begin(w->store) == 0) {
			if (store_maint_version_add(w->store, m.id, m.sequence,
			    text, now) == 0 && store_outbox_add(w->store,
			    "reminder", m.id, m.sequence, now) == 0 &&
			    audit(w, &sys, "maintenance.remind", object, NULL,
			    NULL, now) == 0)
				done += store_commit(w->store) == 0;
			else
				store_rollback(w->store);
		}
		free(text);
		json_decref(content);
		store_maint_release(&m);
	}
	free(ids);
	return done;
}

/*
 * Alerts the admins, once, when the notice deadline of an approved planned
 * maintenance has come and some affected unit has still not been told
 * (relay down, address bouncing).
 */
static int
undelivered(struct wf *w, int64_t now, int64_t *next)
{
	static const struct wf_actor	 sys = { 0, "system", NULL };
	struct store_maint		 m;
	struct store_unit_notice	*u;
	struct notice			 nt;
	int64_t				*ids;
	size_t				 n, nu, i, k, late;
	char				*text, *reason, object[64];
	json_t				*j;
	int				 done = 0;

	if (store_maint_ids(w->store, "approved", now + 1, INT64_MAX, &ids,
	    &n) == -1)
		return 0;
	for (i = 0; i < n; i++) {
		if (store_maint_get(w->store, ids[i], &m) != STORE_OK)
			continue;
		if (strcmp(m.category, "planned") == 0 &&
		    rule_check(w, now, m.start_at, &nt) == 0 &&
		    nt.has_deadline && cal_zone_day(workcal_zone(w->wc), now) <
		    nt.deadline) {
			/* Wake up when the deadline day begins. */
			int64_t	at = cal_zone_day_start(workcal_zone(w->wc),
				    nt.deadline);

			if (*next == 0 || at < *next)
				*next = at;
		}
		if (strcmp(m.category, "planned") != 0 ||
		    rule_check(w, now, m.start_at, &nt) == -1 ||
		    !nt.has_deadline || cal_zone_day(workcal_zone(w->wc), now) <
		    nt.deadline || store_outbox_has(w->store, m.id,
		    "undelivered_alert") != 0 || store_unit_notices(w->store,
		    m.id, &u, &nu) == -1) {
			store_maint_release(&m);
			continue;
		}
		for (k = late = 0; k < nu; k++)
			late += u[k].first_accepted_at == 0;
		store_unit_notices_free(u, nu);
		if (late > 0) {
			reason = xasprintf("%zu of %zu affected units have not "
			    "been told yet and the notice deadline has come",
			    late, nu);
			j = json_loads(m.content, 0, NULL);
			text = snapshot(w, &m, j ? j : json_object());
			json_decref(j);
			j = json_loads(text, 0, NULL);
			free(text);
			json_object_set_new(j, "flag_reason", json_string(reason));
			text = dump(j);
			json_decref(j);
			snprintf(object, sizeof(object), "maintenance:%lld",
			    (long long)m.id);
			if (store_begin(w->store) == 0) {
				if (store_maint_version_add(w->store, m.id,
				    m.sequence, text, now) == 0 &&
				    store_outbox_add(w->store,
				    "undelivered_alert", m.id, m.sequence,
				    now) == 0 && audit(w, &sys,
				    "maintenance.undelivered", object, NULL,
				    NULL, now) == 0)
					done += store_commit(w->store) == 0;
				else
					store_rollback(w->store);
			}
			log_warnx("wf: maintenance %lld: %s", (long long)m.id,
			    reason);
			free(reason);
			free(text);
		}
		store_maint_release(&m);
	}
	free(ids);
	return done;
}

int
wf_tick(struct wf *w, int64_t now, int64_t *next)
{
	int64_t	*ids;
	size_t	 n, i;
	int	 done = 0, k, pass;
	const char *const states[] = { "approved", "in_progress" };

	*next = 0;
	/* Started ones first, so that one due to start and end completes. */
	for (pass = 0; pass < 2; pass++) {
		if (store_maint_ids(w->store, states[pass], INT64_MIN, now,
		    &ids, &n) == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if ((k = transition(w, ids[i], now)) == -1)
				log_warnx("wf: maintenance %lld: transition "
				    "failed", (long long)ids[i]);
			else
				done += k;
		}
		free(ids);
	}
	if (store_maint_next_due(w->store, w->auto_complete, next) != 1)
		*next = 0;
	done += reminders(w, now, next);
	done += undelivered(w, now, next);
	return done;
}

int
wf_recheck(struct wf *w, const struct wf_actor *a, int64_t now)
{
	int64_t			*ids;
	size_t			 n, i;
	struct store_maint	 m;
	json_t			*content, *before;
	struct notice		 nt;
	struct wf_result	 r;
	bool			 bad;
	char			 es[CAL_INSTANT_LEN], nd[CAL_DATE_LEN];
	int			 changed = 0;

	if (store_maint_ids(w->store, "approved", now + 1, INT64_MAX, &ids,
	    &n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		if (store_begin(w->store) == -1)
			break;
		if (load(w, ids[i], &m, &content, &r) == -1) {
			store_rollback(w->store);
			continue;
		}
		if (strcmp(m.category, "planned") != 0 || m.notice_at == 0 ||
		    rule_check(w, m.notice_at, m.start_at, &nt) == -1) {
			store_commit(w->store);
			goto next;
		}
		bad = nt.earliest_at > m.start_at;
		if (bad == (m.flagged_at != 0)) {
			store_commit(w->store);
			goto next;
		}
		before = before_json(&m);
		free(m.flag_reason);
		m.flag_reason = NULL;
		m.flagged_at = 0;
		if (bad) {
			cal_instant_format(nt.earliest_at, cal_zone_offset(
			    workcal_zone(w->wc), nt.earliest_at), es);
			cal_days_format(cal_zone_day(workcal_zone(w->wc),
			    m.notice_at), nd);
			m.flagged_at = now;
			m.flag_reason = xasprintf("the working calendar "
			    "changed: a notice given on %s now allows a start "
			    "at %s at the earliest", nd, es);
		}
		if (save_all(w, a, &m, content, bad ? "maintenance.flag" :
		    "maintenance.unflag", before, bad ? "admin_alert" : NULL,
		    now) == -1) {
			store_rollback(w->store);
			goto next;
		}
		if (store_commit(w->store) == 0)
			changed++;
next:
		json_decref(content);
		store_maint_release(&m);
		wf_result_release(&r);
	}
	free(ids);
	return changed;
}

/* Appends a CSV field (RFC 4180), defusing spreadsheet formulas. */
static void
csv_field(struct buf *b, const char *v, bool last)
{
	const char	*p;

	buf_addc(b, '"');
	if (v != NULL && strchr("=+-@\t\r", v[0]) != NULL && v[0] != '\0')
		buf_addc(b, '\'');
	for (p = v ? v : ""; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_adds(b, last ? "\"\r\n" : "\",");
}

int
wf_compliance(struct wf *w, int32_t from, int32_t to, bool csv,
    struct wf_result *r)
{
	struct store_maint_filter	 f;
	struct store_maint		*v;
	struct cal_zone			*z = workcal_zone(w->wc);
	int				 need = workcal_rule(w->wc).working_days;
	size_t				 n, i;
	json_t				*a = json_array(), *c, *row;
	struct notice			 nt;
	struct buf			 b;
	bool				 compliant, told;
	char				*reason, num[32];
	const char			*title, *source;
	int64_t				 at;
	json_t				*units;

	memset(&f, 0, sizeof(f));
	f.from_at = cal_zone_day_start(z, from) - 31 * 86400;
	f.to_at = cal_zone_day_start(z, to + 1);
	f.limit = 100000;
	if (store_maint_list(w->store, &f, &v, &n) == -1) {
		json_decref(a);
		return internal(r);
	}
	for (i = 0; i < n; i++) {
		int32_t	sday = cal_zone_day(z, v[i].start_at);

		if (v[i].notice_at == 0 || sday < from || sday > to)
			continue;
		at = notice_time(w, &v[i], &told, &source, &units);
		rule_check(w, at ? at : v[i].notice_at, v[i].start_at, &nt);
		c = json_loads(v[i].content, 0, NULL);
		title = c ? json_string_value(json_object_get(c, "title")) :
		    NULL;
		if (strcmp(v[i].category, "emergency") == 0) {
			compliant = false;
			reason = xasprintf("emergency, published with %d "
			    "working days of notice: %s", nt.workdays,
			    c && json_object_get(c, "justification") ?
			    json_string_value(json_object_get(c,
			    "justification")) : "");
		} else if (!told) {
			compliant = false;
			reason = xasprintf("not every affected unit has been "
			    "told yet (no accepted message)");
		} else if (nt.earliest_at <= v[i].start_at) {
			compliant = true;
			reason = xasprintf("%d working days of notice, %d "
			    "required", nt.workdays, need);
		} else {
			compliant = false;
			reason = xasprintf("only %d working days of notice, "
			    "%d required%s", nt.workdays, need,
			    v[i].flagged_at ? " (the calendar changed after "
			    "publication)" : "");
		}
		row = json_pack("{s:I,s:s,s:s?,s:s,s:s,s:o,s:o,s:s,s:o,s:o,"
		    "s:i,s:i,s:b,s:s,s:b,s:o}", "id", (json_int_t)v[i].id,
		    "uid", v[i].uid, "title", title, "category", v[i].category,
		    "status", v[i].status, "notice_at", jinstant(w, told ? at :
		    0), "notice_date", told && at ? jday(cal_zone_day(z, at)) :
		    json_null(), "notice_source", source, "start",
		    jinstant(w, v[i].start_at), "earliest_start",
		    jinstant(w, nt.earliest_at), "working_days_of_notice",
		    nt.workdays, "required_working_days", need, "compliant",
		    compliant, "reason", reason, "provisional_calendar",
		    nt.provisional, "units", units);
		free(reason);
		json_decref(c);
		json_array_append_new(a, row);
	}
	store_maints_free(v, n);
	if (!csv)
		return ok(r, 200, json_pack("{s:o,s:o,s:o}", "from", jday(from),
		    "to", jday(to), "maintenances", a));
	buf_init(&b, 64 * 1024 * 1024);
	buf_adds(&b, "id,uid,title,category,status,notice_at,start,"
	    "earliest_start,working_days_of_notice,required_working_days,"
	    "compliant,reason\r\n");
	json_array_foreach(a, i, row) {
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(
		    json_object_get(row, "id")));
		csv_field(&b, num, false);
		csv_field(&b, json_string_value(json_object_get(row, "uid")),
		    false);
		csv_field(&b, json_string_value(json_object_get(row, "title")),
		    false);
		csv_field(&b, json_string_value(json_object_get(row,
		    "category")), false);
		csv_field(&b, json_string_value(json_object_get(row, "status")),
		    false);
		csv_field(&b, json_string_value(json_object_get(row,
		    "notice_at")), false);
		csv_field(&b, json_string_value(json_object_get(row, "start")),
		    false);
		csv_field(&b, json_string_value(json_object_get(row,
		    "earliest_start")), false);
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(
		    json_object_get(row, "working_days_of_notice")));
		csv_field(&b, num, false);
		snprintf(num, sizeof(num), "%d", need);
		csv_field(&b, num, false);
		csv_field(&b, json_is_true(json_object_get(row, "compliant")) ?
		    "yes" : "no", false);
		csv_field(&b, json_string_value(json_object_get(row, "reason")),
		    true);
	}
	json_decref(a);
	if (buf_is_toobig(&b)) {
		buf_release(&b);
		return fail(r, WF_INVALID, "too_large", "from", NULL, "the "
		    "report is too large; ask for a shorter range");
	}
	r->rc = WF_OK;
	r->status = 200;
	r->csv = true;
	r->json = buf_detach(&b, NULL);
	return 0;
}

const char *
wf_impact_text(const char *impact, bool vi)
{
	if (impact != NULL && strcmp(impact, "degraded") == 0)
		return vi ? "Hoạt động chậm hoặc gián đoạn" :
		    "Slow or intermittent";
	if (impact != NULL && strcmp(impact, "read-only") == 0)
		return vi ? "Chỉ xem được, không gửi được dữ liệu" :
		    "Read-only: nothing can be submitted";
	return vi ? "Tạm dừng hoạt động" : "Unavailable";
}

const char *
wf_text(json_t *j, const char *key, bool vi)
{
	char		 k[64];
	const char	*s;

	if (!vi) {
		snprintf(k, sizeof(k), "%s_en", key);
		if ((s = json_string_value(json_object_get(j, k))) != NULL)
			return s;
	}
	return json_string_value(json_object_get(j, key));
}
