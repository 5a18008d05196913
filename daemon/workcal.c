/*
 * workcal.c - the shared working calendar; see workcal.h.
 */
#include "daemon/workcal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar/schedule.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/num.h"
#include "common/xmalloc.h"

struct workcal {
	pthread_rwlock_t	 lock;
	struct store		*store;
	struct cal_lunar_table	*lunar;
	struct cal_calendar	*cal;
	struct cal_zone		*zone;
	struct cal_rule		 rule;
	int64_t			 files_at;	/* newest schedule file */
	int64_t			 loaded_at;	/* last change of all */
};

static int64_t
changed_at(struct workcal *w)
{
	int64_t	s = store_calendar_changed_at(w->store);

	return s > w->files_at ? s : w->files_at;
}

/* True for names "YYYY.json". */
static bool
is_schedule_name(const char *n)
{
	size_t	i;

	if (strlen(n) != 9 || strcmp(n + 4, ".json") != 0)
		return false;
	for (i = 0; i < 4; i++)
		if (n[i] < '0' || n[i] > '9')
			return false;
	return true;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the schedules of one directory, skipping years already loaded. */
static int
load_dir(struct cal_calendar *cal, const char *dir, int64_t *newest)
{
	DIR		*d;
	struct dirent	*de;
	char		*names[512], *path = NULL, *text;
	size_t		 n = 0, i, len;
	struct cal_err	 err;
	struct stat	 st;
	int64_t		 y;
	int		 rc = 0, year;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		log_warn("workcal: cannot open directory '%s'", dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL && n < 512)
		if (is_schedule_name(de->d_name))
			names[n++] = xstrdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++) {
		if (num_parse(names[i], 4, 0, 9999, &y) == -1)
			continue;
		year = (int)y;
		if (cal_calendar_year_is_official(cal, year)) {
			log_info("workcal: %s/%s: year %d already loaded, "
			    "skipped", dir, names[i], year);
			continue;
		}
		free(path);
		path = xasprintf("%s/%s", dir, names[i]);
		if ((text = buf_read_file(path, CAL_SCHEDULE_MAX_SIZE, &len)) ==
		    NULL) {
			rc = -1;
			break;
		}
		if (cal_schedule_load(cal, text, len, &year, &err) == -1) {
			log_warnx("workcal: %s: %s", path, err.msg);
			free(text);
			rc = -1;
			break;
		}
		free(text);
		if (stat(path, &st) == 0 && st.st_mtime > *newest)
			*newest = st.st_mtime;
		log_info("workcal: loaded the official schedule of %d from %s",
		    year, path);
	}
	free(path);
	for (i = 0; i < n; i++)
		free(names[i]);
	return rc;
}

struct workcal *
workcal_open(struct store *store, const char *const *dirs, size_t ndirs,
    const char *tzid, struct cal_rule rule)
{
	struct workcal		*w = xcalloc(1, sizeof(*w));
	struct cal_override	*o = NULL;
	size_t			 n = 0, i;
	struct cal_err		 err;
	int64_t			 newest = 0;

	pthread_rwlock_init(&w->lock, NULL);
	w->store = store;
	w->rule = rule;
	if ((w->zone = cal_zone_new(tzid, &err)) == NULL) {
		log_warnx("workcal: %s", err.msg);
		goto fail;
	}
	w->lunar = cal_lunar_table_new();
	w->cal = cal_calendar_new(w->lunar);
	for (i = 0; i < ndirs; i++)
		if (load_dir(w->cal, dirs[i], &newest) == -1)
			goto fail;
	if (store_overrides_load(store, &o, &n) == -1)
		goto fail;
	if (cal_calendar_set_overrides(w->cal, o, n, &err) == -1) {
		log_warnx("workcal: overrides in the store: %s", err.msg);
		cal_overrides_free(o, n);
		goto fail;
	}
	cal_overrides_free(o, n);
	w->files_at = newest;
	w->loaded_at = changed_at(w);
	return w;
fail:
	workcal_free(w);
	return NULL;
}

int
workcal_reload(struct workcal *w, const char *const *dirs, size_t ndirs,
    struct cal_rule rule)
{
	struct cal_calendar	*cal = cal_calendar_new(w->lunar), *old;
	struct cal_override	*o = NULL;
	struct cal_err		 err;
	size_t			 n = 0, i;
	int64_t			 newest = 0;

	for (i = 0; i < ndirs; i++)
		if (load_dir(cal, dirs[i], &newest) == -1)
			goto fail;
	store_lock(w->store);
	if (store_overrides_load(w->store, &o, &n) == -1 ||
	    cal_calendar_set_overrides(cal, o, n, &err) == -1) {
		store_unlock(w->store);
		goto fail;
	}
	pthread_rwlock_wrlock(&w->lock);
	old = w->cal;
	w->cal = cal;
	w->rule = rule;
	w->files_at = newest;
	w->loaded_at = changed_at(w);
	pthread_rwlock_unlock(&w->lock);
	store_unlock(w->store);
	cal_calendar_free(old);
	cal_overrides_free(o, n);
	return 0;
fail:
	log_warnx("workcal: reload failed; the calendar in use is kept");
	cal_calendar_free(cal);
	cal_overrides_free(o, n);
	return -1;
}

void
workcal_free(struct workcal *w)
{
	if (w == NULL)
		return;
	cal_calendar_free(w->cal);
	cal_lunar_table_free(w->lunar);
	cal_zone_free(w->zone);
	pthread_rwlock_destroy(&w->lock);
	free(w);
}

const struct cal_calendar *
workcal_acquire(struct workcal *w)
{
	pthread_rwlock_rdlock(&w->lock);
	return w->cal;
}

void
workcal_release(struct workcal *w)
{
	pthread_rwlock_unlock(&w->lock);
}

struct cal_zone *
workcal_zone(struct workcal *w)
{
	return w->zone;
}

struct cal_rule
workcal_rule(struct workcal *w)
{
	struct cal_rule	r;

	pthread_rwlock_rdlock(&w->lock);
	r = w->rule;
	pthread_rwlock_unlock(&w->lock);
	return r;
}

const struct cal_lunar_table *
workcal_lunar(const struct workcal *w)
{
	return w->lunar;
}

size_t
workcal_official_years(struct workcal *w, int *years, size_t cap)
{
	size_t	n = 0;
	int	y;

	pthread_rwlock_rdlock(&w->lock);
	for (y = CAL_MIN_YEAR; y <= CAL_MAX_YEAR && n < cap; y++)
		if (cal_calendar_year_is_official(w->cal, y))
			years[n++] = y;
	pthread_rwlock_unlock(&w->lock);
	return n;
}

int64_t
workcal_changed_at(struct workcal *w)
{
	int64_t	v;

	pthread_rwlock_rdlock(&w->lock);
	v = w->loaded_at;
	pthread_rwlock_unlock(&w->lock);
	return v;
}

/* A copy of the calendar's overrides, to restore after a failed write. */
static struct cal_override *
snapshot(struct workcal *w, size_t *n)
{
	struct cal_override		*v;
	const struct cal_override	*o;
	size_t				 i;

	*n = cal_calendar_override_count(w->cal);
	v = xcalloc(*n ? *n : 1, sizeof(*v));
	for (i = 0; i < *n; i++) {
		o = cal_calendar_override_at(w->cal, i);
		v[i].days = o->days;
		v[i].kind = o->kind;
		v[i].name = xstrdup(o->name);
		v[i].source = o->source != NULL ? xstrdup(o->source) : NULL;
	}
	return v;
}

/*
 * Lock order everywhere: the store, then the calendar.  A change holds the
 * store's transaction while it writes the calendar, so a reader holding the
 * store (the workflow) may take the calendar's read lock.
 */
int
workcal_put_overrides(struct workcal *w, const struct cal_override *o,
    size_t n, int64_t now, const struct store_audit *audit,
    struct cal_err *err)
{
	struct cal_override	*saved;
	size_t			 i, nsaved;
	int			 rc = -1;

	if (store_begin(w->store) == -1) {
		cal_err_set(err, "the store refused the change");
		return -1;
	}
	pthread_rwlock_wrlock(&w->lock);
	saved = snapshot(w, &nsaved);
	/* Validate all first, so that a bad one changes nothing. */
	for (i = 0; i < n; i++)
		if (cal_calendar_put_override(w->cal, &o[i], err) == -1)
			goto fail;
	if (store_overrides_put(w->store, o, n, now) == -1 ||
	    (audit != NULL && store_audit_append(w->store, audit) == -1)) {
		cal_err_set(err, "the store refused the change");
		goto fail;
	}
	w->loaded_at = changed_at(w);
	if (store_commit(w->store) == -1) {
		cal_err_set(err, "the store refused the change");
		cal_calendar_set_overrides(w->cal, saved, nsaved, NULL);
	} else
		rc = 0;
	goto out;
fail:
	store_rollback(w->store);
	cal_calendar_set_overrides(w->cal, saved, nsaved, NULL);
out:
	pthread_rwlock_unlock(&w->lock);
	cal_overrides_free(saved, nsaved);
	return rc;
}

int
workcal_remove_override(struct workcal *w, int32_t days, int64_t now,
    const struct store_audit *audit, struct cal_err *err)
{
	int	rc;

	if (store_begin(w->store) == -1) {
		cal_err_set(err, "the store refused the change");
		return -1;
	}
	pthread_rwlock_wrlock(&w->lock);
	rc = store_override_delete(w->store, days, now);
	if (rc == 0 && audit != NULL &&
	    store_audit_append(w->store, audit) == -1)
		rc = -1;
	if (rc == 0)
		w->loaded_at = changed_at(w);
	if (rc == -1)
		store_rollback(w->store);
	else if (store_commit(w->store) == -1)
		rc = -1;
	if (rc == 0)
		cal_calendar_remove_override(w->cal, days);
	else if (rc == -1)
		cal_err_set(err, "the store refused the change");
	pthread_rwlock_unlock(&w->lock);
	return rc;
}

int
workcal_get_override(struct workcal *w, int32_t days, struct cal_override *out)
{
	const struct cal_override	*o;
	size_t				 i, n;
	int				 rc = -1;

	pthread_rwlock_rdlock(&w->lock);
	n = cal_calendar_override_count(w->cal);
	for (i = 0; i < n; i++) {
		o = cal_calendar_override_at(w->cal, i);
		if (o->days != days)
			continue;
		out->days = o->days;
		out->kind = o->kind;
		out->name = xstrdup(o->name);
		out->source = o->source != NULL ? xstrdup(o->source) : NULL;
		rc = 0;
		break;
	}
	pthread_rwlock_unlock(&w->lock);
	return rc;
}
