/*
 * cache.h - a small cache of answers keyed by text and stamped with the
 * store's generation (store_generation()): an entry is used only while the
 * stamp is unchanged, so nothing stale is ever served.  Calendar clients and
 * dashboards poll the same lists; the cache turns those polls into copies.
 * Thread-safe; entries are replaced least recently used first.
 */
#ifndef WEB_CACHE_H
#define WEB_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define WEB_CACHE_KEY_MAX	512
#define WEB_CACHE_VALUE_MAX	(4 * 1024 * 1024)

struct web_cache;

struct web_cache *web_cache_new(size_t entries);
void	web_cache_free(struct web_cache *);
/* A copy of the value (caller frees) if key is cached with stamp; NULL. */
char	*web_cache_get(struct web_cache *, const char *key, int64_t stamp,
	    size_t *len);
/*
 * The cached value itself, without a copy: *handle holds a reference that
 * web_cache_release() gives back (after the answer is sent).
 */
const char *web_cache_share(struct web_cache *, const char *key,
	    int64_t stamp, size_t *len, void **handle);
void	web_cache_release(void *handle);
/* Stores a copy; keys or values over the limits are not cached. */
void	web_cache_put(struct web_cache *, const char *key, int64_t stamp,
	    const void *value, size_t len);

#endif
