/*
 * addr.h - e-mail addresses we accept from people: local@domain.tld, at
 * most 254 bytes, printable ASCII without spaces or the specials that
 * could break a header (< > ( ) [ ] , ; : \ ").  Conservative on purpose:
 * an address that passes can go into a header as it is.
 */
#ifndef ADDR_H
#define ADDR_H

#include <stdbool.h>

bool	addr_email_ok(const char *);

#endif
