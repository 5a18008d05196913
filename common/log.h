/*
 * log.h - one line per event to stderr, and the fatal exits.
 *
 * Lines look like "2026-11-25T06:53:49Z warn store: cannot open 'x': No such
 * file" (timestamp in UTC, level, message).  Messages are lowercase, without a
 * full stop, subject first.  log_warn() appends strerror(errno).
 * Only the programs' main files call fatal()/fatalx(); a library that meets an
 * impossible state calls fatalx("bug: ...").
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>
#include <stdbool.h>

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

/* Sets the lowest level that is printed (LOG_LEVEL_INFO by default). */
void	log_set_level(enum log_level);

void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
