/*
 * sched.h - the scheduler: a thread that moves maintenances along at their
 * times (approved -> in_progress at the start, -> completed at the end).
 *
 * It sleeps on a condition variable until the next due time that the store
 * names (no polling loop), and is woken when a change may have moved that
 * time (sched_wake()).  After a restart the first tick does whatever fell
 * due while the daemon was down, once.
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdint.h>

#include "daemon/wf.h"

typedef int64_t	sched_clock_fn(void);

struct sched;

/*
 * Starts the thread.  max_sleep bounds one wait in seconds (0: none); the
 * test clock uses a short one because its time does not pass by itself.
 */
struct sched *sched_start(struct wf *, sched_clock_fn *, int max_sleep,
	    void (*after)(void *), void *after_arg);
void	sched_wake(struct sched *);
/* Stops the thread after its current tick. */
void	sched_stop(struct sched *);
/* The scheduler's lag: how late the last tick ran after its due time. */
int64_t	sched_lag(struct sched *);

#endif
