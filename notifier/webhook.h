/*
 * webhook.h - webhook delivery: a JSON POST signed with HMAC-SHA256 over
 * the body with the webhook's secret, in the header
 * "X-Baotri-Signature: sha256=HEX", 10 seconds at most (libcurl).
 * A 2xx is delivered; 408, 429, 5xx, a refused connection or a timeout is
 * tried again later; any other answer fails at once (HTTP's meaning of 4xx).
 */
#ifndef NTF_WEBHOOK_H
#define NTF_WEBHOOK_H

#include <stddef.h>

#include "notifier/transport.h"

/* Posts body; fills m->status and m->reply. m->to is the URL. */
void	ntf_webhook_post(const char *secret, const char *body, size_t len,
	    long timeout, struct ntf_mail *m);
/* The signature header's value for a body ("sha256=" and 64 hex). */
void	ntf_webhook_sign(const char *secret, const char *body, size_t len,
	    char out[72]);

#endif
