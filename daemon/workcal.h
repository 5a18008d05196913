/*
 * workcal.h - the daemon's working calendar: the layered calendar of
 * calendar/holiday.h loaded from the shipped schedules and the store's
 * overrides, with the zone and the rule settings, shared by all threads.
 *
 * Readers take the calendar with workcal_acquire() and give it back with
 * workcal_release() (a read lock).  Changes go to the store first and then to
 * the calendar under the write lock, so the calendar in memory is always
 * what the store holds.
 */
#ifndef WORKCAL_H
#define WORKCAL_H

#include <stddef.h>
#include <stdint.h>

#include "calendar/date.h"
#include "calendar/holiday.h"
#include "calendar/rule.h"
#include "calendar/zone.h"
#include "daemon/store.h"

struct workcal;

/*
 * Builds the calendar: the lunar table, every YYYY.json of the holiday
 * directories (the first directory that has a year wins; a bad file is an
 * error naming it), then the overrides in the store (borrowed).
 * Returns NULL, logged, on error.
 */
struct workcal *workcal_open(struct store *, const char *const *dirs,
	    size_t ndirs, const char *tzid, struct cal_rule rule);
void	workcal_free(struct workcal *);
/*
 * Rebuilds the calendar from the directories and the store with a new rule
 * (SIGHUP: a new year's schedule, changed settings); on error the calendar
 * in use stays and -1 is returned (logged).
 */
int	workcal_reload(struct workcal *, const char *const *dirs, size_t ndirs,
	    struct cal_rule rule);

const struct cal_calendar *workcal_acquire(struct workcal *);
void	workcal_release(struct workcal *);

struct cal_zone *workcal_zone(struct workcal *);
struct cal_rule workcal_rule(struct workcal *);
const struct cal_lunar_table *workcal_lunar(const struct workcal *);
/* The years that have an official schedule loaded, ascending. */
size_t	workcal_official_years(struct workcal *, int *years, size_t cap);
/* When the calendar last changed: the latest override change or start. */
int64_t	workcal_changed_at(struct workcal *);

/*
 * Adds or replaces overrides (all or none); -1 with err on bad input.  The
 * audit row, if not NULL, is written in the same transaction.
 */
int	workcal_put_overrides(struct workcal *, const struct cal_override *,
	    size_t n, int64_t now, const struct store_audit *audit,
	    struct cal_err *err);
/* Removes a day's override: 0 done, 1 none, -1 error (err set). */
int	workcal_remove_override(struct workcal *, int32_t days, int64_t now,
	    const struct store_audit *audit, struct cal_err *err);
/* The override of a day (a copy the caller frees), or -1 if none. */
int	workcal_get_override(struct workcal *, int32_t days,
	    struct cal_override *out);

#endif
