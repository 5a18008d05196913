/*
 * store_audit.c - the append-only audit log with a hash chain.
 *
 * Each row carries hash = SHA-256 of (prev_hash, at, actor, action, object,
 * before, after, address), every field prefixed by its length so that no two
 * different rows serialise alike; prev_hash is the previous row's hash (64
 * zeros for the first).  Triggers refuse UPDATE and DELETE; editing the file
 * behind SQLite's back breaks the chain, which store_audit_verify() finds
 * (Decision 146 Art. 7: the log must show tampering).
 */
#include "daemon/store.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/store_int.h"

#define GENESIS	"0000000000000000000000000000000000000000000000000000000000000000"

static void
add_field(struct buf *b, const char *v)
{
	if (v == NULL)
		buf_adds(b, "-1:");
	else
		buf_addf(b, "%zu:%s", strlen(v), v);
	buf_addc(b, '\n');
}

/* Hex SHA-256 of a row, chained to prev. */
static void
row_hash(const char *prev, int64_t at, const char *actor, const char *action,
    const char *object, const char *before, const char *after,
    const char *address, char out[65])
{
	struct buf	b;
	unsigned char	h[crypto_hash_sha256_BYTES];
	char		ts[32];

	buf_init(&b, 8 * 1024 * 1024);
	add_field(&b, prev);
	snprintf(ts, sizeof(ts), "%lld", (long long)at);
	add_field(&b, ts);
	add_field(&b, actor);
	add_field(&b, action);
	add_field(&b, object);
	add_field(&b, before);
	add_field(&b, after);
	add_field(&b, address);
	crypto_hash_sha256(h, (const unsigned char *)buf_str(&b), b.len);
	sodium_bin2hex(out, 65, h, sizeof(h));
	buf_release(&b);
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int
store_audit_append(struct store *s, const struct store_audit *a)
{
	sqlite3_stmt	*st;
	char		 prev[65] = GENESIS, hash[65];
	int		 rc;

	if (store_begin(s) == -1)
		return -1;
	if (store_prepare(s, "SELECT hash FROM audit_log ORDER BY id DESC "
	    "LIMIT 1", &st) == -1)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(prev, sizeof(prev), "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	row_hash(prev, a->at, a->actor, a->action, a->object, a->before,
	    a->after, a->address, hash);
	if (store_prepare(s, "INSERT INTO audit_log (at, actor, action, object,"
	    " before, after, address, prev_hash, hash) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?)", &st) == -1)
		goto fail;
	sqlite3_bind_int64(st, 1, a->at);
	sqlite3_bind_text(st, 2, a->actor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, a->action, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, a->object, -1, SQLITE_TRANSIENT);
	bind_opt(st, 5, a->before);
	bind_opt(st, 6, a->after);
	bind_opt(st, 7, a->address);
	sqlite3_bind_text(st, 8, prev, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, hash, -1, SQLITE_TRANSIENT);
	rc = store_step_done(s, st, "audit");
	if (rc == -1)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int
store_audit_verify(struct store *s, int64_t *rows, int64_t *bad_id)
{
	sqlite3_stmt	*st;
	char		 prev[65] = GENESIS, hash[65];
	int		 rc = 0, r;

	*rows = 0;
	*bad_id = 0;
	store_lock(s);
	if (store_prepare(s, "SELECT id, at, actor, action, object, before, "
	    "after, address, prev_hash, hash FROM audit_log ORDER BY id",
	    &st) == -1) {
		store_unlock(s);
		return -1;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		row_hash(prev, sqlite3_column_int64(st, 1), col(st, 2),
		    col(st, 3), col(st, 4), col(st, 5), col(st, 6), col(st, 7),
		    hash);
		if (strcmp(prev, col(st, 8)) != 0 ||
		    strcmp(hash, col(st, 9)) != 0) {
			*bad_id = sqlite3_column_int64(st, 0);
			rc = 1;
			break;
		}
		snprintf(prev, sizeof(prev), "%s", hash);
		(*rows)++;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = -1;
	sqlite3_finalize(st);
	store_unlock(s);
	return rc;
}

void
store_audit_rows_free(struct store_audit_row *r, size_t n)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(r[i].actor);
		free(r[i].action);
		free(r[i].object);
		free(r[i].before);
		free(r[i].after);
		free(r[i].address);
	}
	free(r);
}

int
store_audit_list(struct store *s, int64_t before_id, size_t limit,
    const char *actor, const char *action, struct store_audit_row **out,
    size_t *n)
{
	sqlite3_stmt		*st;
	struct store_audit_row	*r;
	size_t			 cnt = 0;

	r = xcalloc(limit ? limit : 1, sizeof(*r));
	store_lock(s);
	if (store_prepare(s, "SELECT id, at, actor, action, object, before, "
	    "after, address FROM audit_log WHERE id < ?1 AND (?2 IS NULL OR "
	    "actor = ?2) AND (?3 IS NULL OR action LIKE ?3 || '%') "
	    "ORDER BY id DESC LIMIT ?4", &st) == -1) {
		store_unlock(s);
		free(r);
		return -1;
	}
	sqlite3_bind_int64(st, 1, before_id > 0 ? before_id : INT64_MAX);
	bind_opt(st, 2, actor);
	bind_opt(st, 3, action);
	sqlite3_bind_int64(st, 4, (int64_t)limit);
	while (cnt < limit && sqlite3_step(st) == SQLITE_ROW) {
		r[cnt].id = sqlite3_column_int64(st, 0);
		r[cnt].at = sqlite3_column_int64(st, 1);
		r[cnt].actor = store_col_dup(st, 2);
		r[cnt].action = store_col_dup(st, 3);
		r[cnt].object = store_col_dup(st, 4);
		r[cnt].before = store_col_dup(st, 5);
		r[cnt].after = store_col_dup(st, 6);
		r[cnt].address = store_col_dup(st, 7);
		cnt++;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*out = r;
	*n = cnt;
	return 0;
}
