/*
 * cache.c - generation-stamped LRU cache; see cache.h.
 */
#include "web/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmalloc.h"

/* A value is shared by the cache and the answers being sent from it. */
struct value {
	_Atomic int	 refs;
	size_t		 len;
	char		 data[];
};

struct entry {
	char		*key;
	int64_t		 stamp;
	struct value	*value;
	uint64_t	 used;		/* LRU clock */
};

static void
value_unref(struct value *v)
{
	if (v != NULL && --v->refs == 0)
		free(v);
}

void
web_cache_release(void *handle)
{
	value_unref(handle);
}

struct web_cache {
	pthread_mutex_t	 lock;
	struct entry	*e;
	size_t		 n;
	uint64_t	 tick;
};

struct web_cache *
web_cache_new(size_t entries)
{
	struct web_cache	*c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	c->n = entries ? entries : 1;
	c->e = xcalloc(c->n, sizeof(*c->e));
	return c;
}

void
web_cache_free(struct web_cache *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->e[i].key);
		value_unref(c->e[i].value);
	}
	free(c->e);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* The entry of a key with a stamp, or NULL; the lock is held. */
static struct entry *
find(struct web_cache *c, const char *key, int64_t stamp)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (c->e[i].key != NULL && c->e[i].stamp == stamp &&
		    strcmp(c->e[i].key, key) == 0) {
			c->e[i].used = ++c->tick;
			return &c->e[i];
		}
	return NULL;
}

char *
web_cache_get(struct web_cache *c, const char *key, int64_t stamp,
    size_t *len)
{
	struct entry	*e;
	char		*v = NULL;

	pthread_mutex_lock(&c->lock);
	if ((e = find(c, key, stamp)) != NULL) {
		v = xmalloc(e->value->len + 1);
		memcpy(v, e->value->data, e->value->len);
		v[e->value->len] = '\0';
		*len = e->value->len;
	}
	pthread_mutex_unlock(&c->lock);
	return v;
}

const char *
web_cache_share(struct web_cache *c, const char *key, int64_t stamp,
    size_t *len, void **handle)
{
	struct entry	*e;
	const char	*p = NULL;

	pthread_mutex_lock(&c->lock);
	if ((e = find(c, key, stamp)) != NULL) {
		e->value->refs++;
		*handle = e->value;
		*len = e->value->len;
		p = e->value->data;
	}
	pthread_mutex_unlock(&c->lock);
	return p;
}

void
web_cache_put(struct web_cache *c, const char *key, int64_t stamp,
    const void *value, size_t len)
{
	struct entry	*pick = NULL;
	size_t		 i;

	if (stamp < 0 || strlen(key) > WEB_CACHE_KEY_MAX ||
	    len > WEB_CACHE_VALUE_MAX)
		return;
	pthread_mutex_lock(&c->lock);
	for (i = 0; i < c->n; i++) {
		if (c->e[i].key != NULL && strcmp(c->e[i].key, key) == 0) {
			pick = &c->e[i];
			break;
		}
		if (pick == NULL || (pick->key != NULL &&
		    (c->e[i].key == NULL || c->e[i].used < pick->used)))
			pick = &c->e[i];
	}
	free(pick->key);
	value_unref(pick->value);
	pick->key = xstrdup(key);
	pick->value = xmalloc(sizeof(*pick->value) + len + 1);
	pick->value->refs = 1;
	pick->value->len = len;
	memcpy(pick->value->data, value, len);
	pick->value->data[len] = '\0';
	pick->stamp = stamp;
	pick->used = ++c->tick;
	pthread_mutex_unlock(&c->lock);
}
