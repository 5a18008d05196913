/*
 * outbox.c - the notifier's worker pool; see outbox.h.
 *
 * Each worker owns a transport (one SMTP session per batch), used by its
 * sender thread while it composes the next batch (struct worker).  A worker that
 * finds nothing due sleeps until the next retry or lease expiry the store
 * names, or until ntf_wake().  Only one worker at a time expands the outbox
 * (a try-lock), so recipients are resolved once per outbox row.
 */
#include "notifier/outbox.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/xmalloc.h"
#include "daemon/links.h"
#include "notifier/webhook.h"

#define MAX_WORKERS	32
#define BACKOFF_BASE	30	/* seconds; doubles per attempt */
#define BACKOFF_CAP	3600

/* A leased batch, composed, on its way to the worker's session. */
struct batch {
	struct store_delivery	*d;
	size_t			 n;
	struct ntf_mail		*m;	/* mails first, then webhooks */
	char			**data;
	size_t			*idx;	/* m[k] is the delivery d[idx[k]] */
	size_t			 nm;	/* mails in m */
	struct ntf_mail		*hooks;
	size_t			*hook_idx;
	size_t			 nh;
};

/*
 * A worker is two threads: one leases and composes, the other (the only
 * user of the transport: one SMTP session at a time) sends and records.
 * The composer prepares the next batch while the session sends the last,
 * through a slot of one; a crash loses nothing (a composed batch is still
 * only leased) and can repeat at most the batch being sent.
 */
struct worker {
	struct ntf		*ntf;
	pthread_t		 thread, sender;
	struct ntf_transport	*transport;
	int			 index;
	pthread_mutex_t		 slot_lock;
	pthread_cond_t		 slot_cond;
	struct batch		*slot;
	bool			 closing;
};

struct ntf {
	struct store		*store;
	struct ntf_config	 cfg;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	pthread_mutex_t		 expand;
	bool			 stop;
	uint64_t		 wakes;
	struct worker		 w[MAX_WORKERS];
	int			 nworkers;
};

/* The recipients of an admin alert: the configured addresses. */
static int
admin_recipients(const char *list, struct store_recipient **out, size_t *n)
{
	char	*copy, *p, *tok, *save = NULL;
	size_t	 cnt = 0;

	*out = NULL;
	*n = 0;
	if (list == NULL)
		return 0;
	copy = xstrdup(list);
	*out = xcalloc(32, sizeof(**out));
	for (p = copy; (tok = strtok_r(p, ", ", &save)) != NULL && cnt < 32;
	    p = NULL)
		if (ntf_email_ok(tok)) {
			(*out)[cnt].email = xstrdup(tok);
			(*out)[cnt].language = xstrdup("vi");
			cnt++;
		}
	free(copy);
	*n = cnt;
	return 0;
}


/* Turns waiting outbox rows into deliveries. */
static void
expand(struct ntf *ntf, int64_t now)
{
	struct store_outbox	*o;
	struct store_recipient	*r = NULL;
	size_t			 n, i, nr = 0;
	char			*snap, *notice;
	json_t			*j;
	bool			 expanded = false;

	if (pthread_mutex_trylock(&ntf->expand) != 0)
		return;
	if (store_outbox_pending(ntf->store, 20, &o, &n) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		snap = o[i].maintenance_id != 0 ? store_maint_version(
		    ntf->store, o[i].maintenance_id, o[i].sequence) :
		    xstrdup(o[i].notice != NULL ? o[i].notice : "{}");
		j = snap != NULL ? json_loads(snap, 0, NULL) : NULL;
		free(snap);
		if (j == NULL) {
			log_warnx("notifier: outbox %lld: no version %lld of "
			    "maintenance %lld; skipped", (long long)o[i].id,
			    (long long)o[i].sequence,
			    (long long)o[i].maintenance_id);
			store_outbox_expand(ntf->store, &o[i], "{}", NULL, 0,
			    ntf->cfg.host, now);
			continue;
		}
		/* The maintenance's public page. */
		if (ntf->cfg.sender->public_url != NULL)
			json_object_set_new(j, "url", json_sprintf(
			    "%s/maintenances/%lld", ntf->cfg.sender->public_url,
			    (long long)o[i].maintenance_id));
		notice = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		if (strcmp(o[i].kind, "admin_alert") == 0 ||
		    strcmp(o[i].kind, "undelivered_alert") == 0 ||
		    strcmp(o[i].kind, "relay_alert") == 0)
			admin_recipients(ntf->cfg.admin_alerts, &r, &nr);
		else if (strcmp(o[i].kind, "confirmation") == 0)
			store_subscriber_recipient(ntf->store,
			    o[i].subscriber_id, &r, &nr);
		else if (store_recipients_for(ntf->store, o[i].maintenance_id,
		    &r, &nr) == -1) {
			free(notice);
			break;
		}
		if (store_outbox_expand(ntf->store, &o[i], notice, r, nr,
		    ntf->cfg.host, now) == 0 && nr > 0)
			expanded = true;
		if (nr > 0)
			log_info("notifier: %s of maintenance %lld (sequence "
			    "%lld) to %zu recipients", o[i].kind, (long long)
			    o[i].maintenance_id, (long long)o[i].sequence, nr);
		store_recipients_free(r, nr);
		r = NULL;
		nr = 0;
		free(notice);
	}
	store_outbox_free(o, n);
out:
	pthread_mutex_unlock(&ntf->expand);
	/* The other workers may be asleep: there is work for all now. */
	if (expanded)
		ntf_wake(ntf);
}

/* Seconds to wait before attempt number `attempts' + 1, with jitter. */
static int64_t
backoff(int64_t attempts)
{
	int64_t	d = BACKOFF_BASE;

	while (attempts-- > 0 && d < BACKOFF_CAP)
		d *= 2;
	if (d > BACKOFF_CAP)
		d = BACKOFF_CAP;
	/* 75% to 125% of it, so retries of a fan-out spread out. */
	return d * 3 / 4 + (int64_t)randombytes_uniform((uint32_t)(d / 2 + 1));
}

/* A unit's feed generation, kept across a batch (its contacts come together). */
struct feed_gen {
	int64_t	unit, gen;
};

/* The signed links a recipient's message carries. */
static void
links(struct ntf *ntf, const struct store_delivery *d, int64_t now,
    struct ntf_recipient *r, char *ack, char *unsub, char *confirm,
    char *feed, char *manage, struct feed_gen *fg)
{
	const char	*base = ntf->cfg.sender->public_url;
	char		*t;

	if (ntf->cfg.link_key == NULL || base == NULL)
		return;
	if (d->unit_id != 0 && d->maintenance_id != 0) {
		t = link_make(ntf->cfg.link_key, "ack", d->maintenance_id,
		    d->unit_id, 0);
		snprintf(ack, 512, "%s/ack/%s", base, t);
		r->ack_url = ack;
		free(t);
		if (fg->unit != d->unit_id && store_unit_feed_gen(ntf->store,
		    d->unit_id, false, 0, &fg->gen) == 1)
			fg->unit = d->unit_id;
		if (fg->unit == d->unit_id) {
			t = link_unit_feed(ntf->cfg.link_key, base, d->unit_id,
			    fg->gen);
			snprintf(feed, 512, "%s", t);
			r->feed_url = feed;
			free(t);
		}
	}
	if (d->subscriber_id != 0 && strcmp(d->kind, "confirmation") == 0) {
		t = link_make(ntf->cfg.link_key, "confirm", d->subscriber_id,
		    0, now + 7 * 86400);
		snprintf(confirm, 512, "%s/subscribe/confirm/%s", base, t);
		r->confirm_url = confirm;
		free(t);
	} else if (d->subscriber_id != 0) {
		t = link_make(ntf->cfg.link_key, "unsub", d->subscriber_id, 0,
		    0);
		snprintf(unsub, 512, "%s/unsubscribe/%s", base, t);
		r->unsubscribe_url = unsub;
		free(t);
		t = link_make(ntf->cfg.link_key, "manage", d->subscriber_id, 0,
		    0);
		snprintf(manage, 512, "%s/subscribe/manage/%s", base, t);
		r->manage_url = manage;
		free(t);
	}
}

/* Posts one webhook delivery: the event as JSON, signed. */
static void
webhook(const struct store_delivery *d, int64_t now, struct ntf_mail *out)
{
	json_t	*j, *notice;
	char	*body;

	memset(out, 0, sizeof(*out));
	out->to = d->recipient;
	out->message_id = d->message_id;
	notice = d->notice ? json_loads(d->notice, 0, NULL) : NULL;
	j = json_pack("{s:s,s:I,s:s,s:I,s:o}", "event", d->kind, "delivery_id",
	    (json_int_t)d->id, "message_id", d->message_id, "sent_at",
	    (json_int_t)now, "maintenance", notice ? notice : json_null());
	body = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (body == NULL || d->secret == NULL) {
		out->status = NTF_PERMFAIL;
		snprintf(out->reply, sizeof(out->reply), "no body or secret");
	} else
		ntf_webhook_post(d->secret, body, strlen(body), 10, out);
	free(body);
}

/*
 * When no message of a batch could even be handed over (the relay refuses
 * connections or times out), queue an alert for the admins, at most one an
 * hour; it goes out when the relay is back, and the log says it at once.
 */
static void
relay_check(struct ntf *ntf, const struct ntf_mail *m, size_t n, int64_t now)
{
	json_t	*j;
	char	*notice;
	size_t	 i;

	if (n == 0 || ntf->cfg.smtp == NULL)
		return;
	for (i = 0; i < n; i++)
		if (m[i].status != NTF_TEMPFAIL || strncmp(m[i].reply, "0 ", 2))
			return;
	log_warnx("notifier: the relay %s fails: %s", ntf->cfg.smtp->relay,
	    m[0].reply);
	j = json_pack("{s:s,s:s}", "title", ntf->cfg.smtp->relay,
	    "flag_reason", m[0].reply);
	notice = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (notice != NULL && store_outbox_alert(ntf->store, "relay_alert",
	    notice, now - 3600, now) == 1)
		ntf_wake(ntf);
	free(notice);
}

/* Composes a leased batch (webhooks are posted here); takes d. */
static struct batch *
compose_batch(struct worker *wk, struct store_delivery *d, size_t n)
{
	struct ntf		*ntf = wk->ntf;
	struct batch		*b = xcalloc(1, sizeof(*b));
	char			 err[256];
	struct ntf_recipient	 r;
	char			 ack[512], unsub[512], confirm[512], feed[512];
	char			 manage[512];
	struct feed_gen		 fg = { 0, 0 };
	size_t			 i;
	int64_t			 now = ntf->cfg.now();

	b->d = d;
	b->n = n;
	b->m = xcalloc(n, sizeof(*b->m));
	b->data = xcalloc(n, sizeof(*b->data));
	b->idx = xcalloc(n, sizeof(*b->idx));
	b->hooks = xcalloc(n, sizeof(*b->hooks));
	b->hook_idx = xcalloc(n, sizeof(*b->hook_idx));
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		r.email = d[i].recipient;
		r.name = d[i].recipient_name;
		r.language = d[i].language;
		links(ntf, &d[i], now, &r, ack, unsub, confirm, feed, manage,
		    &fg);
		if (d[i].webhook_id != 0) {
			webhook(&d[i], now, &b->hooks[b->nh]);
			b->hook_idx[b->nh++] = i;
			continue;
		}
		b->data[i] = ntf_compose(ntf->cfg.templates, ntf->cfg.sender,
		    d[i].kind, d[i].notice ? d[i].notice : "{}", &r,
		    d[i].message_id, now, &b->m[b->nm].len, err, sizeof(err));
		if (b->data[i] == NULL) {
			/* Nothing a retry could change: fail it now. */
			store_delivery_record(ntf->store, d[i].id, "failed",
			    "compose", err, NULL, now, now);
			log_warnx("notifier: delivery %lld: %s",
			    (long long)d[i].id, err);
			continue;
		}
		b->m[b->nm].from = ntf->cfg.sender->from_email;
		b->m[b->nm].to = d[i].recipient;
		b->m[b->nm].message_id = d[i].message_id;
		b->m[b->nm].data = b->data[i];
		b->idx[b->nm++] = i;
	}
	return b;
}

/* Sends a composed batch, records every result, frees it. */
static void
deliver_batch(struct worker *wk, struct batch *b)
{
	struct ntf		*ntf = wk->ntf;
	struct store_delivery	*d = b->d;
	struct ntf_mail		*m = b->m;
	size_t			 i, k, nm = b->nm;
	int64_t			 now;
	const char		*state, *outcome;

	if (nm > 0)
		ntf_transport_send(wk->transport, m, nm);
	/* Webhooks join the batch's results as if they were mail. */
	for (k = 0; k < b->nh; k++) {
		m[nm] = b->hooks[k];
		b->idx[nm++] = b->hook_idx[k];
	}
	now = ntf->cfg.now();
	/* One transaction for the batch's records. */
	if (store_begin(ntf->store) == -1)
		log_warnx("notifier: cannot begin recording a batch");
	for (k = 0; k < nm; k++) {
		i = b->idx[k];
		if (m[k].status == NTF_OK) {
			state = "sent";
			outcome = "accepted";
		} else if (m[k].status == NTF_PERMFAIL) {
			state = "failed";
			outcome = "rejected";
			log_warnx("notifier: %s to %s failed: %s", d[i].kind,
			    d[i].recipient, m[k].reply);
		} else if (now - d[i].created_at >= ntf->cfg.retry_limit) {
			state = "failed";
			outcome = "expired";
			log_warnx("notifier: %s to %s given up after %lld s: "
			    "%s", d[i].kind, d[i].recipient,
			    (long long)ntf->cfg.retry_limit, m[k].reply);
		} else {
			state = "pending";
			outcome = "deferred";
		}
		if (store_delivery_record(ntf->store, d[i].id, state, outcome,
		    m[k].reply, m[k].queue_id, strcmp(state, "pending") == 0 ?
		    now + backoff(d[i].attempts) : now, now) == -1)
			log_warnx("notifier: delivery %lld: cannot record the "
			    "result", (long long)d[i].id);
	}
	if (store_commit(ntf->store) == -1)
		log_warnx("notifier: a batch's records were not saved; they "
		    "will be sent again when their lease runs out");
	relay_check(ntf, m, nm, now);
	for (i = 0; i < b->n; i++)
		free(b->data[i]);
	store_deliveries_free(b->d, b->n);
	free(b->data);
	free(b->m);
	free(b->idx);
	free(b->hooks);
	free(b->hook_idx);
	free(b);
}

/* Hands a composed batch to the worker's session, waiting for the slot. */
static void
slot_put(struct worker *wk, struct batch *b)
{
	pthread_mutex_lock(&wk->slot_lock);
	while (wk->slot != NULL)
		pthread_cond_wait(&wk->slot_cond, &wk->slot_lock);
	wk->slot = b;
	pthread_cond_broadcast(&wk->slot_cond);
	pthread_mutex_unlock(&wk->slot_lock);
}

/* The session's thread: sends what the composer hands over, until closed. */
static void *
sender(void *arg)
{
	struct worker	*wk = arg;
	struct batch	*b;

	for (;;) {
		pthread_mutex_lock(&wk->slot_lock);
		while (wk->slot == NULL && !wk->closing)
			pthread_cond_wait(&wk->slot_cond, &wk->slot_lock);
		b = wk->slot;
		wk->slot = NULL;
		pthread_cond_broadcast(&wk->slot_cond);
		pthread_mutex_unlock(&wk->slot_lock);
		if (b == NULL)
			break;
		deliver_batch(wk, b);
	}
	return NULL;
}

static void *
run(void *arg)
{
	struct worker		*wk = arg;
	struct ntf		*ntf = wk->ntf;
	struct store_delivery	*d;
	struct timespec		 ts;
	size_t			 n;
	int64_t			 now, next, wait;
	uint64_t		 seen;

	for (;;) {
		pthread_mutex_lock(&ntf->lock);
		seen = ntf->wakes;
		if (ntf->stop) {
			pthread_mutex_unlock(&ntf->lock);
			break;
		}
		pthread_mutex_unlock(&ntf->lock);
		now = ntf->cfg.now();
		expand(ntf, now);
		if (store_deliveries_lease(ntf->store, now, ntf->cfg.lease,
		    (size_t)ntf->cfg.batch, &d, &n) == 0) {
			if (n > 0) {
				slot_put(wk, compose_batch(wk, d, n));
				continue;
			}
			store_deliveries_free(d, n);
		}
		/* Nothing due: sleep until the next retry or a wake. */
		if (store_deliveries_next_due(ntf->store, &next) != 1)
			next = 0;
		wait = next > now ? next - now : next ? 1 : 3600;
		if (ntf->cfg.max_sleep > 0 && wait > ntf->cfg.max_sleep)
			wait = ntf->cfg.max_sleep;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += (time_t)wait;
		pthread_mutex_lock(&ntf->lock);
		while (!ntf->stop && ntf->wakes == seen &&
		    pthread_cond_timedwait(&ntf->cond, &ntf->lock, &ts) !=
		    ETIMEDOUT)
			;
		pthread_mutex_unlock(&ntf->lock);
	}
	/* The session sends what is in the slot, then ends. */
	pthread_mutex_lock(&wk->slot_lock);
	wk->closing = true;
	pthread_cond_broadcast(&wk->slot_cond);
	pthread_mutex_unlock(&wk->slot_lock);
	return NULL;
}

struct ntf *
ntf_start(struct store *store, const struct ntf_config *cfg, char *err,
    size_t errlen)
{
	struct ntf		*ntf = xcalloc(1, sizeof(*ntf));
	pthread_condattr_t	 attr;
	int			 i;

	ntf->store = store;
	ntf->cfg = *cfg;
	ntf->nworkers = cfg->workers < 1 ? 1 : cfg->workers > MAX_WORKERS ?
	    MAX_WORKERS : cfg->workers;
	if (ntf->cfg.batch < 1)
		ntf->cfg.batch = 50;
	pthread_mutex_init(&ntf->lock, NULL);
	pthread_mutex_init(&ntf->expand, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&ntf->cond, &attr);
	pthread_condattr_destroy(&attr);
	for (i = 0; i < ntf->nworkers; i++) {
		ntf->w[i].ntf = ntf;
		ntf->w[i].index = i;
		ntf->w[i].transport = cfg->smtp != NULL ?
		    ntf_smtp_new(cfg->smtp, err, errlen) :
		    ntf_spool_new(cfg->spool_dir, err, errlen);
		if (ntf->w[i].transport == NULL) {
			while (i-- > 0)
				ntf_transport_free(ntf->w[i].transport);
			free(ntf);
			return NULL;
		}
	}
	for (i = 0; i < ntf->nworkers; i++) {
		pthread_mutex_init(&ntf->w[i].slot_lock, NULL);
		pthread_cond_init(&ntf->w[i].slot_cond, NULL);
		if (pthread_create(&ntf->w[i].sender, NULL, sender,
		    &ntf->w[i]) != 0 || pthread_create(&ntf->w[i].thread, NULL,
		    run, &ntf->w[i]) != 0)
			fatalx("notifier: cannot start worker %d", i);
	}
	log_info("notifier: %d workers, delivering by %s", ntf->nworkers,
	    ntf_transport_name(ntf->w[0].transport));
	return ntf;
}

void
ntf_wake(struct ntf *ntf)
{
	if (ntf == NULL)
		return;
	pthread_mutex_lock(&ntf->lock);
	ntf->wakes++;
	pthread_cond_broadcast(&ntf->cond);
	pthread_mutex_unlock(&ntf->lock);
}

void
ntf_stop(struct ntf *ntf)
{
	int	i;

	if (ntf == NULL)
		return;
	pthread_mutex_lock(&ntf->lock);
	ntf->stop = true;
	pthread_cond_broadcast(&ntf->cond);
	pthread_mutex_unlock(&ntf->lock);
	for (i = 0; i < ntf->nworkers; i++) {
		pthread_join(ntf->w[i].thread, NULL);
		pthread_join(ntf->w[i].sender, NULL);
		pthread_cond_destroy(&ntf->w[i].slot_cond);
		pthread_mutex_destroy(&ntf->w[i].slot_lock);
		ntf_transport_free(ntf->w[i].transport);
	}
	pthread_cond_destroy(&ntf->cond);
	pthread_mutex_destroy(&ntf->lock);
	pthread_mutex_destroy(&ntf->expand);
	free(ntf);
}
