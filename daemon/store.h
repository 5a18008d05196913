/*
 * store.h - the SQLite store: one database file "baotri.db" in the data
 * directory, WAL journal, foreign keys on, schema migrations by
 * PRAGMA user_version (each migration one transaction).
 *
 * Schema 1 holds the operator's calendar overrides; schema 2 the users,
 * sessions, API tokens, the append-only audit log, components, units and
 * maintenances.  Several threads may use one store: every function takes
 * the store's lock.  Functions log their own failures (log_warnx) and
 * return -1.
 *
 * Transactions: store_begin() ... store_commit() or store_rollback().  They
 * nest: only the outermost level commits, and a rollback at any level makes
 * the whole transaction roll back (the outermost store_commit() then
 * returns -1).  The calling thread holds the store's lock in between.
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>

#include "calendar/holiday.h"

#define STORE_SCHEMA_VERSION	2

struct store;

/* Results where the caller must tell the causes apart. */
enum store_rc {
	STORE_OK = 0,
	STORE_ERROR = -1,	/* logged */
	STORE_NOT_FOUND = 1,
	STORE_CONFLICT = 2	/* a unique value already exists */
};

int	store_begin(struct store *);
int	store_commit(struct store *);
void	store_rollback(struct store *);
/* Holds the store's lock for several reads (recursive). */
void	store_lock(struct store *);
void	store_unlock(struct store *);

/* Opens (creating and migrating as needed) DIR/baotri.db. */
struct store *store_open(const char *dir);
void	store_close(struct store *);
int	store_schema_version(struct store *);

/* All overrides in date order; free with cal_overrides_free(). */
int	store_overrides_load(struct store *, struct cal_override **out,
	    size_t *n);
/* Inserts or replaces overrides in one transaction: all or none. */
int	store_overrides_put(struct store *, const struct cal_override *,
	    size_t n, int64_t now);
/* Deletes a day's override; 0 done, 1 there was none, -1 error. */
int	store_override_delete(struct store *, int32_t days, int64_t now);
/* When the overrides last changed (0 if never). */
int64_t	store_calendar_changed_at(struct store *);

/* A user as stored; strings owned (store_user_release()). */
struct store_user {
	int64_t	 id;
	char	*name;
	char	*role;		/* admin | approver | editor | viewer */
	char	*password_hash;	/* argon2id string, or NULL */
	int64_t	 disabled_at;	/* 0 while active */
	int64_t	 created_at;
};

void	store_user_release(struct store_user *);
enum store_rc store_user_insert(struct store *, const char *name,
	    const char *role, const char *password_hash, int64_t now,
	    int64_t *id);
enum store_rc store_user_get(struct store *, const char *name,
	    struct store_user *);
enum store_rc store_user_get_by_id(struct store *, int64_t id,
	    struct store_user *);
int	store_users_list(struct store *, struct store_user **, size_t *n);
void	store_users_free(struct store_user *, size_t n);
/* Disables a user, deletes its sessions and revokes its tokens, at once. */
enum store_rc store_user_disable(struct store *, int64_t id, int64_t now);
enum store_rc store_user_set_password(struct store *, int64_t id,
	    const char *hash, int64_t now);
/* Sessions and tokens are looked up by the hash of the secret. */
enum store_rc store_session_insert(struct store *, int64_t user_id,
	    const char *token_hash, const char *csrf, int64_t now,
	    int64_t expires_at);
/* An unexpired session of an active user; *csrf is the caller's to free. */
enum store_rc store_session_lookup(struct store *, const char *token_hash,
	    int64_t now, struct store_user *, int64_t *session_id, char **csrf);
int	store_session_delete(struct store *, int64_t session_id);
enum store_rc store_token_insert(struct store *, int64_t user_id,
	    const char *name, const char *token_hash, int64_t now);
/* The active user of an unrevoked token. */
enum store_rc store_token_lookup(struct store *, const char *token_hash,
	    struct store_user *);

/* One audit entry: who did what to which object, before and after (JSON). */
struct store_audit {
	int64_t		 at;
	const char	*actor;		/* user name, or "system" */
	const char	*action;	/* "holiday.put", "maintenance.approve" */
	const char	*object;	/* "holiday:2026-11-24", "maintenance:12" */
	const char	*before;	/* JSON or NULL */
	const char	*after;		/* JSON or NULL */
	const char	*address;	/* client address or NULL */
};

struct store_audit_row {
	int64_t	 id;
	int64_t	 at;
	char	*actor, *action, *object, *before, *after, *address;
};

/* Appends a row, chained to the previous one (joins an open transaction). */
int	store_audit_append(struct store *, const struct store_audit *);
/*
 * Re-computes the chain: 0 intact (*rows checked), 1 broken at *bad_id,
 * -1 error.
 */
int	store_audit_verify(struct store *, int64_t *rows, int64_t *bad_id);
/* Newest first, ids below before_id (0: from the newest), filtered. */
int	store_audit_list(struct store *, int64_t before_id, size_t limit,
	    const char *actor, const char *action_prefix,
	    struct store_audit_row **out, size_t *n);
void	store_audit_rows_free(struct store_audit_row *, size_t n);

#endif
