/*
 * zone.c - zone offsets from libical's built-in zones; see zone.h.
 *
 * libical expands a zone's transitions lazily into shared arrays, so every
 * call goes through the zone's mutex.
 */
#include "calendar/zone.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/xmalloc.h"

struct cal_zone {
	pthread_mutex_t	 lock;
	icaltimezone	*tz;
	char		*tzid;
};

struct cal_zone *
cal_zone_new(const char *tzid, struct cal_err *err)
{
	struct cal_zone	*z;
	icaltimezone	*tz;

	if (tzid == NULL || *tzid == '\0' || strlen(tzid) > 64) {
		cal_err_set(err, "time zone name is empty or too long");
		return NULL;
	}
	if (strcmp(tzid, "UTC") == 0 || strcmp(tzid, "Etc/UTC") == 0)
		tz = icaltimezone_get_utc_timezone();
	else if ((tz = icaltimezone_get_builtin_timezone(tzid)) == NULL) {
		cal_err_set(err, "unknown time zone '%s' (an IANA name like "
		    "Asia/Ho_Chi_Minh; is tzdata installed?)", tzid);
		return NULL;
	}
	z = xcalloc(1, sizeof(*z));
	pthread_mutex_init(&z->lock, NULL);
	z->tz = tz;
	z->tzid = xstrdup(tzid);
	return z;
}

void
cal_zone_free(struct cal_zone *z)
{
	if (z == NULL)
		return;
	pthread_mutex_destroy(&z->lock);
	free(z->tzid);
	free(z);
}

const char *
cal_zone_tzid(const struct cal_zone *z)
{
	return z->tzid;
}

int
cal_zone_offset(struct cal_zone *z, int64_t at)
{
	struct icaltimetype	tt;
	int			off, dst;

	pthread_mutex_lock(&z->lock);
	tt = icaltime_from_timet_with_zone((time_t)at, 0,
	    icaltimezone_get_utc_timezone());
	off = icaltimezone_get_utc_offset_of_utc_time(z->tz, &tt, &dst);
	pthread_mutex_unlock(&z->lock);
	return off;
}

int32_t
cal_zone_day(struct cal_zone *z, int64_t at)
{
	return cal_days_of_instant(at + cal_zone_offset(z, at));
}

int64_t
cal_zone_day_start(struct cal_zone *z, int32_t days)
{
	struct icaltimetype	tt = icaltime_null_time();
	struct cal_date		d = cal_date_from_days(days);
	int			off, dst;

	tt.year = d.year;
	tt.month = d.month;
	tt.day = d.day;
	pthread_mutex_lock(&z->lock);
	off = icaltimezone_get_utc_offset(z->tz, &tt, &dst);
	pthread_mutex_unlock(&z->lock);
	return (int64_t)days * 86400 - off;
}
