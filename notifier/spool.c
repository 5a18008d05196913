/*
 * spool.c - the file spool transport: one .eml per message, written under a
 * temporary name in DIR/tmp, fsynced, renamed into DIR/new and the
 * directory fsynced, so a file in new/ is always whole (maildir's rule).
 * The file is named after the Message-ID, so a message sent twice after a
 * crash replaces itself instead of doubling.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xmalloc.h"
#include "notifier/transport_int.h"

struct spool {
	char	*dir;
};

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	w;

	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* A file name from a Message-ID: only [A-Za-z0-9._@-]. */
static void
file_name(const char *mid, char *out, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; mid[i] != '\0' && n + 5 < len; i++)
		out[n++] = (strchr("._@-", mid[i]) != NULL ||
		    (mid[i] >= 'a' && mid[i] <= 'z') ||
		    (mid[i] >= 'A' && mid[i] <= 'Z') ||
		    (mid[i] >= '0' && mid[i] <= '9')) ? mid[i] : '_';
	snprintf(out + n, len - n, ".eml");
}

static void
spool_send(void *state, struct ntf_mail *m, size_t n)
{
	struct spool	*s = state;
	char		 name[200], *tmp, *dst, *newdir;
	size_t		 i;
	int		 fd, dfd;

	newdir = xasprintf("%s/new", s->dir);
	for (i = 0; i < n; i++) {
		file_name(m[i].message_id, name, sizeof(name));
		tmp = xasprintf("%s/tmp/%s", s->dir, name);
		dst = xasprintf("%s/new/%s", s->dir, name);
		m[i].status = NTF_TEMPFAIL;
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
		if (fd == -1 || write_all(fd, m[i].data, m[i].len) == -1 ||
		    fsync(fd) == -1 || close(fd) == -1) {
			snprintf(m[i].reply, sizeof(m[i].reply), "spool: "
			    "cannot write %s: %s", tmp, strerror(errno));
			if (fd != -1)
				close(fd);
			unlink(tmp);
		} else if (rename(tmp, dst) == -1) {
			snprintf(m[i].reply, sizeof(m[i].reply), "spool: "
			    "cannot rename into %s: %s", dst, strerror(errno));
			unlink(tmp);
		} else {
			m[i].status = NTF_OK;
			snprintf(m[i].reply, sizeof(m[i].reply), "spooled");
			snprintf(m[i].queue_id, sizeof(m[i].queue_id), "%.*s",
			    (int)sizeof(m[i].queue_id) - 1, name);
		}
		free(tmp);
		free(dst);
	}
	if ((dfd = open(newdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(newdir);
}

static void
spool_free(void *state)
{
	struct spool	*s = state;

	free(s->dir);
	free(s);
}

static const struct ntf_transport_ops spool_ops = {
	"spool", spool_send, spool_free
};

struct ntf_transport *
ntf_spool_new(const char *dir, char *err, size_t errlen)
{
	struct ntf_transport	*t;
	struct spool		*s;
	char			*sub;
	const char		*subs[] = { "", "/tmp", "/new" };
	size_t			 i;

	for (i = 0; i < 3; i++) {
		sub = xasprintf("%s%s", dir, subs[i]);
		if (mkdir(sub, 0750) == -1 && errno != EEXIST) {
			snprintf(err, errlen, "spool: cannot create %s: %s",
			    sub, strerror(errno));
			free(sub);
			return NULL;
		}
		free(sub);
	}
	s = xcalloc(1, sizeof(*s));
	s->dir = xstrdup(dir);
	t = xcalloc(1, sizeof(*t));
	t->ops = &spool_ops;
	t->state = s;
	return t;
}
