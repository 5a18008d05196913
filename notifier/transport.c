/*
 * transport.c - the transport handle and its ops table; the backends are
 * spool.c and smtp.c.
 */
#include "notifier/transport.h"

#include <stdlib.h>

#include "notifier/transport_int.h"

void
ntf_transport_send(struct ntf_transport *t, struct ntf_mail *m, size_t n)
{
	t->ops->send(t->state, m, n);
}

const char *
ntf_transport_name(const struct ntf_transport *t)
{
	return t->ops->name;
}

void
ntf_transport_free(struct ntf_transport *t)
{
	if (t == NULL)
		return;
	t->ops->free(t->state);
	free(t);
}
