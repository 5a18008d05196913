/*
 * transport_int.h - the ops table shared by notifier/transport*.c,
 * spool.c and smtp.c.
 */
#ifndef NTF_TRANSPORT_INT_H
#define NTF_TRANSPORT_INT_H

#include "notifier/transport.h"

struct ntf_transport_ops {
	const char	*name;
	void		(*send)(void *state, struct ntf_mail *, size_t n);
	void		(*free)(void *state);
};

struct ntf_transport {
	const struct ntf_transport_ops	*ops;
	void				*state;
};

#endif
