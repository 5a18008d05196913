/*
 * schedule.c - reads an official schedule file; see schedule.h.
 */
#include "calendar/schedule.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonv.h"
#include "common/xmalloc.h"

#define MAX_ENTRY_DAYS	31
#define MAX_DAYS	400

/* Reads an optional string member; -1 if present but not a string. */
static int
get_str(json_t *o, const char *key, const char **out, const char *where,
    struct cal_err *err)
{
	json_t	*v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL)
		return 0;
	if (!json_is_string(v)) {
		cal_err_set(err, "%s%s must be a string", where, key);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

static int
get_date(json_t *o, const char *key, int32_t *out, const char *where,
    struct cal_err *err)
{
	const char	*s;
	struct cal_date	 d;
	struct cal_err	 e;

	if (get_str(o, key, &s, where, err) == -1)
		return -1;
	if (s == NULL) {
		cal_err_set(err, "%s%s is required", where, key);
		return -1;
	}
	if (cal_date_parse(s, strlen(s), &d, &e) == -1) {
		cal_err_set(err, "%s%s: %s", where, key, e.msg);
		return -1;
	}
	*out = cal_date_to_days(d);
	return 0;
}

/* Refuses members other than the allowed ones. */
static int
check_keys(json_t *o, const char *const *allowed, const char *where,
    struct cal_err *err)
{
	const char	*bad = jv_unknown(o, allowed);

	if (bad == NULL)
		return 0;
	cal_err_set(err, "%sunknown field '%.40s'", where, bad);
	return -1;
}

int
cal_schedule_load(struct cal_calendar *c, const char *text, size_t len,
    int *year_out, struct cal_err *err)
{
	static const char *const top_keys[] = { "year", "status", "source",
	    "note", "entries", NULL };
	static const char *const ent_keys[] = { "date", "from", "to", "kind",
	    "name", "name_en", "source", "note", NULL };
	json_t			*root = NULL, *ents, *e, *jy;
	json_error_t		 jerr;
	struct cal_entry	*out = NULL;
	size_t			 n = 0, i;
	const char		*status, *source, *kind, *name, *name_en, *src;
	int32_t			 from, to, lo, hi, d;
	int			 year, rc = -1;
	char			 where[48];

	if (len > CAL_SCHEDULE_MAX_SIZE) {
		cal_err_set(err, "schedule larger than %d bytes",
		    CAL_SCHEDULE_MAX_SIZE);
		return -1;
	}
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		cal_err_set(err, "line %d column %d: %s", jerr.line,
		    jerr.column, jerr.text);
		return -1;
	}
	if (!json_is_object(root)) {
		cal_err_set(err, "schedule must be a JSON object");
		goto fail;
	}
	if (check_keys(root, top_keys, "", err) == -1)
		goto fail;
	jy = json_object_get(root, "year");
	if (!json_is_integer(jy) || json_integer_value(jy) < CAL_MIN_YEAR ||
	    json_integer_value(jy) > CAL_MAX_YEAR) {
		cal_err_set(err, "year must be an integer in %d-%d",
		    CAL_MIN_YEAR, CAL_MAX_YEAR);
		goto fail;
	}
	year = (int)json_integer_value(jy);
	if (get_str(root, "status", &status, "", err) == -1 ||
	    get_str(root, "source", &source, "", err) == -1)
		goto fail;
	if (status == NULL || strcmp(status, "official") != 0) {
		cal_err_set(err, "status must be \"official\"");
		goto fail;
	}
	ents = json_object_get(root, "entries");
	if (!json_is_array(ents)) {
		cal_err_set(err, "entries must be an array");
		goto fail;
	}
	lo = cal_date_to_days((struct cal_date){ year, 1, 1 }) - 15;
	hi = cal_date_to_days((struct cal_date){ year, 12, 31 }) + 15;
	out = xcalloc(MAX_DAYS, sizeof(*out));
	json_array_foreach(ents, i, e) {
		enum cal_kind	k;

		snprintf(where, sizeof(where), "entries[%zu].", i);
		if (!json_is_object(e)) {
			cal_err_set(err, "entries[%zu] must be an object", i);
			goto fail;
		}
		if (check_keys(e, ent_keys, where, err) == -1)
			goto fail;
		if (json_object_get(e, "date") != NULL) {
			if (json_object_get(e, "from") != NULL ||
			    json_object_get(e, "to") != NULL) {
				cal_err_set(err, "%s: give date, or from and "
				    "to, not both", where);
				goto fail;
			}
			if (get_date(e, "date", &from, where, err) == -1)
				goto fail;
			to = from;
		} else if (get_date(e, "from", &from, where, err) == -1 ||
		    get_date(e, "to", &to, where, err) == -1)
			goto fail;
		if (to < from || to - from >= MAX_ENTRY_DAYS) {
			cal_err_set(err, "%sto must be on or after from, within "
			    "%d days", where, MAX_ENTRY_DAYS);
			goto fail;
		}
		if (from < lo || to > hi) {
			cal_err_set(err, "%s: dates must lie in or next to "
			    "year %d", where, year);
			goto fail;
		}
		if (get_str(e, "kind", &kind, where, err) == -1 ||
		    get_str(e, "name", &name, where, err) == -1 ||
		    get_str(e, "name_en", &name_en, where, err) == -1 ||
		    get_str(e, "source", &src, where, err) == -1)
			goto fail;
		if (kind == NULL || cal_kind_parse(kind, &k) == -1 ||
		    k == CAL_KIND_WORKDAY || k == CAL_KIND_WEEKEND) {
			cal_err_set(err, "%skind must be holiday, compensatory, "
			    "swapped_off, swapped_work or day_off", where);
			goto fail;
		}
		for (d = from; d <= to; d++) {
			if (n == MAX_DAYS) {
				cal_err_set(err, "more than %d days", MAX_DAYS);
				goto fail;
			}
			out[n++] = (struct cal_entry){ d, k, name, name_en,
			    src != NULL ? src : source };
		}
	}
	if (cal_calendar_add_schedule(c, year, out, n, err) == -1)
		goto fail;
	if (year_out != NULL)
		*year_out = year;
	rc = 0;
fail:
	free(out);
	json_decref(root);
	return rc;
}
