/*
 * store.h - the SQLite store: one database file "baotri.db" in the data
 * directory, WAL journal, foreign keys on, schema migrations by
 * PRAGMA user_version (each migration one transaction).
 *
 * Schema 1 holds the operator's calendar overrides; schema 2 the users,
 * sessions, API tokens, the append-only audit log, components, units and
 * maintenances.  Several threads may use one store: every function takes
 * the store's lock.  Functions log their own failures (log_warnx) and
 * return -1.
 *
 * Transactions: store_begin() ... store_commit() or store_rollback().  They
 * nest: only the outermost level commits, and a rollback at any level makes
 * the whole transaction roll back (the outermost store_commit() then
 * returns -1).  The calling thread holds the store's lock in between.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/holiday.h"

#define STORE_SCHEMA_VERSION	7

struct store;

/* Results where the caller must tell the causes apart. */
enum store_rc {
	STORE_OK = 0,
	STORE_ERROR = -1,	/* logged */
	STORE_NOT_FOUND = 1,
	STORE_CONFLICT = 2	/* a unique value already exists */
};

int	store_begin(struct store *);
int	store_commit(struct store *);
void	store_rollback(struct store *);
/*
 * A number that changes whenever anything is committed to the database,
 * by this process or another (PRAGMA data_version); -1 on error.  Caches
 * stay valid while it does not change.
 */
int64_t	store_generation(struct store *);
/*
 * The same for what the public sees (feeds, pages): our own commits change
 * it at once (a commit hook), other processes' within STORE_OUTSIDE_MS,
 * without the file lock that PRAGMA data_version takes on every call.
 * Nothing public is written by another process (the admin commands only
 * touch users and tokens), so no feed is ever served stale.
 */
#define STORE_OUTSIDE_MS	100
int64_t	store_generation_public(struct store *);
/* Holds the store's lock for several reads (recursive). */
void	store_lock(struct store *);
void	store_unlock(struct store *);

/* Opens (creating and migrating as needed) DIR/baotri.db. */
struct store *store_open(const char *dir);
void	store_close(struct store *);
int	store_schema_version(struct store *);

/* All overrides in date order; free with cal_overrides_free(). */
int	store_overrides_load(struct store *, struct cal_override **out,
	    size_t *n);
/* Inserts or replaces overrides in one transaction: all or none. */
int	store_overrides_put(struct store *, const struct cal_override *,
	    size_t n, int64_t now);
/* Deletes a day's override; 0 done, 1 there was none, -1 error. */
int	store_override_delete(struct store *, int32_t days, int64_t now);
/* When the overrides last changed (0 if never). */
int64_t	store_calendar_changed_at(struct store *);

/* A user as stored; strings owned (store_user_release()). */
struct store_user {
	int64_t	 id;
	char	*name;
	char	*role;		/* admin | approver | editor | viewer */
	char	*password_hash;	/* argon2id string, or NULL */
	int64_t	 disabled_at;	/* 0 while active */
	int64_t	 created_at;
};

void	store_user_release(struct store_user *);
enum store_rc store_user_insert(struct store *, const char *name,
	    const char *role, const char *password_hash, int64_t now,
	    int64_t *id);
enum store_rc store_user_get(struct store *, const char *name,
	    struct store_user *);
enum store_rc store_user_get_by_id(struct store *, int64_t id,
	    struct store_user *);
int	store_users_list(struct store *, struct store_user **, size_t *n);
void	store_users_free(struct store_user *, size_t n);
/* Disables a user, deletes its sessions and revokes its tokens, at once. */
enum store_rc store_user_disable(struct store *, int64_t id, int64_t now);
enum store_rc store_user_set_password(struct store *, int64_t id,
	    const char *hash, int64_t now);
/* Sessions and tokens are looked up by the hash of the secret. */
enum store_rc store_session_insert(struct store *, int64_t user_id,
	    const char *token_hash, const char *csrf, int64_t now,
	    int64_t expires_at);
/* An unexpired session of an active user; *csrf is the caller's to free. */
enum store_rc store_session_lookup(struct store *, const char *token_hash,
	    int64_t now, struct store_user *, int64_t *session_id, char **csrf);
int	store_session_delete(struct store *, int64_t session_id);
enum store_rc store_token_insert(struct store *, int64_t user_id,
	    const char *name, const char *token_hash, int64_t now);
/* The active user of an unrevoked token. */
enum store_rc store_token_lookup(struct store *, const char *token_hash,
	    struct store_user *);

struct store_component {
	int64_t	 id;
	char	*slug, *name, *name_en;
};

enum store_rc store_component_insert(struct store *, const char *slug,
	    const char *name, const char *name_en, int64_t now, int64_t *id);
enum store_rc store_component_id(struct store *, const char *slug,
	    int64_t *id);
int	store_components_list(struct store *, struct store_component **,
	    size_t *n);
void	store_components_free(struct store_component *, size_t n);

struct store_contact {
	char	*name, *email, *language;
};

/* A unit; all strings and arrays owned (store_unit_release()). */
struct store_unit {
	int64_t			 id;		/* 0: not yet stored */
	char			*name;
	struct store_contact	*contacts;
	size_t			 ncontacts;
	int64_t			*component_ids;
	char			**component_slugs;
	size_t			 ncomponents;
};

/* Inserts (id 0) or replaces a unit with its contacts and components. */
enum store_rc store_unit_save(struct store *, struct store_unit *,
	    int64_t now);
/* All units, or the one with only_id (if not 0). */
int	store_units_list(struct store *, int64_t only_id, struct store_unit **,
	    size_t *n);
void	store_units_free(struct store_unit *, size_t n);
void	store_unit_release(struct store_unit *);

/* A maintenance as stored; strings and arrays owned. */
struct store_maint {
	int64_t	  id;		/* 0: not yet stored */
	char	 *uid;
	char	 *status;
	int64_t	  sequence;
	char	 *content;	/* JSON: texts, impact, justification... */
	int64_t	  start_at, end_at;
	char	 *category;
	int64_t	  author_id, approver_id;
	char	 *author, *approver;	/* names, read only */
	int64_t	  notice_at;	/* published (approved) at, 0 before */
	int64_t	  noticed_start_at, noticed_end_at;	/* the last notice */
	int64_t	  flagged_at;
	char	 *flag_reason;
	int64_t	  created_at, updated_at;
	int64_t	 *component_ids;
	char	**component_slugs;
	size_t	  ncomponents;
};

struct store_maint_filter {
	int64_t		 after_id;	/* cursor */
	int64_t		 from_at, to_at;	/* overlapping [from, to) */
	const char	*status;	/* or NULL */
	bool		 flagged_only;
	size_t		 limit;
};

void	store_maint_release(struct store_maint *);
void	store_maints_free(struct store_maint *, size_t n);
enum store_rc store_maint_get(struct store *, int64_t id,
	    struct store_maint *);
int	store_maint_list(struct store *, const struct store_maint_filter *,
	    struct store_maint **, size_t *n);
/* Inserts (id 0: sets id) or updates, with the components. */
int	store_maint_save(struct store *, struct store_maint *, int64_t now);
/*
 * 1 and *other when an approved or in-progress maintenance sharing a
 * component overlaps m's window; 0 if none; -1 on error.
 */
int	store_maint_overlap(struct store *, const struct store_maint *,
	    int64_t *other);
int	store_maint_version_add(struct store *, int64_t id, int64_t sequence,
	    const char *content, int64_t now);
/* The snapshot sent as a version (caller frees), or NULL. */
char	*store_maint_version(struct store *, int64_t id, int64_t sequence);
int	store_outbox_add(struct store *, const char *kind, int64_t maint_id,
	    int64_t sequence, int64_t now);
/*
 * Every version sent of a maintenance, oldest first, as a JSON array text
 * of {"sequence", "created_at", "content"} (caller frees); NULL on error.
 */
char	*store_maint_versions(struct store *, int64_t id);
/*
 * Public subscribers with id > after_id, at most limit, as a JSON array
 * text of {id, email, language, status, all_components, components,
 * created_at, confirmed_at} (unix times); NULL on error.
 */
char	*store_subscribers_json(struct store *, int64_t after_id, int limit);
/*
 * Changes a subscriber's language and components (all, or the n given),
 * with a "changed" entry in the consent log.
 */
enum store_rc store_subscriber_change(struct store *, int64_t id,
	    const char *language, bool all, const int64_t *components, size_t n,
	    const char *address, int64_t now);
/* The next start of an approved, or end of an in-progress, maintenance. */
int	store_maint_next_due(struct store *, bool auto_complete, int64_t *at);
/* Ids of the maintenances in a status starting within [min, max]. */
int	store_maint_ids(struct store *, const char *status, int64_t min_start,
	    int64_t max_start, int64_t **ids, size_t *n);

/*
 * What the public feeds and pages show: published maintenances (approved,
 * in progress, completed) ending after ended_after, and those cancelled
 * after publication and changed since cancelled_after; with
 * components_json (a JSON array of component ids) only those touching one.
 * Latest start first, at most limit.
 */
struct store_feed_filter {
	int64_t		 ended_after, cancelled_after;
	const char	*components_json;	/* or NULL: all */
	size_t		 limit;
};
int	store_maint_published(struct store *, const struct store_feed_filter *,
	    struct store_maint **, size_t *n);
/*
 * A unit's feed generation (what its feed token is signed over); rotate
 * first adds one, revoking the old token.  1, 0 if no such unit, -1.
 */
int	store_unit_feed_gen(struct store *, int64_t unit_id, bool rotate,
	    int64_t now, int64_t *gen);

/* How many maintenances are in each of the n statuses. */
int	store_maint_counts(struct store *, const char *const *statuses,
	    int64_t *counts, size_t n);

/* Notification (store_notify.c). */
struct store_outbox {
	int64_t	 id;
	char	*kind;
	int64_t	 maintenance_id;
	int64_t	 sequence;
	int64_t	 subscriber_id;	/* confirmation: whom to ask */
	char	*notice;	/* set when queued with its content */
};

struct store_recipient {
	char	*email, *name, *language;	/* a webhook: its URL */
	int64_t	 unit_id;	/* 0: not a unit contact */
	int64_t	 subscriber_id;	/* 0: not a public subscriber */
	int64_t	 webhook_id;	/* 0: not a webhook */
};

struct store_delivery {
	int64_t	 id, maintenance_id, sequence, unit_id, attempts;
	int64_t	 subscriber_id;
	char	*kind, *recipient, *recipient_name, *language, *message_id;
	char	*state, *last_reply, *queue_id;
	int64_t	 accepted_at, created_at, next_attempt_at;
	char	*notice;	/* leased deliveries: the outbox's notice */
	int64_t	 webhook_id;
	char	*secret;	/* leased webhook deliveries: its secret */
};

/* Outbox rows not yet expanded into deliveries, oldest first. */
int	store_outbox_pending(struct store *, size_t limit,
	    struct store_outbox **, size_t *n);
void	store_outbox_free(struct store_outbox *, size_t n);
/*
 * Who is told about a maintenance: the contacts of the units depending on
 * its components, then the confirmed subscribers of those components (or
 * of all), one per address, a unit's contact first.
 */
int	store_recipients_for(struct store *, int64_t maintenance_id,
	    struct store_recipient **, size_t *n);
/* A subscriber as the recipient of its confirmation request. */
int	store_subscriber_recipient(struct store *, int64_t id,
	    struct store_recipient **, size_t *n);
void	store_recipients_free(struct store_recipient *, size_t n);
/* Writes one delivery per recipient and closes the outbox row, at once. */
int	store_outbox_expand(struct store *, const struct store_outbox *,
	    const char *notice, const struct store_recipient *, size_t n,
	    const char *host, int64_t now);
/* Leases up to limit due deliveries for lease seconds (with the notice). */
int	store_deliveries_lease(struct store *, int64_t now, int64_t lease,
	    size_t limit, struct store_delivery **, size_t *n);
/* Records an attempt: state sent|pending|failed, the reply, the queue id. */
int	store_delivery_record(struct store *, int64_t id, const char *state,
	    const char *outcome, const char *reply, const char *queue_id,
	    int64_t next_attempt_at, int64_t now);
int	store_deliveries_of(struct store *, int64_t maintenance_id,
	    struct store_delivery **, size_t *n);
void	store_deliveries_free(struct store_delivery *, size_t n);
/* When the next delivery falls due (a retry or an expired lease). */
int	store_deliveries_next_due(struct store *, int64_t *at);
/*
 * Queues a message about no maintenance (a relay alert) with its content,
 * unless one of the kind was queued since `since'; 1 queued, 0 not, -1.
 */
int	store_outbox_alert(struct store *, const char *kind, const char *notice,
	    int64_t since, int64_t now);
/* 1 when the outbox already holds a row of that kind, 0 if not, -1. */
int	store_outbox_has(struct store *, int64_t maintenance_id,
	    const char *kind);
/* Makes a maintenance's failed deliveries due again; how many. */
int	store_deliveries_resend(struct store *, int64_t maintenance_id,
	    int64_t now);

/* A unit affected by a maintenance, and when it was first told. */
struct store_unit_notice {
	int64_t	 unit_id;
	char	*name;
	int64_t	 first_accepted_at;	/* 0: not yet */
};

/* Affected units with contacts, and the relay's first acceptance each. */
int	store_unit_notices(struct store *, int64_t maintenance_id,
	    struct store_unit_notice **, size_t *n);
void	store_unit_notices_free(struct store_unit_notice *, size_t n);

/* The public side (store_public.c). */
/* A named secret: the stored one, or fresh (len bytes) stored now. */
int	store_secret(struct store *, const char *name, const void *fresh,
	    void *out, size_t len);
/* Records a unit's acknowledgement (once); *at is when it was first made. */
int	store_ack(struct store *, int64_t maintenance_id, int64_t unit_id,
	    int64_t now, const char *address, int64_t *at);
/* When a unit acknowledged a maintenance, or 0. */
int64_t	store_ack_time(struct store *, int64_t maintenance_id,
	    int64_t unit_id);
/*
 * Asks for a subscription (pending until confirmed): a new or pending
 * address gets a confirmation queued (*send), a confirmed one nothing.
 * Every request is in the consent log.  email_key: hex SHA-256 of the
 * lowercased address.
 */
enum store_rc store_subscribe(struct store *, const char *email,
	    const char *email_key, const char *language, bool all,
	    const int64_t *components, size_t n, const char *address,
	    int64_t now, int64_t *id, bool *send);
/* Confirms or withdraws (status confirmed|unsubscribed), logged. */
enum store_rc store_subscriber_set(struct store *, int64_t id,
	    const char *status, const char *address, int64_t now);
enum store_rc store_subscriber_get(struct store *, int64_t id, char **email,
	    char **language, char **status);

struct store_webhook {
	int64_t	 id;
	char	*url;
	bool	 active;
	int64_t	 created_at;
};

/* Adds a webhook with its (random, caller-made) secret. */
enum store_rc store_webhook_add(struct store *, const char *url,
	    const char *secret, int64_t now, int64_t *id);
int	store_webhooks_list(struct store *, struct store_webhook **, size_t *n);
void	store_webhooks_free(struct store_webhook *, size_t n);
/* Deactivates a webhook; STORE_NOT_FOUND if there is no such one. */
enum store_rc store_webhook_remove(struct store *, int64_t id, int64_t now);

/* One audit entry: who did what to which object, before and after (JSON). */
struct store_audit {
	int64_t		 at;
	const char	*actor;		/* user name, or "system" */
	const char	*action;	/* "holiday.put", "maintenance.approve" */
	const char	*object;	/* "holiday:2026-11-24", "maintenance:12" */
	const char	*before;	/* JSON or NULL */
	const char	*after;		/* JSON or NULL */
	const char	*address;	/* client address or NULL */
};

struct store_audit_row {
	int64_t	 id;
	int64_t	 at;
	char	*actor, *action, *object, *before, *after, *address;
};

/* Appends a row, chained to the previous one (joins an open transaction). */
int	store_audit_append(struct store *, const struct store_audit *);
/*
 * Re-computes the chain: 0 intact (*rows checked), 1 broken at *bad_id,
 * -1 error.
 */
int	store_audit_verify(struct store *, int64_t *rows, int64_t *bad_id);
/* Newest first, ids below before_id (0: from the newest), filtered. */
int	store_audit_list(struct store *, int64_t before_id, size_t limit,
	    const char *actor, const char *action_prefix,
	    struct store_audit_row **out, size_t *n);
void	store_audit_rows_free(struct store_audit_row *, size_t n);

#endif
