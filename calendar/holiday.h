/*
 * holiday.h - the working-day calendar of Vietnamese state agencies, in three
 * layers, later ones winning (DESIGN.md §1):
 *
 *   statutory  Labour Code 2019 Art. 112 holidays and Art. 111(3)
 *              compensatory days, computed for every year; provisional.
 *   official   the schedule the government announced for a year (days off,
 *              swapped days, working Saturdays), loaded from data files; a
 *              year with a schedule uses no statutory entry.
 *   override   the operator's own days: a day off, a working day (a swapped
 *              Saturday), or "clear", which returns a day to the plain
 *              Monday-Friday week whatever the lower layers say.
 *
 * Under all three lies the week: Monday-Friday working, Saturday and Sunday
 * not.  A struct cal_calendar is built once, changed only through the
 * functions below, and answers cal_calendar_day() in constant time from a
 * table of every day of CAL_MIN_YEAR..CAL_MAX_YEAR that each change rebuilds
 * (about a millisecond).  It is not locked: readers and a writer must be
 * serialised by the caller (the daemon swaps whole calendars).
 */
#ifndef CAL_HOLIDAY_H
#define CAL_HOLIDAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/date.h"
#include "calendar/lunar.h"

enum cal_kind {
	CAL_KIND_WORKDAY = 0,	/* a plain Monday-Friday */
	CAL_KIND_WEEKEND,	/* a plain Saturday or Sunday */
	CAL_KIND_HOLIDAY,	/* a public holiday (Art. 112) or its closure */
	CAL_KIND_COMPENSATORY,	/* nghỉ bù: holiday on a rest day, Art. 111(3) */
	CAL_KIND_SWAPPED_OFF,	/* a weekday off, made up on a Saturday */
	CAL_KIND_SWAPPED_WORK,	/* làm bù: a working Saturday */
	CAL_KIND_DAY_OFF	/* any other day off (operator, one-off) */
};

enum cal_layer {
	CAL_LAYER_WEEK = 0,
	CAL_LAYER_STATUTORY,
	CAL_LAYER_OFFICIAL,
	CAL_LAYER_OVERRIDE
};

enum cal_override_kind {
	CAL_OVERRIDE_OFF = 0,
	CAL_OVERRIDE_WORK,
	CAL_OVERRIDE_CLEAR
};

/* One resolved day.  The strings live as long as the calendar's entry. */
struct cal_day {
	int32_t		 days;
	enum cal_kind	 kind;
	enum cal_layer	 layer;
	bool		 working;	/* a working day for state agencies */
	bool		 provisional;	/* from the statutory layer, unannounced */
	const char	*name;		/* Vietnamese, or NULL for a plain day */
	const char	*name_en;	/* English, or NULL */
	const char	*source;	/* document or origin, or NULL */
};

/* An operator override as stored and as given to the calendar. */
struct cal_override {
	int32_t			 days;
	enum cal_override_kind	 kind;
	const char		*name;		/* required, <= 200 bytes */
	const char		*source;	/* may be NULL */
};

/* An entry of an official schedule (see schedule.h for the file format). */
struct cal_entry {
	int32_t		 days;
	enum cal_kind	 kind;
	const char	*name;
	const char	*name_en;	/* may be NULL */
	const char	*source;
};

struct cal_calendar;

/*
 * Creates a calendar holding the statutory layer computed from the lunar
 * table, which it borrows (the table must outlive the calendar).
 */
struct cal_calendar *cal_calendar_new(const struct cal_lunar_table *);
void	cal_calendar_free(struct cal_calendar *);

/*
 * Adds the official schedule of a year: the entries (copied) replace the
 * statutory layer for that year.  Entries may lie in the year before or after
 * (a closure that spans New Year).  Fails if the year is out of range or
 * already has a schedule, or an entry is outside the range or repeats a day.
 */
int	cal_calendar_add_schedule(struct cal_calendar *, int year,
	    const struct cal_entry *, size_t n, struct cal_err *err);
/* Replaces all overrides with the given ones (copied). */
int	cal_calendar_set_overrides(struct cal_calendar *,
	    const struct cal_override *, size_t n, struct cal_err *err);
/* Adds or replaces the override of one day. */
int	cal_calendar_put_override(struct cal_calendar *,
	    const struct cal_override *, struct cal_err *err);
/* Removes the override of a day; returns -1 if there was none. */
int	cal_calendar_remove_override(struct cal_calendar *, int32_t days);

/*
 * Overrides owned by the caller as arrays (from the store or an import):
 * frees the strings and the array; sorts by day.
 */
void	cal_overrides_free(struct cal_override *, size_t n);
void	cal_overrides_sort(struct cal_override *, size_t n);

/* Resolves a day of the range; -1 with err set outside it. */
int	cal_calendar_day(const struct cal_calendar *, int32_t days,
	    struct cal_day *out, struct cal_err *err);
/*
 * True when a day of the range is a working day; with count_swapped false a
 * working Saturday or Sunday is not counted (the conservative reading).
 * Days outside the range are not working days.
 */
bool	cal_calendar_is_working(const struct cal_calendar *, int32_t days,
	    bool count_swapped);
/* True when the year has an official schedule. */
bool	cal_calendar_year_is_official(const struct cal_calendar *, int year);
/* Number of overrides, and the i-th in date order. */
size_t	cal_calendar_override_count(const struct cal_calendar *);
const struct cal_override *cal_calendar_override_at(
	    const struct cal_calendar *, size_t i);

const char *cal_kind_name(enum cal_kind);
const char *cal_layer_name(enum cal_layer);
const char *cal_override_kind_name(enum cal_override_kind);
/* Parses "off", "work" or "clear"; -1 otherwise. */
int	cal_override_kind_parse(const char *, enum cal_override_kind *out);
/* Parses a cal_kind name ("holiday", "swapped_work", ...); -1 otherwise. */
int	cal_kind_parse(const char *, enum cal_kind *out);

#endif
