/*
 * date.c - proleptic Gregorian civil dates and RFC 3339 instants.
 *
 * Day numbers count days from 1970-01-01.  The conversions use the 400-year
 * era decomposition (146097 days per era, March-based years so that the leap
 * day is the last day of a year), which is exact for every year 1-9999 and
 * needs no tables.  References: ISO 8601; RFC 3339 section 5.6 for the
 * date-time grammar.
 */
#include "calendar/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/num.h"

void
cal_err_set(struct cal_err *err, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

bool
cal_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
cal_days_in_month(int y, int m)
{
	static const int	dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && cal_is_leap_year(y))
		return 29;
	return dim[m - 1];
}

bool
cal_date_is_valid(struct cal_date d)
{
	return d.year >= 1 && d.year <= 9999 && d.month >= 1 &&
	    d.month <= 12 && d.day >= 1 &&
	    d.day <= cal_days_in_month(d.year, d.month);
}

int32_t
cal_date_to_days(struct cal_date d)
{
	int	y = d.year - (d.month <= 2);
	int	era = (y >= 0 ? y : y - 399) / 400;
	int	yoe = y - era * 400;				/* 0-399 */
	int	mp = (d.month + 9) % 12;			/* March = 0 */
	int	doy = (153 * mp + 2) / 5 + d.day - 1;		/* 0-365 */
	int	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0-146096 */

	return era * 146097 + doe - 719468;
}

struct cal_date
cal_date_from_days(int32_t days)
{
	struct cal_date	d;
	int32_t		z = days + 719468;
	int32_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t		doe = z - era * 146097;
	int32_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) /
			    365;
	int32_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t		mp = (5 * doy + 2) / 153;

	d.day = doy - (153 * mp + 2) / 5 + 1;
	d.month = mp < 10 ? mp + 3 : mp - 9;
	d.year = yoe + era * 400 + (d.month <= 2);
	return d;
}

int
cal_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int	r = (int)((days % 7 + 7) % 7);

	return (r + 3) % 7 + 1;
}

int32_t
cal_range_first_day(void)
{
	return cal_date_to_days((struct cal_date){ CAL_MIN_YEAR, 1, 1 });
}

int32_t
cal_range_last_day(void)
{
	return cal_date_to_days((struct cal_date){ CAL_MAX_YEAR, 12, 31 });
}

bool
cal_days_in_range(int32_t days)
{
	return days >= cal_range_first_day() && days <= cal_range_last_day();
}

/* Reads a fixed-width unsigned field, naming it in the error. */
static int
parse_field(const char *s, size_t width, int min, int max, const char *what,
    int *out, struct cal_err *err)
{
	int64_t	v;

	if (num_parse(s, width, 0, 9999, &v) == -1 || s[0] == '-') {
		cal_err_set(err, "%s must be %zu digits", what, width);
		return -1;
	}
	if (v < min || v > max) {
		cal_err_set(err, "%s %lld out of range %d-%d", what,
		    (long long)v, min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* Parses the "YYYY-MM-DD" at the start of s (at least 10 bytes). */
static int
parse_ymd(const char *s, struct cal_date *out, struct cal_err *err)
{
	struct cal_date	d;

	if (s[4] != '-' || s[7] != '-') {
		cal_err_set(err, "date must look like YYYY-MM-DD");
		return -1;
	}
	if (parse_field(s, 4, 1, 9999, "year", &d.year, err) == -1 ||
	    parse_field(s + 5, 2, 1, 12, "month", &d.month, err) == -1 ||
	    parse_field(s + 8, 2, 1, 31, "day", &d.day, err) == -1)
		return -1;
	if (!cal_date_is_valid(d)) {
		cal_err_set(err, "%04d-%02d-%02d is not a date: month %d of %d "
		    "has %d days", d.year, d.month, d.day, d.month, d.year,
		    cal_days_in_month(d.year, d.month));
		return -1;
	}
	*out = d;
	return 0;
}

int
cal_date_parse(const char *s, size_t len, struct cal_date *out,
    struct cal_err *err)
{
	if (s == NULL || len != 10) {
		cal_err_set(err, "date must look like YYYY-MM-DD");
		return -1;
	}
	return parse_ymd(s, out, err);
}

void
cal_date_format(struct cal_date d, char out[CAL_DATE_LEN])
{
	snprintf(out, CAL_DATE_LEN, "%04u-%02u-%02u", (unsigned)d.year % 10000,
	    (unsigned)d.month % 100, (unsigned)d.day % 100);
}

void
cal_days_format(int32_t days, char out[CAL_DATE_LEN])
{
	cal_date_format(cal_date_from_days(days), out);
}

int
cal_instant_parse(const char *s, size_t len, int64_t *out,
    struct cal_err *err)
{
	struct cal_date	d;
	int		hh, mm, ss, oh = 0, om = 0, sign = 0;
	size_t		i;

	if (s == NULL || len < 19 || len > 64) {
		cal_err_set(err, "time must be RFC 3339, like "
		    "2026-12-10T22:00:00+07:00");
		return -1;
	}
	if (parse_ymd(s, &d, err) == -1)
		return -1;
	if ((s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') {
		cal_err_set(err, "time must be RFC 3339, like "
		    "2026-12-10T22:00:00+07:00");
		return -1;
	}
	if (parse_field(s + 11, 2, 0, 23, "hour", &hh, err) == -1 ||
	    parse_field(s + 14, 2, 0, 59, "minute", &mm, err) == -1 ||
	    parse_field(s + 17, 2, 0, 59, "second", &ss, err) == -1)
		return -1;
	i = 19;
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == 20) {
			cal_err_set(err, "fraction of a second has no digits");
			return -1;
		}
	}
	if (i < len && (s[i] == 'Z' || s[i] == 'z') && i + 1 == len)
		sign = 0;
	else if (i < len && (s[i] == '+' || s[i] == '-') && len - i == 6 &&
	    s[i + 3] == ':') {
		sign = s[i] == '+' ? 1 : -1;
		if (parse_field(s + i + 1, 2, 0, 23, "offset hour", &oh,
		    err) == -1 ||
		    parse_field(s + i + 4, 2, 0, 59, "offset minute", &om,
		    err) == -1)
			return -1;
	} else {
		cal_err_set(err, "time needs an offset: 'Z' or +HH:MM "
		    "(for example +07:00)");
		return -1;
	}
	*out = (int64_t)cal_date_to_days(d) * 86400 + hh * 3600 + mm * 60 +
	    ss - sign * (oh * 3600 + om * 60);
	return 0;
}

int32_t
cal_days_of_instant(int64_t at)
{
	return (int32_t)(at >= 0 ? at / 86400 : -((-at + 86399) / 86400));
}

void
cal_instant_format(int64_t at, int offset, char out[CAL_INSTANT_LEN])
{
	int64_t		local = at + offset;
	int32_t		days = cal_days_of_instant(local);
	unsigned	sod = (unsigned)(local - (int64_t)days * 86400);
	unsigned	aoff = (unsigned)(offset < 0 ? -offset : offset);
	char		ds[CAL_DATE_LEN];

	cal_days_format(days, ds);
	if (offset == 0)
		snprintf(out, CAL_INSTANT_LEN, "%sT%02u:%02u:%02uZ", ds,
		    sod / 3600 % 24, sod / 60 % 60, sod % 60);
	else
		snprintf(out, CAL_INSTANT_LEN, "%sT%02u:%02u:%02u%c%02u:%02u",
		    ds, sod / 3600 % 24, sod / 60 % 60, sod % 60,
		    offset < 0 ? '-' : '+', aoff / 3600 % 24, aoff / 60 % 60);
}
