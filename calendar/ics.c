/*
 * ics.c - iCalendar import and export of the working calendar; see ics.h.
 *
 * References: RFC 5545 §3.6.1 (VEVENT; DTEND of an all-day event is
 * exclusive; no DTEND means one day), §3.8.8.2 (X- properties).
 */
#include "calendar/ics.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/xmalloc.h"

#define NAME_MAX_LEN	200

static const char *
x_value(icalcomponent *ev, const char *name)
{
	icalproperty	*p;

	for (p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY);
	    p != NULL; p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY))
		if (strcasecmp(icalproperty_get_x_name(p), name) == 0)
			return icalproperty_get_x(p);
	return NULL;
}

static int32_t
ical_days(struct icaltimetype t)
{
	return cal_date_to_days((struct cal_date){ t.year, t.month, t.day });
}

int
cal_ics_import(const char *text, size_t len, const char *source,
    struct cal_override **out, size_t *nout, size_t *skipped,
    struct cal_err *err)
{
	icalcomponent		*cal = NULL, *ev;
	icalproperty		*p;
	struct icaltimetype	 ds, de;
	struct cal_override	*o = NULL;
	size_t			 n = 0, nev = 0, skip = 0, i;
	char			*buf = NULL, where[96];
	const char		*uid, *summary, *kind;
	enum cal_override_kind	 k;
	int32_t			 from, to, d;
	int			 rc = -1;

	if (len > CAL_ICS_MAX_SIZE) {
		cal_err_set(err, "calendar larger than %d bytes",
		    CAL_ICS_MAX_SIZE);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		cal_err_set(err, "calendar contains a NUL byte");
		return -1;
	}
	buf = xstrndup(text, len);
	cal = icalparser_parse_string(buf);
	if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		cal_err_set(err, "not an iCalendar file: no BEGIN:VCALENDAR "
		    "... END:VCALENDAR");
		goto fail;
	}
	o = xcalloc(CAL_ICS_MAX_DAYS, sizeof(*o));
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	    ev != NULL;
	    ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		nev++;
		uid = icalcomponent_get_uid(ev);
		snprintf(where, sizeof(where), "event %zu (UID %.40s)", nev,
		    uid != NULL ? uid : "none");
		if ((p = icalcomponent_get_first_property(ev,
		    ICAL_XLICERROR_PROPERTY)) != NULL) {
			cal_err_set(err, "%s: %s", where,
			    icalproperty_get_xlicerror(p));
			goto fail;
		}
		if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
			continue;
		ds = icalcomponent_get_dtstart(ev);
		if (icaltime_is_null_time(ds)) {
			cal_err_set(err, "%s: no DTSTART", where);
			goto fail;
		}
		if (!ds.is_date) {
			skip++;
			continue;
		}
		if (icalcomponent_get_first_property(ev,
		    ICAL_RRULE_PROPERTY) != NULL) {
			cal_err_set(err, "%s: repeating events (RRULE) are not "
			    "supported; list each day off as its own event",
			    where);
			goto fail;
		}
		if (ds.year < CAL_MIN_YEAR || ds.year > CAL_MAX_YEAR) {
			cal_err_set(err, "%s: year %d out of range %d-%d",
			    where, ds.year, CAL_MIN_YEAR, CAL_MAX_YEAR);
			goto fail;
		}
		from = ical_days(ds);
		de = icalcomponent_get_dtend(ev);
		to = icaltime_is_null_time(de) ? from : ical_days(de) - 1;
		if (to < from)
			to = from;	/* DTEND equal to DTSTART: one day */
		if (to - from >= CAL_ICS_MAX_EVENT_DAYS ||
		    !cal_days_in_range(to)) {
			cal_err_set(err, "%s: spans more than %d days or leaves "
			    "%d-%d", where, CAL_ICS_MAX_EVENT_DAYS,
			    CAL_MIN_YEAR, CAL_MAX_YEAR);
			goto fail;
		}
		summary = icalcomponent_get_summary(ev);
		if (summary == NULL || *summary == '\0') {
			cal_err_set(err, "%s: no SUMMARY (the name of the day)",
			    where);
			goto fail;
		}
		if (strlen(summary) > NAME_MAX_LEN) {
			cal_err_set(err, "%s: SUMMARY longer than %d bytes",
			    where, NAME_MAX_LEN);
			goto fail;
		}
		k = CAL_OVERRIDE_OFF;
		if ((kind = x_value(ev, "X-BAOTRI-KIND")) != NULL) {
			if (strcmp(kind, "swapped_work") == 0 ||
			    strcmp(kind, "workday") == 0)
				k = CAL_OVERRIDE_WORK;
			else if (strcmp(kind, "clear") == 0)
				k = CAL_OVERRIDE_CLEAR;
		}
		for (d = from; d <= to; d++) {
			if (n == CAL_ICS_MAX_DAYS) {
				cal_err_set(err, "more than %d days",
				    CAL_ICS_MAX_DAYS);
				goto fail;
			}
			o[n].days = d;
			o[n].kind = k;
			o[n].name = xstrdup(summary);
			o[n].source = source ? xstrdup(source) : NULL;
			n++;
		}
	}
	cal_overrides_sort(o, n);
	for (i = 1; i < n; i++)
		if (o[i].days == o[i - 1].days) {
			char	dd[CAL_DATE_LEN];

			cal_days_format(o[i].days, dd);
			cal_err_set(err, "%s is named by two events", dd);
			goto fail;
		}
	*out = o;
	*nout = n;
	*skipped = skip;
	o = NULL;
	n = 0;
	rc = 0;
fail:
	cal_overrides_free(o, n);
	if (cal != NULL)
		icalcomponent_free(cal);
	free(buf);
	return rc;
}

static struct icaltimetype
ical_date(int32_t days)
{
	struct icaltimetype	t = icaltime_null_date();
	struct cal_date		d = cal_date_from_days(days);

	t.year = d.year;
	t.month = d.month;
	t.day = d.day;
	return t;
}

/*
 * The last VTIMEZONE made, kept: every invite of a fan-out needs the same
 * one, and trimming the zone's full history each time was a third of an
 * invite's cost.  Freed by cal_ics_shutdown().
 */
static pthread_mutex_t	 vtz_lock = PTHREAD_MUTEX_INITIALIZER;
static icalcomponent	*vtz_last;
static char		 vtz_tzid[64];
static int		 vtz_first, vtz_last_year;

static icalcomponent *make_vtimezone_uncached(const char *, int, int,
	    struct cal_err *);

/* The zone's VTIMEZONE under its plain IANA name, trimmed to the years. */
static icalcomponent *
make_vtimezone(const char *tzid, int first_year, int last_year,
    struct cal_err *err)
{
	icalcomponent	*vtz = NULL;

	if (strlen(tzid) >= sizeof(vtz_tzid))	/* too long to be a key */
		return make_vtimezone_uncached(tzid, first_year, last_year,
		    err);
	pthread_mutex_lock(&vtz_lock);
	if (vtz_last == NULL || strcmp(vtz_tzid, tzid) != 0 ||
	    vtz_first != first_year || vtz_last_year != last_year) {
		if (vtz_last != NULL)
			icalcomponent_free(vtz_last);
		vtz_last = make_vtimezone_uncached(tzid, first_year, last_year,
		    err);
		snprintf(vtz_tzid, sizeof(vtz_tzid), "%s", tzid);
		vtz_first = first_year;
		vtz_last_year = last_year;
	}
	if (vtz_last != NULL)
		vtz = icalcomponent_new_clone(vtz_last);
	pthread_mutex_unlock(&vtz_lock);
	return vtz;
}

static icalcomponent *
make_vtimezone_uncached(const char *tzid, int first_year, int last_year,
    struct cal_err *err)
{
	icaltimezone		*tz;
	icalcomponent		*vtz;
	icalproperty		*p;
	struct icaltimetype	 start = icaltime_null_time(), end;

	if ((tz = icaltimezone_get_builtin_timezone(tzid)) == NULL ||
	    icaltimezone_get_component(tz) == NULL) {
		cal_err_set(err, "unknown time zone '%s'", tzid);
		return NULL;
	}
	vtz = icalcomponent_new_clone(icaltimezone_get_component(tz));
	if ((p = icalcomponent_get_first_property(vtz,
	    ICAL_TZID_PROPERTY)) != NULL)
		icalproperty_set_tzid(p, tzid);
	start.year = first_year;
	start.month = start.day = 1;
	end = start;
	end.year = last_year + 1;
	icaltimezone_truncate_vtimezone(vtz, start, end, 1);
	return vtz;
}

static void
add_x(icalcomponent *c, const char *name, const char *value)
{
	icalproperty	*p = icalproperty_new_x(value);

	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(c, p);
}

/* Two resolved days belong to one event when everything shown is equal. */
static bool
same_event(const struct cal_day *a, const struct cal_day *b)
{
	return a->kind == b->kind && a->layer == b->layer &&
	    a->working == b->working &&
	    strcmp(a->name ? a->name : "", b->name ? b->name : "") == 0 &&
	    strcmp(a->source ? a->source : "", b->source ? b->source : "") == 0;
}

static void
add_event(icalcomponent *cal, const struct cal_day *day, int32_t last,
    int64_t dtstamp, const char *uid_host)
{
	icalcomponent	*ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	char		 uid[160], ds[CAL_DATE_LEN], *desc;
	struct cal_date	 d = cal_date_from_days(day->days);

	snprintf(uid, sizeof(uid), "holiday-%04d%02d%02d-%s@%s", d.year,
	    d.month, d.day, cal_kind_name(day->kind), uid_host);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
	    icaltime_from_timet_with_zone((time_t)dtstamp, 0,
	    icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(
	    ical_date(day->days)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(
	    ical_date(last + 1)));
	icalcomponent_add_property(ev, icalproperty_new_summary(
	    day->name != NULL ? day->name : cal_kind_name(day->kind)));
	cal_days_format(day->days, ds);
	desc = xasprintf("%s%s%s\n%s: %s\n%s: %s%s",
	    day->name_en ? day->name_en : "", day->name_en ? "\n" : "",
	    day->working ? "Ngày làm việc / Working day" :
	    "Ngày nghỉ / Day off",
	    "Nguồn / Source", day->source ? day->source : "baotri",
	    "Lớp / Layer", cal_layer_name(day->layer),
	    day->provisional ? " (dự kiến / provisional)" : "");
	icalcomponent_add_property(ev, icalproperty_new_description(desc));
	free(desc);
	icalcomponent_add_property(ev, icalproperty_new_categories(
	    cal_kind_name(day->kind)));
	icalcomponent_add_property(ev, icalproperty_new_transp(
	    ICAL_TRANSP_TRANSPARENT));
	add_x(ev, "X-BAOTRI-KIND", cal_kind_name(day->kind));
	add_x(ev, "X-BAOTRI-LAYER", cal_layer_name(day->layer));
	if (day->provisional)
		add_x(ev, "X-BAOTRI-PROVISIONAL", "TRUE");
	icalcomponent_add_component(cal, ev);
}

char *
cal_ics_export(const struct cal_calendar *c, const char *tzid,
    int first_year, int last_year, int64_t dtstamp, const char *uid_host,
    struct cal_err *err)
{
	icalcomponent	*cal, *vtz;
	struct cal_day	 day = { 0 }, start = { 0 };
	int32_t		 d, from, to, last = 0;
	bool		 open = false;
	char		*s;

	if (first_year < CAL_MIN_YEAR || last_year > CAL_MAX_YEAR ||
	    last_year < first_year || last_year - first_year > 10) {
		cal_err_set(err, "years must lie in %d-%d, at most 11 of them",
		    CAL_MIN_YEAR, CAL_MAX_YEAR);
		return NULL;
	}
	if ((vtz = make_vtimezone(tzid, first_year, last_year, err)) == NULL)
		return NULL;
	cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal,
	    icalproperty_new_prodid("-//baotri//working calendar//VI"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	add_x(cal, "X-WR-CALNAME", "Lịch nghỉ và làm bù (baotri)");
	add_x(cal, "X-WR-TIMEZONE", tzid);
	icalcomponent_add_component(cal, vtz);

	from = cal_date_to_days((struct cal_date){ first_year, 1, 1 });
	to = cal_date_to_days((struct cal_date){ last_year, 12, 31 });
	for (d = from; d <= to + 1; d++) {
		bool	plain = true;

		if (d <= to) {
			cal_calendar_day(c, d, &day, NULL);
			plain = day.kind == CAL_KIND_WORKDAY ||
			    day.kind == CAL_KIND_WEEKEND;
		}
		if (open && (plain || !same_event(&start, &day))) {
			add_event(cal, &start, last, dtstamp, uid_host);
			open = false;
		}
		if (plain)
			continue;
		if (!open) {
			start = day;
			open = true;
		}
		last = d;
	}
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return s;
}

/* A property with a local wall time and a plain TZID parameter. */
static icalproperty *
local_time(icalproperty *(*make)(struct icaltimetype), int64_t at,
    icaltimezone *tz, const char *tzid)
{
	struct icaltimetype	 t = icaltime_from_timet_with_zone((time_t)at,
				    0, tz);
	icalproperty		*p;

	t.zone = NULL;		/* floating, then named by TZID */
	p = make(t);
	icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	return p;
}

static icalproperty *
person(icalproperty *(*make)(const char *), const char *email,
    const char *name)
{
	char		*mailto = xasprintf("mailto:%s", email);
	icalproperty	*p = make(mailto);

	free(mailto);
	if (name != NULL && *name != '\0')
		icalproperty_add_parameter(p, icalparameter_new_cn(name));
	return p;
}

/* The VEVENT of e; organizer and attendee only when given. */
static icalcomponent *
make_event(const struct cal_ics_event *e, icaltimezone *tz, const char *tzid)
{
	icalcomponent	*ev;
	icalproperty	*att;

	ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
	    icaltime_from_timet_with_zone((time_t)e->dtstamp, 0,
	    icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, local_time(icalproperty_new_dtstart,
	    e->start, tz, tzid));
	icalcomponent_add_property(ev, local_time(icalproperty_new_dtend,
	    e->end, tz, tzid));
	icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
	if (e->description != NULL)
		icalcomponent_add_property(ev,
		    icalproperty_new_description(e->description));
	if (e->url != NULL)
		icalcomponent_add_property(ev, icalproperty_new_url(e->url));
	icalcomponent_add_property(ev, icalproperty_new_status(e->cancel ?
	    ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	if (e->organizer_email != NULL)
		icalcomponent_add_property(ev, person(icalproperty_new_organizer,
		    e->organizer_email, e->organizer_name));
	if (e->attendee_email != NULL) {
		att = person(icalproperty_new_attendee, e->attendee_email,
		    e->attendee_name);
		icalproperty_add_parameter(att,
		    icalparameter_new_rsvp(ICAL_RSVP_FALSE));
		icalproperty_add_parameter(att,
		    icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
		icalproperty_add_parameter(att,
		    icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
		icalcomponent_add_property(ev, att);
	}
	icalcomponent_add_property(ev, icalproperty_new_transp(
	    ICAL_TRANSP_TRANSPARENT));
	add_x(ev, "X-MICROSOFT-CDO-BUSYSTATUS", "FREE");
	add_x(ev, "X-MICROSOFT-CDO-INTENDEDSTATUS", "FREE");
	return ev;
}

/*
 * A VCALENDAR with the method and the zone's VTIMEZONE covering the years
 * of the n events (from y0..y1 when there are none), the events added.
 */
static char *
make_calendar(const struct cal_ics_event *ev, size_t n, icalproperty_method
    method, const char *tzid, const char *name, struct cal_err *err)
{
	icalcomponent	*cal, *vtz;
	icaltimezone	*tz;
	char		*s;
	int		 y0 = INT32_MAX, y1 = INT32_MIN, y;
	size_t		 i;

	if ((tz = icaltimezone_get_builtin_timezone(tzid)) == NULL) {
		cal_err_set(err, "unknown time zone '%s'", tzid);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		y = cal_date_from_days(cal_days_of_instant(ev[i].start)).year;
		if (y - 1 < y0)
			y0 = y - 1;
		y = cal_date_from_days(cal_days_of_instant(ev[i].end)).year;
		if (y + 1 > y1)
			y1 = y + 1;
	}
	if (n == 0)
		y0 = y1 = 2000;
	if ((vtz = make_vtimezone(tzid, y0, y1, err)) == NULL)
		return NULL;
	cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent_add_property(cal,
	    icalproperty_new_prodid("-//baotri//maintenance notice//VI"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(method));
	if (name != NULL) {
		/* Names and refresh hints that Apple, Google, Outlook read. */
		add_x(cal, "X-WR-CALNAME", name);
		add_x(cal, "X-WR-TIMEZONE", tzid);
		add_x(cal, "X-PUBLISHED-TTL", "PT1H");
		icalcomponent_add_property(cal, icalproperty_new_from_string(
		    "REFRESH-INTERVAL;VALUE=DURATION:PT1H"));
	}
	icalcomponent_add_component(cal, vtz);
	for (i = 0; i < n; i++)
		icalcomponent_add_component(cal, make_event(&ev[i], tz, tzid));
	s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return s;
}

char *
cal_ics_invite(const struct cal_ics_event *e, const char *tzid,
    struct cal_err *err)
{
	return make_calendar(e, 1, e->cancel ? ICAL_METHOD_CANCEL :
	    ICAL_METHOD_REQUEST, tzid, NULL, err);
}

char *
cal_ics_feed(const struct cal_ics_event *ev, size_t n, const char *tzid,
    const char *name, struct cal_err *err)
{
	return make_calendar(ev, n, ICAL_METHOD_PUBLISH, tzid, name, err);
}

void
cal_ics_shutdown(void)
{
	pthread_mutex_lock(&vtz_lock);
	if (vtz_last != NULL)
		icalcomponent_free(vtz_last);
	vtz_last = NULL;
	pthread_mutex_unlock(&vtz_lock);
	icaltimezone_free_builtin_timezones();
}
