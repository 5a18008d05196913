/*
 * test_cal_lunar.c - calendar/lunar against the sourced facts in
 * tests/fixtures/vn-calendar.json (a copy of shared/data/vn-calendar.json):
 * Tết 2000-2050, Hùng Kings' day 2020-2030, the years where Vietnam and
 * China differ, leap months 2000-2050 and sample conversions; plus the
 * invariants over every day of 1900-2199.  The month-by-month comparison
 * with a precise ephemeris is tests/integration/lunar_check.js.
 */
#include "test.h"

#include <jansson.h>
#include <math.h>

#include "calendar/lunar.h"

static struct cal_lunar_table	*tbl;
static json_t			*facts;

static int
setup(void **state)
{
	char		*text;
	json_error_t	 err;

	(void)state;
	tbl = cal_lunar_table_new();
	text = test_read_file("tests/fixtures/vn-calendar.json", NULL);
	facts = json_loads(text, 0, &err);
	free(text);
	return facts == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	cal_lunar_table_free(tbl);
	json_decref(facts);
	return 0;
}

static int32_t
day_of(const char *iso)
{
	struct cal_date	d;

	if (cal_date_parse(iso, strlen(iso), &d, NULL) == -1)
		fail_msg("bad fixture date %s", iso);
	return cal_date_to_days(d);
}

/* Checks that lunar (y, m, d) of a solar year is the given solar date. */
static void
check_lunar_date(int year, int month, int day, const char *want)
{
	int32_t		got;
	struct cal_err	err;
	char		s[CAL_DATE_LEN];
	struct cal_lunar l;

	if (cal_lunar_to_solar(tbl, (struct cal_lunar){ year, month, day,
	    false }, &got, &err) == -1)
		fail_msg("%d/%d/%d: %s", day, month, year, err.msg);
	cal_days_format(got, s);
	if (strcmp(s, want) != 0)
		fail_msg("%d/%d/%d: got %s, want %s", day, month, year, s,
		    want);
	assert_int_equal(cal_lunar_from_solar(tbl, got, &l, NULL), 0);
	assert_int_equal(l.year, year);
	assert_int_equal(l.month, month);
	assert_int_equal(l.day, day);
	assert_false(l.leap);
}

static void
test_cal_lunar_tet_2000_2050(void **state)
{
	json_t		*o = json_object_get(json_object_get(facts, "lunar"),
			    "tet_nguyen_dan_1_1");
	const char	*year;
	json_t		*v;
	int		 n = 0;

	(void)state;
	json_object_foreach(o, year, v) {
		check_lunar_date(test_int(year), 1, 1, json_string_value(v));
		n++;
	}
	assert_int_equal(n, 51);
}

static void
test_cal_lunar_hung_kings_2020_2030(void **state)
{
	json_t		*o = json_object_get(json_object_get(facts, "lunar"),
			    "hung_kings_10_3");
	const char	*year;
	json_t		*v;
	int		 n = 0;

	(void)state;
	json_object_foreach(o, year, v) {
		check_lunar_date(test_int(year), 3, 10, json_string_value(v));
		n++;
	}
	assert_int_equal(n, 11);
}

static void
test_cal_lunar_vietnam_differs_from_china(void **state)
{
	json_t		*lunar = json_object_get(facts, "lunar");
	json_t		*tet = json_object_get(lunar,
			    "vn_differs_from_china_tet_1900_2100");
	json_t		*hung = json_object_get(lunar,
			    "vn_differs_from_china_hung_1900_2100");
	const char	*year;
	json_t		*v;
	int		 n = 0;

	(void)state;
	json_object_foreach(tet, year, v) {
		check_lunar_date(test_int(year), 1, 1,
		    json_string_value(json_object_get(v, "vn")));
		n++;
	}
	json_object_foreach(hung, year, v) {
		check_lunar_date(test_int(year), 3, 10,
		    json_string_value(json_object_get(v, "vn")));
		n++;
	}
	assert_int_equal(n, 21);
	/* 1985: a whole month before China's 1985-02-20. */
	check_lunar_date(1985, 1, 1, "1985-01-21");
}

static void
test_cal_lunar_leap_months_2000_2050(void **state)
{
	json_t		*o = json_object_get(json_object_get(facts, "lunar"),
			    "leap_months_2000_2050");
	const char	*year, *desc;
	json_t		*v;
	int		 y, m, found;
	int32_t		 got;
	char		 start[CAL_DATE_LEN], s[CAL_DATE_LEN];

	(void)state;
	for (y = 2000; y <= 2050; y++) {
		char	key[16];

		snprintf(key, sizeof(key), "%d", y);
		v = json_object_get(o, key);
		found = 0;
		for (m = 1; m <= 12; m++) {
			if (cal_lunar_to_solar(tbl, (struct cal_lunar){ y, m,
			    1, true }, &got, NULL) == -1)
				continue;
			found++;
			if (v == NULL)
				fail_msg("%d: unexpected leap month %d", y, m);
			desc = json_string_value(v);
			assert_int_equal(test_int(desc), m);
			assert_int_equal(sscanf(strstr(desc, "starts ") + 7,
			    "%10s", start), 1);
			cal_days_format(got, s);
			assert_string_equal(s, start);
		}
		assert_int_equal(found, v != NULL ? 1 : 0);
	}
	json_object_foreach(o, year, v)
		assert_true(test_int(year) >= 2000 && test_int(year) <= 2050);
}

static void
test_cal_lunar_from_solar_samples(void **state)
{
	json_t		*a = json_object_get(json_object_get(facts, "lunar"),
			    "solar_to_lunar");
	json_t		*pair;
	size_t		 i;
	struct cal_lunar l;
	int		 d, m;
	char		 name[32], want_name[64];
	const char	*desc;

	(void)state;
	json_array_foreach(a, i, pair) {
		desc = json_string_value(json_array_get(pair, 1));
		assert_int_equal(cal_lunar_from_solar(tbl, day_of(
		    json_string_value(json_array_get(pair, 0))), &l, NULL), 0);
		assert_int_equal(sscanf(desc, "%d/%d", &d, &m), 2);
		assert_int_equal(l.day, d);
		assert_int_equal(l.month, m);
		assert_int_equal(l.leap, strstr(desc, "nhuận") != NULL);
		/* The year's name follows the date ("... Quý Mão"). */
		cal_lunar_year_name(l.year, name, sizeof(name));
		snprintf(want_name, sizeof(want_name), " %s", name);
		if (strstr(desc, want_name) == NULL)
			fail_msg("%s: year %d is %s", desc, l.year, name);
	}
}

static void
test_cal_lunar_every_day_consistent(void **state)
{
	int32_t		 d, first = cal_range_first_day();
	int32_t		 last = cal_range_last_day(), back;
	struct cal_lunar l, prev;
	int		 len;

	(void)state;
	assert_int_equal(cal_lunar_from_solar(tbl, first, &prev, NULL), 0);
	/* 1900-01-01 was 1/12 Kỷ Hợi (1899). */
	assert_int_equal(prev.year, 1899);
	assert_int_equal(prev.month, 12);
	assert_int_equal(prev.day, 1);
	for (d = first + 1; d <= last; d++) {
		assert_int_equal(cal_lunar_from_solar(tbl, d, &l, NULL), 0);
		if (l.day != 1)
			assert_int_equal(l.day, prev.day + 1);
		else {
			assert_true(prev.day == 29 || prev.day == 30);
			/* The next month: a leap after its namesake, or +1. */
			if (l.leap)
				assert_int_equal(l.month, prev.month);
			else
				assert_int_equal(l.month, prev.month % 12 + 1);
			if (l.month == 1 && !l.leap)
				assert_int_equal(l.year, prev.year + 1);
			else
				assert_int_equal(l.year, prev.year);
		}
		assert_int_equal(cal_lunar_to_solar(tbl, l, &back, NULL), 0);
		assert_int_equal(back, d);
		len = cal_lunar_month_length(tbl, d);
		assert_true(len == 29 || len == 30);
		prev = l;
	}
}

static void
test_cal_lunar_bad_input(void **state)
{
	struct cal_err	 err;
	int32_t		 d = 7;
	struct cal_lunar l;

	(void)state;
	/* 2026 has no leap month; 2025's leap month is 6. */
	assert_int_equal(cal_lunar_to_solar(tbl, (struct cal_lunar){ 2026, 3,
	    1, true }, &d, &err), -1);
	assert_non_null(strstr(err.msg, "no leap month 3"));
	assert_int_equal(cal_lunar_to_solar(tbl, (struct cal_lunar){ 2025, 6,
	    1, true }, &d, &err), 0);
	/* Month 12 of Bính Ngọ (2026) has 29 days: Tết 2027 is 6 Feb. */
	assert_int_equal(cal_lunar_to_solar(tbl, (struct cal_lunar){ 2026, 12,
	    30, false }, &d, &err), -1);
	assert_non_null(strstr(err.msg, "has 29 days"));
	assert_int_equal(cal_lunar_to_solar(tbl, (struct cal_lunar){ 2026, 13,
	    1, false }, &d, &err), -1);
	assert_int_equal(cal_lunar_to_solar(tbl, (struct cal_lunar){ 2300, 1,
	    1, false }, &d, &err), -1);
	assert_int_equal(cal_lunar_from_solar(tbl, cal_range_first_day() - 1,
	    &l, &err), -1);
	assert_non_null(strstr(err.msg, "out of range"));
	assert_int_equal(cal_lunar_from_solar(tbl, cal_range_last_day() + 1,
	    &l, &err), -1);
}

static void
test_cal_lunar_astronomy_spot_checks(void **state)
{
	double	jd;

	(void)state;
	/* Meeus example 49.a: new moon 1977 Feb 18 03:37:42 TD (k = -283). */
	jd = cal_lunar_new_moon_jd(-283) + cal_lunar_delta_t(1977.13) / 86400;
	assert_true(fabs(jd - 2443192.65118) < 1.0 / 1440);
	/* Meeus example 25.a: 1992 Oct 13.0 TD, apparent 199.90895°. */
	assert_true(fabs(cal_lunar_sun_longitude(2448908.5 -
	    cal_lunar_delta_t(1992.78) / 86400) - 199.909) < 0.01);
	/* Winter solstice 1984: 16:23 UT on 21 Dec (23:23 at UTC+7). */
	jd = cal_date_to_days((struct cal_date){ 1984, 12, 21 }) + 2440587.5 +
	    (16 * 60 + 23) / 1440.0;
	assert_true(cal_lunar_sun_longitude(jd + 30.0 / 1440) > 270.0);
	assert_true(cal_lunar_sun_longitude(jd - 30.0 / 1440) < 270.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cal_lunar_tet_2000_2050),
		cmocka_unit_test(test_cal_lunar_hung_kings_2020_2030),
		cmocka_unit_test(test_cal_lunar_vietnam_differs_from_china),
		cmocka_unit_test(test_cal_lunar_leap_months_2000_2050),
		cmocka_unit_test(test_cal_lunar_from_solar_samples),
		cmocka_unit_test(test_cal_lunar_every_day_consistent),
		cmocka_unit_test(test_cal_lunar_bad_input),
		cmocka_unit_test(test_cal_lunar_astronomy_spot_checks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
