/*
 * date.h - civil dates of the proleptic Gregorian calendar, and instants.
 *
 * A day is identified by its day number: days since 1970-01-01 (negative
 * before), the same count the store and the rule use.  An instant is int64_t
 * seconds since 1970-01-01T00:00:00Z, leap seconds ignored (POSIX time).
 * Nothing here reads the process time zone or locale.
 *
 * Errors: functions that parse take a struct cal_err and fill it with a
 * message that names what is wrong ("month 13 out of range 1-12").  Passing
 * NULL for it is allowed.
 */
#ifndef CAL_DATE_H
#define CAL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The years the working-day calendar and the lunar calendar cover. */
#define CAL_MIN_YEAR	1900
#define CAL_MAX_YEAR	2199

#define CAL_DATE_LEN	11	/* "YYYY-MM-DD" and the NUL */
#define CAL_INSTANT_LEN	26	/* "YYYY-MM-DDTHH:MM:SS+HH:MM" and the NUL */
#define CAL_ERR_LEN	192

struct cal_date {
	int	year;
	int	month;		/* 1-12 */
	int	day;		/* 1-31 */
};

struct cal_err {
	char	msg[CAL_ERR_LEN];
};

/* Stores a formatted message in err, which may be NULL. */
void	cal_err_set(struct cal_err *err, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

bool	cal_is_leap_year(int year);
int	cal_days_in_month(int year, int month);
/* True for a real date with a year in 1-9999 (2026-02-30 is not). */
bool	cal_date_is_valid(struct cal_date);
/* Day number of a valid date; the inverse of cal_date_from_days(). */
int32_t	cal_date_to_days(struct cal_date);
struct cal_date cal_date_from_days(int32_t days);
/* ISO 8601 weekday of a day number: 1 = Monday ... 7 = Sunday. */
int	cal_weekday(int32_t days);
/* True when a day number lies in CAL_MIN_YEAR..CAL_MAX_YEAR. */
bool	cal_days_in_range(int32_t days);
int32_t	cal_range_first_day(void);
int32_t	cal_range_last_day(void);

/*
 * Parses exactly "YYYY-MM-DD" (len bytes, no surrounding text) into a valid
 * date.  Returns 0, or -1 with err naming the bad part.
 */
int	cal_date_parse(const char *s, size_t len, struct cal_date *out,
	    struct cal_err *err);
/* Writes "YYYY-MM-DD" (years 0-9999). */
void	cal_date_format(struct cal_date, char out[CAL_DATE_LEN]);
void	cal_days_format(int32_t days, char out[CAL_DATE_LEN]);

/*
 * Parses an RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
 * ('t' and 'z' allowed; the fraction is dropped).  A time without an offset is
 * refused, since it names no instant.  Returns 0, or -1 with err set.
 */
int	cal_instant_parse(const char *s, size_t len, int64_t *out,
	    struct cal_err *err);
/* Writes the instant at as local time at a fixed UTC offset (in seconds). */
void	cal_instant_format(int64_t at, int offset, char out[CAL_INSTANT_LEN]);

/* Floor division helpers for day arithmetic on instants. */
int32_t	cal_days_of_instant(int64_t at);	/* UTC day of an instant */

#endif
