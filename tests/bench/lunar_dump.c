/*
 * lunar_dump.c - prints every lunar month that starts in 1900-2199 (and the
 * one holding 1900-01-01) as "YEAR MONTH LEAP START", for lunar_check.js.
 */
#include <stdio.h>

#include "calendar/lunar.h"

int
main(void)
{
	struct cal_lunar_table	*t = cal_lunar_table_new();
	struct cal_lunar	 l;
	int32_t			 d, first = cal_range_first_day();
	char			 s[CAL_DATE_LEN];

	for (d = first; d <= cal_range_last_day(); d++) {
		if (cal_lunar_from_solar(t, d, &l, NULL) == -1)
			return 1;
		if (l.day != 1 && d != first)
			continue;
		cal_days_format(d - l.day + 1, s);
		printf("%d %d %d %s\n", l.year, l.month, l.leap ? 1 : 0, s);
	}
	cal_lunar_table_free(t);
	return 0;
}
