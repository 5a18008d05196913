/*
 * api.h - the JSON API and feeds served by baotrid (DESIGN.md §3).
 *
 * This part serves the calendar: under /api/v1 the read endpoints
 * calendar/earliest-start, calendar/notice-deadline, calendar/workdays,
 * calendar/lunar and holidays; and /holidays.ics, /healthz.  Times in answers
 * are RFC 3339 in the configured zone; dates are YYYY-MM-DD.
 */
#ifndef WEB_API_H
#define WEB_API_H

#include <stdint.h>

#include "daemon/workcal.h"
#include "web/http.h"

typedef int64_t	web_clock_fn(void);

struct web_api {
	struct workcal	*wc;		/* borrowed */
	web_clock_fn	*now;		/* the clock; a seam for tests */
	const char	*version;
	const char	*uid_host;	/* host part of iCalendar UIDs */
	int		 schema_version;
};

/* The server's handler; arg is a struct web_api. */
void	web_api_handle(void *arg, const struct web_request *,
	    struct web_response *);

#endif
