/*
 * transport.h - where messages go: an SMTP relay (libesmtp) or, when none
 * is configured, a file spool of .eml files (so `make run` works on a bare
 * machine).  A transport is an ops table behind an opaque handle, as
 * OpenSMTPD's queue backends; each worker thread owns one.
 */
#ifndef NTF_TRANSPORT_H
#define NTF_TRANSPORT_H

#include <stddef.h>

enum ntf_status {
	NTF_OK = 0,		/* the relay accepted it (or it is spooled) */
	NTF_TEMPFAIL,		/* 4xx, no connection, timeout: try again */
	NTF_PERMFAIL		/* 5xx: give up, show the admins */
};

/* One message of a batch; the transport fills the result fields. */
struct ntf_mail {
	const char	*from;		/* envelope sender */
	const char	*to;		/* the one recipient */
	const char	*message_id;	/* without <> */
	const char	*data;		/* CRLF, NUL-terminated */
	size_t		 len;
	enum ntf_status	 status;
	char		 reply[256];	/* the server's words */
	char		 queue_id[80];
};

struct ntf_smtp_cfg {
	const char	*relay;		/* host:port */
	const char	*tls;		/* starttls | none */
	const char	*user;		/* or NULL: no AUTH */
	const char	*password;
	const char	*ca_file;	/* or NULL: the system's CAs */
	long		 timeout;	/* seconds per step */
};

struct ntf_transport;

/* The spool: DIR/tmp, then fsync and rename into DIR/new. */
struct ntf_transport *ntf_spool_new(const char *dir, char *err,
	    size_t errlen);
struct ntf_transport *ntf_smtp_new(const struct ntf_smtp_cfg *, char *err,
	    size_t errlen);
/* Sends a batch (one SMTP session for all of it); fills each status. */
void	ntf_transport_send(struct ntf_transport *, struct ntf_mail *,
	    size_t n);
const char *ntf_transport_name(const struct ntf_transport *);
void	ntf_transport_free(struct ntf_transport *);

#endif
