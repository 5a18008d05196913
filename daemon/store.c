/*
 * store.c - SQLite store; see store.h.
 *
 * Dates are stored as 'YYYY-MM-DD' text and instants as integer seconds UTC
 * (DESIGN.md §3).  Tables are STRICT so a wrong type is an error, not a
 * silent conversion.  The calendar's last change is kept in a one-row table
 * so that deletions move it too (it feeds ETag and DTSTAMP).
 */
#include "daemon/store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/store_int.h"

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

	/* 2: people, the audit log, and what maintenance is about. */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),"
	"  role TEXT NOT NULL CHECK (role IN"
	"    ('admin', 'approver', 'editor', 'viewer')),"
	"  password_hash TEXT,"
	"  disabled_at INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  csrf_token TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  created_at INTEGER NOT NULL,"
	"  revoked_at INTEGER"
	") STRICT;"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL,"
	"  before TEXT,"
	"  after TEXT,"
	"  address TEXT,"
	"  prev_hash TEXT NOT NULL,"
	"  hash TEXT NOT NULL"
	") STRICT;"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TABLE components ("
	"  id INTEGER PRIMARY KEY,"
	"  slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	"  name_en TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE units ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE unit_contacts ("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  email TEXT NOT NULL,"
	"  language TEXT NOT NULL CHECK (language IN ('vi', 'en'))"
	") STRICT;"
	"CREATE TABLE unit_components ("
	"  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,"
	"  component_id INTEGER NOT NULL REFERENCES components (id),"
	"  PRIMARY KEY (unit_id, component_id)"
	") STRICT;"
	"CREATE TABLE maintenances ("
	"  id INTEGER PRIMARY KEY,"
	"  uid TEXT NOT NULL UNIQUE,"
	"  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted',"
	"    'approved', 'in_progress', 'completed', 'cancelled')),"
	"  sequence INTEGER NOT NULL DEFAULT 0,"
	"  content TEXT NOT NULL,"
	"  start_at INTEGER NOT NULL,"
	"  end_at INTEGER NOT NULL CHECK (end_at > start_at),"
	"  category TEXT NOT NULL CHECK (category IN ('planned', 'emergency')),"
	"  author_id INTEGER NOT NULL REFERENCES users (id),"
	"  approver_id INTEGER REFERENCES users (id),"
	"  notice_at INTEGER,"
	"  noticed_start_at INTEGER,"
	"  noticed_end_at INTEGER,"
	"  flagged_at INTEGER,"
	"  flag_reason TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX maintenances_start ON maintenances (start_at);"
	"CREATE TABLE maintenance_components ("
	"  maintenance_id INTEGER NOT NULL REFERENCES maintenances (id)"
	"    ON DELETE CASCADE,"
	"  component_id INTEGER NOT NULL REFERENCES components (id),"
	"  PRIMARY KEY (maintenance_id, component_id)"
	") STRICT;"
	"CREATE TABLE maintenance_versions ("
	"  maintenance_id INTEGER NOT NULL REFERENCES maintenances (id),"
	"  sequence INTEGER NOT NULL,"
	"  content TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  PRIMARY KEY (maintenance_id, sequence)"
	") STRICT;"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  maintenance_id INTEGER REFERENCES maintenances (id),"
	"  sequence INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  done_at INTEGER"
	") STRICT;",

	/* 3: what was sent to whom, and every attempt. */
	"ALTER TABLE outbox ADD COLUMN notice TEXT;"
	"CREATE INDEX outbox_pending ON outbox (done_at, id);"
	"CREATE TABLE deliveries ("
	"  id INTEGER PRIMARY KEY,"
	"  outbox_id INTEGER NOT NULL REFERENCES outbox (id),"
	"  maintenance_id INTEGER REFERENCES maintenances (id),"
	"  kind TEXT NOT NULL,"
	"  sequence INTEGER NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  recipient_name TEXT,"
	"  language TEXT NOT NULL DEFAULT 'vi',"
	"  unit_id INTEGER REFERENCES units (id),"
	"  message_id TEXT NOT NULL UNIQUE,"
	"  state TEXT NOT NULL CHECK (state IN"
	"    ('pending', 'sending', 'sent', 'failed')),"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt_at INTEGER NOT NULL,"
	"  lease_until INTEGER,"
	"  last_reply TEXT,"
	"  queue_id TEXT,"
	"  accepted_at INTEGER,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);"
	"CREATE INDEX deliveries_maintenance ON deliveries (maintenance_id,"
	"  recipient);"
	"CREATE TABLE delivery_attempts ("
	"  id INTEGER PRIMARY KEY,"
	"  delivery_id INTEGER NOT NULL REFERENCES deliveries (id),"
	"  at INTEGER NOT NULL,"
	"  outcome TEXT NOT NULL,"
	"  reply TEXT"
	") STRICT;",

	/* 4: acknowledgements, public subscribers and their consent. */
	"CREATE TABLE secrets ("
	"  name TEXT PRIMARY KEY,"
	"  value BLOB NOT NULL"
	") STRICT;"
	"CREATE TABLE acknowledgements ("
	"  maintenance_id INTEGER NOT NULL REFERENCES maintenances (id),"
	"  unit_id INTEGER NOT NULL REFERENCES units (id),"
	"  acknowledged_at INTEGER NOT NULL,"
	"  address TEXT,"
	"  PRIMARY KEY (maintenance_id, unit_id)"
	") STRICT;"
	"CREATE TABLE subscribers ("
	"  id INTEGER PRIMARY KEY,"
	"  email TEXT NOT NULL,"
	"  email_key TEXT NOT NULL UNIQUE,"
	"  language TEXT NOT NULL CHECK (language IN ('vi', 'en')),"
	"  all_components INTEGER NOT NULL DEFAULT 0,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('pending', 'confirmed', 'unsubscribed')),"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  confirmed_at INTEGER,"
	"  unsubscribed_at INTEGER"
	") STRICT;"
	"CREATE TABLE subscriber_components ("
	"  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id)"
	"    ON DELETE CASCADE,"
	"  component_id INTEGER NOT NULL REFERENCES components (id),"
	"  PRIMARY KEY (subscriber_id, component_id)"
	") STRICT;"
	"CREATE TABLE consent_log ("
	"  id INTEGER PRIMARY KEY,"
	"  subscriber_id INTEGER NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  action TEXT NOT NULL,"
	"  detail TEXT,"
	"  address TEXT"
	") STRICT;"
	"CREATE TRIGGER consent_log_no_update BEFORE UPDATE ON consent_log "
	"  BEGIN SELECT RAISE(ABORT, 'the consent log is append-only'); END;"
	"CREATE TRIGGER consent_log_no_delete BEFORE DELETE ON consent_log "
	"  BEGIN SELECT RAISE(ABORT, 'the consent log is append-only'); END;"
	"ALTER TABLE outbox ADD COLUMN subscriber_id INTEGER"
	"  REFERENCES subscribers (id);"
	"ALTER TABLE deliveries ADD COLUMN subscriber_id INTEGER"
	"  REFERENCES subscribers (id);",

	/* 5: leasing in id order stops at the batch size. */
	"CREATE INDEX deliveries_state_id ON deliveries (state, id);",

	/* 6: webhooks, delivered like mail. */
	"CREATE TABLE webhooks ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL CHECK (length(url) <= 2000),"
	"  secret TEXT NOT NULL,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"ALTER TABLE deliveries ADD COLUMN webhook_id INTEGER"
	"  REFERENCES webhooks (id);",

	/* 7: a unit's feed token is signed over this; +1 revokes the old. */
	"ALTER TABLE units ADD COLUMN feed_gen INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX maintenances_updated ON maintenances (updated_at);",
};

int
store_exec(struct store *s, const char *sql)
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
		if (store_exec(s, "BEGIN IMMEDIATE") == -1)
			return -1;
		if (store_exec(s, migrations[v]) == -1 || store_exec(s, sql) == -1) {
			store_exec(s, "ROLLBACK");
			return -1;
		}
		if (store_exec(s, "COMMIT") == -1)
			return -1;
		log_info("store: migrated %s to schema %d", s->path, v + 1);
	}
	return 0;
}

/*
 * Called after each commit of our connection is visible to readers (WAL
 * mode): counts it for store_generation_public(), and checkpoints as the
 * default hook that this one replaces would (1,000 pages).
 */
static int
count_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store	*s = arg;

	s->commits++;
	if (pages >= 1000)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
	return SQLITE_OK;
}

struct store *
store_open(const char *dir)
{
	struct store		*s = xcalloc(1, sizeof(*s));
	pthread_mutexattr_t	 attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&s->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	pthread_mutex_init(&s->watch_lock, NULL);
	s->path = xasprintf("%s/baotri.db", dir);
	if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warnx("store: cannot open '%s': %s", s->path,
		    s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_wal_hook(s->db, count_commit, s);
	if (store_exec(s, "PRAGMA journal_mode = WAL") == -1 ||
	    store_exec(s, "PRAGMA foreign_keys = ON") == -1 ||
	    store_exec(s, "PRAGMA synchronous = NORMAL") == -1 ||
	    migrate(s) == -1)
		goto fail;
	/*
	 * PRAGMA data_version on a second connection changes with every
	 * commit of any other connection, ours and other processes' alike:
	 * a cheap generation number for caches.
	 */
	if (sqlite3_open_v2(s->path, &s->watch, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warnx("store: cannot open '%s' twice", s->path);
		goto fail;
	}
	return s;
fail:
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < sizeof(s->cached) / sizeof(s->cached[0]); i++)
		sqlite3_finalize(s->cached[i].st);
	sqlite3_close(s->db);
	sqlite3_finalize(s->watch_stmt);
	sqlite3_close(s->watch);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->watch_lock);
	free(s->path);
	free(s);
}

int
store_schema_version(struct store *s)
{
	int	v;

	store_lock(s);
	v = user_version(s);
	store_unlock(s);
	return v;
}

void
store_lock(struct store *s)
{
	pthread_mutex_lock(&s->lock);
}

void
store_unlock(struct store *s)
{
	pthread_mutex_unlock(&s->lock);
}

int
store_begin(struct store *s)
{
	store_lock(s);
	if (s->depth == 0) {
		s->failed = false;
		if (store_exec(s, "BEGIN IMMEDIATE") == -1) {
			store_unlock(s);
			return -1;
		}
	}
	s->depth++;
	return 0;
}

/* Ends one level; the outermost level commits, or rolls back on failure. */
static int
store_end(struct store *s, bool ok)
{
	int	rc = 0;

	if (s->depth <= 0)
		fatalx("bug: store: end of a transaction never begun");
	if (!ok)
		s->failed = true;
	if (--s->depth == 0) {
		if (s->failed || store_exec(s, "COMMIT") == -1) {
			store_exec(s, "ROLLBACK");
			rc = -1;
		}
	} else if (s->failed)
		rc = -1;
	store_unlock(s);
	return rc;
}

int
store_commit(struct store *s)
{
	return store_end(s, true);
}

void
store_rollback(struct store *s)
{
	store_end(s, false);
}

int64_t
store_generation_public(struct store *s)
{
	struct timespec	ts;
	int64_t		ms;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (ms - s->outside_at >= STORE_OUTSIDE_MS) {
		s->outside = store_generation(s);
		s->outside_at = ms;
	}
	/* Our commits move it at once; other processes' within the window. */
	return s->commits * 1000003 + s->outside;
}

int64_t
store_generation(struct store *s)
{
	int64_t	v = -1;

	pthread_mutex_lock(&s->watch_lock);
	if (s->watch_stmt == NULL)
		sqlite3_prepare_v2(s->watch, "PRAGMA data_version", -1,
		    &s->watch_stmt, NULL);
	if (s->watch_stmt != NULL) {
		if (sqlite3_step(s->watch_stmt) == SQLITE_ROW)
			v = sqlite3_column_int64(s->watch_stmt, 0);
		sqlite3_reset(s->watch_stmt);
	}
	pthread_mutex_unlock(&s->watch_lock);
	return v;
}

int
store_prepare_cached(struct store *s, const char *sql, sqlite3_stmt **st)
{
	size_t	i, n = sizeof(s->cached) / sizeof(s->cached[0]);

	for (i = 0; i < n && s->cached[i].sql != NULL; i++)
		if (s->cached[i].sql == sql) {
			*st = s->cached[i].st;
			sqlite3_reset(*st);
			sqlite3_clear_bindings(*st);
			return 0;
		}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL) != SQLITE_OK) {
		log_warnx("store: %s: %s", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	if (i == n) {		/* a programming error: raise the limit */
		log_warnx("store: more than %zu cached statements", n);
		sqlite3_finalize(*st);
		return -1;
	}
	s->cached[i].sql = sql;
	s->cached[i].st = *st;
	return 0;
}

int
store_step_cached(struct store *s, sqlite3_stmt *st, const char *what)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		log_warnx("store: %s: %s: %s", s->path, what,
		    sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

int
store_prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		log_warnx("store: %s: %s", s->path, sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

char *
store_col_dup(sqlite3_stmt *st, int i)
{
	const char	*v = (const char *)sqlite3_column_text(st, i);

	return v != NULL ? xstrdup(v) : NULL;
}

int64_t
store_col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, i);
}

int
store_step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int	rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		log_warnx("store: %s: %s: %s", s->path, what,
		    sqlite3_errmsg(s->db));
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

	store_lock(s);
	if (store_prepare(s, "SELECT day, kind, name, source FROM "
	    "holiday_overrides ORDER BY day", &st) == -1) {
		store_unlock(s);
		return -1;
	}
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
	store_unlock(s);
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

	if (store_prepare(s, "UPDATE calendar_state SET changed_at = "
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

	if (store_begin(s) == -1)
		return -1;
	if (store_prepare(s, "INSERT INTO holiday_overrides (day, kind, name, source,"
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
	if (touch_calendar(s, now) == -1)
		goto fail;
	return store_commit(s);
fail:
	sqlite3_finalize(st);
	store_rollback(s);
	return -1;
}

int
store_override_delete(struct store *s, int32_t days, int64_t now)
{
	sqlite3_stmt	*st;
	char		 day[CAL_DATE_LEN];
	int		 changed;

	cal_days_format(days, day);
	if (store_begin(s) == -1)
		return -1;
	if (store_prepare(s, "DELETE FROM holiday_overrides WHERE day = ?", &st) ==
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
	if (store_commit(s) == -1)
		return -1;
	return changed > 0 ? 0 : 1;
fail:
	store_rollback(s);
	return -1;
}

int64_t
store_calendar_changed_at(struct store *s)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT changed_at FROM calendar_state WHERE "
	    "id = 1", &st) == 0) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	store_unlock(s);
	return v;
}
