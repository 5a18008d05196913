/*
 * store_public.c - what the public side leaves in the store: the link key,
 * units' acknowledgements, subscribers, their components and the
 * append-only consent log (the personal-data law of 2025 asks for a record
 * of every consent and withdrawal).
 */
#include "daemon/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/store_int.h"

int
store_secret(struct store *s, const char *name, const void *fresh,
    void *out, size_t len)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (store_begin(s) == -1)
		return -1;
	if (store_prepare(s, "INSERT OR IGNORE INTO secrets (name, value) "
	    "VALUES (?, ?)", &st) == -1)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 2, fresh, (int)len, SQLITE_TRANSIENT);
	if (store_step_done(s, st, "secret") == -1)
		goto out;
	if (store_prepare(s, "SELECT value FROM secrets WHERE name = ?",
	    &st) == -1)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (size_t)sqlite3_column_bytes(st, 0) == len) {
		memcpy(out, sqlite3_column_blob(st, 0), len);
		rc = 0;
	}
	sqlite3_finalize(st);
out:
	if (rc == 0)
		return store_commit(s);
	store_rollback(s);
	return -1;
}

int
store_ack(struct store *s, int64_t maintenance_id, int64_t unit_id,
    int64_t now, const char *address, int64_t *at)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (store_begin(s) == -1)
		return -1;
	if (store_prepare(s, "INSERT OR IGNORE INTO acknowledgements "
	    "(maintenance_id, unit_id, acknowledged_at, address) VALUES "
	    "(?, ?, ?, ?)", &st) == -1)
		goto out;
	sqlite3_bind_int64(st, 1, maintenance_id);
	sqlite3_bind_int64(st, 2, unit_id);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_text(st, 4, address, -1, SQLITE_TRANSIENT);
	if (store_step_done(s, st, "acknowledgement") == -1)
		goto out;
	if (store_prepare(s, "SELECT acknowledged_at FROM acknowledgements "
	    "WHERE maintenance_id = ? AND unit_id = ?", &st) == -1)
		goto out;
	sqlite3_bind_int64(st, 1, maintenance_id);
	sqlite3_bind_int64(st, 2, unit_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*at = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
out:
	if (rc == 0)
		return store_commit(s);
	store_rollback(s);
	return -1;
}

int64_t
store_ack_time(struct store *s, int64_t maintenance_id, int64_t unit_id)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT acknowledged_at FROM acknowledgements "
	    "WHERE maintenance_id = ? AND unit_id = ?", &st) == 0) {
		sqlite3_bind_int64(st, 1, maintenance_id);
		sqlite3_bind_int64(st, 2, unit_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	store_unlock(s);
	return v;
}

static int
consent(struct store *s, int64_t id, const char *action, const char *detail,
    const char *address, int64_t now)
{
	sqlite3_stmt	*st;

	if (store_prepare(s, "INSERT INTO consent_log (subscriber_id, at, "
	    "action, detail, address) VALUES (?, ?, ?, ?, ?)", &st) == -1)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_TRANSIENT);
	if (detail != NULL)
		sqlite3_bind_text(st, 4, detail, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 4);
	if (address != NULL)
		sqlite3_bind_text(st, 5, address, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 5);
	return store_step_done(s, st, "consent");
}

/*
 * Sets a subscriber's choice.  With a language: the language,
 * all_components and (unless NULL) the status, the old components cleared;
 * then the n components given are added.
 */
static int
set_choice(struct store *s, int64_t id, const char *status,
    const char *language, bool all, const int64_t *components, size_t n,
    int64_t now)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (language != NULL) {
		if (store_prepare(s, "UPDATE subscribers SET language = ?1, "
		    "all_components = ?2, status = coalesce(?3, status), "
		    "updated_at = ?4 WHERE id = ?5", &st) == -1)
			return -1;
		sqlite3_bind_text(st, 1, language, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, all);
		if (status != NULL)
			sqlite3_bind_text(st, 3, status, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_int64(st, 4, now);
		sqlite3_bind_int64(st, 5, id);
		if (store_step_done(s, st, "subscriber") == -1)
			return -1;
		if (store_prepare(s, "DELETE FROM subscriber_components WHERE "
		    "subscriber_id = ?", &st) == -1)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (store_step_done(s, st, "subscriber components") == -1)
			return -1;
	}
	for (i = 0; i < n; i++) {
		if (store_prepare(s, "INSERT OR IGNORE INTO "
		    "subscriber_components (subscriber_id, component_id) "
		    "VALUES (?, ?)", &st) == -1)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, components[i]);
		if (store_step_done(s, st, "subscriber component") == -1)
			return -1;
	}
	return 0;
}

enum store_rc
store_subscriber_change(struct store *s, int64_t id, const char *language,
    bool all, const int64_t *components, size_t n, const char *address,
    int64_t now)
{
	char	*detail;
	int	 r;

	if (store_begin(s) == -1)
		return STORE_ERROR;
	if (set_choice(s, id, NULL, language, all, components, n, now) == -1)
		goto fail;
	detail = xasprintf("{\"all\":%s,\"components\":%zu,\"language\":"
	    "\"%s\"}", all ? "true" : "false", n, language);
	r = consent(s, id, "changed", detail, address, now);
	free(detail);
	if (r == -1)
		goto fail;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERROR;
fail:
	store_rollback(s);
	return STORE_ERROR;
}

enum store_rc
store_subscribe(struct store *s, const char *email, const char *email_key,
    const char *language, bool all, const int64_t *components, size_t n,
    const char *address, int64_t now, int64_t *id, bool *send)
{
	sqlite3_stmt	*st;
	const char	*status = NULL;
	char		*detail;
	int		 r;

	*send = false;
	if (store_begin(s) == -1)
		return STORE_ERROR;
	if (store_prepare(s, "SELECT id, status FROM subscribers WHERE "
	    "email_key = ?", &st) == -1)
		goto fail;
	sqlite3_bind_text(st, 1, email_key, -1, SQLITE_TRANSIENT);
	*id = 0;
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		status = strcmp((const char *)sqlite3_column_text(st, 1),
		    "confirmed") == 0 ? "confirmed" : "pending";
	}
	sqlite3_finalize(st);
	if (*id != 0 && strcmp(status, "confirmed") == 0) {
		/* Already subscribed: nothing to do, and nothing to tell. */
		return store_commit(s) == 0 ? STORE_OK : STORE_ERROR;
	}
	if (*id == 0) {
		if (store_prepare(s, "INSERT INTO subscribers (email, email_key,"
		    " language, all_components, status, created_at, "
		    "updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
		    &st) == -1)
			goto fail;
		sqlite3_bind_text(st, 1, email, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, email_key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, language, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, all);
		sqlite3_bind_int64(st, 5, now);
		sqlite3_bind_int64(st, 6, now);
		if (store_step_done(s, st, "subscriber") == -1)
			goto fail;
		*id = sqlite3_last_insert_rowid(s->db);
		if (set_choice(s, *id, NULL, NULL, all, components, n,
		    now) == -1)
			goto fail;
	} else if (set_choice(s, *id, "pending", language, all, components,
	    n, now) == -1)
		goto fail;
	detail = xasprintf("{\"all\":%s,\"components\":%zu,\"language\":"
	    "\"%s\",\"purpose\":\"maintenance notices\"}", all ? "true" :
	    "false", n, language);
	r = consent(s, *id, "requested", detail, address, now);
	free(detail);
	if (r == -1 || store_outbox_add(s, "confirmation", 0, 0, now) == -1)
		goto fail;
	/* The confirmation row names its subscriber. */
	if (store_prepare(s, "UPDATE outbox SET subscriber_id = ? WHERE id = "
	    "last_insert_rowid()", &st) == -1)
		goto fail;
	sqlite3_bind_int64(st, 1, *id);
	if (store_step_done(s, st, "outbox") == -1)
		goto fail;
	*send = true;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERROR;
fail:
	store_rollback(s);
	return STORE_ERROR;
}

enum store_rc
store_subscriber_set(struct store *s, int64_t id, const char *status,
    const char *address, int64_t now)
{
	sqlite3_stmt	*st;
	int		 changed;

	if (store_begin(s) == -1)
		return STORE_ERROR;
	if (store_prepare(s, "UPDATE subscribers SET status = ?1, updated_at = "
	    "?2, confirmed_at = CASE WHEN ?1 = 'confirmed' THEN ?2 ELSE "
	    "confirmed_at END, unsubscribed_at = CASE WHEN ?1 = "
	    "'unsubscribed' THEN ?2 ELSE unsubscribed_at END WHERE id = ?3 "
	    "AND status != ?1", &st) == -1)
		goto fail;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if (store_step_done(s, st, "subscriber") == -1)
		goto fail;
	changed = sqlite3_changes(s->db);
	if (changed > 0 && consent(s, id, strcmp(status, "confirmed") == 0 ?
	    "confirmed" : "withdrawn", NULL, address, now) == -1)
		goto fail;
	if (store_commit(s) == -1)
		return STORE_ERROR;
	return STORE_OK;
fail:
	store_rollback(s);
	return STORE_ERROR;
}

enum store_rc
store_subscriber_get(struct store *s, int64_t id, char **email,
    char **language, char **status)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_NOT_FOUND;

	store_lock(s);
	if (store_prepare(s, "SELECT email, language, status FROM subscribers "
	    "WHERE id = ?", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*email = xstrdup((const char *)sqlite3_column_text(st, 0));
		*language = xstrdup((const char *)sqlite3_column_text(st, 1));
		*status = xstrdup((const char *)sqlite3_column_text(st, 2));
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	return rc;
}

char *
store_subscribers_json(struct store *s, int64_t after_id, int limit)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	store_lock(s);
	if (store_prepare(s, "SELECT json_group_array(json_object('id', id, "
	    "'email', email, 'language', language, 'status', status, "
	    "'all_components', json(CASE WHEN all_components THEN 'true' ELSE "
	    "'false' END), 'created_at', created_at, 'confirmed_at', "
	    "confirmed_at, 'components', (SELECT json_group_array(c.slug) FROM "
	    "subscriber_components sc JOIN components c ON c.id = "
	    "sc.component_id WHERE sc.subscriber_id = x.id))) FROM (SELECT * "
	    "FROM subscribers WHERE id > ? ORDER BY id LIMIT ?) x", &st) == 0) {
		sqlite3_bind_int64(st, 1, after_id);
		sqlite3_bind_int(st, 2, limit);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = store_col_dup(st, 0);
		sqlite3_finalize(st);
	}
	store_unlock(s);
	return v;
}
