/*
 * lunar.c - the Vietnamese lunar calendar from astronomical formulas.
 *
 * Representation: the table holds, in order, every lunar month whose start
 * lies between the month 11 of 1898 and the month 11 of 2200, each with its
 * first day (day number, local UTC+7), its lunar year, number and leap flag.
 * Conversions are binary searches over it.
 *
 * Invariants: starts strictly increase by 29 or 30 days; between two
 * consecutive months 11 there are 12 months, or 13 with exactly one leap.
 *
 * Whether a month [a, b) holds a principal term is decided by the Sun's
 * longitude at local midnight starting day a and day b: the month holds one
 * iff floor(L/30) differs.  Meeus' new-moon series is good to about 20 s and
 * his low-precision solar longitude to about 0.01° (15 minutes of the Sun's
 * motion), which is more than the calendar needs except for events within
 * minutes of midnight; tests/integration/lunar_check.js compares every month
 * start of 1900-2199 with an independent ephemeris.
 */
#include "calendar/lunar.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/log.h"
#include "common/xmalloc.h"

#define PI		3.14159265358979323846
#define JD_UNIX_EPOCH	2440588		/* Julian Day Number of 1970-01-01 */
#define LOCAL_OFFSET	(7.0 / 24.0)	/* UTC+7, meridian 105°E */
#define K_FIRST		(-1254)		/* new moon before 1898-11 */
#define K_LAST		2490		/* new moon after 2201-02 */

struct cal_lunar_table {
	size_t		 n;
	int32_t		*start;		/* first day of each month */
	int16_t		*year;
	int8_t		*month;
	bool		*leap;
};

static double
rad(double deg)
{
	return deg * (PI / 180.0);
}

double
cal_lunar_delta_t(double y)
{
	double	t, u;

	/* Espenak & Meeus (2006) polynomials, in seconds. */
	if (y < 1900) {
		t = y - 1860;
		return 7.62 + 0.5737 * t - 0.251754 * t * t +
		    0.01680668 * pow(t, 3) - 0.0004473624 * pow(t, 4) +
		    pow(t, 5) / 233174;
	}
	if (y < 1920) {
		t = y - 1900;
		return -2.79 + 1.494119 * t - 0.0598939 * t * t +
		    0.0061966 * pow(t, 3) - 0.000197 * pow(t, 4);
	}
	if (y < 1941) {
		t = y - 1920;
		return 21.20 + 0.84493 * t - 0.076100 * t * t +
		    0.0020936 * pow(t, 3);
	}
	if (y < 1961) {
		t = y - 1950;
		return 29.07 + 0.407 * t - t * t / 233 + pow(t, 3) / 2547;
	}
	if (y < 1986) {
		t = y - 1975;
		return 45.45 + 1.067 * t - t * t / 260 - pow(t, 3) / 718;
	}
	if (y < 2005) {
		t = y - 2000;
		return 63.86 + 0.3345 * t - 0.060374 * t * t +
		    0.0017275 * pow(t, 3) + 0.000651814 * pow(t, 4) +
		    0.00002373599 * pow(t, 5);
	}
	if (y < 2050) {
		t = y - 2000;
		return 62.92 + 0.32217 * t + 0.005589 * t * t;
	}
	u = (y - 1820) / 100;
	if (y < 2150)
		return -20 + 32 * u * u - 0.5628 * (2150 - y);
	return -20 + 32 * u * u;
}

/* Decimal year of a Julian Day, precise enough for Delta T. */
static double
jd_year(double jd)
{
	return 2000.0 + (jd - 2451545.0) / 365.25;
}

double
cal_lunar_new_moon_jd(int k)
{
	/* Meeus ch. 49: mean phase, periodic terms, planetary arguments. */
	static const double	a_base[14] = {
		299.77, 251.88, 251.83, 349.42, 84.66, 141.74, 207.14,
		154.84, 34.52, 207.19, 291.34, 161.72, 239.56, 331.55
	};
	static const double	a_rate[14] = {
		0.107408, 0.016321, 26.651886, 36.412478, 18.206239,
		53.303771, 2.453732, 7.306860, 27.261239, 0.121824,
		1.844379, 24.198154, 25.513099, 3.592518
	};
	static const double	a_coef[14] = {
		0.000325, 0.000165, 0.000164, 0.000126, 0.000110, 0.000062,
		0.000060, 0.000056, 0.000047, 0.000042, 0.000040, 0.000037,
		0.000035, 0.000023
	};
	double	kk = k, t = kk / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
	double	jde, e, m, mp, f, om, c, a;
	int	i;

	jde = 2451550.09766 + 29.530588861 * kk + 0.00015437 * t2 -
	    0.000000150 * t3 + 0.00000000073 * t4;
	e = 1 - 0.002516 * t - 0.0000074 * t2;
	m = rad(2.5534 + 29.10535670 * kk - 0.0000014 * t2 -
	    0.00000011 * t3);
	mp = rad(201.5643 + 385.81693528 * kk + 0.0107582 * t2 +
	    0.00001238 * t3 - 0.000000058 * t4);
	f = rad(160.7108 + 390.67050284 * kk - 0.0016118 * t2 -
	    0.00000227 * t3 + 0.000000011 * t4);
	om = rad(124.7746 - 1.56375588 * kk + 0.0020672 * t2 +
	    0.00000215 * t3);

	c = -0.40720 * sin(mp) + 0.17241 * e * sin(m) +
	    0.01608 * sin(2 * mp) + 0.01039 * sin(2 * f) +
	    0.00739 * e * sin(mp - m) - 0.00514 * e * sin(mp + m) +
	    0.00208 * e * e * sin(2 * m) - 0.00111 * sin(mp - 2 * f) -
	    0.00057 * sin(mp + 2 * f) + 0.00056 * e * sin(2 * mp + m) -
	    0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) +
	    0.00038 * e * sin(m - 2 * f) - 0.00024 * e * sin(2 * mp - m) -
	    0.00017 * sin(om) - 0.00007 * sin(mp + 2 * m) +
	    0.00004 * sin(2 * mp - 2 * f) + 0.00004 * sin(3 * m) +
	    0.00003 * sin(mp + m - 2 * f) + 0.00003 * sin(2 * mp + 2 * f) -
	    0.00003 * sin(mp + m + 2 * f) + 0.00003 * sin(mp - m + 2 * f) -
	    0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) +
	    0.00002 * sin(4 * mp);

	a = 0;
	for (i = 0; i < 14; i++) {
		double	arg = a_base[i] + a_rate[i] * kk;

		if (i == 0)
			arg -= 0.009173 * t2;
		a += a_coef[i] * sin(rad(arg));
	}
	jde += c + a;
	return jde - cal_lunar_delta_t(jd_year(jde)) / 86400.0;
}

double
cal_lunar_sun_longitude(double jd_ut)
{
	double	jde = jd_ut + cal_lunar_delta_t(jd_year(jd_ut)) / 86400.0;
	double	t = (jde - 2451545.0) / 36525.0, t2 = t * t;
	double	l0, m, c, om, lambda;

	/* Meeus ch. 25, low accuracy: true longitude, nutation, aberration. */
	l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t2;
	m = rad(357.52911 + 35999.05029 * t - 0.0001537 * t2);
	c = (1.914602 - 0.004817 * t - 0.000014 * t2) * sin(m) +
	    (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289 * sin(3 * m);
	om = rad(125.04 - 1934.136 * t);
	lambda = l0 + c - 0.00569 - 0.00478 * sin(om);
	lambda = fmod(lambda, 360.0);
	if (lambda < 0)
		lambda += 360.0;
	return lambda;
}

/*
 * Events of 1900-2199 that Meeus' series puts on the wrong side of a local
 * midnight, found by comparing with a precise ephemeris (npm astronomy-engine,
 * VSOP87 and ELP/MPP02); each lies within 45 seconds of midnight.
 * tests/integration/lunar_check.js re-checks the whole range against it.
 */
static const struct {
	int		k;		/* new moon number */
	struct cal_date	day;		/* its true local day */
} moon_fix[] = {
	{ -687, { 1944, 6, 21 } },	/* 00:00:12 local */
	{ -402, { 1967, 7, 8 } },	/* 00:00:42 */
	{ 963, { 2077, 11, 16 } },	/* 00:00:36 */
	{ 1061, { 2085, 10, 19 } },	/* 00:00:16 */
	{ 2165, { 2175, 1, 23 } },	/* 00:00:07; Tết 2175 */
};
static const struct {
	struct cal_date	day;		/* midnight starting this day */
	int		sector;		/* true sector then */
} term_fix[] = {
	{ { 1938, 9, 24 }, 5 },		/* 180° at 00:00:01 local */
};

/* Local (UTC+7) day number holding new moon k. */
static int32_t
new_moon_day(int k)
{
	size_t	i;

	for (i = 0; i < sizeof(moon_fix) / sizeof(moon_fix[0]); i++)
		if (moon_fix[i].k == k)
			return cal_date_to_days(moon_fix[i].day);
	return (int32_t)floor(cal_lunar_new_moon_jd(k) + 0.5 + LOCAL_OFFSET) -
	    JD_UNIX_EPOCH;
}

/* Principal-term sector (0-11) of the Sun at local midnight starting a day. */
static int
term_sector(int32_t days)
{
	double	jd = (double)days + JD_UNIX_EPOCH - 0.5 - LOCAL_OFFSET;
	size_t	i;

	for (i = 0; i < sizeof(term_fix) / sizeof(term_fix[0]); i++)
		if (cal_date_to_days(term_fix[i].day) == days)
			return term_fix[i].sector;
	return (int)floor(cal_lunar_sun_longitude(jd) / 30.0);
}

struct cal_lunar_table *
cal_lunar_table_new(void)
{
	struct cal_lunar_table	*t;
	size_t			 nm = K_LAST - K_FIRST + 1, i, j, a, b;
	int32_t			*day;
	int			*sec, number, year;
	size_t			 leap;

	day = xcalloc(nm, sizeof(*day));
	sec = xcalloc(nm, sizeof(*sec));
	for (i = 0; i < nm; i++) {
		day[i] = new_moon_day(K_FIRST + (int)i);
		sec[i] = term_sector(day[i]);
	}

	t = xcalloc(1, sizeof(*t));
	t->start = xcalloc(nm, sizeof(*t->start));
	t->year = xcalloc(nm, sizeof(*t->year));
	t->month = xcalloc(nm, sizeof(*t->month));
	t->leap = xcalloc(nm, sizeof(*t->leap));

	/* Month 11 holds the winter solstice: the Sun crosses 270°. */
	a = nm;
	for (i = 0; i + 1 < nm; i++) {
		if (!(sec[i] <= 8 && sec[i + 1] >= 9))
			continue;
		if (a == nm) {
			a = i;
			continue;
		}
		b = i;
		leap = nm;
		if (b - a == 13) {
			for (j = a + 1; j < b; j++)
				if (sec[j] == sec[j + 1]) {
					leap = j;
					break;
				}
		} else if (b - a != 12)
			fatalx("bug: lunar: months 11 %zu apart", b - a);
		year = cal_date_from_days(day[a]).year;
		number = 10;
		for (j = a; j < b; j++) {
			if (j == leap)
				t->leap[t->n] = true;
			else if (++number == 13) {
				number = 1;
				year++;
			}
			t->start[t->n] = day[j];
			t->year[t->n] = (int16_t)year;
			t->month[t->n] = (int8_t)number;
			t->n++;
		}
		a = b;
	}
	/* One sentinel: the start of the month after the last one. */
	t->start[t->n] = day[a];
	free(day);
	free(sec);
	return t;
}

void
cal_lunar_table_free(struct cal_lunar_table *t)
{
	if (t == NULL)
		return;
	free(t->start);
	free(t->year);
	free(t->month);
	free(t->leap);
	free(t);
}

/* Index of the month holding a day, or -1 outside the table. */
static long
find_month(const struct cal_lunar_table *t, int32_t days)
{
	size_t	lo = 0, hi = t->n, mid;

	if (t->n == 0 || days < t->start[0] || days >= t->start[t->n])
		return -1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (t->start[mid] <= days)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo;
}

int
cal_lunar_from_solar(const struct cal_lunar_table *t, int32_t days,
    struct cal_lunar *out, struct cal_err *err)
{
	long	i;

	if (!cal_days_in_range(days) || (i = find_month(t, days)) == -1) {
		cal_err_set(err, "date out of range %d-%d", CAL_MIN_YEAR,
		    CAL_MAX_YEAR);
		return -1;
	}
	out->year = t->year[i];
	out->month = t->month[i];
	out->leap = t->leap[i];
	out->day = days - t->start[i] + 1;
	return 0;
}

int
cal_lunar_month_length(const struct cal_lunar_table *t, int32_t days)
{
	long	i = find_month(t, days);

	return i == -1 ? 0 : t->start[i + 1] - t->start[i];
}

/* Ordering key of a month along the table: a leap follows its namesake. */
static long
month_key(int year, int month, bool leap)
{
	return (long)year * 100 + month * 2 + (leap ? 1 : 0);
}

int
cal_lunar_to_solar(const struct cal_lunar_table *t, struct cal_lunar l,
    int32_t *out, struct cal_err *err)
{
	size_t	lo = 0, hi = t->n, mid;
	long	key = month_key(l.year, l.month, l.leap);
	int	len;

	if (l.month < 1 || l.month > 12 || l.day < 1 || l.day > 30) {
		cal_err_set(err, "lunar date %d/%d/%d is not a lunar date",
		    l.day, l.month, l.year);
		return -1;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (month_key(t->year[mid], t->month[mid], t->leap[mid]) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == t->n ||
	    month_key(t->year[lo], t->month[lo], t->leap[lo]) != key) {
		if (l.leap)
			cal_err_set(err, "lunar year %d has no leap month %d",
			    l.year, l.month);
		else
			cal_err_set(err, "lunar month %d of %d is out of range",
			    l.month, l.year);
		return -1;
	}
	len = t->start[lo + 1] - t->start[lo];
	if (l.day > len) {
		cal_err_set(err, "lunar month %d%s of %d has %d days", l.month,
		    l.leap ? " (leap)" : "", l.year, len);
		return -1;
	}
	if (!cal_days_in_range(t->start[lo] + l.day - 1)) {
		cal_err_set(err, "lunar date %d/%d/%d is outside %d-%d",
		    l.day, l.month, l.year, CAL_MIN_YEAR, CAL_MAX_YEAR);
		return -1;
	}
	*out = t->start[lo] + l.day - 1;
	return 0;
}

void
cal_lunar_year_name(int year, char *out, size_t len)
{
	static const char *const	stems[10] = { "Giáp", "Ất", "Bính",
	    "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý" };
	static const char *const	branches[12] = { "Tý", "Sửu", "Dần",
	    "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi" };

	/* Year 4 (and 1984) was Giáp Tý. */
	snprintf(out, len, "%s %s", stems[((year + 6) % 10 + 10) % 10],
	    branches[((year + 8) % 12 + 12) % 12]);
}
