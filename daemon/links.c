/*
 * links.c - signed action links; see links.h.
 */
#include "daemon/links.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "common/num.h"
#include "common/xmalloc.h"

#define MAC_LEN	16

static void
mac(const unsigned char key[LINK_KEY_LEN], const char *purpose, int64_t a,
    int64_t b, int64_t expires, char out[32])
{
	unsigned char	h[crypto_auth_hmacsha256_BYTES];
	char		msg[160];

	snprintf(msg, sizeof(msg), "%s|%lld|%lld|%lld", purpose, (long long)a,
	    (long long)b, (long long)expires);
	crypto_auth_hmacsha256(h, (const unsigned char *)msg, strlen(msg), key);
	sodium_bin2base64(out, 32, h, MAC_LEN,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

char *
link_make(const unsigned char key[LINK_KEY_LEN], const char *purpose,
    int64_t a, int64_t b, int64_t expires)
{
	char	m[32];

	mac(key, purpose, a, b, expires, m);
	return xasprintf("%lld.%lld.%lld.%s", (long long)a, (long long)b,
	    (long long)expires, m);
}

int
link_check(const unsigned char key[LINK_KEY_LEN], const char *token,
    const char *purpose, int64_t now, int64_t *a, int64_t *b)
{
	const char	*p = token, *dot;
	int64_t		 v[3];
	char		 want[32];
	int		 i;

	if (token == NULL || strlen(token) > LINK_MAX)
		return -1;
	for (i = 0; i < 3; i++) {
		if ((dot = strchr(p, '.')) == NULL ||
		    num_parse(p, (size_t)(dot - p), 0, INT64_MAX / 2, &v[i]) ==
		    -1)
			return -1;
		p = dot + 1;
	}
	mac(key, purpose, v[0], v[1], v[2], want);
	if (strlen(p) != strlen(want) ||
	    sodium_memcmp(p, want, strlen(want)) != 0)
		return -1;
	if (v[2] != 0 && now > v[2])
		return -1;
	*a = v[0];
	*b = v[1];
	return 0;
}

int
link_key(struct store *s, unsigned char key[LINK_KEY_LEN])
{
	unsigned char	fresh[LINK_KEY_LEN];

	randombytes_buf(fresh, sizeof(fresh));
	return store_secret(s, "links", fresh, key, LINK_KEY_LEN);
}

char *
link_unit_feed(const unsigned char key[LINK_KEY_LEN], const char *base,
    int64_t unit, int64_t gen)
{
	char	*t = link_make(key, "feed", unit, gen, 0), *u;

	u = xasprintf("%s/units/%s/calendar.ics", base ? base : "", t);
	free(t);
	return u;
}
