/*
 * store_int.h - shared by the daemon/store*.c files only: the store's
 * representation and its SQL helpers.  sqlite3's types are named by their
 * struct tags so this header need not include sqlite3.h.
 */
#ifndef STORE_INT_H
#define STORE_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "daemon/store.h"

struct sqlite3;
struct sqlite3_stmt;

struct store {
	struct sqlite3	*db;
	char		*path;
	pthread_mutex_t	 lock;		/* recursive; held during a transaction */
	int		 depth;		/* nesting of store_begin() */
	bool		 failed;	/* an inner level rolled back */
	struct sqlite3	*watch;		/* a second connection: data_version */
	struct sqlite3_stmt *watch_stmt;
	pthread_mutex_t	 watch_lock;
	struct {
		const char		*sql;	/* a literal: keyed by address */
		struct sqlite3_stmt	*st;
	}		 cached[8];	/* hot statements, under the lock */
	_Atomic int64_t	 commits;	/* by this connection (commit hook) */
	_Atomic int64_t	 outside;	/* data_version, as last read */
	_Atomic int64_t	 outside_at;	/* when, monotonic ms */
};

/* Runs SQL without results; logs and returns -1 on error. */
int	store_exec(struct store *, const char *sql);
/* Prepares a statement; logs and returns -1 on error. */
int	store_prepare(struct store *, const char *sql, struct sqlite3_stmt **);
/*
 * A statement kept prepared for the store's life (sql must be a string
 * literal; at most 8 such); reset, bindings cleared.  The caller holds the
 * store's lock and ends with store_step_cached(), never finalize.
 */
int	store_prepare_cached(struct store *, const char *sql,
	    struct sqlite3_stmt **);
/* Steps a cached statement once and resets it; -1 (logged) on error. */
int	store_step_cached(struct store *, struct sqlite3_stmt *,
	    const char *what);
/* A text column copied (caller frees), or NULL for NULL. */
char	*store_col_dup(struct sqlite3_stmt *, int col);
/* An integer column, 0 for NULL. */
int64_t	store_col_int(struct sqlite3_stmt *, int col);
/* Steps a statement once and finalizes it; -1 (logged) on error. */
int	store_step_done(struct store *, struct sqlite3_stmt *,
	    const char *what);

#endif
