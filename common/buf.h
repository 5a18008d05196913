/*
 * buf.h - a growable byte buffer with a hard size cap.
 *
 * The contents are always NUL-terminated (the NUL is not counted in len).
 * Every append either adds all of its bytes or none: when the result would
 * exceed the cap given to buf_init(), the append returns -1, the buffer is
 * left as it was and buf_is_toobig() is true from then on, so a caller may
 * append many pieces and check once at the end (curl's dynbuf contract).
 */
#ifndef BUF_H
#define BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char	*data;		/* NUL-terminated, or NULL before the first add */
	size_t	 len;
	size_t	 alloc;
	size_t	 cap;		/* len never exceeds cap */
	bool	 toobig;
};

/* Prepares an empty buffer that will hold at most cap bytes. */
void	 buf_init(struct buf *, size_t cap);
/* Frees the contents; the buffer may be used again after buf_init(). */
void	 buf_release(struct buf *);
/* Empties the buffer and clears the toobig flag, keeping the memory. */
void	 buf_reset(struct buf *);
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_adds(struct buf *, const char *);
int	 buf_addc(struct buf *, char);
/* Allocates room for n bytes in all (at most the cap) to save regrowing. */
int	 buf_reserve(struct buf *, size_t n);
int	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Returns the contents ("" when empty); valid until the next change. */
const char *buf_str(const struct buf *);
/* Hands the contents to the caller (who frees them) and empties the buffer. */
char	*buf_detach(struct buf *, size_t *lenp);
bool	 buf_is_toobig(const struct buf *);

/*
 * FNV-1a, 64 bits: tells versions of bytes apart (ETags, MIME boundaries);
 * not for secrets.
 */
uint64_t buf_hash(const void *, size_t);

/*
 * Reads a whole regular file of at most max bytes, NUL-terminated; *len
 * (may be NULL) gets its length.  NULL (logged, naming the file) on error.
 */
char	*buf_read_file(const char *path, size_t max, size_t *len);

#endif
