/*
 * calfix.h - builds the calendar the daemon builds: the statutory layer and
 * the official schedules shipped in data/holidays (2023-2026).
 */
#ifndef CALFIX_H
#define CALFIX_H

#include "test.h"

#include "calendar/holiday.h"
#include "calendar/lunar.h"
#include "calendar/schedule.h"

static inline struct cal_calendar *
calfix_new(const struct cal_lunar_table *lunar)
{
	struct cal_calendar	*c = cal_calendar_new(lunar);
	struct cal_err		 err;
	char			 rel[64], *text;
	size_t			 len;
	int			 y, year;

	for (y = 2023; y <= 2026; y++) {
		snprintf(rel, sizeof(rel), "data/holidays/%d.json", y);
		text = test_read_file(rel, &len);
		if (cal_schedule_load(c, text, len, &year, &err) == -1) {
			fprintf(stderr, "%s: %s\n", rel, err.msg);
			abort();
		}
		free(text);
	}
	return c;
}

static inline int32_t
calfix_day(const char *iso)
{
	struct cal_date	d;

	if (cal_date_parse(iso, strlen(iso), &d, NULL) == -1)
		abort();
	return cal_date_to_days(d);
}

#endif
