/*
 * store.h - the SQLite store: one database file "baotri.db" in the data
 * directory, WAL journal, foreign keys on, schema migrations by
 * PRAGMA user_version (each migration one transaction).
 *
 * This first schema holds the operator's calendar overrides
 * (holiday_overrides); the tables of maintenances, units, users and the
 * outbox come with their issues as further migrations.  A store is used by
 * one thread at a time; the daemon serialises access.
 * Functions log their own failures (log_warnx) and return -1.
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>

#include "calendar/holiday.h"

#define STORE_SCHEMA_VERSION	1

struct store;

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

#endif
