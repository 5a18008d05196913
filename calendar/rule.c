/*
 * rule.c - the notice rule on the layered calendar; see rule.h for the law.
 *
 * Each function walks day by day over the calendar's constant-time lookup;
 * a notice period is at most a few weeks even across Tết, so a walk is
 * cheaper than any index.
 */
#include "calendar/rule.h"

struct cal_rule
cal_rule_default(void)
{
	return (struct cal_rule){ .working_days = 5, .count_swapped = true };
}

static int
check_rule(const struct cal_rule *r, struct cal_err *err)
{
	if (r->working_days < 1 || r->working_days > CAL_RULE_MAX_DAYS) {
		cal_err_set(err, "working_days must be 1-%d",
		    CAL_RULE_MAX_DAYS);
		return -1;
	}
	return 0;
}

static int
out_of_range(struct cal_err *err)
{
	cal_err_set(err, "the count leaves the calendar's range %d-%d",
	    CAL_MIN_YEAR, CAL_MAX_YEAR);
	return -1;
}

int
cal_rule_earliest_start(const struct cal_calendar *c,
    const struct cal_rule *r, int32_t notice_day, int32_t *start_day,
    int32_t *counted, struct cal_err *err)
{
	int32_t	d = notice_day, last = cal_range_last_day();
	int	n = 0;

	if (check_rule(r, err) == -1)
		return -1;
	if (!cal_days_in_range(notice_day))
		return out_of_range(err);
	while (n < r->working_days) {
		if (++d > last)
			return out_of_range(err);
		if (cal_calendar_is_working(c, d, r->count_swapped)) {
			if (counted != NULL)
				counted[n] = d;
			n++;
		}
	}
	if (d + 1 > last)
		return out_of_range(err);
	*start_day = d + 1;
	return 0;
}

int
cal_rule_notice_deadline(const struct cal_calendar *c,
    const struct cal_rule *r, int32_t start_day, int32_t *deadline_day,
    struct cal_err *err)
{
	int32_t	d = start_day, first = cal_range_first_day();
	int	n = 0;

	if (check_rule(r, err) == -1)
		return -1;
	if (!cal_days_in_range(start_day))
		return out_of_range(err);
	/* Count N working days back from the day before the start. */
	while (n < r->working_days) {
		if (--d < first)
			return out_of_range(err);
		if (cal_calendar_is_working(c, d, r->count_swapped))
			n++;
	}
	if (d - 1 < first)
		return out_of_range(err);
	*deadline_day = d - 1;
	return 0;
}

bool
cal_rule_complies(const struct cal_calendar *c, const struct cal_rule *r,
    int32_t notice_day, int32_t start_day)
{
	int32_t	earliest;

	return cal_rule_earliest_start(c, r, notice_day, &earliest, NULL,
	    NULL) == 0 && earliest <= start_day;
}

int
cal_rule_workdays(const struct cal_calendar *c, const struct cal_rule *r,
    int32_t from, int32_t to, size_t *count, int32_t *days, size_t cap,
    struct cal_err *err)
{
	size_t	n = 0;
	int32_t	d;

	if (!cal_days_in_range(from) || !cal_days_in_range(to))
		return out_of_range(err);
	if (to < from) {
		cal_err_set(err, "to is before from");
		return -1;
	}
	for (d = from; d <= to; d++)
		if (cal_calendar_is_working(c, d, r->count_swapped)) {
			if (days != NULL && n < cap)
				days[n] = d;
			n++;
		}
	*count = n;
	return 0;
}
