/*
 * test.h - what every cmocka test program includes: cmocka 1.1.5 wants
 * these headers before its own, and the fixture loader.
 */
#ifndef TEST_H
#define TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
/* The leading decimal number of a fixture string ("2026", "4 (starts"). */
static inline int
test_int(const char *s)
{
	int	v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

#endif

/* Reads a file of the source tree (path relative to the top); aborts. */
static inline char *
test_read_file(const char *rel, size_t *len)
{
	char	 path[1024];
	FILE	*f;
	char	*p;
	long	 n;

	snprintf(path, sizeof(path), "%s/%s", TOP_SRCDIR, rel);
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		abort();
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	if (p == NULL || fread(p, 1, (size_t)n, f) != (size_t)n)
		abort();
	p[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return p;
}

/* The leading decimal number of a fixture string ("2026", "4 (starts"). */
static inline int
test_int(const char *s)
{
	int	v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

#endif
