/*
 * schedule.h - official day-off schedules as data files.
 *
 * One JSON file per year (data/holidays/YYYY.json), UTF-8, at most 256 KiB:
 *
 *   {"year": 2026, "status": "official",
 *    "source": "Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ",
 *    "entries": [
 *      {"from": "2026-02-14", "to": "2026-02-22", "kind": "holiday",
 *       "name": "Tết Nguyên đán Bính Ngọ", "name_en": "Lunar New Year",
 *       "source": "..."},
 *      {"date": "2026-01-10", "kind": "swapped_work", "name": "..."}]}
 *
 * An entry names one day ("date") or an inclusive range ("from", "to", at
 * most 31 days); "kind" is one of holiday, compensatory, swapped_off,
 * swapped_work, day_off; "source" defaults to the file's.  Entries must lie
 * within the year or the days next to it (a closure that spans New Year).
 * Unknown fields are errors, so a typo cannot silently drop a day.
 */
#ifndef CAL_SCHEDULE_H
#define CAL_SCHEDULE_H

#include <stddef.h>

#include "calendar/date.h"
#include "calendar/holiday.h"

#define CAL_SCHEDULE_MAX_SIZE	(256 * 1024)

/*
 * Parses one schedule file's text and adds it to the calendar.  On error
 * nothing is added and err names the field ("entries[3].to: ...").
 * The year is stored in *year_out when not NULL.
 */
int	cal_schedule_load(struct cal_calendar *, const char *json, size_t len,
	    int *year_out, struct cal_err *err);

#endif
