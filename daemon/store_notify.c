/*
 * store_notify.c - the outbox as the notifier sees it: expanding an outbox
 * row into one delivery per recipient, leasing due deliveries, recording
 * each attempt, and reading back who got what.
 *
 * A delivery is leased (state 'sending', lease_until) before it is handed
 * to the relay; a crash leaves it leased, and once the lease runs out it is
 * due again: the same message, with the same Message-ID.  Deliveries to one
 * recipient about one maintenance go out in order: one is leased only when
 * no earlier one is still pending or sending.
 */
#include "daemon/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/store_int.h"

int
store_outbox_pending(struct store *s, size_t limit, struct store_outbox **out,
    size_t *n)
{
	sqlite3_stmt		*st;
	struct store_outbox	*v = xcalloc(limit ? limit : 1, sizeof(*v));
	size_t			 cnt = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT id, kind, maintenance_id, sequence, "
	    "subscriber_id, notice FROM outbox WHERE done_at IS NULL ORDER BY "
	    "id LIMIT ?", &st) == -1) {
		store_unlock(s);
		free(v);
		return -1;
	}
	sqlite3_bind_int64(st, 1, (int64_t)limit);
	while (cnt < limit && sqlite3_step(st) == SQLITE_ROW) {
		v[cnt].id = sqlite3_column_int64(st, 0);
		v[cnt].kind = store_col_dup(st, 1);
		v[cnt].maintenance_id = store_col_int(st, 2);
		v[cnt].sequence = sqlite3_column_int64(st, 3);
		v[cnt].subscriber_id = store_col_int(st, 4);
		v[cnt].notice = store_col_dup(st, 5);
		cnt++;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

void
store_outbox_free(struct store_outbox *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].kind);
		free(v[i].notice);
	}
	free(v);
}

/* Collects recipient rows: email, name, language, unit, subscriber. */
static int
collect(struct store *s, sqlite3_stmt *st, struct store_recipient **out,
    size_t *n)
{
	struct store_recipient	*v = NULL;
	size_t			 cnt = 0, alloc = 0;

	(void)s;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		v[cnt].email = store_col_dup(st, 0);
		v[cnt].name = store_col_dup(st, 1);
		v[cnt].language = store_col_dup(st, 2);
		v[cnt].unit_id = store_col_int(st, 3);
		v[cnt].subscriber_id = store_col_int(st, 4);
		v[cnt].webhook_id = store_col_int(st, 5);
		cnt++;
	}
	sqlite3_finalize(st);
	*out = v;
	*n = cnt;
	return 0;
}

int
store_recipients_for(struct store *s, int64_t maintenance_id,
    struct store_recipient **out, size_t *n)
{
	sqlite3_stmt	*st;
	int		 rc;

	store_lock(s);
	/* One row per address: a unit's contact first, then subscribers. */
	if (store_prepare(s, "WITH comps AS (SELECT component_id FROM "
	    "maintenance_components WHERE maintenance_id = ?1), "
	    "units_hit AS (SELECT DISTINCT unit_id FROM unit_components WHERE "
	    "component_id IN comps), "
	    "contacts AS (SELECT lower(c.email) AS k, c.email, min(c.name) AS "
	    "name, min(c.language) AS language, min(c.unit_id) AS unit_id "
	    "FROM unit_contacts c WHERE c.unit_id IN units_hit GROUP BY "
	    "lower(c.email)), "
	    "subs AS (SELECT lower(s.email) AS k, s.email, s.language, s.id "
	    "FROM subscribers s WHERE s.status = 'confirmed' AND "
	    "(s.all_components OR EXISTS (SELECT 1 FROM subscriber_components "
	    "sc WHERE sc.subscriber_id = s.id AND sc.component_id IN comps))) "
	    "SELECT * FROM (SELECT email, name, language, unit_id, NULL AS "
	    "sub, NULL AS hook FROM contacts UNION ALL SELECT email, NULL, "
	    "language, NULL, id, NULL FROM subs WHERE k NOT IN (SELECT k FROM "
	    "contacts) UNION ALL SELECT url, NULL, 'vi', NULL, NULL, id FROM "
	    "webhooks WHERE active) ORDER BY hook IS NOT NULL, unit_id IS "
	    "NULL, unit_id, sub, hook, email",
	    &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, maintenance_id);
	rc = collect(s, st, out, n);
	store_unlock(s);
	return rc;
}

int
store_subscriber_recipient(struct store *s, int64_t id,
    struct store_recipient **out, size_t *n)
{
	sqlite3_stmt	*st;
	int		 rc;

	store_lock(s);
	if (store_prepare(s, "SELECT email, NULL, language, NULL, id, NULL "
	    "FROM subscribers WHERE id = ? AND status = 'pending'",
	    &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = collect(s, st, out, n);
	store_unlock(s);
	return rc;
}

void
store_recipients_free(struct store_recipient *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].email);
		free(v[i].name);
		free(v[i].language);
	}
	free(v);
}

int
store_outbox_expand(struct store *s, const struct store_outbox *o,
    const char *notice, const struct store_recipient *r, size_t n,
    const char *host, int64_t now)
{
	sqlite3_stmt	*st;
	size_t		 i;
	char		*mid;

	if (store_begin(s) == -1)
		return -1;
	/* One statement for the whole fan-out, reset per recipient. */
	if (n > 0 && store_prepare(s, "INSERT INTO deliveries (outbox_id, "
	    "maintenance_id, kind, sequence, recipient, recipient_name,"
	    " language, unit_id, message_id, state, next_attempt_at, "
	    "created_at, updated_at, subscriber_id, webhook_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)",
	    &st) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		/* Stable per recipient, version and kind. */
		mid = xasprintf("baotri.%lld.%lld.%s.%lld.%zu@%s", (long long)
		    o->maintenance_id, (long long)o->sequence, o->kind,
		    (long long)o->id, i, host);
		sqlite3_bind_int64(st, 1, o->id);
		if (o->maintenance_id != 0)
			sqlite3_bind_int64(st, 2, o->maintenance_id);
		else
			sqlite3_bind_null(st, 2);
		sqlite3_bind_text(st, 3, o->kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, o->sequence);
		sqlite3_bind_text(st, 5, r[i].email, -1, SQLITE_TRANSIENT);
		if (r[i].name != NULL)
			sqlite3_bind_text(st, 6, r[i].name, -1,
			    SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 6);
		sqlite3_bind_text(st, 7, r[i].language ? r[i].language : "vi",
		    -1, SQLITE_TRANSIENT);
		if (r[i].unit_id != 0)
			sqlite3_bind_int64(st, 8, r[i].unit_id);
		else
			sqlite3_bind_null(st, 8);
		sqlite3_bind_text(st, 9, mid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 10, now);
		sqlite3_bind_int64(st, 11, now);
		sqlite3_bind_int64(st, 12, now);
		if (r[i].subscriber_id != 0)
			sqlite3_bind_int64(st, 13, r[i].subscriber_id);
		else
			sqlite3_bind_null(st, 13);
		if (r[i].webhook_id != 0)
			sqlite3_bind_int64(st, 14, r[i].webhook_id);
		else
			sqlite3_bind_null(st, 14);
		free(mid);
		if (sqlite3_step(st) != SQLITE_DONE) {
			log_warnx("store: %s: delivery: %s", s->path,
			    sqlite3_errmsg(s->db));
			sqlite3_finalize(st);
			goto fail;
		}
	}
	if (n > 0)
		sqlite3_finalize(st);
	if (store_prepare(s, "UPDATE outbox SET notice = ?, done_at = ? WHERE "
	    "id = ?", &st) == -1)
		goto fail;
	sqlite3_bind_text(st, 1, notice, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, o->id);
	if (store_step_done(s, st, "outbox") == -1)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

#define DELIVERY_COLS "d.id, d.kind, d.sequence, d.recipient, " \
	"d.recipient_name, d.language, d.unit_id, d.message_id, d.state, " \
	"d.attempts, d.last_reply, d.queue_id, d.accepted_at, d.created_at, " \
	"d.maintenance_id, d.next_attempt_at, d.subscriber_id, d.webhook_id"

static void
read_delivery(sqlite3_stmt *st, struct store_delivery *d)
{
	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, 0);
	d->kind = store_col_dup(st, 1);
	d->sequence = sqlite3_column_int64(st, 2);
	d->recipient = store_col_dup(st, 3);
	d->recipient_name = store_col_dup(st, 4);
	d->language = store_col_dup(st, 5);
	d->unit_id = store_col_int(st, 6);
	d->message_id = store_col_dup(st, 7);
	d->state = store_col_dup(st, 8);
	d->attempts = sqlite3_column_int64(st, 9);
	d->last_reply = store_col_dup(st, 10);
	d->queue_id = store_col_dup(st, 11);
	d->accepted_at = store_col_int(st, 12);
	d->created_at = sqlite3_column_int64(st, 13);
	d->maintenance_id = store_col_int(st, 14);
	d->next_attempt_at = sqlite3_column_int64(st, 15);
	d->subscriber_id = store_col_int(st, 16);
	d->webhook_id = store_col_int(st, 17);
}

void
store_deliveries_free(struct store_delivery *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].kind);
		free(v[i].recipient);
		free(v[i].recipient_name);
		free(v[i].language);
		free(v[i].message_id);
		free(v[i].state);
		free(v[i].last_reply);
		free(v[i].queue_id);
		free(v[i].notice);
		if (v[i].secret != NULL)
			xfree_secret(v[i].secret, strlen(v[i].secret));
	}
	free(v);
}

int
store_deliveries_lease(struct store *s, int64_t now, int64_t lease,
    size_t limit, struct store_delivery **out, size_t *n)
{
	sqlite3_stmt		*st;
	struct store_delivery	*v = xcalloc(limit ? limit : 1, sizeof(*v));
	size_t			 cnt = 0, i;
	int			 pass;

	if (store_begin(s) == -1) {
		free(v);
		return -1;
	}
	/*
	 * Due pending ones in id order (index deliveries_state_id stops the
	 * scan at the limit), then expired leases; one per recipient and
	 * maintenance at a time.
	 */
	if (store_prepare(s, "SELECT " DELIVERY_COLS ", o.notice, w.secret "
	    "FROM deliveries d JOIN outbox o ON o.id = d.outbox_id LEFT JOIN "
	    "webhooks w ON w.id = d.webhook_id WHERE d.state = ?3 AND (CASE WHEN ?3 = 'pending' THEN "
	    "d.next_attempt_at ELSE d.lease_until END) <= ?1 AND "
	    "(d.maintenance_id IS NULL OR NOT EXISTS (SELECT 1 FROM "
	    "deliveries e WHERE e.maintenance_id = d.maintenance_id AND "
	    "e.recipient = d.recipient AND e.id < d.id AND e.state IN "
	    "('pending', 'sending'))) ORDER BY d.id LIMIT ?2", &st) == -1)
		goto fail;
	for (pass = 0; pass < 2 && cnt < limit; pass++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int64(st, 2, (int64_t)(limit - cnt));
		sqlite3_bind_text(st, 3, pass == 0 ? "pending" : "sending", -1,
		    SQLITE_STATIC);
		while (cnt < limit && sqlite3_step(st) == SQLITE_ROW) {
			read_delivery(st, &v[cnt]);
			v[cnt].notice = store_col_dup(st, 18);
			v[cnt].secret = store_col_dup(st, 19);
			cnt++;
		}
	}
	sqlite3_finalize(st);
	for (i = 0; i < cnt; i++) {
		if (store_prepare(s, "UPDATE deliveries SET state = 'sending', "
		    "lease_until = ?, updated_at = ? WHERE id = ?", &st) == -1)
			goto fail;
		sqlite3_bind_int64(st, 1, now + lease);
		sqlite3_bind_int64(st, 2, now);
		sqlite3_bind_int64(st, 3, v[i].id);
		if (store_step_done(s, st, "lease") == -1)
			goto fail;
	}
	if (store_commit(s) == -1) {
		store_deliveries_free(v, cnt);
		return -1;
	}
	*out = v;
	*n = cnt;
	return 0;
fail:
	store_rollback(s);
	store_deliveries_free(v, cnt);
	return -1;
}

int
store_delivery_record(struct store *s, int64_t id, const char *state,
    const char *outcome, const char *reply, const char *queue_id,
    int64_t next_attempt_at, int64_t now)
{
	sqlite3_stmt	*st;

	if (store_begin(s) == -1)
		return -1;
	/* Once per message of a fan-out: kept prepared. */
	if (store_prepare_cached(s, "UPDATE deliveries SET state = ?1, "
	    "attempts = attempts + 1, last_reply = ?2, queue_id = coalesce(?3,"
	    " queue_id), accepted_at = CASE WHEN ?1 = 'sent' THEN coalesce("
	    "accepted_at, ?5) ELSE accepted_at END, next_attempt_at = ?4, "
	    "lease_until = NULL, updated_at = ?5 WHERE id = ?6", &st) == -1)
		goto fail;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, reply, -1, SQLITE_TRANSIENT);
	if (queue_id != NULL && *queue_id != '\0')
		sqlite3_bind_text(st, 3, queue_id, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, next_attempt_at);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, id);
	if (store_step_cached(s, st, "delivery") == -1)
		goto fail;
	if (store_prepare_cached(s, "INSERT INTO delivery_attempts "
	    "(delivery_id, at, outcome, reply) VALUES (?, ?, ?, ?)", &st) == -1)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_text(st, 3, outcome, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, reply, -1, SQLITE_TRANSIENT);
	if (store_step_cached(s, st, "attempt") == -1)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

int
store_deliveries_of(struct store *s, int64_t maintenance_id,
    struct store_delivery **out, size_t *n)
{
	sqlite3_stmt		*st;
	struct store_delivery	*v = NULL;
	size_t			 cnt = 0, alloc = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT " DELIVERY_COLS " FROM deliveries d "
	    "WHERE d.maintenance_id = ? ORDER BY d.id", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, maintenance_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		read_delivery(st, &v[cnt++]);
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

int
store_deliveries_next_due(struct store *s, int64_t *at)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT min(t) FROM (SELECT next_attempt_at AS t "
	    "FROM deliveries WHERE state = 'pending' UNION ALL SELECT "
	    "lease_until FROM deliveries WHERE state = 'sending')",
	    &st) == -1) {
		store_unlock(s);
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*at = sqlite3_column_int64(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	return found;
}

int
store_deliveries_resend(struct store *s, int64_t maintenance_id, int64_t now)
{
	sqlite3_stmt	*st;
	int		 n;

	store_lock(s);
	if (store_prepare(s, "UPDATE deliveries SET state = 'pending', "
	    "next_attempt_at = ?, updated_at = ? WHERE maintenance_id = ? AND "
	    "state = 'failed'", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, maintenance_id);
	n = store_step_done(s, st, "resend") == -1 ? -1 :
	    sqlite3_changes(s->db);
	store_unlock(s);
	return n;
}

int
store_unit_notices(struct store *s, int64_t maintenance_id,
    struct store_unit_notice **out, size_t *n)
{
	sqlite3_stmt			*st;
	struct store_unit_notice	*v = NULL;
	size_t				 cnt = 0, alloc = 0;

	store_lock(s);
	/* Affected units, and when the relay first accepted a notice. */
	if (store_prepare(s, "SELECT u.id, u.name, (SELECT min(d.accepted_at) "
	    "FROM deliveries d WHERE d.maintenance_id = ?1 AND d.unit_id = "
	    "u.id AND d.kind IN ('announcement', 'update')) FROM units u "
	    "WHERE u.id IN (SELECT uc.unit_id FROM unit_components uc JOIN "
	    "maintenance_components mc ON mc.component_id = uc.component_id "
	    "WHERE mc.maintenance_id = ?1) AND EXISTS (SELECT 1 FROM "
	    "unit_contacts c WHERE c.unit_id = u.id) ORDER BY u.id",
	    &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, maintenance_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		v[cnt].unit_id = sqlite3_column_int64(st, 0);
		v[cnt].name = store_col_dup(st, 1);
		v[cnt].first_accepted_at = store_col_int(st, 2);
		cnt++;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

void
store_unit_notices_free(struct store_unit_notice *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].name);
	free(v);
}

int
store_outbox_has(struct store *s, int64_t maintenance_id, const char *kind)
{
	sqlite3_stmt	*st;
	int		 found = -1;

	store_lock(s);
	if (store_prepare(s, "SELECT 1 FROM outbox WHERE maintenance_id = ? "
	    "AND kind = ? LIMIT 1", &st) == 0) {
		sqlite3_bind_int64(st, 1, maintenance_id);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	store_unlock(s);
	return found;
}

enum store_rc
store_webhook_add(struct store *s, const char *url, const char *secret,
    int64_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_OK;

	store_lock(s);
	if (store_prepare(s, "INSERT INTO webhooks (url, secret, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?)", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, secret, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, now);
	if (store_step_done(s, st, "webhook") == -1)
		rc = STORE_ERROR;
	else
		*id = sqlite3_last_insert_rowid(s->db);
	store_unlock(s);
	return rc;
}

int
store_webhooks_list(struct store *s, struct store_webhook **out, size_t *n)
{
	sqlite3_stmt		*st;
	struct store_webhook	*v = NULL;
	size_t			 cnt = 0, alloc = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT id, url, active, created_at FROM webhooks "
	    "ORDER BY id", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		v[cnt].id = sqlite3_column_int64(st, 0);
		v[cnt].url = store_col_dup(st, 1);
		v[cnt].active = sqlite3_column_int(st, 2) != 0;
		v[cnt].created_at = sqlite3_column_int64(st, 3);
		cnt++;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

void
store_webhooks_free(struct store_webhook *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].url);
	free(v);
}

enum store_rc
store_webhook_remove(struct store *s, int64_t id, int64_t now)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;

	store_lock(s);
	if (store_prepare(s, "UPDATE webhooks SET active = 0, updated_at = ? "
	    "WHERE id = ? AND active", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	rc = store_step_done(s, st, "webhook") == -1 ? STORE_ERROR :
	    sqlite3_changes(s->db) > 0 ? STORE_OK : STORE_NOT_FOUND;
	store_unlock(s);
	return rc;
}

int
store_outbox_alert(struct store *s, const char *kind, const char *notice,
    int64_t since, int64_t now)
{
	sqlite3_stmt	*st;
	int		 recent = 1;

	if (store_begin(s) == -1)
		return -1;
	if (store_prepare(s, "SELECT count(*) FROM outbox WHERE kind = ? AND "
	    "created_at >= ?", &st) == -1)
		goto fail;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, since);
	if (sqlite3_step(st) == SQLITE_ROW)
		recent = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (recent > 0)
		return store_commit(s) == 0 ? 0 : -1;
	if (store_prepare(s, "INSERT INTO outbox (kind, sequence, created_at, "
	    "notice) VALUES (?, 0, ?, ?)", &st) == -1)
		goto fail;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_text(st, 3, notice, -1, SQLITE_TRANSIENT);
	if (store_step_done(s, st, "outbox") == -1)
		goto fail;
	return store_commit(s) == 0 ? 1 : -1;
fail:
	store_rollback(s);
	return -1;
}
