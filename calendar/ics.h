/*
 * ics.h - the working calendar as iCalendar (RFC 5545), via libical.
 *
 * Import: every all-day VEVENT of a holiday calendar (Google's, Outlook's,
 * or our own export) becomes an operator override for each of its days.
 * The kind comes from X-BAOTRI-KIND when present (swapped_work or workday ->
 * work, clear -> clear), otherwise the day is a day off; cancelled events
 * are ignored; events with a time of day are skipped and counted.
 *
 * Export: the days off and working Saturdays of some years, consecutive days
 * of one name merged into one all-day event, with the zone's VTIMEZONE
 * (TZID without libical's prefix) as LIBNOTES.md says clients need.
 */
#ifndef CAL_ICS_H
#define CAL_ICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/date.h"
#include "calendar/holiday.h"

#define CAL_ICS_MAX_SIZE	(1024 * 1024)	/* bytes of an imported file */
#define CAL_ICS_MAX_DAYS	3660		/* days an import may set */
#define CAL_ICS_MAX_EVENT_DAYS	31		/* days one event may span */

/*
 * Parses an iCalendar text into overrides (names copied from SUMMARY, source
 * set to the given text).  On success *out (free with
 * cal_overrides_free()) holds *n overrides sorted by day, and *skipped
 * counts the events that were not all-day.  On error nothing is returned and
 * err names the event ("event 3 (UID x): ...").
 */
int	cal_ics_import(const char *text, size_t len, const char *source,
	    struct cal_override **out, size_t *n, size_t *skipped,
	    struct cal_err *err);

/*
 * Writes the calendar's non-plain days of first_year..last_year as a
 * VCALENDAR.  dtstamp is the DTSTAMP of every event (the time of the last
 * calendar change, so the bytes are stable for ETags); uid_host ends each
 * UID.  Returns a string the caller frees, or NULL with err set.
 */
char	*cal_ics_export(const struct cal_calendar *, const char *tzid,
	    int first_year, int last_year, int64_t dtstamp,
	    const char *uid_host, struct cal_err *err);

/* One event of an iTIP/iMIP message (RFC 5545, 5546, 6047). */
struct cal_ics_event {
	const char	*uid;		/* stable forever */
	int		 sequence;	/* the content version */
	int64_t		 dtstamp;	/* the time of this send, UTC */
	int64_t		 start, end;	/* instants */
	const char	*summary;
	const char	*description;
	const char	*url;		/* the status page, or NULL */
	const char	*organizer_email;	/* the From: address; feeds: NULL */
	const char	*organizer_name;	/* or NULL */
	const char	*attendee_email;	/* the one recipient; feeds: NULL */
	const char	*attendee_name;		/* or NULL */
	bool		 cancel;	/* STATUS:CANCELLED (invites: METHOD:CANCEL) */
};

/*
 * A VCALENDAR with METHOD REQUEST (or CANCEL), the zone's VTIMEZONE under
 * its plain IANA name, and one VEVENT whose times carry that TZID, marked
 * transparent (an outage does not block the recipient's time).  Returns the
 * text (CRLF line ends, folded; caller frees) or NULL with err set.
 */
char	*cal_ics_invite(const struct cal_ics_event *, const char *tzid,
	    struct cal_err *err);

/*
 * A feed: METHOD:PUBLISH, the calendar's name (X-WR-CALNAME) and refresh
 * hints, one VTIMEZONE, and the n events (no organizer or attendee: a feed
 * is read, not answered).  Cancelled events stay in, STATUS:CANCELLED, so
 * subscribed clients drop them.  Caller frees; NULL with err set.
 */
char	*cal_ics_feed(const struct cal_ics_event *, size_t n, const char *tzid,
	    const char *name, struct cal_err *err);

/* Frees libical's cached zones at exit (keeps leak checkers quiet). */
void	cal_ics_shutdown(void);

#endif
