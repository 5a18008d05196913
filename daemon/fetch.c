/*
 * fetch.c - bounded HTTP(S) GET with libcurl; see fetch.h.
 */
#include "daemon/fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"

int
fetch_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;

	/* Returning less than given makes curl stop with an error. */
	if (buf_add(b, p, size * n) == -1)
		return 0;
	return size * n;
}

int
fetch_url(const char *url, size_t max, long timeout, char **out, size_t *len,
    char *err, size_t errlen)
{
	CURL		*c;
	CURLcode	 rc;
	struct buf	 b;
	long		 status = 0;
	char		 cerr[CURL_ERROR_SIZE] = "";

	if (strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0) {
		snprintf(err, errlen, "url must start with http:// or "
		    "https://");
		return -1;
	}
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "cannot start libcurl");
		return -1;
	}
	buf_init(&b, max);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "baotri/0.1 (holiday import)");
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (buf_is_toobig(&b) || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(err, errlen, "the document is larger than %zu bytes",
		    max);
		goto fail;
	}
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "cannot fetch: %s", cerr[0] ? cerr :
		    curl_easy_strerror(rc));
		goto fail;
	}
	if (status != 200) {
		snprintf(err, errlen, "the server answered HTTP %ld", status);
		goto fail;
	}
	*out = buf_detach(&b, len);
	return 0;
fail:
	buf_release(&b);
	return -1;
}
