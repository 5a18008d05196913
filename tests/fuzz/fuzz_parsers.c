/*
 * fuzz_parsers.c - libFuzzer target over every parser of outside input in
 * the calendar: ISO dates, RFC 3339 instants, schedule files (JSON) and
 * iCalendar imports.  The first byte picks the parser.  `make fuzz` builds it
 * with clang (-fsanitize=fuzzer,address,undefined) and runs it for
 * FUZZ_SECONDS.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "calendar/date.h"
#include "calendar/holiday.h"
#include "calendar/ics.h"
#include "calendar/lunar.h"
#include "calendar/schedule.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cal_lunar_table	*lunar;
	struct cal_calendar		*cal;
	struct cal_override		*o;
	struct cal_date			 d;
	struct cal_err			 err;
	const char			*s = (const char *)data + 1;
	size_t				 n, skipped, len = size - 1;
	int64_t				 at;

	if (size < 1)
		return 0;
	if (lunar == NULL)
		lunar = cal_lunar_table_new();
	switch (data[0] % 4) {
	case 0:
		if (cal_date_parse(s, len, &d, &err) == 0 &&
		    !cal_date_is_valid(d))
			abort();
		break;
	case 1:
		cal_instant_parse(s, len, &at, &err);
		break;
	case 2:
		cal = cal_calendar_new(lunar);
		cal_schedule_load(cal, s, len, NULL, &err);
		cal_calendar_free(cal);
		break;
	default:
		if (cal_ics_import(s, len, "fuzz", &o, &n, &skipped,
		    &err) == 0)
			cal_overrides_free(o, n);
		break;
	}
	return 0;
}
