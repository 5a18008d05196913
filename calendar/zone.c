/*
 * zone.c - zone offsets from libical's built-in zones; see zone.h.
 *
 * libical expands a zone's transitions lazily into shared arrays, so every
 * call goes through the zone's mutex.
 */
#include "calendar/zone.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/xmalloc.h"

struct cal_zone {
	pthread_mutex_t	 lock;
	icaltimezone	*tz;
	char		*tzid;
	/*
	 * The offset of the last second asked, packed (second << 20 | offset +
	 * 2^19; 0: none) so that every HTTP thread reads it without the lock:
	 * a feed or page asks for today's date on each request.
	 */
	_Atomic uint64_t last;
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
	uint64_t		last = z->last;

	if (last != 0 && (last >> 20) == ((uint64_t)at & 0xfffffffffffULL))
		return (int)(last & 0xfffff) - 0x80000;
	pthread_mutex_lock(&z->lock);
	tt = icaltime_from_timet_with_zone((time_t)at, 0,
	    icaltimezone_get_utc_timezone());
	off = icaltimezone_get_utc_offset_of_utc_time(z->tz, &tt, &dst);
	pthread_mutex_unlock(&z->lock);
	if (off > -0x80000 && off < 0x80000)
		z->last = ((uint64_t)at & 0xfffffffffffULL) << 20 |
		    (uint64_t)(off + 0x80000);
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

static const char *
weekday_name(int wd, bool vi)
{
	static const char *const	v[] = { "Thứ Hai", "Thứ Ba", "Thứ Tư",
	    "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật" };
	static const char *const	e[] = { "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat", "Sun" };

	return vi ? v[wd - 1] : e[wd - 1];
}

/* An instant's local date, weekday (1 = Monday), second of day and offset. */
struct local {
	struct cal_date	d;
	int		wd, sod, off;
};

static struct local
local_of(struct cal_zone *z, int64_t at)
{
	struct local	l;
	int64_t		t;
	int32_t		days;

	l.off = cal_zone_offset(z, at);
	t = at + l.off;
	days = cal_days_of_instant(t);
	l.d = cal_date_from_days(days);
	l.wd = cal_weekday(days);
	l.sod = (int)(t - (int64_t)days * 86400);
	return l;
}

static const char *const	mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "22:00 Thứ Năm 10/12/2026" or "22:00 Thu 10 Dec 2026 (UTC+07:00)". */
void
cal_zone_text(struct cal_zone *z, int64_t at, bool vi, char *out, size_t len)
{
	struct local	l = local_of(z, at);

	if (vi)
		snprintf(out, len, "%02d:%02d %s %02d/%02d/%04d", l.sod / 3600,
		    l.sod / 60 % 60, weekday_name(l.wd, true), l.d.day,
		    l.d.month, l.d.year);
	else
		snprintf(out, len, "%02d:%02d %s %d %s %04d (UTC%c%02d:%02d)",
		    l.sod / 3600, l.sod / 60 % 60, weekday_name(l.wd, false),
		    l.d.day, mon[l.d.month - 1], l.d.year, l.off < 0 ? '-' : '+',
		    abs(l.off) / 3600, abs(l.off) / 60 % 60);
}

/* "Thu, 10 Dec 2026 22:00:00 +0700" (RFC 5322 Date:). */
void
cal_zone_rfc5322(struct cal_zone *z, int64_t at, char *out, size_t len)
{
	struct local	l = local_of(z, at);

	snprintf(out, len, "%s, %d %s %04d %02d:%02d:%02d %c%02d%02d",
	    weekday_name(l.wd, false), l.d.day, mon[l.d.month - 1], l.d.year,
	    l.sod / 3600, l.sod / 60 % 60, l.sod % 60, l.off < 0 ? '-' : '+',
	    abs(l.off) / 3600, abs(l.off) / 60 % 60);
}
