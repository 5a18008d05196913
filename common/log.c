/*
 * log.c - stderr logging with a UTC timestamp; see log.h.
 *
 * One fprintf per line, so lines written by several threads do not mix (stdio
 * locks the stream for each call).
 */
#include "common/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum log_level log_level = LOG_LEVEL_INFO;

void
log_set_level(enum log_level level)
{
	log_level = level;
}

/* Formats one line and writes it with a single call. */
static void
log_vline(enum log_level level, const char *tag, int errnum, const char *fmt,
    va_list ap)
{
	char		 msg[1024], ts[32];
	struct tm	 tm;
	time_t		 now;

	if (level > log_level)
		return;
	now = time(NULL);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		ts[0] = '\0';
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (errnum != 0)
		fprintf(stderr, "%s %s %s: %s\n", ts, tag, msg, strerror(errnum));
	else
		fprintf(stderr, "%s %s %s\n", ts, tag, msg);
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_WARN, "warn", saved, fmt, ap);
	va_end(ap);
	errno = saved;
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_WARN, "warn", 0, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_INFO, "info", 0, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_DEBUG, "debug", 0, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_ERROR, "fatal", saved, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_ERROR, "fatal", 0, fmt, ap);
	va_end(ap);
	exit(1);
}
