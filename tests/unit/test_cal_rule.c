/*
 * test_cal_rule.c - calendar/rule: the notice rule of DESIGN.md §1 on the
 * shipped 2023-2026 schedules.
 */
#include "calfix.h"

#include "calendar/rule.h"

static struct cal_lunar_table	*lunar;
static struct cal_calendar	*cal;

static int
setup(void **state)
{
	(void)state;
	lunar = cal_lunar_table_new();
	cal = calfix_new(lunar);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	cal_calendar_free(cal);
	cal_lunar_table_free(lunar);
	return 0;
}

/* Checks the earliest start and the counted days of a notice day. */
static void
check_earliest(const struct cal_rule *r, const char *notice,
    const char *want, const char *const *days)
{
	int32_t		got, counted[CAL_RULE_MAX_DAYS];
	char		s[CAL_DATE_LEN];
	struct cal_err	err;
	int		i;

	if (cal_rule_earliest_start(cal, r, calfix_day(notice), &got, counted,
	    &err) == -1)
		fail_msg("%s: %s", notice, err.msg);
	cal_days_format(got, s);
	if (strcmp(s, want) != 0)
		fail_msg("notice %s: earliest %s, want %s", notice, s, want);
	for (i = 0; days != NULL && i < r->working_days; i++) {
		cal_days_format(counted[i], s);
		assert_string_equal(s, days[i]);
	}
}

static void
test_cal_rule_worked_example(void **state)
{
	struct cal_rule		 r = cal_rule_default();
	static const char *const days[] = { "2025-06-03", "2025-06-04",
	    "2025-06-05", "2025-06-06", "2025-06-09" };

	(void)state;
	assert_int_equal(r.working_days, 5);
	assert_true(r.count_swapped);
	check_earliest(&r, "2025-06-02", "2025-06-10", days);
}

static void
test_cal_rule_notice_on_weekend_and_holiday(void **state)
{
	struct cal_rule	r = cal_rule_default();

	(void)state;
	/* Saturday 7 June 2025: Mon 9 .. Fri 13 -> Saturday 14. */
	check_earliest(&r, "2025-06-07", "2025-06-14", NULL);
	check_earliest(&r, "2025-06-08", "2025-06-14", NULL);
	/* On Reunification Day 2025 (Wed 30/4): 1/5, 2/5 (swap) off, 3-4
	 * weekend -> Mon 5 .. Fri 9 May -> Saturday 10 May. */
	check_earliest(&r, "2025-04-30", "2025-05-10", NULL);
}

static void
test_cal_rule_just_before_tet(void **state)
{
	struct cal_rule		 r = cal_rule_default();
	static const char *const days[] = { "2026-02-12", "2026-02-13",
	    "2026-02-23", "2026-02-24", "2026-02-25" };

	(void)state;
	/* Wed 11 Feb 2026: Thu 12, Fri 13, then Tết 14-22, Mon 23 .. */
	check_earliest(&r, "2026-02-11", "2026-02-26", days);
	/* Tết 2025 (25/1 - 2/2): notice Fri 24 Jan -> Mon 3 .. Fri 7 Feb. */
	check_earliest(&r, "2025-01-24", "2025-02-08", NULL);
}

static void
test_cal_rule_across_year_end(void **state)
{
	struct cal_rule		 r = cal_rule_default();
	static const char *const days[] = { "2025-12-30", "2025-12-31",
	    "2026-01-05", "2026-01-06", "2026-01-07" };

	(void)state;
	/* 1/1 holiday, 2/1 swapped off, 3-4 weekend. */
	check_earliest(&r, "2025-12-29", "2026-01-08", days);
	/* 2023 -> 2024: 30/12-1/1 off. */
	check_earliest(&r, "2023-12-27", "2024-01-05", NULL);
}

static void
test_cal_rule_swapped_saturday_both_modes(void **state)
{
	struct cal_rule		 r = cal_rule_default();
	static const char *const counted[] = { "2026-01-08", "2026-01-09",
	    "2026-01-10", "2026-01-12", "2026-01-13" };
	static const char *const strict[] = { "2026-01-08", "2026-01-09",
	    "2026-01-12", "2026-01-13", "2026-01-14" };

	(void)state;
	check_earliest(&r, "2026-01-07", "2026-01-14", counted);
	r.count_swapped = false;
	check_earliest(&r, "2026-01-07", "2026-01-15", strict);
	/* 22 August 2026 likewise. */
	r.count_swapped = true;
	check_earliest(&r, "2026-08-19", "2026-08-26", NULL);
	r.count_swapped = false;
	check_earliest(&r, "2026-08-19", "2026-08-27", NULL);
}

static void
test_cal_rule_other_day_counts(void **state)
{
	struct cal_rule	r = { 1, true };

	(void)state;
	check_earliest(&r, "2025-06-06", "2025-06-10", NULL);
	r.working_days = 10;
	check_earliest(&r, "2025-06-02", "2025-06-17", NULL);
}

/* The inverse agrees with the forward function on every day of 2023-2026,
 * in both modes: deadline D allows S, and D + 1 does not. */
static void
test_cal_rule_inverse_agrees_2023_2026(void **state)
{
	struct cal_rule	r = cal_rule_default();
	int32_t		s, d, e, first, last;
	int		mode;

	(void)state;
	first = calfix_day("2023-01-01");
	last = calfix_day("2026-12-31");
	for (mode = 0; mode < 2; mode++) {
		r.count_swapped = mode == 0;
		for (s = first; s <= last; s++) {
			assert_int_equal(cal_rule_notice_deadline(cal, &r, s, &d,
			    NULL), 0);
			assert_int_equal(cal_rule_earliest_start(cal, &r, d, &e,
			    NULL, NULL), 0);
			assert_true(e <= s);
			assert_true(cal_rule_complies(cal, &r, d, s));
			assert_false(cal_rule_complies(cal, &r, d + 1, s));
		}
	}
}

static void
test_cal_rule_notice_deadline_examples(void **state)
{
	struct cal_rule	r = cal_rule_default();
	int32_t		d;
	char		s[CAL_DATE_LEN];

	(void)state;
	assert_int_equal(cal_rule_notice_deadline(cal, &r,
	    calfix_day("2025-06-10"), &d, NULL), 0);
	cal_days_format(d, s);
	assert_string_equal(s, "2025-06-02");
	/* An outage on Thursday 26 Feb 2026 (after Tết): notice by 11 Feb. */
	assert_int_equal(cal_rule_notice_deadline(cal, &r,
	    calfix_day("2026-02-26"), &d, NULL), 0);
	cal_days_format(d, s);
	assert_string_equal(s, "2026-02-11");
	/* A deadline may fall on a day off: start Sat 14 Jun 2025 ->
	 * working days 9-13 -> latest notice Sunday 8 June. */
	assert_int_equal(cal_rule_notice_deadline(cal, &r,
	    calfix_day("2025-06-14"), &d, NULL), 0);
	cal_days_format(d, s);
	assert_string_equal(s, "2025-06-08");
}

static void
test_cal_rule_workdays(void **state)
{
	struct cal_rule	r = cal_rule_default();
	size_t		n;
	int32_t		days[8];
	char		s[CAL_DATE_LEN];

	(void)state;
	assert_int_equal(cal_rule_workdays(cal, &r, calfix_day("2026-01-01"),
	    calfix_day("2026-01-12"), &n, days, 8, NULL), 0);
	assert_int_equal(n, 7);		/* 5, 6, 7, 8, 9, 10 (Sat), 12 */
	cal_days_format(days[5], s);
	assert_string_equal(s, "2026-01-10");
	r.count_swapped = false;
	assert_int_equal(cal_rule_workdays(cal, &r, calfix_day("2026-01-01"),
	    calfix_day("2026-12-31"), &n, NULL, 0, NULL), 0);
	assert_int_equal(n, 248);
	assert_int_equal(cal_rule_workdays(cal, &r, calfix_day("2026-01-05"),
	    calfix_day("2026-01-05"), &n, NULL, 0, NULL), 0);
	assert_int_equal(n, 1);
}

static void
test_cal_rule_errors(void **state)
{
	struct cal_rule	r = cal_rule_default();
	struct cal_err	err;
	int32_t		d = 3;
	size_t		n;

	(void)state;
	assert_int_equal(cal_rule_earliest_start(cal, &r,
	    calfix_day("2199-12-28"), &d, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "range"));
	assert_int_equal(cal_rule_earliest_start(cal, &r,
	    calfix_day("1899-12-31"), &d, NULL, &err), -1);
	assert_int_equal(cal_rule_notice_deadline(cal, &r,
	    calfix_day("1900-01-03"), &d, &err), -1);
	assert_int_equal(d, 3);
	r.working_days = 0;
	assert_int_equal(cal_rule_earliest_start(cal, &r,
	    calfix_day("2026-01-01"), &d, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "working_days"));
	r = cal_rule_default();
	assert_int_equal(cal_rule_workdays(cal, &r, calfix_day("2026-02-01"),
	    calfix_day("2026-01-01"), &n, NULL, 0, &err), -1);
	assert_non_null(strstr(err.msg, "before"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cal_rule_worked_example),
		cmocka_unit_test(test_cal_rule_notice_on_weekend_and_holiday),
		cmocka_unit_test(test_cal_rule_just_before_tet),
		cmocka_unit_test(test_cal_rule_across_year_end),
		cmocka_unit_test(test_cal_rule_swapped_saturday_both_modes),
		cmocka_unit_test(test_cal_rule_other_day_counts),
		cmocka_unit_test(test_cal_rule_inverse_agrees_2023_2026),
		cmocka_unit_test(test_cal_rule_notice_deadline_examples),
		cmocka_unit_test(test_cal_rule_workdays),
		cmocka_unit_test(test_cal_rule_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
