/*
 * bench_cal.c - `make bench` for the calendar: ns per call of
 *   earliest-start for 1,000,000 random notice days of 1900-2199, and
 *   solar->lunar for 1,000,000 random days,
 * each against a baseline measured in the same run on the same inputs
 * (cal_date_from_days, the cheapest date operation there is), plus the one-off
 * cost of building the lunar table and the calendar.  Goals from the
 * foundation issue: < 1000 ns per earliest-start, < 10000 ns per lunar
 * conversion, on one core.  Usage: bench_cal DATA_DIR (the repo's data/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/holiday.h"
#include "calendar/lunar.h"
#include "calendar/rule.h"
#include "calendar/schedule.h"

#define N	1000000

static double
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
load(struct cal_calendar *c, const char *dir)
{
	char		 path[1024], *text;
	FILE		*f;
	long		 n;
	int		 y;
	struct cal_err	 err;

	for (y = 2023; y <= 2026; y++) {
		snprintf(path, sizeof(path), "%s/holidays/%d.json", dir, y);
		if ((f = fopen(path, "rb")) == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		text = malloc((size_t)n);
		if (text == NULL || fread(text, 1, (size_t)n, f) != (size_t)n)
			exit(1);
		fclose(f);
		if (cal_schedule_load(c, text, (size_t)n, NULL, &err) == -1) {
			fprintf(stderr, "%s: %s\n", path, err.msg);
			exit(1);
		}
		free(text);
	}
}

int
main(int argc, char *argv[])
{
	struct cal_lunar_table	*lunar;
	struct cal_calendar	*cal;
	struct cal_rule		 rule = cal_rule_default();
	struct cal_lunar	 l;
	int32_t			*days, first, span, start;
	uint64_t		 seed = 0x9e3779b97f4a7c15ULL, sink = 0;
	double			 t0, t_table, t_cal, t_base, t_rule, t_lunar;
	int			 i;

	t0 = now_ns();
	lunar = cal_lunar_table_new();
	t_table = now_ns() - t0;
	t0 = now_ns();
	cal = cal_calendar_new(lunar);
	load(cal, argc > 1 ? argv[1] : "data");
	t_cal = now_ns() - t0;

	first = cal_range_first_day();
	span = cal_range_last_day() - first - 30;	/* room for the count */
	days = malloc(N * sizeof(*days));
	for (i = 0; i < N; i++)
		days[i] = first + (int32_t)(next(&seed) % (uint64_t)span);

	t0 = now_ns();
	for (i = 0; i < N; i++) {
		struct cal_date d = cal_date_from_days(days[i]);

		sink += (uint64_t)(d.year + d.month + d.day);
	}
	t_base = (now_ns() - t0) / N;

	t0 = now_ns();
	for (i = 0; i < N; i++) {
		if (cal_rule_earliest_start(cal, &rule, days[i], &start, NULL,
		    NULL) == -1)
			return 1;
		sink += (uint64_t)start;
	}
	t_rule = (now_ns() - t0) / N;

	t0 = now_ns();
	for (i = 0; i < N; i++) {
		if (cal_lunar_from_solar(lunar, days[i], &l, NULL) == -1)
			return 1;
		sink += (uint64_t)(l.day + l.month);
	}
	t_lunar = (now_ns() - t0) / N;

	printf("bench_cal: %d random days of %d-%d, one core\n", N,
	    CAL_MIN_YEAR, CAL_MAX_YEAR);
	printf("  baseline cal_date_from_days    %8.1f ns/call\n", t_base);
	printf("  earliest-start (5 work days)   %8.1f ns/call  = %5.1f x "
	    "baseline  (goal < 1000 ns: %s)\n", t_rule, t_rule / t_base,
	    t_rule < 1000 ? "met" : "MISSED");
	printf("  solar->lunar                   %8.1f ns/call  = %5.1f x "
	    "baseline  (goal < 10000 ns: %s)\n", t_lunar, t_lunar / t_base,
	    t_lunar < 10000 ? "met" : "MISSED");
	printf("  one-off: lunar table %.1f ms, calendar %.1f ms "
	    "(checksum %llu)\n", t_table / 1e6, t_cal / 1e6,
	    (unsigned long long)(sink % 1000));
	free(days);
	cal_calendar_free(cal);
	cal_lunar_table_free(lunar);
	return 0;
}
