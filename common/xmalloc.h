/*
 * xmalloc.h - allocators that never return NULL.
 *
 * Out of memory is fatal: the process logs and exits, as OpenSMTPD does.
 * Sizes are checked for overflow.  xfree_secret() wipes before freeing.
 */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Returns a newly allocated formatted string; the caller frees it. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Wipes the first len bytes of p, then frees it; NULL is a no-op. */
void	 xfree_secret(void *p, size_t len);

#endif
