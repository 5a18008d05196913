/*
 * test_cal_holiday.c - calendar/holiday and calendar/schedule: the official
 * schedules of 2023-2026 reproduced exactly (from the facts in
 * tests/fixtures/vn-calendar.json), the statutory layer of unannounced
 * years, operator overrides, and schedule files that must be refused.
 */
#include "calfix.h"

#include <jansson.h>

static struct cal_lunar_table	*lunar;
static struct cal_calendar	*cal;
static json_t			*facts;

static int
setup(void **state)
{
	char		*text;
	json_error_t	 err;

	(void)state;
	lunar = cal_lunar_table_new();
	cal = calfix_new(lunar);
	text = test_read_file("tests/fixtures/vn-calendar.json", NULL);
	facts = json_loads(text, 0, &err);
	free(text);
	return facts == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	cal_calendar_free(cal);
	cal_lunar_table_free(lunar);
	json_decref(facts);
	return 0;
}

static bool
in_list(json_t *a, const char *s)
{
	size_t	 i;
	json_t	*v;

	json_array_foreach(a, i, v)
		if (strcmp(json_string_value(v), s) == 0)
			return true;
	return false;
}

/* Every day of each year: a weekday is off iff listed, a Saturday works iff
 * listed, and the year's working-day count matches. */
static void
test_cal_holiday_official_years_exact(void **state)
{
	json_t		*years = json_object_get(facts, "years"), *y;
	const char	*key;
	int32_t		 d, from, to;
	int		 working, wd;
	char		 s[CAL_DATE_LEN];
	struct cal_day	 day;

	(void)state;
	json_object_foreach(years, key, y) {
		json_t	*closed = json_object_get(y, "weekday_closures");
		json_t	*sats = json_object_get(y, "makeup_working_saturdays");
		int	 year = test_int(key);

		assert_true(cal_calendar_year_is_official(cal, year));
		from = cal_date_to_days((struct cal_date){ year, 1, 1 });
		to = cal_date_to_days((struct cal_date){ year, 12, 31 });
		working = 0;
		for (d = from; d <= to; d++) {
			bool	want;

			cal_days_format(d, s);
			wd = cal_weekday(d);
			want = wd <= 5 ? !in_list(closed, s) : in_list(sats, s);
			if (cal_calendar_is_working(cal, d, true) != want)
				fail_msg("%s: working should be %d", s, want);
			assert_int_equal(cal_calendar_day(cal, d, &day, NULL), 0);
			assert_int_equal(day.working, want);
			assert_false(day.provisional);
			if (wd <= 5 && !want)
				assert_non_null(day.name);
			working += want;
		}
		assert_int_equal(working, json_integer_value(json_object_get(y,
		    "working_days_in_calendar_year")));
	}
}

/* Closures: every day of each announced range is a day off. */
static void
test_cal_holiday_closures_are_days_off(void **state)
{
	json_t		*years = json_object_get(facts, "years"), *y, *c;
	const char	*key;
	size_t		 i;
	int32_t		 d;

	(void)state;
	json_object_foreach(years, key, y) {
		json_array_foreach(json_object_get(y, "closures"), i, c) {
			int32_t	from = calfix_day(json_string_value(
				    json_object_get(c, "start")));
			int32_t	to = calfix_day(json_string_value(
				    json_object_get(c, "end")));

			for (d = from; d <= to; d++)
				assert_false(cal_calendar_is_working(cal, d,
				    true));
		}
	}
}

static void
test_cal_holiday_day_reports_kind_layer_source(void **state)
{
	struct cal_day	d;

	(void)state;
	assert_int_equal(cal_calendar_day(cal, calfix_day("2026-01-10"), &d,
	    NULL), 0);
	assert_int_equal(d.kind, CAL_KIND_SWAPPED_WORK);
	assert_int_equal(d.layer, CAL_LAYER_OFFICIAL);
	assert_true(d.working);
	assert_non_null(strstr(d.name, "Làm bù"));
	assert_non_null(strstr(d.source, "25/12/2025"));
	/* Swapped Saturdays do not count in the conservative mode. */
	assert_false(cal_calendar_is_working(cal, calfix_day("2026-01-10"),
	    false));
	assert_int_equal(cal_calendar_day(cal, calfix_day("2026-02-17"), &d,
	    NULL), 0);
	assert_int_equal(d.kind, CAL_KIND_HOLIDAY);
	assert_string_equal(d.name, "Tết Nguyên đán Bính Ngọ");
	assert_non_null(strstr(d.source, "9441/TB-BNV"));
	assert_int_equal(cal_calendar_day(cal, calfix_day("2026-04-27"), &d,
	    NULL), 0);
	assert_int_equal(d.kind, CAL_KIND_COMPENSATORY);
	assert_int_equal(cal_calendar_day(cal, calfix_day("2026-08-31"), &d,
	    NULL), 0);
	assert_int_equal(d.kind, CAL_KIND_SWAPPED_OFF);
	assert_int_equal(cal_calendar_day(cal, calfix_day("2026-03-03"), &d,
	    NULL), 0);
	assert_int_equal(d.kind, CAL_KIND_WORKDAY);
	assert_int_equal(d.layer, CAL_LAYER_WEEK);
	assert_null(d.name);
}

/* 2027 has no schedule: the statutory layer, marked provisional. */
static void
test_cal_holiday_statutory_provisional_2027(void **state)
{
	struct cal_day	d;
	int32_t		i;

	(void)state;
	assert_false(cal_calendar_year_is_official(cal, 2027));
	/* Hùng Kings' day 10/3 lunar = Friday 16 April 2027. */
	assert_int_equal(cal_calendar_day(cal, calfix_day("2027-04-16"), &d,
	    NULL), 0);
	assert_int_equal(d.kind, CAL_KIND_HOLIDAY);
	assert_int_equal(d.layer, CAL_LAYER_STATUTORY);
	assert_true(d.provisional);
	assert_string_equal(d.name, "Giỗ Tổ Hùng Vương");
	/* 30/4 Friday, 1/5 Saturday -> compensatory Monday 3 May. */
	assert_false(cal_calendar_is_working(cal, calfix_day("2027-04-30"),
	    true));
	assert_int_equal(cal_calendar_day(cal, calfix_day("2027-05-03"), &d,
	    NULL), 0);
	assert_int_equal(d.kind, CAL_KIND_COMPENSATORY);
	assert_true(cal_calendar_is_working(cal, calfix_day("2027-05-04"),
	    true));
	/* Tết 6 Feb 2027 (Sat): 5 Feb and 6-9 Feb, then 10-11 Feb bù. */
	for (i = calfix_day("2027-02-05"); i <= calfix_day("2027-02-11"); i++)
		assert_false(cal_calendar_is_working(cal, i, true));
	assert_true(cal_calendar_is_working(cal, calfix_day("2027-02-04"),
	    true));
	assert_true(cal_calendar_is_working(cal, calfix_day("2027-02-12"),
	    true));
	/* 2/9 Thursday and 1/9 Wednesday. */
	assert_false(cal_calendar_is_working(cal, calfix_day("2027-09-01"),
	    true));
	assert_false(cal_calendar_is_working(cal, calfix_day("2027-09-02"),
	    true));
	assert_true(cal_calendar_is_working(cal, calfix_day("2027-09-03"),
	    true));
	/* New Year 2028 is a Saturday: Monday 3 Jan 2028 off. */
	assert_false(cal_calendar_is_working(cal, calfix_day("2028-01-03"),
	    true));
}

/* The statutory rules alone reproduce the announced 2023 Sept break. */
static void
test_cal_holiday_statutory_matches_simple_years(void **state)
{
	struct cal_calendar	*bare = cal_calendar_new(lunar);

	(void)state;
	/* 2023: 2/9 Sat -> 1/9 Fri off, Mon 4/9 compensatory. */
	assert_false(cal_calendar_is_working(bare, calfix_day("2023-09-01"),
	    true));
	assert_false(cal_calendar_is_working(bare, calfix_day("2023-09-04"),
	    true));
	/* 2023: Hùng Sat 29/4, 30/4 Sun, 1/5 Mon -> Tue 2, Wed 3 off. */
	assert_false(cal_calendar_is_working(bare, calfix_day("2023-05-02"),
	    true));
	assert_false(cal_calendar_is_working(bare, calfix_day("2023-05-03"),
	    true));
	assert_true(cal_calendar_is_working(bare, calfix_day("2023-05-04"),
	    true));
	/* 2026: Hùng Sunday 26/4 -> Monday 27/4. */
	assert_false(cal_calendar_is_working(bare, calfix_day("2026-04-27"),
	    true));
	cal_calendar_free(bare);
}

static void
test_cal_holiday_overrides(void **state)
{
	struct cal_calendar	*c = calfix_new(lunar);
	struct cal_override	 o;
	struct cal_day		 d;
	struct cal_err		 err;
	int32_t			 tue = calfix_day("2026-11-24");
	int32_t			 sat = calfix_day("2026-11-21");
	int32_t			 tet = calfix_day("2026-02-16");

	(void)state;
	assert_true(cal_calendar_is_working(c, tue, true));
	o = (struct cal_override){ tue, CAL_OVERRIDE_OFF,
	    "Ngày Văn hóa Việt Nam", "test" };
	assert_int_equal(cal_calendar_put_override(c, &o, &err), 0);
	assert_false(cal_calendar_is_working(c, tue, true));
	cal_calendar_day(c, tue, &d, NULL);
	assert_int_equal(d.kind, CAL_KIND_DAY_OFF);
	assert_int_equal(d.layer, CAL_LAYER_OVERRIDE);
	assert_string_equal(d.name, "Ngày Văn hóa Việt Nam");
	assert_string_equal(d.source, "test");
	/* A working Saturday. */
	o = (struct cal_override){ sat, CAL_OVERRIDE_WORK, "Làm bù", NULL };
	assert_int_equal(cal_calendar_put_override(c, &o, &err), 0);
	assert_true(cal_calendar_is_working(c, sat, true));
	assert_false(cal_calendar_is_working(c, sat, false));
	cal_calendar_day(c, sat, &d, NULL);
	assert_int_equal(d.kind, CAL_KIND_SWAPPED_WORK);
	/* Clear: a Tết day returns to a plain Monday. */
	o = (struct cal_override){ tet, CAL_OVERRIDE_CLEAR, "Hủy ngày nghỉ",
	    NULL };
	assert_int_equal(cal_calendar_put_override(c, &o, &err), 0);
	assert_true(cal_calendar_is_working(c, tet, true));
	cal_calendar_day(c, tet, &d, NULL);
	assert_int_equal(d.kind, CAL_KIND_WORKDAY);
	assert_int_equal(d.layer, CAL_LAYER_OVERRIDE);
	assert_int_equal(cal_calendar_override_count(c), 3);
	assert_int_equal(cal_calendar_override_at(c, 0)->days, tet);
	/* Replace, then remove: the lower layers come back. */
	o = (struct cal_override){ tue, CAL_OVERRIDE_WORK, "x", NULL };
	assert_int_equal(cal_calendar_put_override(c, &o, &err), 0);
	assert_int_equal(cal_calendar_override_count(c), 3);
	assert_true(cal_calendar_is_working(c, tue, true));
	assert_int_equal(cal_calendar_remove_override(c, tet), 0);
	assert_false(cal_calendar_is_working(c, tet, true));
	cal_calendar_day(c, tet, &d, NULL);
	assert_int_equal(d.layer, CAL_LAYER_OFFICIAL);
	assert_int_equal(cal_calendar_remove_override(c, tet), -1);
	cal_calendar_free(c);
}

static void
test_cal_holiday_override_bad_input(void **state)
{
	struct cal_calendar	*c = cal_calendar_new(lunar);
	struct cal_override	 o, two[2];
	struct cal_err		 err;

	(void)state;
	o = (struct cal_override){ calfix_day("2026-11-24"), CAL_OVERRIDE_OFF,
	    "", NULL };
	assert_int_equal(cal_calendar_put_override(c, &o, &err), -1);
	assert_non_null(strstr(err.msg, "name is required"));
	o.name = "a\r\nBcc: x";
	assert_int_equal(cal_calendar_put_override(c, &o, &err), -1);
	assert_non_null(strstr(err.msg, "control character"));
	o.name = "\xc3\x28";
	assert_int_equal(cal_calendar_put_override(c, &o, &err), -1);
	assert_non_null(strstr(err.msg, "UTF-8"));
	o.name = "ok";
	o.days = cal_date_to_days((struct cal_date){ 2200, 1, 1 });
	assert_int_equal(cal_calendar_put_override(c, &o, &err), -1);
	assert_non_null(strstr(err.msg, "out of range"));
	o.days = calfix_day("2026-11-24");
	o.kind = (enum cal_override_kind)9;
	assert_int_equal(cal_calendar_put_override(c, &o, &err), -1);
	two[0] = (struct cal_override){ o.days, CAL_OVERRIDE_OFF, "a", NULL };
	two[1] = (struct cal_override){ o.days, CAL_OVERRIDE_WORK, "b", NULL };
	assert_int_equal(cal_calendar_set_overrides(c, two, 2, &err), -1);
	assert_non_null(strstr(err.msg, "two overrides"));
	assert_int_equal(cal_calendar_override_count(c), 0);
	cal_calendar_free(c);
}

/* Loads a schedule text; returns the error message or NULL. */
static const char *
load_err(const char *json)
{
	static struct cal_err	 err;
	struct cal_calendar	*c = cal_calendar_new(lunar);
	int			 rc;

	rc = cal_schedule_load(c, json, strlen(json), NULL, &err);
	cal_calendar_free(c);
	return rc == 0 ? NULL : err.msg;
}

static void
test_cal_schedule_refuses_bad_files(void **state)
{
	(void)state;
	assert_null(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[{\"date\":\"2027-01-01\",\"kind\":\"holiday\","
	    "\"name\":\"Tết\"}]}"));
	assert_non_null(strstr(load_err("{\"year\":2027"), "line 1"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[],\"extra\":1}"), "unknown field 'extra'"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"draft\","
	    "\"entries\":[]}"), "status"));
	assert_non_null(strstr(load_err("{\"year\":1800,\"status\":\"official\","
	    "\"entries\":[]}"), "year"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[{\"date\":\"2027-02-30\",\"kind\":\"holiday\","
	    "\"name\":\"x\"}]}"), "entries[0].date: 2027-02-30 is not a date"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[{\"from\":\"2027-02-01\",\"to\":\"2027-03-15\","
	    "\"kind\":\"holiday\",\"name\":\"x\"}]}"), "within 31 days"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[{\"date\":\"2029-01-01\",\"kind\":\"holiday\","
	    "\"name\":\"x\"}]}"), "next to year 2027"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[{\"date\":\"2027-01-01\",\"kind\":\"party\","
	    "\"name\":\"x\"}]}"), "kind must be"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[{\"date\":\"2027-01-01\",\"kind\":\"holiday\"}]}"),
	    "name is required"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"entries\":[{\"date\":\"2027-01-01\",\"kind\":\"holiday\","
	    "\"name\":\"a\"},{\"date\":\"2027-01-01\",\"kind\":\"holiday\","
	    "\"name\":\"b\"}]}"), "appears twice"));
	assert_non_null(strstr(load_err("{\"year\":2027,\"status\":\"official\","
	    "\"year\":2028,\"entries\":[]}"), "duplicate"));
}

static void
test_cal_schedule_year_loaded_once(void **state)
{
	struct cal_err	 err;
	const char	*j = "{\"year\":2026,\"status\":\"official\","
			    "\"entries\":[]}";

	(void)state;
	assert_int_equal(cal_schedule_load(cal, j, strlen(j), NULL, &err), -1);
	assert_non_null(strstr(err.msg, "already has"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cal_holiday_official_years_exact),
		cmocka_unit_test(test_cal_holiday_closures_are_days_off),
		cmocka_unit_test(test_cal_holiday_day_reports_kind_layer_source),
		cmocka_unit_test(test_cal_holiday_statutory_provisional_2027),
		cmocka_unit_test(test_cal_holiday_statutory_matches_simple_years),
		cmocka_unit_test(test_cal_holiday_overrides),
		cmocka_unit_test(test_cal_holiday_override_bad_input),
		cmocka_unit_test(test_cal_schedule_refuses_bad_files),
		cmocka_unit_test(test_cal_schedule_year_loaded_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
