/*
 * webhook.c - signed JSON POSTs with libcurl; see webhook.h.
 */
#include "notifier/webhook.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

void
ntf_webhook_sign(const char *secret, const char *body, size_t len,
    char out[72])
{
	crypto_auth_hmacsha256_state	st;
	unsigned char			mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(out, "sha256=", 7);
	sodium_bin2hex(out + 7, 65, mac, sizeof(mac));
}

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

void
ntf_webhook_post(const char *secret, const char *body, size_t len,
    long timeout, struct ntf_mail *m)
{
	CURL			*c;
	struct curl_slist	*h = NULL;
	char			 sig[72], hdr[128], err[CURL_ERROR_SIZE] = "";
	long			 status = 0;
	CURLcode		 rc;

	m->status = NTF_TEMPFAIL;
	if ((c = curl_easy_init()) == NULL) {
		snprintf(m->reply, sizeof(m->reply), "cannot start libcurl");
		return;
	}
	ntf_webhook_sign(secret, body, len, sig);
	snprintf(hdr, sizeof(hdr), "X-Baotri-Signature: %s", sig);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, hdr);
	curl_easy_setopt(c, CURLOPT_URL, m->to);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "baotri/0.1 (webhook)");
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(m->reply, sizeof(m->reply), "0 %.200s", err[0] ? err :
		    curl_easy_strerror(rc));
		return;
	}
	snprintf(m->reply, sizeof(m->reply), "%ld HTTP", status);
	if (status >= 200 && status < 300)
		m->status = NTF_OK;
	else if (status == 408 || status == 429 || status >= 500)
		m->status = NTF_TEMPFAIL;
	else
		m->status = NTF_PERMFAIL;
}
