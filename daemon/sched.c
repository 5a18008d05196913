/*
 * sched.c - the scheduler thread; see sched.h.
 *
 * The wait is pthread_cond_timedwait() on CLOCK_MONOTONIC for the seconds
 * until the next due time, so a wall-clock step does not stretch it by
 * hours; each wake re-reads the clock and the store.
 */
#include "daemon/sched.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "common/log.h"
#include "common/xmalloc.h"

struct sched {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	bool		 stop;
	bool		 woken;
	struct wf	*wf;
	sched_clock_fn	*now;
	int		 max_sleep;
	int64_t		 lag;
	void		(*after)(void *);
	void		*after_arg;
};

static void *
run(void *arg)
{
	struct sched	*s = arg;
	struct timespec	 ts;
	int64_t		 now, next, wait;
	int		 n;

	pthread_mutex_lock(&s->lock);
	while (!s->stop) {
		s->woken = false;
		pthread_mutex_unlock(&s->lock);
		now = s->now();
		n = wf_tick(s->wf, now, &next);
		if (n > 0) {
			log_info("sched: %d maintenance transition%s", n,
			    n == 1 ? "" : "s");
			if (s->after != NULL)
				s->after(s->after_arg);
		}
		pthread_mutex_lock(&s->lock);
		if (s->stop || s->woken)
			continue;
		wait = next > 0 ? next - now : 24 * 3600;
		if (wait < 1)
			wait = 1;
		if (s->max_sleep > 0 && wait > s->max_sleep)
			wait = s->max_sleep;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += (time_t)wait;
		while (!s->stop && !s->woken &&
		    pthread_cond_timedwait(&s->cond, &s->lock, &ts) != ETIMEDOUT)
			;
		if (next > 0) {
			now = s->now();
			s->lag = now > next ? now - next : 0;
		}
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

struct sched *
sched_start(struct wf *wf, sched_clock_fn *now, int max_sleep,
    void (*after)(void *), void *after_arg)
{
	struct sched		*s = xcalloc(1, sizeof(*s));
	pthread_condattr_t	 attr;

	s->wf = wf;
	s->now = now;
	s->max_sleep = max_sleep;
	s->after = after;
	s->after_arg = after_arg;
	pthread_mutex_init(&s->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&s->thread, NULL, run, s) != 0)
		fatalx("sched: cannot start the scheduler thread");
	return s;
}

void
sched_wake(struct sched *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	s->woken = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

void
sched_stop(struct sched *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = true;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

int64_t
sched_lag(struct sched *s)
{
	int64_t	v;

	pthread_mutex_lock(&s->lock);
	v = s->lag;
	pthread_mutex_unlock(&s->lock);
	return v;
}
