/*
 * store.c - SQLite store; see store.h.
 *
 * Dates are stored as 'YYYY-MM-DD' text and instants as integer seconds UTC
 * (DESIGN.md §3).  Tables are STRICT so a wrong type is an error, not a
 * silent conversion.  The calendar's last change is kept in a one-row table
 * so that deletions move it too (it feeds ETag and DTSTAMP).
 */
#include "daemon/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"

struct store {
	sqlite3	*db;
	char	*path;
};

/* Schema migrations; index i takes the schema from version i to i + 1. */
static const char *const migrations[] = {
	"CREATE TABLE holiday_overrides ("
	"  day TEXT PRIMARY KEY CHECK (day GLOB "
	"    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	"  kind TEXT NOT NULL CHECK (kind IN ('off', 'work', 'clear')),"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	"  source TEXT CHECK (source IS NULL OR length(source) <= 500),"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE calendar_state ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  changed_at INTEGER NOT NULL"
	") STRICT;"
	"INSERT INTO calendar_state (id, changed_at) VALUES (1, 0);",
};

static int
exec(struct store *s, const char *sql)
{
	char	*msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_warnx("store: %s: %s", s->path, msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
user_version(struct store *s)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Applies the missing migrations, each in its own transaction. */
static int
migrate(struct store *s)
{
	int	v = user_version(s), n = (int)(sizeof(migrations) /
		    sizeof(migrations[0]));
	char	sql[64];

	if (v < 0)
		return -1;
	if (v > n) {
		log_warnx("store: %s: schema version %d is newer than this "
		    "program's %d", s->path, v, n);
		return -1;
	}
	for (; v < n; v++) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (exec(s, "BEGIN IMMEDIATE") == -1)
			return -1;
		if (exec(s, migrations[v]) == -1 || exec(s, sql) == -1) {
			exec(s, "ROLLBACK");
			return -1;
		}
		if (exec(s, "COMMIT") == -1)
			return -1;
		log_info("store: migrated %s to schema %d", s->path, v + 1);
	}
	return 0;
}

struct store *
store_open(const char *dir)
{
	struct store	*s = xcalloc(1, sizeof(*s));

	s->path = xasprintf("%s/baotri.db", dir);
	if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warnx("store: cannot open '%s': %s", s->path,
		    s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 5000);
	if (exec(s, "PRAGMA journal_mode = WAL") == -1 ||
	    exec(s, "PRAGMA foreign_keys = ON") == -1 ||
	    exec(s, "PRAGMA synchronous = NORMAL") == -1 ||
	    migrate(s) == -1)
		goto fail;
	return s;
fail:
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
store_schema_version(struct store *s)
{
	return user_version(s);
}

static int
prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		log_warnx("store: %s: %s", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

int
store_overrides_load(struct store *s, struct cal_override **out, size_t *n)
{
	sqlite3_stmt		*st;
	struct cal_override	*v = NULL;
	size_t			 cnt = 0, alloc = 0;
	struct cal_date		 d;
	const char		*day, *kind, *src;
	enum cal_override_kind	 k;
	int			 rc;

	if (prepare(s, "SELECT day, kind, name, source FROM holiday_overrides "
	    "ORDER BY day", &st) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		day = (const char *)sqlite3_column_text(st, 0);
		kind = (const char *)sqlite3_column_text(st, 1);
		if (day == NULL || cal_date_parse(day, strlen(day), &d,
		    NULL) == -1 || kind == NULL ||
		    cal_override_kind_parse(kind, &k) == -1) {
			log_warnx("store: %s: bad override row '%s'", s->path,
			    day ? day : "");
			continue;
		}
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		v[cnt].days = cal_date_to_days(d);
		v[cnt].kind = k;
		v[cnt].name = xstrdup((const char *)sqlite3_column_text(st, 2));
		src = (const char *)sqlite3_column_text(st, 3);
		v[cnt].source = src ? xstrdup(src) : NULL;
		cnt++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		log_warnx("store: %s: %s", s->path, sqlite3_errmsg(s->db));
		cal_overrides_free(v, cnt);
		return -1;
	}
	*out = v;
	*n = cnt;
	return 0;
}

static int
touch_calendar(struct store *s, int64_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (prepare(s, "UPDATE calendar_state SET changed_at = "
	    "max(changed_at + 1, ?) WHERE id = 1", &st) == -1)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_overrides_put(struct store *s, const struct cal_override *o, size_t n,
    int64_t now)
{
	sqlite3_stmt	*st = NULL;
	char		 day[CAL_DATE_LEN];
	size_t		 i;

	if (exec(s, "BEGIN IMMEDIATE") == -1)
		return -1;
	if (prepare(s, "INSERT INTO holiday_overrides (day, kind, name, source,"
	    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
	    "ON CONFLICT (day) DO UPDATE SET kind = ?2, name = ?3, "
	    "source = ?4, updated_at = ?5", &st) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		cal_days_format(o[i].days, day);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, cal_override_kind_name(o[i].kind), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 3, o[i].name, -1, SQLITE_TRANSIENT);
		if (o[i].source != NULL)
			sqlite3_bind_text(st, 4, o[i].source, -1,
			    SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_int64(st, 5, now);
		if (sqlite3_step(st) != SQLITE_DONE) {
			log_warnx("store: %s: override %s: %s", s->path, day,
			    sqlite3_errmsg(s->db));
			goto fail;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (touch_calendar(s, now) == -1 || exec(s, "COMMIT") == -1)
		goto fail;
	return 0;
fail:
	sqlite3_finalize(st);
	exec(s, "ROLLBACK");
	return -1;
}

int
store_override_delete(struct store *s, int32_t days, int64_t now)
{
	sqlite3_stmt	*st;
	char		 day[CAL_DATE_LEN];
	int		 changed;

	cal_days_format(days, day);
	if (exec(s, "BEGIN IMMEDIATE") == -1)
		return -1;
	if (prepare(s, "DELETE FROM holiday_overrides WHERE day = ?", &st) ==
	    -1)
		goto fail;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	if ((changed = sqlite3_changes(s->db)) > 0 &&
	    touch_calendar(s, now) == -1)
		goto fail;
	if (exec(s, "COMMIT") == -1)
		goto fail;
	return changed > 0 ? 0 : 1;
fail:
	exec(s, "ROLLBACK");
	return -1;
}

int64_t
store_calendar_changed_at(struct store *s)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;

	if (prepare(s, "SELECT changed_at FROM calendar_state WHERE id = 1",
	    &st) == -1)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
