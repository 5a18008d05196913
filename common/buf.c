/*
 * buf.c - bounded growable buffer; see buf.h for the contract.
 */
#include "common/buf.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"
#include "common/xmalloc.h"

void
buf_init(struct buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
	b->toobig = false;
}

void
buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b, b->cap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->toobig = false;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Makes room for extra more bytes plus the NUL, or fails past the cap. */
static int
buf_grow(struct buf *b, size_t extra)
{
	size_t	need, n;

	if (extra > b->cap || b->len > b->cap - extra) {
		b->toobig = true;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	n = b->alloc < 64 ? 64 : b->alloc;
	while (n < need)
		n = n > b->cap / 2 + 1 ? b->cap + 1 : n * 2;
	b->data = xreallocarray(b->data, 1, n);
	b->alloc = n;
	return 0;
}

int
buf_add(struct buf *b, const void *p, size_t len)
{
	if (buf_grow(b, len) == -1)
		return -1;
	if (len > 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, char c)
{
	if (b->len + 2 <= b->alloc && b->len < b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return 0;
	}
	return buf_add(b, &c, 1);
}

int
buf_reserve(struct buf *b, size_t n)
{
	if (n > b->cap)
		n = b->cap;
	return n > b->len ? buf_grow(b, n - b->len) : 0;
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) == -1) {
		b->toobig = true;
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

char *
buf_detach(struct buf *b, size_t *lenp)
{
	char	*p;

	if (b->data == NULL)
		buf_add(b, "", 0);
	p = b->data;
	if (lenp != NULL)
		*lenp = b->len;
	buf_init(b, b->cap);
	return p;
}

bool
buf_is_toobig(const struct buf *b)
{
	return b->toobig;
}

/* Reads a whole file of at most max bytes; NULL (logged) on error. */
char *
buf_read_file(const char *path, size_t max, size_t *len)
{
	struct stat	 st;
	char		*p = NULL;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_warn("cannot open '%s'", path);
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > max) {
		log_warnx("'%s' is not a regular file of at most %zu "
		    "bytes", path, max);
		close(fd);
		return NULL;
	}
	p = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		r = read(fd, p + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			log_warn("cannot read '%s'", path);
			free(p);
			close(fd);
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	p[got] = '\0';
	if (len != NULL)
		*len = got;
	return p;
}

uint64_t
buf_hash(const void *p, size_t n)
{
	const unsigned char	*c = p;
	uint64_t		 h = 14695981039346656037ULL;
	size_t			 i;

	for (i = 0; i < n; i++)
		h = (h ^ c[i]) * 1099511628211ULL;
	return h;
}
