/*
 * fetch.h - fetches a document by URL (libcurl): the holiday calendar import
 * from a URL.  http and https only, at most 3 redirects, a size cap and a
 * total timeout.  fetch_global_init() must run once before any thread.
 */
#ifndef FETCH_H
#define FETCH_H

#include <stddef.h>

int	fetch_global_init(void);
/*
 * Returns 0 with the body in *out (NUL-terminated, caller frees) and its
 * length, or -1 with a message in err naming the cause (bad URL, refused,
 * timeout, HTTP status, too large).
 */
int	fetch_url(const char *url, size_t max, long timeout_seconds,
	    char **out, size_t *len, char *err, size_t errlen);

#endif
