/*
 * pages.h - the files the web module serves: page templates
 * (DIR/templates/NAME.tpl, rendered by common/tpl like the mail) and the
 * admin console's static files (DIR/console/), both read once at start.
 *
 * Every HTML page is its template rendered into layout.tpl as {{{body}}};
 * templates hold both languages, chosen by the {{#vi}} / {{#en}} sections,
 * so no page text lives in C.  Static files are answered from memory with
 * an ETag; the console is plain HTML, CSS and JavaScript modules.
 */
#ifndef WEB_PAGES_H
#define WEB_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#define WEB_PAGE_MAX		(2 * 1024 * 1024)	/* rendered page */
#define WEB_FILE_MAX		(1024 * 1024)		/* one file */
#define WEB_FILES_MAX		64			/* per directory */

struct json_t;
struct web_pages;

/* Loads DIR/templates/ and DIR/console/; NULL with err set. */
struct web_pages *web_pages_load(const char *dir, char *err, size_t errlen);
void	web_pages_free(struct web_pages *);

/* A template's text by name ("status"), or NULL. */
const char *web_pages_template(const struct web_pages *, const char *name);

/*
 * A console file by its path under console/ ("app.js"): its bytes, length,
 * content type and ETag; NULL if there is none.
 */
const char *web_pages_file(const struct web_pages *, const char *path,
	    size_t *len, const char **type, const char **etag);

#endif
