/*
 * test_store.c - daemon/store and daemon/workcal on a real SQLite file in a
 * temporary directory: migrations, overrides that persist across a
 * restart, all-or-nothing writes, and the schedules read from disk.
 */
#include "test.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/store.h"
#include "daemon/workcal.h"

#define STR2(x)	#x
#define STR(x)	STR2(x)

static char	dir[256];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/baotri-test-store-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	log_set_level(LOG_LEVEL_ERROR);
	return 0;
}

static int
teardown(void **state)
{
	char	path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/baotri.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/baotri.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/baotri.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

static int32_t
day(const char *iso)
{
	struct cal_date	d;

	cal_date_parse(iso, 10, &d, NULL);
	return cal_date_to_days(d);
}

static void
test_store_open_migrates_and_uses_wal(void **state)
{
	struct store	*s;
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		 path[512];

	(void)state;
	s = store_open(dir);
	assert_non_null(s);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
	/* Reopening an up-to-date store changes nothing. */
	s = store_open(dir);
	assert_non_null(s);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
	snprintf(path, sizeof(path), "%s/baotri.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	/* A newer schema than ours is refused, not downgraded. */
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_open(dir));
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = " STR(STORE_SCHEMA_VERSION),
	    NULL, NULL, NULL);
	sqlite3_close(db);
}

static void
test_store_overrides_persist(void **state)
{
	struct store		*s;
	struct cal_override	 o[2], *got;
	size_t			 n;

	(void)state;
	s = store_open(dir);
	assert_non_null(s);
	assert_int_equal(store_calendar_changed_at(s), 0);
	o[0] = (struct cal_override){ day("2026-11-24"), CAL_OVERRIDE_OFF,
	    "Ngày Văn hóa Việt Nam", "Quyết định (thử)" };
	o[1] = (struct cal_override){ day("2026-11-28"), CAL_OVERRIDE_WORK,
	    "Làm bù", NULL };
	assert_int_equal(store_overrides_put(s, o, 2, 1000), 0);
	assert_int_equal(store_calendar_changed_at(s), 1000);
	store_close(s);

	s = store_open(dir);
	assert_int_equal(store_overrides_load(s, &got, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].days, day("2026-11-24"));
	assert_int_equal(got[0].kind, CAL_OVERRIDE_OFF);
	assert_string_equal(got[0].name, "Ngày Văn hóa Việt Nam");
	assert_string_equal(got[0].source, "Quyết định (thử)");
	assert_int_equal(got[1].kind, CAL_OVERRIDE_WORK);
	assert_null(got[1].source);
	cal_overrides_free(got, n);
	/* The change time moves forward even with a clock that does not. */
	assert_int_equal(store_override_delete(s, day("2026-11-28"), 900), 0);
	assert_int_equal(store_calendar_changed_at(s), 1001);
	assert_int_equal(store_override_delete(s, day("2026-11-28"), 900), 1);
	assert_int_equal(store_overrides_load(s, &got, &n), 0);
	assert_int_equal(n, 1);
	cal_overrides_free(got, n);
	assert_int_equal(store_override_delete(s, day("2026-11-24"), 2000), 0);
	store_close(s);
}

static void
test_store_put_is_all_or_nothing(void **state)
{
	struct store		*s;
	struct cal_override	 o[2], *got;
	size_t			 n;
	char			 longname[300];

	(void)state;
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	s = store_open(dir);
	o[0] = (struct cal_override){ day("2026-12-01"), CAL_OVERRIDE_OFF,
	    "ok", NULL };
	o[1] = (struct cal_override){ day("2026-12-02"), CAL_OVERRIDE_OFF,
	    longname, NULL };	/* the CHECK constraint refuses it */
	assert_int_equal(store_overrides_put(s, o, 2, 3000), -1);
	assert_int_equal(store_overrides_load(s, &got, &n), 0);
	assert_int_equal(n, 0);
	cal_overrides_free(got, n);
	store_close(s);
}

/* The daemon's calendar: schedules from disk plus the store's overrides,
 * kept across a restart; a bad change leaves store and memory as they were. */
static void
test_workcal_overrides_survive_restart(void **state)
{
	const char		*dirs[1] = { TOP_SRCDIR "/data/holidays" };
	struct store		*s;
	struct workcal		*w;
	struct cal_override	 o, bad[2];
	struct cal_err		 err;
	struct cal_day		 d;
	int			 years[8];

	(void)state;
	s = store_open(dir);
	w = workcal_open(s, dirs, 1, "Asia/Ho_Chi_Minh", cal_rule_default());
	assert_non_null(w);
	assert_int_equal(workcal_official_years(w, years, 8), 4);
	assert_int_equal(years[0], 2023);
	assert_int_equal(years[3], 2026);
	o = (struct cal_override){ day("2026-11-24"), CAL_OVERRIDE_OFF,
	    "Ngày Văn hóa Việt Nam", NULL };
	assert_int_equal(workcal_put_overrides(w, &o, 1, 5000, NULL, &err), 0);
	bad[0] = (struct cal_override){ day("2026-12-07"), CAL_OVERRIDE_OFF,
	    "fine", NULL };
	bad[1] = (struct cal_override){ day("2026-12-08"), CAL_OVERRIDE_OFF,
	    "", NULL };
	assert_int_equal(workcal_put_overrides(w, bad, 2, 5001, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "name"));
	assert_true(cal_calendar_is_working(workcal_acquire(w),
	    day("2026-12-07"), true));
	workcal_release(w);
	workcal_free(w);
	store_close(s);

	s = store_open(dir);
	w = workcal_open(s, dirs, 1, "Asia/Ho_Chi_Minh", cal_rule_default());
	assert_non_null(w);
	assert_true(workcal_changed_at(w) >= 5000);
	cal_calendar_day(workcal_acquire(w), day("2026-11-24"), &d, NULL);
	workcal_release(w);
	assert_false(d.working);
	assert_int_equal(d.layer, CAL_LAYER_OVERRIDE);
	assert_string_equal(d.name, "Ngày Văn hóa Việt Nam");
	assert_true(cal_calendar_is_working(workcal_acquire(w),
	    day("2026-12-07"), true));
	workcal_release(w);
	assert_int_equal(workcal_remove_override(w, day("2026-11-24"), 6000,
	    NULL, &err), 0);
	assert_int_equal(workcal_remove_override(w, day("2026-11-24"), 6000,
	    NULL, &err), 1);
	workcal_free(w);
	store_close(s);
}

static void
test_workcal_refuses_bad_schedule_file(void **state)
{
	char		 hdir[512], path[600];
	const char	*dirs[1];
	struct store	*s;
	FILE		*f;

	(void)state;
	snprintf(hdir, sizeof(hdir), "%s/holidays", dir);
	assert_int_equal(mkdir(hdir, 0700), 0);
	snprintf(path, sizeof(path), "%s/2027.json", hdir);
	f = fopen(path, "w");
	fputs("{\"year\": 2027, \"status\": \"official\", \"entries\": "
	    "[{\"date\": \"2027-02-29\", \"kind\": \"holiday\", "
	    "\"name\": \"x\"}]}", f);
	fclose(f);
	dirs[0] = hdir;
	s = store_open(dir);
	assert_null(workcal_open(s, dirs, 1, "Asia/Ho_Chi_Minh",
	    cal_rule_default()));
	assert_null(workcal_open(s, dirs, 0, "Nowhere/City",
	    cal_rule_default()));
	store_close(s);
	unlink(path);
	rmdir(hdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_open_migrates_and_uses_wal),
		cmocka_unit_test(test_store_overrides_persist),
		cmocka_unit_test(test_store_put_is_all_or_nothing),
		cmocka_unit_test(test_workcal_overrides_survive_restart),
		cmocka_unit_test(test_workcal_refuses_bad_schedule_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
