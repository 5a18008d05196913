/*
 * links.h - the links in notices that act without a login: a unit's
 * acknowledgement, a subscriber's confirmation and unsubscription.
 *
 * A link's token is "A.B.EXPIRES.MAC": two numbers (what it is about), an
 * expiry (0: none) and HMAC-SHA256 over the purpose and the numbers with a
 * key kept in the store (made at first use), cut to 128 bits.  Nothing per
 * link is stored, a token cannot be guessed or altered, and one purpose's
 * token is worthless for another.
 */
#ifndef LINKS_H
#define LINKS_H

#include <stdint.h>

#include "daemon/store.h"

#define LINK_KEY_LEN	32
#define LINK_MAX	128

/* Reads the link key from the store, creating it the first time. */
int	link_key(struct store *, unsigned char key[LINK_KEY_LEN]);
/* A token (caller frees). */
char	*link_make(const unsigned char key[LINK_KEY_LEN], const char *purpose,
	    int64_t a, int64_t b, int64_t expires);
/* 0 and the numbers for a valid, unexpired token of the purpose; -1. */
int	link_check(const unsigned char key[LINK_KEY_LEN], const char *token,
	    const char *purpose, int64_t now, int64_t *a, int64_t *b);

/*
 * A unit's private feed URL (base + /units/TOKEN/calendar.ics), signed
 * over the unit and its feed generation; caller frees.
 */
char	*link_unit_feed(const unsigned char key[LINK_KEY_LEN], const char *base,
	    int64_t unit, int64_t gen);

#endif
