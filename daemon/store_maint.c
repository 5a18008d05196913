/*
 * store_maint.c - components, units (with contacts and the components each
 * depends on), maintenances (with affected components, content versions)
 * and the outbox rows the workflow writes for the notifier.
 *
 * A maintenance's texts live as one JSON document in `content` (the same
 * document is kept per sent version in maintenance_versions); the columns
 * are what is searched or ordered on.
 */
#include "daemon/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/store_int.h"

static void
bind_opt_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (v != 0)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_opt_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Steps an INSERT; maps a constraint failure to STORE_CONFLICT. */
static enum store_rc
step_insert(struct store *s, sqlite3_stmt *st, const char *what, int64_t *id)
{
	int	rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return STORE_CONFLICT;
	if (rc != SQLITE_DONE) {
		log_warnx("store: %s: %s: %s", s->path, what,
		    sqlite3_errmsg(s->db));
		return STORE_ERROR;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	return STORE_OK;
}

/* Components. */

enum store_rc
store_component_insert(struct store *s, const char *slug, const char *name,
    const char *name_en, int64_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;

	store_lock(s);
	if (store_prepare(s, "INSERT INTO components (slug, name, name_en, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?)", &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	bind_opt_text(st, 3, name_en);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	rc = step_insert(s, st, "component", id);
	store_unlock(s);
	return rc;
}

enum store_rc
store_component_id(struct store *s, const char *slug, int64_t *id)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_NOT_FOUND;

	store_lock(s);
	if (store_prepare(s, "SELECT id FROM components WHERE slug = ?",
	    &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	return rc;
}

void
store_components_free(struct store_component *c, size_t n)
{
	size_t	i;

	for (i = 0; c != NULL && i < n; i++) {
		free(c[i].slug);
		free(c[i].name);
		free(c[i].name_en);
	}
	free(c);
}

int
store_components_list(struct store *s, struct store_component **out,
    size_t *n)
{
	sqlite3_stmt		*st;
	struct store_component	*v = NULL;
	size_t			 cnt = 0, alloc = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT id, slug, name, name_en FROM components "
	    "ORDER BY slug", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		v[cnt].id = sqlite3_column_int64(st, 0);
		v[cnt].slug = store_col_dup(st, 1);
		v[cnt].name = store_col_dup(st, 2);
		v[cnt].name_en = store_col_dup(st, 3);
		cnt++;
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

/* Units. */

static int
unit_children(struct store *s, int64_t unit, const struct store_unit *u)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < u->ncontacts; i++) {
		if (store_prepare(s, "INSERT INTO unit_contacts (unit_id, name, "
		    "email, language) VALUES (?, ?, ?, ?)", &st) == -1)
			return -1;
		sqlite3_bind_int64(st, 1, unit);
		sqlite3_bind_text(st, 2, u->contacts[i].name, -1,
		    SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, u->contacts[i].email, -1,
		    SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, u->contacts[i].language, -1,
		    SQLITE_TRANSIENT);
		if (store_step_done(s, st, "contact") == -1)
			return -1;
	}
	for (i = 0; i < u->ncomponents; i++) {
		if (store_prepare(s, "INSERT OR IGNORE INTO unit_components "
		    "(unit_id, component_id) VALUES (?, ?)", &st) == -1)
			return -1;
		sqlite3_bind_int64(st, 1, unit);
		sqlite3_bind_int64(st, 2, u->component_ids[i]);
		if (store_step_done(s, st, "unit component") == -1)
			return -1;
	}
	return 0;
}

enum store_rc
store_unit_save(struct store *s, struct store_unit *u, int64_t now)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc;

	if (store_begin(s) == -1)
		return STORE_ERROR;
	if (u->id == 0) {
		if (store_prepare(s, "INSERT INTO units (name, created_at, "
		    "updated_at) VALUES (?, ?, ?)", &st) == -1)
			goto fail;
		sqlite3_bind_text(st, 1, u->name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, now);
		sqlite3_bind_int64(st, 3, now);
		if ((rc = step_insert(s, st, "unit", &u->id)) != STORE_OK) {
			store_rollback(s);
			return rc;
		}
	} else {
		if (store_prepare(s, "UPDATE units SET name = ?, updated_at = "
		    "? WHERE id = ?", &st) == -1)
			goto fail;
		sqlite3_bind_text(st, 1, u->name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, now);
		sqlite3_bind_int64(st, 3, u->id);
		if ((rc = step_insert(s, st, "unit", NULL)) != STORE_OK) {
			store_rollback(s);
			return rc;
		}
		if (store_prepare(s, "DELETE FROM unit_contacts WHERE "
		    "unit_id = ?", &st) == -1)
			goto fail;
		sqlite3_bind_int64(st, 1, u->id);
		if (store_step_done(s, st, "contacts") == -1)
			goto fail;
		if (store_prepare(s, "DELETE FROM unit_components WHERE "
		    "unit_id = ?", &st) == -1)
			goto fail;
		sqlite3_bind_int64(st, 1, u->id);
		if (store_step_done(s, st, "unit components") == -1)
			goto fail;
	}
	if (unit_children(s, u->id, u) == -1)
		goto fail;
	return store_commit(s) == 0 ? STORE_OK : STORE_ERROR;
fail:
	store_rollback(s);
	return STORE_ERROR;
}

void
store_unit_release(struct store_unit *u)
{
	size_t	i;

	free(u->name);
	for (i = 0; i < u->ncontacts; i++) {
		free(u->contacts[i].name);
		free(u->contacts[i].email);
		free(u->contacts[i].language);
	}
	free(u->contacts);
	for (i = 0; i < u->ncomponents; i++)
		free(u->component_slugs[i]);
	free(u->component_slugs);
	free(u->component_ids);
	memset(u, 0, sizeof(*u));
}

/* Fills a unit's contacts and components. */
static int
unit_load_children(struct store *s, struct store_unit *u)
{
	sqlite3_stmt	*st;
	size_t		 alloc = 0;

	if (store_prepare(s, "SELECT name, email, language FROM unit_contacts "
	    "WHERE unit_id = ? ORDER BY id", &st) == -1)
		return -1;
	sqlite3_bind_int64(st, 1, u->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (u->ncontacts == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			u->contacts = xreallocarray(u->contacts, alloc,
			    sizeof(*u->contacts));
		}
		u->contacts[u->ncontacts].name = store_col_dup(st, 0);
		u->contacts[u->ncontacts].email = store_col_dup(st, 1);
		u->contacts[u->ncontacts].language = store_col_dup(st, 2);
		u->ncontacts++;
	}
	sqlite3_finalize(st);
	if (store_prepare(s, "SELECT c.id, c.slug FROM unit_components uc JOIN "
	    "components c ON c.id = uc.component_id WHERE uc.unit_id = ? "
	    "ORDER BY c.slug", &st) == -1)
		return -1;
	sqlite3_bind_int64(st, 1, u->id);
	alloc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (u->ncomponents == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			u->component_ids = xreallocarray(u->component_ids,
			    alloc, sizeof(*u->component_ids));
			u->component_slugs = xreallocarray(u->component_slugs,
			    alloc, sizeof(*u->component_slugs));
		}
		u->component_ids[u->ncomponents] = sqlite3_column_int64(st, 0);
		u->component_slugs[u->ncomponents] = store_col_dup(st, 1);
		u->ncomponents++;
	}
	sqlite3_finalize(st);
	return 0;
}

int
store_units_list(struct store *s, int64_t only_id, struct store_unit **out,
    size_t *n)
{
	sqlite3_stmt		*st;
	struct store_unit	*v = NULL;
	size_t			 cnt = 0, alloc = 0, i;

	store_lock(s);
	if (store_prepare(s, "SELECT id, name FROM units WHERE ?1 = 0 OR "
	    "id = ?1 ORDER BY name", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, only_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		memset(&v[cnt], 0, sizeof(v[cnt]));
		v[cnt].id = sqlite3_column_int64(st, 0);
		v[cnt].name = store_col_dup(st, 1);
		cnt++;
	}
	sqlite3_finalize(st);
	for (i = 0; i < cnt; i++)
		unit_load_children(s, &v[i]);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

void
store_units_free(struct store_unit *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		store_unit_release(&v[i]);
	free(v);
}

/* Maintenances. */

#define MAINT_COLS "m.id, m.uid, m.status, m.sequence, m.content, " \
	"m.start_at, m.end_at, m.category, m.author_id, m.approver_id, " \
	"m.notice_at, m.noticed_start_at, m.noticed_end_at, m.flagged_at, " \
	"m.flag_reason, m.created_at, m.updated_at, a.name, p.name"
#define MAINT_FROM " FROM maintenances m JOIN users a ON a.id = " \
	"m.author_id LEFT JOIN users p ON p.id = m.approver_id"

static void
read_maint(sqlite3_stmt *st, struct store_maint *m)
{
	memset(m, 0, sizeof(*m));
	m->id = sqlite3_column_int64(st, 0);
	m->uid = store_col_dup(st, 1);
	m->status = store_col_dup(st, 2);
	m->sequence = sqlite3_column_int64(st, 3);
	m->content = store_col_dup(st, 4);
	m->start_at = sqlite3_column_int64(st, 5);
	m->end_at = sqlite3_column_int64(st, 6);
	m->category = store_col_dup(st, 7);
	m->author_id = sqlite3_column_int64(st, 8);
	m->approver_id = store_col_int(st, 9);
	m->notice_at = store_col_int(st, 10);
	m->noticed_start_at = store_col_int(st, 11);
	m->noticed_end_at = store_col_int(st, 12);
	m->flagged_at = store_col_int(st, 13);
	m->flag_reason = store_col_dup(st, 14);
	m->created_at = sqlite3_column_int64(st, 15);
	m->updated_at = sqlite3_column_int64(st, 16);
	m->author = store_col_dup(st, 17);
	m->approver = store_col_dup(st, 18);
}

static void
load_maint_components(struct store *s, struct store_maint *m)
{
	sqlite3_stmt	*st;
	size_t		 alloc = 0;

	if (store_prepare(s, "SELECT c.id, c.slug FROM maintenance_components "
	    "mc JOIN components c ON c.id = mc.component_id WHERE "
	    "mc.maintenance_id = ? ORDER BY c.slug", &st) == -1)
		return;
	sqlite3_bind_int64(st, 1, m->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (m->ncomponents == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			m->component_ids = xreallocarray(m->component_ids,
			    alloc, sizeof(*m->component_ids));
			m->component_slugs = xreallocarray(m->component_slugs,
			    alloc, sizeof(*m->component_slugs));
		}
		m->component_ids[m->ncomponents] = sqlite3_column_int64(st, 0);
		m->component_slugs[m->ncomponents] = store_col_dup(st, 1);
		m->ncomponents++;
	}
	sqlite3_finalize(st);
}

void
store_maint_release(struct store_maint *m)
{
	size_t	i;

	free(m->uid);
	free(m->status);
	free(m->content);
	free(m->category);
	free(m->flag_reason);
	free(m->author);
	free(m->approver);
	for (i = 0; i < m->ncomponents; i++)
		free(m->component_slugs[i]);
	free(m->component_slugs);
	free(m->component_ids);
	memset(m, 0, sizeof(*m));
}

void
store_maints_free(struct store_maint *v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		store_maint_release(&v[i]);
	free(v);
}

enum store_rc
store_maint_get(struct store *s, int64_t id, struct store_maint *m)
{
	sqlite3_stmt	*st;
	enum store_rc	 rc = STORE_NOT_FOUND;

	memset(m, 0, sizeof(*m));
	store_lock(s);
	if (store_prepare(s, "SELECT " MAINT_COLS MAINT_FROM " WHERE m.id = ?",
	    &st) == -1) {
		store_unlock(s);
		return STORE_ERROR;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		read_maint(st, m);
		rc = STORE_OK;
	}
	sqlite3_finalize(st);
	if (rc == STORE_OK)
		load_maint_components(s, m);
	store_unlock(s);
	return rc;
}

/*
 * Reads up to limit rows of a prepared maintenance query (MAINT_COLS) with
 * their components, finalizes it and unlocks the store (locked by the
 * caller around the prepare).
 */
static int
read_maints(struct store *s, sqlite3_stmt *st, size_t limit,
    struct store_maint **out, size_t *n)
{
	struct store_maint	*v = xcalloc(limit ? limit : 1, sizeof(*v));
	size_t			 cnt = 0, i;

	while (cnt < limit && sqlite3_step(st) == SQLITE_ROW)
		read_maint(st, &v[cnt++]);
	sqlite3_finalize(st);
	for (i = 0; i < cnt; i++)
		load_maint_components(s, &v[i]);
	store_unlock(s);
	*out = v;
	*n = cnt;
	return 0;
}

int
store_maint_list(struct store *s, const struct store_maint_filter *f,
    struct store_maint **out, size_t *n)
{
	sqlite3_stmt	*st;

	store_lock(s);
	if (store_prepare(s, "SELECT " MAINT_COLS MAINT_FROM " WHERE "
	    "m.id > ?1 AND m.end_at > ?2 AND m.start_at < ?3 AND "
	    "(?4 IS NULL OR m.status = ?4) AND (?5 = 0 OR "
	    "m.flagged_at IS NOT NULL) ORDER BY m.id LIMIT ?6", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, f->after_id);
	sqlite3_bind_int64(st, 2, f->from_at);
	sqlite3_bind_int64(st, 3, f->to_at ? f->to_at : INT64_MAX);
	bind_opt_text(st, 4, f->status);
	sqlite3_bind_int(st, 5, f->flagged_only);
	sqlite3_bind_int64(st, 6, (int64_t)f->limit);
	return read_maints(s, st, f->limit, out, n);
}

int
store_maint_published(struct store *s, const struct store_feed_filter *f,
    struct store_maint **out, size_t *n)
{
	sqlite3_stmt	*st;

	store_lock(s);
	if (store_prepare(s, "SELECT " MAINT_COLS MAINT_FROM " WHERE "
	    "m.notice_at IS NOT NULL AND m.end_at > ?1 AND (m.status IN "
	    "('approved', 'in_progress', 'completed') OR (m.status = "
	    "'cancelled' AND m.updated_at >= ?2)) AND (?3 IS NULL OR EXISTS "
	    "(SELECT 1 FROM maintenance_components mc WHERE mc.maintenance_id"
	    " = m.id AND mc.component_id IN (SELECT value FROM json_each(?3))"
	    ")) ORDER BY m.start_at DESC, m.id DESC LIMIT ?4", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, f->ended_after);
	sqlite3_bind_int64(st, 2, f->cancelled_after);
	bind_opt_text(st, 3, f->components_json);
	sqlite3_bind_int64(st, 4, (int64_t)f->limit);
	return read_maints(s, st, f->limit, out, n);
}

int
store_unit_feed_gen(struct store *s, int64_t unit_id, bool rotate,
    int64_t now, int64_t *gen)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	store_lock(s);
	if (rotate) {
		if (store_prepare(s, "UPDATE units SET feed_gen = feed_gen + 1,"
		    " updated_at = ? WHERE id = ?", &st) == -1)
			goto out;
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int64(st, 2, unit_id);
		if (store_step_done(s, st, "unit feed") == -1)
			goto out;
	}
	if (store_prepare(s, "SELECT feed_gen FROM units WHERE id = ?", &st)
	    == -1)
		goto out;
	sqlite3_bind_int64(st, 1, unit_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*gen = sqlite3_column_int64(st, 0);
		rc = 1;
	} else
		rc = 0;
	sqlite3_finalize(st);
out:
	store_unlock(s);
	return rc;
}

static int
save_maint_components(struct store *s, const struct store_maint *m)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (store_prepare(s, "DELETE FROM maintenance_components WHERE "
	    "maintenance_id = ?", &st) == -1)
		return -1;
	sqlite3_bind_int64(st, 1, m->id);
	if (store_step_done(s, st, "maintenance components") == -1)
		return -1;
	for (i = 0; i < m->ncomponents; i++) {
		if (store_prepare(s, "INSERT OR IGNORE INTO "
		    "maintenance_components (maintenance_id, component_id) "
		    "VALUES (?, ?)", &st) == -1)
			return -1;
		sqlite3_bind_int64(st, 1, m->id);
		sqlite3_bind_int64(st, 2, m->component_ids[i]);
		if (store_step_done(s, st, "maintenance component") == -1)
			return -1;
	}
	return 0;
}

int
store_maint_save(struct store *s, struct store_maint *m, int64_t now)
{
	sqlite3_stmt	*st;

	if (store_begin(s) == -1)
		return -1;
	if (m->id == 0) {
		if (store_prepare(s, "INSERT INTO maintenances (uid, status, "
		    "sequence, content, start_at, end_at, category, author_id,"
		    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?)", &st) == -1)
			goto fail;
		sqlite3_bind_text(st, 1, m->uid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, m->status, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, m->sequence);
		sqlite3_bind_text(st, 4, m->content, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, m->start_at);
		sqlite3_bind_int64(st, 6, m->end_at);
		sqlite3_bind_text(st, 7, m->category, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 8, m->author_id);
		sqlite3_bind_int64(st, 9, now);
		sqlite3_bind_int64(st, 10, now);
		if (step_insert(s, st, "maintenance", &m->id) != STORE_OK)
			goto fail;
		m->created_at = now;
	} else {
		if (store_prepare(s, "UPDATE maintenances SET status = ?, "
		    "sequence = ?, content = ?, start_at = ?, end_at = ?, "
		    "category = ?, approver_id = ?, notice_at = ?, "
		    "noticed_start_at = ?, noticed_end_at = ?, flagged_at = ?, "
		    "flag_reason = ?, updated_at = ? WHERE id = ?", &st) == -1)
			goto fail;
		sqlite3_bind_text(st, 1, m->status, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, m->sequence);
		sqlite3_bind_text(st, 3, m->content, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, m->start_at);
		sqlite3_bind_int64(st, 5, m->end_at);
		sqlite3_bind_text(st, 6, m->category, -1, SQLITE_TRANSIENT);
		bind_opt_int(st, 7, m->approver_id);
		bind_opt_int(st, 8, m->notice_at);
		bind_opt_int(st, 9, m->noticed_start_at);
		bind_opt_int(st, 10, m->noticed_end_at);
		bind_opt_int(st, 11, m->flagged_at);
		bind_opt_text(st, 12, m->flag_reason);
		sqlite3_bind_int64(st, 13, now);
		sqlite3_bind_int64(st, 14, m->id);
		if (store_step_done(s, st, "maintenance") == -1)
			goto fail;
	}
	m->updated_at = now;
	if (save_maint_components(s, m) == -1)
		goto fail;
	return store_commit(s);
fail:
	store_rollback(s);
	return -1;
}

int
store_maint_overlap(struct store *s, const struct store_maint *m,
    int64_t *other)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 found = 0;

	store_lock(s);
	for (i = 0; i < m->ncomponents && !found; i++) {
		if (store_prepare(s, "SELECT m.id FROM maintenances m JOIN "
		    "maintenance_components mc ON mc.maintenance_id = m.id "
		    "WHERE mc.component_id = ? AND m.id != ? AND m.status IN "
		    "('approved', 'in_progress') AND m.start_at < ? AND "
		    "m.end_at > ? ORDER BY m.start_at LIMIT 1", &st) == -1) {
			store_unlock(s);
			return -1;
		}
		sqlite3_bind_int64(st, 1, m->component_ids[i]);
		sqlite3_bind_int64(st, 2, m->id);
		sqlite3_bind_int64(st, 3, m->end_at);
		sqlite3_bind_int64(st, 4, m->start_at);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*other = sqlite3_column_int64(st, 0);
			found = 1;
		}
		sqlite3_finalize(st);
	}
	store_unlock(s);
	return found;
}

int
store_maint_version_add(struct store *s, int64_t id, int64_t sequence,
    const char *content, int64_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	store_lock(s);
	if (store_prepare(s, "INSERT OR REPLACE INTO maintenance_versions "
	    "(maintenance_id, sequence, content, created_at) VALUES "
	    "(?, ?, ?, ?)", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, sequence);
	sqlite3_bind_text(st, 3, content, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	rc = store_step_done(s, st, "version");
	store_unlock(s);
	return rc;
}

int
store_outbox_add(struct store *s, const char *kind, int64_t maint_id,
    int64_t sequence, int64_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	store_lock(s);
	if (store_prepare(s, "INSERT INTO outbox (kind, maintenance_id, "
	    "sequence, created_at) VALUES (?, ?, ?, ?)", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	bind_opt_int(st, 2, maint_id);
	sqlite3_bind_int64(st, 3, sequence);
	sqlite3_bind_int64(st, 4, now);
	rc = store_step_done(s, st, "outbox");
	store_unlock(s);
	return rc;
}

int
store_maint_next_due(struct store *s, bool auto_complete, int64_t *at)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	store_lock(s);
	if (store_prepare(s, "SELECT min(t) FROM (SELECT start_at AS t FROM "
	    "maintenances WHERE status = 'approved' UNION ALL SELECT end_at "
	    "FROM maintenances WHERE status = 'in_progress' AND ?1)",
	    &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_int(st, 1, auto_complete);
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
store_maint_ids(struct store *s, const char *status, int64_t min_start,
    int64_t max_start, int64_t **ids, size_t *n)
{
	sqlite3_stmt	*st;
	size_t		 cnt = 0, alloc = 0;
	int64_t		*v = NULL;

	store_lock(s);
	if (store_prepare(s, "SELECT id FROM maintenances WHERE status = ? AND "
	    "start_at >= ? AND start_at <= ? ORDER BY start_at", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	sqlite3_bind_text(st, 1, status, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, min_start);
	sqlite3_bind_int64(st, 3, max_start);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (cnt == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			v = xreallocarray(v, alloc, sizeof(*v));
		}
		v[cnt++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	store_unlock(s);
	*ids = v;
	*n = cnt;
	return 0;
}

int
store_maint_counts(struct store *s, const char *const *statuses,
    int64_t *counts, size_t n)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < n; i++)
		counts[i] = 0;
	store_lock(s);
	if (store_prepare(s, "SELECT status, count(*) FROM maintenances GROUP "
	    "BY status", &st) == -1) {
		store_unlock(s);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < n; i++)
			if (strcmp(statuses[i], (const char *)
			    sqlite3_column_text(st, 0)) == 0)
				counts[i] = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	store_unlock(s);
	return 0;
}

char *
store_maint_version(struct store *s, int64_t id, int64_t sequence)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	store_lock(s);
	if (store_prepare(s, "SELECT content FROM maintenance_versions WHERE "
	    "maintenance_id = ? AND sequence = ?", &st) == 0) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, sequence);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = store_col_dup(st, 0);
		sqlite3_finalize(st);
	}
	store_unlock(s);
	return v;
}

char *
store_maint_versions(struct store *s, int64_t id)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	store_lock(s);
	if (store_prepare(s, "SELECT json_group_array(json_object('sequence',"
	    " sequence, 'created_at', created_at, 'content', json(content))) "
	    "FROM (SELECT * FROM maintenance_versions WHERE maintenance_id = ?"
	    " ORDER BY sequence)", &st) == 0) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = store_col_dup(st, 0);
		sqlite3_finalize(st);
	}
	store_unlock(s);
	return v;
}
