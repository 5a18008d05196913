/*
 * num.h - the one bounded number parser.
 *
 * num_parse() reads a decimal integer of exactly len bytes (an optional
 * leading '-', then digits; no spaces, no '+', no other bytes) that lies in
 * [min, max].  It returns 0 and stores it in *out, or -1 and leaves *out
 * unchanged.  Used instead of atoi/strtol everywhere.
 */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>
#include <stdint.h>

int	num_parse(const char *s, size_t len, int64_t min, int64_t max,
	    int64_t *out);

#endif
