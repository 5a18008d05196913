/*
 * holiday.c - the layered working-day calendar; see holiday.h.
 *
 * Representation: one slot per day of the range, holding the resolved kind,
 * the layer that decided it, the working flags and the entry that named it.
 * The statutory entries are computed once at creation; official entries and
 * overrides are owned copies.  Every change rebuilds all slots from the
 * entries, so the slots are always exactly "week, then statutory (years
 * without a schedule), then official, then overrides".
 *
 * Statutory rules (Labour Code 2019): holidays 1/1; Tết, five days; 30/4;
 * 1/5; 2/9 with one adjacent day; 10/3 lunar (Art. 112(1)).  A holiday on a
 * Saturday or Sunday gives the next working day off (Art. 111(3)), in date
 * order, skipping days already off.  Where the year's announcement decides
 * (Art. 112(3)) we choose, provisionally: for Tết the last day of the old
 * lunar year and days 1-4 of the new one (the 2026 pattern); for National
 * Day 1/9 (with the rule above this reproduces 2023-2026).  Earlier law
 * (fewer days before 2013 and 2021) is not modelled: such years are
 * provisional anyway, since they have no schedule loaded.
 */
#include "calendar/holiday.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"

#define NYEARS		(CAL_MAX_YEAR - CAL_MIN_YEAR + 1)
#define NAME_MAX_LEN	200
#define SOURCE_MAX_LEN	500
#define SLOT_WORK	0x1	/* a working day */
#define SLOT_RESTWORK	0x2	/* ... that falls on a Saturday or Sunday */

struct entry {
	int32_t		 days;
	enum cal_kind	 kind;
	bool		 provisional;
	bool		 owned;		/* strings are ours to free */
	char		*name;
	char		*name_en;
	char		*source;
};

struct slot {
	const struct entry	*e;
	const struct cal_override *o;
	uint8_t			 kind;
	uint8_t			 layer;
	uint8_t			 flags;
};

struct cal_calendar {
	const struct cal_lunar_table *lunar;
	int32_t			 first;
	size_t			 ndays;
	struct slot		*slot;
	struct entry		*stat;
	size_t			 nstat;
	struct entry		*off;
	size_t			 noff;
	bool			 official[NYEARS];
	struct cal_override	*ovr;		/* sorted by day */
	size_t			 novr;
};

static const char	*kind_names[] = {
	"workday", "weekend", "holiday", "compensatory", "swapped_off",
	"swapped_work", "day_off"
};
static const char	*layer_names[] = {
	"week", "statutory", "official", "override"
};
static const char	*override_names[] = { "off", "work", "clear" };

const char *
cal_kind_name(enum cal_kind k)
{
	return (size_t)k < sizeof(kind_names) / sizeof(kind_names[0]) ?
	    kind_names[k] : "unknown";
}

const char *
cal_layer_name(enum cal_layer l)
{
	return (size_t)l < sizeof(layer_names) / sizeof(layer_names[0]) ?
	    layer_names[l] : "unknown";
}

const char *
cal_override_kind_name(enum cal_override_kind k)
{
	return (size_t)k < sizeof(override_names) /
	    sizeof(override_names[0]) ? override_names[k] : "unknown";
}

int
cal_override_kind_parse(const char *s, enum cal_override_kind *out)
{
	size_t	i;

	for (i = 0; i < sizeof(override_names) / sizeof(override_names[0]);
	    i++)
		if (strcmp(s, override_names[i]) == 0) {
			*out = (enum cal_override_kind)i;
			return 0;
		}
	return -1;
}

int
cal_kind_parse(const char *s, enum cal_kind *out)
{
	size_t	i;

	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum cal_kind)i;
			return 0;
		}
	return -1;
}

static bool
is_rest_day(int32_t days)
{
	return cal_weekday(days) >= 6;
}

static bool
kind_is_working(enum cal_kind k)
{
	return k == CAL_KIND_WORKDAY || k == CAL_KIND_SWAPPED_WORK;
}

/* Checks a user-visible text: present, bounded, UTF-8, no control bytes. */
static int
check_text(const char *s, size_t max, bool required, const char *what,
    struct cal_err *err)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, i, n;

	if (s == NULL || *s == '\0') {
		if (!required)
			return 0;
		cal_err_set(err, "%s is required", what);
		return -1;
	}
	if ((len = strlen(s)) > max) {
		cal_err_set(err, "%s is longer than %zu bytes", what, max);
		return -1;
	}
	for (i = 0; i < len; i += n) {
		if (p[i] < 0x20 || p[i] == 0x7f) {
			cal_err_set(err, "%s contains a control character",
			    what);
			return -1;
		}
		n = p[i] < 0x80 ? 1 : (p[i] & 0xe0) == 0xc0 ? 2 :
		    (p[i] & 0xf0) == 0xe0 ? 3 : (p[i] & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0 || i + n > len || (n == 2 && p[i] < 0xc2))
			goto bad;
		for (size_t j = 1; j < n; j++)
			if ((p[i + j] & 0xc0) != 0x80)
				goto bad;
	}
	return 0;
bad:
	cal_err_set(err, "%s is not valid UTF-8", what);
	return -1;
}

/* Sets a slot from a kind, keeping the working flags consistent. */
static void
slot_set(struct slot *s, int32_t days, enum cal_kind kind,
    enum cal_layer layer, const struct entry *e, const struct cal_override *o)
{
	s->kind = (uint8_t)kind;
	s->layer = (uint8_t)layer;
	s->e = e;
	s->o = o;
	s->flags = 0;
	if (kind_is_working(kind))
		s->flags = SLOT_WORK | (is_rest_day(days) ? SLOT_RESTWORK : 0);
}

/* Recomputes every slot from the layers. */
static void
rebuild(struct cal_calendar *c)
{
	size_t			 i;
	int32_t			 d;
	const struct entry	*e;
	const struct cal_override *o;
	enum cal_kind		 k;

	for (i = 0; i < c->ndays; i++) {
		d = c->first + (int32_t)i;
		slot_set(&c->slot[i], d, is_rest_day(d) ? CAL_KIND_WEEKEND :
		    CAL_KIND_WORKDAY, CAL_LAYER_WEEK, NULL, NULL);
	}
	for (i = 0; i < c->nstat; i++) {
		e = &c->stat[i];
		if (c->official[cal_date_from_days(e->days).year -
		    CAL_MIN_YEAR])
			continue;
		slot_set(&c->slot[e->days - c->first], e->days, e->kind,
		    CAL_LAYER_STATUTORY, e, NULL);
	}
	for (i = 0; i < c->noff; i++) {
		e = &c->off[i];
		slot_set(&c->slot[e->days - c->first], e->days, e->kind,
		    CAL_LAYER_OFFICIAL, e, NULL);
	}
	for (i = 0; i < c->novr; i++) {
		o = &c->ovr[i];
		switch (o->kind) {
		case CAL_OVERRIDE_OFF:
			k = CAL_KIND_DAY_OFF;
			break;
		case CAL_OVERRIDE_WORK:
			k = is_rest_day(o->days) ? CAL_KIND_SWAPPED_WORK :
			    CAL_KIND_WORKDAY;
			break;
		default:
			k = is_rest_day(o->days) ? CAL_KIND_WEEKEND :
			    CAL_KIND_WORKDAY;
			break;
		}
		slot_set(&c->slot[o->days - c->first], o->days, k,
		    CAL_LAYER_OVERRIDE, NULL, o);
	}
}

/* The statutory holidays of the Labour Code, with their names. */
enum stat_id { ST_NEWYEAR, ST_TET, ST_HUNG, ST_APR30, ST_MAY1, ST_SEP2,
    ST_SEP2_ADJ, ST_COUNT };
static const struct {
	const char	*vi, *en, *comp_vi, *comp_en;
} stat_names[ST_COUNT] = {
	{ "Tết Dương lịch", "New Year's Day",
	  "Nghỉ bù Tết Dương lịch", "New Year's Day (compensatory)" },
	{ "Tết Nguyên đán", "Lunar New Year (Tết)",
	  "Nghỉ bù Tết Nguyên đán", "Lunar New Year (compensatory)" },
	{ "Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day",
	  "Nghỉ bù Giỗ Tổ Hùng Vương",
	  "Hùng Kings' Commemoration Day (compensatory)" },
	{ "Ngày Chiến thắng", "Reunification Day",
	  "Nghỉ bù Ngày Chiến thắng", "Reunification Day (compensatory)" },
	{ "Ngày Quốc tế Lao động", "International Labour Day",
	  "Nghỉ bù Ngày Quốc tế Lao động",
	  "International Labour Day (compensatory)" },
	{ "Quốc khánh", "National Day",
	  "Nghỉ bù Quốc khánh", "National Day (compensatory)" },
	{ "Quốc khánh (ngày liền kề)", "National Day (adjacent day)",
	  "Nghỉ bù Quốc khánh", "National Day (compensatory)" },
};
static char	stat_source[] = "Bộ luật Lao động 2019, Điều 112 (dự kiến)";
static char	comp_source[] = "Bộ luật Lao động 2019, Điều 111(3) (dự kiến)";

struct hday {
	int32_t		days;
	enum stat_id	id;
};

static int
hday_cmp(const void *a, const void *b)
{
	const struct hday	*x = a, *y = b;

	return (x->days > y->days) - (x->days < y->days);
}

static void
add_stat(struct cal_calendar *c, size_t *alloc, int32_t days,
    enum cal_kind kind, enum stat_id id)
{
	struct entry	*e;

	if (days < c->first || days >= c->first + (int32_t)c->ndays)
		return;
	if (c->nstat == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 1024;
		c->stat = xreallocarray(c->stat, *alloc, sizeof(*c->stat));
	}
	e = &c->stat[c->nstat++];
	memset(e, 0, sizeof(*e));
	e->days = days;
	e->kind = kind;
	e->provisional = true;
	if (kind == CAL_KIND_COMPENSATORY) {
		e->name = (char *)(uintptr_t)stat_names[id].comp_vi;
		e->name_en = (char *)(uintptr_t)stat_names[id].comp_en;
		e->source = comp_source;
	} else {
		e->name = (char *)(uintptr_t)stat_names[id].vi;
		e->name_en = (char *)(uintptr_t)stat_names[id].en;
		e->source = stat_source;
	}
}

/* Computes the statutory holidays and compensatory days of one year. */
static void
statutory_year(struct cal_calendar *c, size_t *alloc, int y)
{
	struct hday	h[12];
	size_t		n = 0, i, j;
	int32_t		tet, hung, comp[12], d;
	size_t		ncomp = 0;
	bool		taken;

	h[n++] = (struct hday){ cal_date_to_days((struct cal_date){ y, 1, 1 }),
	    ST_NEWYEAR };
	if (cal_lunar_to_solar(c->lunar, (struct cal_lunar){ y, 1, 1, false },
	    &tet, NULL) == 0)
		for (d = tet - 1; d <= tet + 3; d++)
			h[n++] = (struct hday){ d, ST_TET };
	if (cal_lunar_to_solar(c->lunar, (struct cal_lunar){ y, 3, 10, false },
	    &hung, NULL) == 0)
		h[n++] = (struct hday){ hung, ST_HUNG };
	h[n++] = (struct hday){ cal_date_to_days((struct cal_date){ y, 4, 30 }),
	    ST_APR30 };
	h[n++] = (struct hday){ cal_date_to_days((struct cal_date){ y, 5, 1 }),
	    ST_MAY1 };
	h[n++] = (struct hday){ cal_date_to_days((struct cal_date){ y, 9, 1 }),
	    ST_SEP2_ADJ };
	h[n++] = (struct hday){ cal_date_to_days((struct cal_date){ y, 9, 2 }),
	    ST_SEP2 };
	qsort(h, n, sizeof(h[0]), hday_cmp);

	for (i = 0; i < n; i++) {
		if (i > 0 && h[i].days == h[i - 1].days)
			continue;	/* two holidays on one day */
		add_stat(c, alloc, h[i].days, CAL_KIND_HOLIDAY, h[i].id);
		if (!is_rest_day(h[i].days))
			continue;
		/* Art. 111(3): the next working day not already off. */
		for (d = h[i].days + 1;; d++) {
			taken = is_rest_day(d);
			for (j = 0; j < n && !taken; j++)
				taken = h[j].days == d;
			for (j = 0; j < ncomp && !taken; j++)
				taken = comp[j] == d;
			if (!taken)
				break;
		}
		comp[ncomp++] = d;
		add_stat(c, alloc, d, CAL_KIND_COMPENSATORY, h[i].id);
	}
}

struct cal_calendar *
cal_calendar_new(const struct cal_lunar_table *lunar)
{
	struct cal_calendar	*c;
	size_t			 alloc = 0;
	int			 y;

	c = xcalloc(1, sizeof(*c));
	c->lunar = lunar;
	c->first = cal_range_first_day();
	c->ndays = (size_t)(cal_range_last_day() - c->first + 1);
	c->slot = xcalloc(c->ndays, sizeof(*c->slot));
	for (y = CAL_MIN_YEAR; y <= CAL_MAX_YEAR; y++)
		statutory_year(c, &alloc, y);
	rebuild(c);
	return c;
}

static void
entry_release(struct entry *e)
{
	if (!e->owned)
		return;
	free(e->name);
	free(e->name_en);
	free(e->source);
}

static void
override_release(struct cal_override *o)
{
	free((char *)(uintptr_t)o->name);
	free((char *)(uintptr_t)o->source);
}

void
cal_calendar_free(struct cal_calendar *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->noff; i++)
		entry_release(&c->off[i]);
	for (i = 0; i < c->novr; i++)
		override_release(&c->ovr[i]);
	free(c->off);
	free(c->ovr);
	free(c->stat);
	free(c->slot);
	free(c);
}

static bool
in_range(const struct cal_calendar *c, int32_t days)
{
	return days >= c->first && days < c->first + (int32_t)c->ndays;
}

int
cal_calendar_add_schedule(struct cal_calendar *c, int year,
    const struct cal_entry *ents, size_t n, struct cal_err *err)
{
	size_t		i, j;
	char		ds[CAL_DATE_LEN];
	struct entry	*e;
	bool		dup;

	if (year < CAL_MIN_YEAR || year > CAL_MAX_YEAR) {
		cal_err_set(err, "year %d out of range %d-%d", year,
		    CAL_MIN_YEAR, CAL_MAX_YEAR);
		return -1;
	}
	if (c->official[year - CAL_MIN_YEAR]) {
		cal_err_set(err, "year %d already has an official schedule",
		    year);
		return -1;
	}
	for (i = 0; i < n; i++) {
		cal_days_format(ents[i].days, ds);
		if (!in_range(c, ents[i].days)) {
			cal_err_set(err, "day %s out of range %d-%d", ds,
			    CAL_MIN_YEAR, CAL_MAX_YEAR);
			return -1;
		}
		if (check_text(ents[i].name, NAME_MAX_LEN, true, "name",
		    err) == -1 ||
		    check_text(ents[i].name_en, NAME_MAX_LEN, false,
		    "name_en", err) == -1 ||
		    check_text(ents[i].source, SOURCE_MAX_LEN, false, "source",
		    err) == -1)
			return -1;
		if (ents[i].kind == CAL_KIND_WORKDAY ||
		    ents[i].kind == CAL_KIND_WEEKEND) {
			cal_err_set(err, "day %s: kind %s is not an entry", ds,
			    cal_kind_name(ents[i].kind));
			return -1;
		}
		dup = false;
		for (j = 0; j < c->noff && !dup; j++)
			dup = c->off[j].days == ents[i].days;
		for (j = 0; j < i && !dup; j++)
			dup = ents[j].days == ents[i].days;
		if (dup) {
			cal_err_set(err, "day %s appears twice in the official "
			    "schedules", ds);
			return -1;
		}
	}
	c->off = xreallocarray(c->off, c->noff + n, sizeof(*c->off));
	for (i = 0; i < n; i++) {
		e = &c->off[c->noff++];
		e->days = ents[i].days;
		e->kind = ents[i].kind;
		e->provisional = false;
		e->owned = true;
		e->name = xstrdup(ents[i].name);
		e->name_en = ents[i].name_en ? xstrdup(ents[i].name_en) : NULL;
		e->source = ents[i].source ? xstrdup(ents[i].source) : NULL;
	}
	c->official[year - CAL_MIN_YEAR] = true;
	rebuild(c);
	return 0;
}

static int
check_override(const struct cal_calendar *c, const struct cal_override *o,
    struct cal_err *err)
{
	char	ds[CAL_DATE_LEN];

	cal_days_format(o->days, ds);
	if (!in_range(c, o->days)) {
		cal_err_set(err, "date %s out of range %d-%d", ds,
		    CAL_MIN_YEAR, CAL_MAX_YEAR);
		return -1;
	}
	if (o->kind != CAL_OVERRIDE_OFF && o->kind != CAL_OVERRIDE_WORK &&
	    o->kind != CAL_OVERRIDE_CLEAR) {
		cal_err_set(err, "kind must be off, work or clear");
		return -1;
	}
	if (check_text(o->name, NAME_MAX_LEN, true, "name", err) == -1 ||
	    check_text(o->source, SOURCE_MAX_LEN, false, "source", err) == -1)
		return -1;
	return 0;
}

static void
override_copy(struct cal_override *dst, const struct cal_override *src)
{
	dst->days = src->days;
	dst->kind = src->kind;
	dst->name = xstrdup(src->name);
	dst->source = src->source && *src->source ? xstrdup(src->source) :
	    NULL;
}

static int
override_cmp(const void *a, const void *b)
{
	const struct cal_override	*x = a, *y = b;

	return (x->days > y->days) - (x->days < y->days);
}

void
cal_overrides_free(struct cal_override *o, size_t n)
{
	size_t	i;

	if (o == NULL)
		return;
	for (i = 0; i < n; i++)
		override_release(&o[i]);
	free(o);
}

void
cal_overrides_sort(struct cal_override *o, size_t n)
{
	qsort(o, n, sizeof(*o), override_cmp);
}

int
cal_calendar_set_overrides(struct cal_calendar *c,
    const struct cal_override *o, size_t n, struct cal_err *err)
{
	struct cal_override	*v;
	size_t			 i;
	char			 ds[CAL_DATE_LEN];

	for (i = 0; i < n; i++)
		if (check_override(c, &o[i], err) == -1)
			return -1;
	v = xcalloc(n ? n : 1, sizeof(*v));
	for (i = 0; i < n; i++)
		override_copy(&v[i], &o[i]);
	cal_overrides_sort(v, n);
	for (i = 1; i < n; i++)
		if (v[i].days == v[i - 1].days) {
			cal_days_format(v[i].days, ds);
			cal_err_set(err, "date %s has two overrides", ds);
			cal_overrides_free(v, n);
			return -1;
		}
	for (i = 0; i < c->novr; i++)
		override_release(&c->ovr[i]);
	free(c->ovr);
	c->ovr = v;
	c->novr = n;
	rebuild(c);
	return 0;
}

/* Index of the first override on or after a day. */
static size_t
override_find(const struct cal_calendar *c, int32_t days)
{
	size_t	lo = 0, hi = c->novr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->ovr[mid].days < days)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
cal_calendar_put_override(struct cal_calendar *c,
    const struct cal_override *o, struct cal_err *err)
{
	size_t	i;

	if (check_override(c, o, err) == -1)
		return -1;
	i = override_find(c, o->days);
	if (i < c->novr && c->ovr[i].days == o->days)
		override_release(&c->ovr[i]);
	else {
		c->ovr = xreallocarray(c->ovr, c->novr + 1, sizeof(*c->ovr));
		memmove(&c->ovr[i + 1], &c->ovr[i],
		    (c->novr - i) * sizeof(*c->ovr));
		c->novr++;
	}
	override_copy(&c->ovr[i], o);
	rebuild(c);
	return 0;
}

int
cal_calendar_remove_override(struct cal_calendar *c, int32_t days)
{
	size_t	i = override_find(c, days);

	if (i == c->novr || c->ovr[i].days != days)
		return -1;
	override_release(&c->ovr[i]);
	memmove(&c->ovr[i], &c->ovr[i + 1],
	    (c->novr - i - 1) * sizeof(*c->ovr));
	c->novr--;
	rebuild(c);
	return 0;
}

size_t
cal_calendar_override_count(const struct cal_calendar *c)
{
	return c->novr;
}

const struct cal_override *
cal_calendar_override_at(const struct cal_calendar *c, size_t i)
{
	return i < c->novr ? &c->ovr[i] : NULL;
}

int
cal_calendar_day(const struct cal_calendar *c, int32_t days,
    struct cal_day *out, struct cal_err *err)
{
	const struct slot	*s;

	if (!in_range(c, days)) {
		cal_err_set(err, "date out of range %d-%d", CAL_MIN_YEAR,
		    CAL_MAX_YEAR);
		return -1;
	}
	s = &c->slot[days - c->first];
	memset(out, 0, sizeof(*out));
	out->days = days;
	out->kind = (enum cal_kind)s->kind;
	out->layer = (enum cal_layer)s->layer;
	out->working = (s->flags & SLOT_WORK) != 0;
	if (s->e != NULL) {
		out->provisional = s->e->provisional;
		out->name = s->e->name;
		out->name_en = s->e->name_en;
		out->source = s->e->source;
	} else if (s->o != NULL) {
		out->name = s->o->name;
		out->source = s->o->source;
	}
	return 0;
}

bool
cal_calendar_is_working(const struct cal_calendar *c, int32_t days,
    bool count_swapped)
{
	uint8_t	f;

	if (!in_range(c, days))
		return false;
	f = c->slot[days - c->first].flags;
	return count_swapped ? (f & SLOT_WORK) != 0 : f == SLOT_WORK;
}

bool
cal_calendar_year_is_official(const struct cal_calendar *c, int year)
{
	return year >= CAL_MIN_YEAR && year <= CAL_MAX_YEAR &&
	    c->official[year - CAL_MIN_YEAR];
}
