/*
 * outbox.h - the notifier's workers: they turn outbox rows into one
 * delivery per recipient, lease the due deliveries, compose and send them
 * in batches, and record every attempt (DESIGN.md §3 "Messages").
 *
 * Delivery is at least once: a delivery is leased before it is sent, and a
 * crash between the relay's acceptance and the record makes it due again
 * when the lease runs out, with the same Message-ID.  4xx answers,
 * refused connections and timeouts are retried with exponential backoff and
 * jitter until retry_limit; 5xx answers fail at once.
 */
#ifndef NTF_OUTBOX_H
#define NTF_OUTBOX_H

#include <stdint.h>

#include "daemon/store.h"
#include "notifier/compose.h"
#include "notifier/transport.h"

typedef int64_t	ntf_clock_fn(void);

struct ntf_config {
	int				 workers;	/* default 4 */
	int				 batch;		/* per session */
	int64_t				 retry_limit;	/* seconds, 48 h */
	int64_t				 lease;		/* seconds */
	const struct ntf_sender		*sender;
	const struct ntf_templates	*templates;
	const struct ntf_smtp_cfg	*smtp;		/* NULL: the spool */
	const char			*spool_dir;
	const char			*admin_alerts;	/* "a@b, c@d" or NULL */
	const char			*host;		/* Message-ID right side */
	ntf_clock_fn			*now;
	int				 max_sleep;	/* seconds, 0: none */
	const unsigned char		*link_key;	/* LINK_KEY_LEN bytes */
};

struct ntf;

/* Starts the workers; NULL with err when a transport cannot be made. */
struct ntf *ntf_start(struct store *, const struct ntf_config *, char *err,
	    size_t errlen);
/* Something may have been queued: look now. */
void	ntf_wake(struct ntf *);
/* Stops after the batches in hand; leased messages stay leased. */
void	ntf_stop(struct ntf *);

#endif
