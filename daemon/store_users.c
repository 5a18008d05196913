/*
 * store_users.c - users, cookie sessions and API tokens.
 *
 * Secrets are never stored: sessions and tokens by the hex SHA-256 of the
 * random value handed out, passwords as argon2id strings (daemon/account.c).
 * A disabled user's sessions are deleted and tokens revoked in the same
 * transaction, and every lookup also checks disabled_at, so revocation
 * takes effect at once (Decision 146 Art. 7).
 */
#include "daemon/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/store_int.h"

void
store_user_release(struct store_user *u)
{
	free(u->name);
	free(u->role);
	if (u->password_hash != NULL)
		xfree_secret(u->password_hash, strlen(u->password_hash));
	memset(u, 0, sizeof(*u));
}

static void
read_user(sqlite3_stmt *st, int i, struct store_user *u)
{
	u->id = sqlite3_column_int64(st, i);
	u->name = store_col_dup(st, i + 1);
	u->role = store_col_dup(st, i + 2);
	u->password_hash = store_col_dup(st, i + 3);
	u->disabled_at = store_col_int(st, i + 4);
	u->created_at = sqlite3_column_int64(st, i + 5);
}

#define USER_COLS "u.id, u.name, u.role, u.password_hash, u.disabled_at, " \
	"u.created_at"

enum store_rc
store_user_insert(struct store *s, const char *name, const char *role,
    const char *password_hash, int64_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	int		 rc;

	store_lock(s);
	if (store_prepare(s, "INSERT INTO users (name, role, password_hash, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?)", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, password_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT) {
		store_unlock(s);
		return STORE_CONFLICT;
	}
	if (rc != SQLITE_DONE) {
		log_warnx("store: %s: user: %s", s->path,
		    sqlite3_errmsg(s->db));
		store_unlock(s);
		return STORE_ERROR;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	store_unlock(s);
	return STORE_OK;
}

/* Runs a one-row user query with one bound value (text or id). */
static enum store_rc
user_query(struct store *s, const char *sql, const char *text, int64_t id,
    struct store_user *u)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_NOT_FOUND;
	int		 r;

	memset(u, 0, sizeof(*u));
	store_lock(s);
	if (store_prepare(s, sql, &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	if (text != NULL)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, id);
	if ((r = sqlite3_step(st)) == SQLITE_ROW) {
		read_user(st, 0, u);
		rc = STORE_OK;
	} else if (r != SQLITE_DONE)
		rc = STORE_ERROR;
	sqlite3_finalize(st);
	store_unlock(s);
	return rc;
}

enum store_rc
store_user_get(struct store *s, const char *name, struct store_user *u)
{
	return user_query(s, "SELECT " USER_COLS " FROM users u WHERE "
	    "u.name = ?1", name, 0, u);
}

enum store_rc
store_user_get_by_id(struct store *s, int64_t id, struct store_user *u)
{
	return user_query(s, "SELECT " USER_COLS " FROM users u WHERE "
	    "u.id = ?1", NULL, id, u);
}

int
store_users_list(struct store *s, struct store_user **out, size_t *n)
{
	sqlite3_stmt		*st;
	struct store_user	*v = NULL;
	size_t			 cnt = 0, alloc = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT " USER_COLS " FROM users u ORDER BY "
	    "u.name", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		read_user(st, 0, &v[cnt++]);
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

void
store_users_free(struct store_user *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_user_release(&v[i]);
	free(v);
}

/* Runs an UPDATE/DELETE with up to two int64 parameters. */
static int
exec2(struct store *s, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt	*st;

	if (store_prepare(s, sql, &st) == -1)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	return store_step_done(s, st, sql);
}

enum store_rc
store_user_disable(struct store *s, int64_t id, int64_t now)
{
	if (store_begin(s) == -1)
		return STORE_ERROR;
	if (exec2(s, "UPDATE users SET disabled_at = ?2, updated_at = ?2 "
	    "WHERE id = ?1 AND disabled_at IS NULL", id, now) == -1 ||
	    exec2(s, "DELETE FROM sessions WHERE user_id = ?1", id, 0) == -1 ||
	    exec2(s, "UPDATE api_tokens SET revoked_at = ?2 WHERE user_id = ?1 "
	    "AND revoked_at IS NULL", id, now) == -1) {
		store_rollback(s);
		return STORE_ERROR;
	}
	return store_commit(s) == 0 ? STORE_OK : STORE_ERROR;
}

enum store_rc
store_user_set_password(struct store *s, int64_t id, const char *hash,
    int64_t now)
{
	sqlite3_stmt	*st;

	store_lock(s);
	if (store_prepare(s, "UPDATE users SET password_hash = ?, updated_at = "
	    "? WHERE id = ?", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if (store_step_done(s, st, "password") == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	store_unlock(s);
	return STORE_OK;
}

enum store_rc
store_session_insert(struct store *s, int64_t user_id, const char *token_hash,
    const char *csrf, int64_t now, int64_t expires_at)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_OK;

	store_lock(s);
	if (store_prepare(s, "INSERT INTO sessions (user_id, token_hash, "
	    "csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
	    &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, token_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, csrf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, expires_at);
	if (store_step_done(s, st, "session") == -1)
		rc = STORE_ERROR;
	/* Expired sessions go when new ones come. */
	exec2(s, "DELETE FROM sessions WHERE expires_at <= ?1", now, 0);
	store_unlock(s);
	return rc;
}

enum store_rc
store_session_lookup(struct store *s, const char *token_hash, int64_t now,
    struct store_user *u, int64_t *session_id, char **csrf)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_NOT_FOUND;

	memset(u, 0, sizeof(*u));
	store_lock(s);
	if (store_prepare(s, "SELECT " USER_COLS ", x.id, x.csrf_token FROM "
	    "sessions x JOIN users u ON u.id = x.user_id WHERE "
	    "x.token_hash = ? AND x.expires_at > ? AND u.disabled_at IS NULL",
	    &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	if (sqlite3_step(st) == SQLITE_ROW) {
		read_user(st, 0, u);
		*session_id = sqlite3_column_int64(st, 6);
		*csrf = xstrdup((const char *)sqlite3_column_text(st, 7));
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	return rc;
}

int
store_session_delete(struct store *s, int64_t session_id)
{
	int	rc;

	store_lock(s);
	rc = exec2(s, "DELETE FROM sessions WHERE id = ?1", session_id, 0);
	store_unlock(s);
	return rc;
}

enum store_rc
store_token_insert(struct store *s, int64_t user_id, const char *name,
    const char *token_hash, int64_t now)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_OK;

	store_lock(s);
	if (store_prepare(s, "INSERT INTO api_tokens (user_id, name, "
	    "token_hash, created_at) VALUES (?, ?, ?, ?)", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, token_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	if (store_step_done(s, st, "token") == -1)
		rc = STORE_ERROR;
	store_unlock(s);
	return rc;
}

enum store_rc
store_token_lookup(struct store *s, const char *token_hash,
    struct store_user *u)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_NOT_FOUND;

	memset(u, 0, sizeof(*u));
	store_lock(s);
	if (store_prepare(s, "SELECT " USER_COLS " FROM api_tokens t JOIN "
	    "users u ON u.id = t.user_id WHERE t.token_hash = ? AND "
	    "t.revoked_at IS NULL AND u.disabled_at IS NULL", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		read_user(st, 0, u);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	return rc;
}
