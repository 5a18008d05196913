/*
 * lunar.h - the Vietnamese lunar calendar (âm lịch), 1900-2199.
 *
 * Computed, not tabulated from another program: new moons from Meeus'
 * series (Astronomical Algorithms, 2nd ed., ch. 49), the Sun's apparent
 * longitude from Meeus ch. 25, Delta T from the Espenak-Meeus polynomials,
 * and the rules of the Vietnamese calendar at UTC+7 (QĐ 121-CP/1967):
 * a month starts on the local day of its new moon; the winter solstice lies
 * in month 11; in a 13-month year the first month after month 11 that holds
 * no principal term (solar longitude a multiple of 30°) is the leap month
 * and takes the number of the month before it.  See
 * shared/data/calendar-sources.md §5.
 *
 * The conversions read a table of every month start, built once by
 * cal_lunar_table_new() (a few milliseconds); the table is immutable and may
 * be shared by threads.
 */
#ifndef CAL_LUNAR_H
#define CAL_LUNAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/date.h"

struct cal_lunar {
	int	year;		/* the lunar year, named by its solar year */
	int	month;		/* 1-12 */
	int	day;		/* 1-30 */
	bool	leap;		/* a leap month (tháng nhuận) */
};

struct cal_lunar_table;

/* Julian Day (UT) of new moon number k (k = 0: 2000-01-06). */
double	cal_lunar_new_moon_jd(int k);
/* The Sun's apparent geocentric longitude in degrees [0, 360) at a JD (UT). */
double	cal_lunar_sun_longitude(double jd_ut);
/* Delta T = TT - UT in seconds for a decimal year. */
double	cal_lunar_delta_t(double year);

/* Computes every month of the range; never fails (out of memory is fatal). */
struct cal_lunar_table *cal_lunar_table_new(void);
void	cal_lunar_table_free(struct cal_lunar_table *);

/*
 * Converts a day number in CAL_MIN_YEAR..CAL_MAX_YEAR to its lunar date.
 * Returns 0, or -1 with err set when the day is out of range.
 */
int	cal_lunar_from_solar(const struct cal_lunar_table *, int32_t days,
	    struct cal_lunar *out, struct cal_err *err);
/*
 * Converts a lunar date to its day number.  Returns -1 with err set when the
 * month does not exist (a leap month in a year without it), the day exceeds
 * the month's length (29 or 30), or the result is outside the range.
 */
int	cal_lunar_to_solar(const struct cal_lunar_table *, struct cal_lunar,
	    int32_t *out, struct cal_err *err);
/*
 * The sexagenary (can chi) name of a lunar year, "Bính Ngọ" for 2026, in
 * Vietnamese.  Writes at most len bytes (24 suffice).
 */
void	cal_lunar_year_name(int year, char *out, size_t len);
/* Number of days (29 or 30) of the lunar month holding a day, or 0. */
int	cal_lunar_month_length(const struct cal_lunar_table *, int32_t days);

#endif
