/* test_cal_date.c - calendar/date: civil dates, weekdays, ISO and RFC 3339. */
#include "test.h"

#include "calendar/date.h"

static void
test_cal_date_to_days_known(void **state)
{
	(void)state;
	assert_int_equal(cal_date_to_days((struct cal_date){ 1970, 1, 1 }), 0);
	assert_int_equal(cal_date_to_days((struct cal_date){ 2000, 3, 1 }),
	    11017);
	assert_int_equal(cal_date_to_days((struct cal_date){ 1900, 1, 1 }),
	    -25567);
	assert_int_equal(cal_date_to_days((struct cal_date){ 1969, 12, 31 }),
	    -1);
}

static void
test_cal_date_roundtrip_every_day(void **state)
{
	int32_t		d, first, last;
	struct cal_date	c, prev;

	(void)state;
	first = cal_date_to_days((struct cal_date){ 1800, 1, 1 });
	last = cal_date_to_days((struct cal_date){ 2400, 12, 31 });
	prev = cal_date_from_days(first - 1);
	for (d = first; d <= last; d++) {
		c = cal_date_from_days(d);
		assert_true(cal_date_is_valid(c));
		assert_int_equal(cal_date_to_days(c), d);
		/* Consecutive: next day, or first of next month/year. */
		if (c.day != 1)
			assert_int_equal(c.day, prev.day + 1);
		else
			assert_int_equal(prev.day,
			    cal_days_in_month(prev.year, prev.month));
		prev = c;
	}
}

static void
test_cal_weekday_known(void **state)
{
	(void)state;
	/* 2 June 2025 was a Monday; 1 Jan 1900 a Monday; 17 Feb 2026 Tue. */
	assert_int_equal(cal_weekday(cal_date_to_days(
	    (struct cal_date){ 2025, 6, 2 })), 1);
	assert_int_equal(cal_weekday(cal_date_to_days(
	    (struct cal_date){ 1900, 1, 1 })), 1);
	assert_int_equal(cal_weekday(cal_date_to_days(
	    (struct cal_date){ 2026, 2, 17 })), 2);
	assert_int_equal(cal_weekday(cal_date_to_days(
	    (struct cal_date){ 2026, 1, 10 })), 6);
	assert_int_equal(cal_weekday(cal_date_to_days(
	    (struct cal_date){ 2199, 12, 31 })), 2);
}

static void
test_cal_leap_years(void **state)
{
	(void)state;
	assert_true(cal_is_leap_year(2000));
	assert_false(cal_is_leap_year(1900));
	assert_false(cal_is_leap_year(2100));
	assert_true(cal_is_leap_year(2024));
	assert_int_equal(cal_days_in_month(2024, 2), 29);
	assert_int_equal(cal_days_in_month(2026, 2), 28);
	assert_int_equal(cal_days_in_month(2026, 13), 0);
}

static void
test_cal_date_parse_valid(void **state)
{
	struct cal_date	d;
	char		s[CAL_DATE_LEN];

	(void)state;
	assert_int_equal(cal_date_parse("2024-02-29", 10, &d, NULL), 0);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	cal_date_format(d, s);
	assert_string_equal(s, "2024-02-29");
}

static void
test_cal_date_parse_errors_name_the_part(void **state)
{
	struct cal_date	d;
	struct cal_err	e;

	(void)state;
	assert_int_equal(cal_date_parse("2026-02-30", 10, &d, &e), -1);
	assert_non_null(strstr(e.msg, "2026-02-30 is not a date"));
	assert_non_null(strstr(e.msg, "28 days"));
	assert_int_equal(cal_date_parse("2026-13-01", 10, &d, &e), -1);
	assert_non_null(strstr(e.msg, "month 13"));
	assert_int_equal(cal_date_parse("2026-00-10", 10, &d, &e), -1);
	assert_non_null(strstr(e.msg, "month"));
	assert_int_equal(cal_date_parse("2026-1-01", 9, &d, &e), -1);
	assert_non_null(strstr(e.msg, "YYYY-MM-DD"));
	assert_int_equal(cal_date_parse("2026/01/01", 10, &d, &e), -1);
	assert_int_equal(cal_date_parse("20x6-01-01", 10, &d, &e), -1);
	assert_non_null(strstr(e.msg, "year"));
	assert_int_equal(cal_date_parse("2026-01-01T", 11, &d, &e), -1);
	assert_int_equal(cal_date_parse("0000-01-01", 10, &d, &e), -1);
}

static void
test_cal_instant_parse_offsets(void **state)
{
	int64_t	a, b;

	(void)state;
	assert_int_equal(cal_instant_parse("2025-06-02T09:00:00+07:00", 25,
	    &a, NULL), 0);
	assert_int_equal(cal_instant_parse("2025-06-02T02:00:00Z", 20, &b,
	    NULL), 0);
	assert_int_equal(a, b);
	assert_int_equal(a, 1748829600);
	assert_int_equal(cal_instant_parse("2025-06-01T21:30:00.123-04:30",
	    29, &b, NULL), 0);
	assert_int_equal(a, b);
	assert_int_equal(cal_instant_parse("2025-06-02t02:00:00z", 20, &b,
	    NULL), 0);
	assert_int_equal(a, b);
	assert_int_equal(cal_instant_parse("1900-01-01T00:00:00Z", 20, &b,
	    NULL), 0);
	assert_int_equal(b, -2208988800LL);
}

static void
test_cal_instant_parse_errors(void **state)
{
	int64_t		a = 5;
	struct cal_err	e;

	(void)state;
	assert_int_equal(cal_instant_parse("2025-06-02T09:00:00", 19, &a,
	    &e), -1);
	assert_int_equal(cal_instant_parse("2025-06-02T09:00:00+0700", 24,
	    &a, &e), -1);
	assert_non_null(strstr(e.msg, "offset"));
	assert_int_equal(cal_instant_parse("2025-06-02T24:00:00Z", 20, &a,
	    &e), -1);
	assert_non_null(strstr(e.msg, "hour"));
	assert_int_equal(cal_instant_parse("2025-06-02T09:61:00Z", 20, &a,
	    &e), -1);
	assert_non_null(strstr(e.msg, "minute"));
	assert_int_equal(cal_instant_parse("2025-02-29T09:00:00Z", 20, &a,
	    &e), -1);
	assert_non_null(strstr(e.msg, "not a date"));
	assert_int_equal(cal_instant_parse("2025-06-02 09:00:00Z", 20, &a,
	    &e), -1);
	assert_int_equal(cal_instant_parse("2025-06-02T09:00:00.Z", 21, &a,
	    &e), -1);
	assert_int_equal(cal_instant_parse("2025-06-02T09:00:00+07:00x", 26,
	    &a, &e), -1);
	assert_int_equal(cal_instant_parse("garbage", 7, &a, &e), -1);
	assert_int_equal(a, 5);
	/* Found by fuzzing: nothing past len is read (here a '.'). */
	assert_int_equal(cal_instant_parse("2025-06-02T09:07:00.5Z", 19, &a,
	    &e), -1);
	assert_non_null(strstr(e.msg, "offset"));
}

static void
test_cal_instant_format(void **state)
{
	char	s[CAL_INSTANT_LEN];

	(void)state;
	cal_instant_format(1749488400, 7 * 3600, s);
	assert_string_equal(s, "2025-06-10T00:00:00+07:00");
	cal_instant_format(1749488400, 0, s);
	assert_string_equal(s, "2025-06-09T17:00:00Z");
	cal_instant_format(0, -(5 * 3600 + 30 * 60), s);
	assert_string_equal(s, "1969-12-31T18:30:00-05:30");
	assert_int_equal(cal_days_of_instant(-1), -1);
	assert_int_equal(cal_days_of_instant(86399), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cal_date_to_days_known),
		cmocka_unit_test(test_cal_date_roundtrip_every_day),
		cmocka_unit_test(test_cal_weekday_known),
		cmocka_unit_test(test_cal_leap_years),
		cmocka_unit_test(test_cal_date_parse_valid),
		cmocka_unit_test(test_cal_date_parse_errors_name_the_part),
		cmocka_unit_test(test_cal_instant_parse_offsets),
		cmocka_unit_test(test_cal_instant_parse_errors),
		cmocka_unit_test(test_cal_instant_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
