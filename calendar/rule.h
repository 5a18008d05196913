/*
 * rule.h - working-day arithmetic and the notice rule (DESIGN.md §1).
 *
 * Decision 146/QĐ-BTTTT Art. 6: notice at least N working days (N = 5)
 * before a planned outage.  Civil Code 2015 Art. 147: a period counted in
 * days starts on the day after the event, so a notice given on day D counts
 * the first N working days after D; Art. 148: the period ends at the end of
 * its last day W_N, so the outage may start at 00:00 local time on W_N + 1,
 * whatever kind of day that is.  The time of day of the notice does not
 * matter.  Example: notice Monday 2 June 2025 -> Tue 3, Wed 4, Thu 5, Fri 6,
 * Mon 9 -> earliest start Tuesday 10 June 2025 00:00 +07:00.
 *
 * All functions work on local day numbers; converting instants to local days
 * is zone.h's job.  They fail (-1, err set) when the count would leave the
 * calendar's range.
 */
#ifndef CAL_RULE_H
#define CAL_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/date.h"
#include "calendar/holiday.h"

#define CAL_RULE_MAX_DAYS	60	/* upper bound of the setting */

struct cal_rule {
	int	working_days;		/* N, 1..CAL_RULE_MAX_DAYS; 5 by law */
	bool	count_swapped;		/* count working Saturdays (default) */
};

/* The rule of Decision 146: 5 days, swapped Saturdays counted. */
struct cal_rule cal_rule_default(void);

/*
 * The earliest day an outage may start after a notice given on notice_day.
 * counted, if not NULL, receives the N working days (rule->working_days
 * entries) that the notice period consists of.
 */
int	cal_rule_earliest_start(const struct cal_calendar *,
	    const struct cal_rule *, int32_t notice_day, int32_t *start_day,
	    int32_t *counted, struct cal_err *err);
/*
 * The latest day a notice may be given for an outage starting on start_day
 * (at any time of that day): the largest D whose earliest start is on or
 * before start_day.  The deadline may be a day off.
 */
int	cal_rule_notice_deadline(const struct cal_calendar *,
	    const struct cal_rule *, int32_t start_day, int32_t *deadline_day,
	    struct cal_err *err);
/* True when a notice on notice_day allows an outage starting on start_day. */
bool	cal_rule_complies(const struct cal_calendar *, const struct cal_rule *,
	    int32_t notice_day, int32_t start_day);
/*
 * Counts the working days from..to, both included.  days, if not NULL,
 * receives up to cap of them in order.  Fails if to < from or either is out
 * of range.
 */
int	cal_rule_workdays(const struct cal_calendar *, const struct cal_rule *,
	    int32_t from, int32_t to, size_t *count, int32_t *days, size_t cap,
	    struct cal_err *err);

#endif
