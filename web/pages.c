/*
 * pages.c - page templates and console files held in memory; see pages.h.
 */
#include "web/pages.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xmalloc.h"

struct web_file {
	char		*name;
	char		*data;
	size_t		 len;
	const char	*type;
	char		 etag[24];
};

struct web_dir {
	struct web_file	 f[WEB_FILES_MAX];
	size_t		 n;
};

struct web_pages {
	struct web_dir	 templates, console;
};

static const struct {
	const char	*ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".ico", "image/x-icon" },
	{ ".png", "image/png" },
	{ ".tpl", "text/plain; charset=utf-8" },
};

static const char *
type_of(const char *name)
{
	size_t	i, n = strlen(name), e;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		e = strlen(types[i].ext);
		if (n > e && strcmp(name + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

static void
dir_release(struct web_dir *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		free(d->f[i].name);
		free(d->f[i].data);
	}
	d->n = 0;
}

/* Reads the files of a known type in path (not below); -1 with err. */
static int
dir_load(struct web_dir *d, const char *path, char *err, size_t errlen)
{
	DIR		*dp;
	struct dirent	*de;
	struct web_file	*f;
	char		*p;

	if ((dp = opendir(path)) == NULL) {
		snprintf(err, errlen, "cannot open the directory '%s'", path);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || type_of(de->d_name) == NULL)
			continue;
		if (d->n == WEB_FILES_MAX) {
			snprintf(err, errlen, "%s: more than %d files", path,
			    WEB_FILES_MAX);
			closedir(dp);
			return -1;
		}
		f = &d->f[d->n];
		p = xasprintf("%s/%s", path, de->d_name);
		f->data = buf_read_file(p, WEB_FILE_MAX, &f->len);
		free(p);
		if (f->data == NULL) {
			snprintf(err, errlen, "%s/%s: unreadable or over %d "
			    "bytes", path, de->d_name, WEB_FILE_MAX);
			closedir(dp);
			return -1;
		}
		f->name = xstrdup(de->d_name);
		f->type = type_of(de->d_name);
		snprintf(f->etag, sizeof(f->etag), "\"%016llx\"",
		    (unsigned long long)buf_hash(f->data, f->len));
		d->n++;
	}
	closedir(dp);
	return 0;
}

struct web_pages *
web_pages_load(const char *dir, char *err, size_t errlen)
{
	struct web_pages	*p = xcalloc(1, sizeof(*p));
	char			*path;
	int			 rc;

	path = xasprintf("%s/templates", dir);
	rc = dir_load(&p->templates, path, err, errlen);
	free(path);
	if (rc == 0) {
		path = xasprintf("%s/console", dir);
		rc = dir_load(&p->console, path, err, errlen);
		free(path);
	}
	if (rc == 0 && web_pages_template(p, "layout") == NULL) {
		snprintf(err, errlen, "%s/templates: no layout.tpl", dir);
		rc = -1;
	}
	if (rc == -1) {
		web_pages_free(p);
		return NULL;
	}
	return p;
}

void
web_pages_free(struct web_pages *p)
{
	if (p == NULL)
		return;
	dir_release(&p->templates);
	dir_release(&p->console);
	free(p);
}

static const struct web_file *
find(const struct web_dir *d, const char *name)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->f[i].name, name) == 0)
			return &d->f[i];
	return NULL;
}

const char *
web_pages_template(const struct web_pages *p, const char *name)
{
	char			 file[80];
	const struct web_file	*f;

	snprintf(file, sizeof(file), "%s.tpl", name);
	f = find(&p->templates, file);
	return f != NULL ? f->data : NULL;
}

const char *
web_pages_file(const struct web_pages *p, const char *path, size_t *len,
    const char **type, const char **etag)
{
	const struct web_file	*f;

	/* The console is flat: no directories, so no ".." to worry about. */
	if (strchr(path, '/') != NULL || (f = find(&p->console, path)) == NULL)
		return NULL;
	*len = f->len;
	*type = f->type;
	*etag = f->etag;
	return f->data;
}
