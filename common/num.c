/*
 * num.c - bounded decimal parsing; see num.h.
 */
#include "common/num.h"

#include <stdbool.h>

int
num_parse(const char *s, size_t len, int64_t min, int64_t max, int64_t *out)
{
	bool	 neg = false;
	int64_t	 v = 0;
	size_t	 i = 0;

	if (s == NULL || len == 0)
		return -1;
	if (s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len || len - i > 18)	/* 18 digits cannot overflow */
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (neg)
		v = -v;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
