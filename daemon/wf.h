/*
 * wf.h - the change workflow of a maintenance under the notice rule
 * (DESIGN.md §1, §3), and the components and units it is about.
 *
 *   draft -> submitted -> approved (published: notices go out)
 *         -> in_progress (at start) -> completed; cancelled from any state
 *         before completed.
 *
 * Each change is one transaction holding the row, its audit entry, and for
 * what is told to people a content version (the iCalendar SEQUENCE) and an
 * outbox row for the notifier: announcement (approval), update, cancellation,
 * started, completed, admin_alert.  The workflow never calls the notifier.
 *
 * The rule: a planned maintenance is approved only if its start is at or
 * after the earliest start for a notice given now (422 notice_too_short with
 * earliest_start and the working days counted); a later change that makes
 * the outage cover time the last notice did not (earlier start, later end)
 * is held to the rule again from the change; emergency maintenance needs a
 * justification and is non-compliant in every report.  Four-eyes: the
 * approver is not the author unless the setting turns it off.  An approved
 * maintenance overlapping another on a shared component is a conflict (409)
 * unless allow_overlap is set, which is recorded.
 *
 * Inputs are JSON texts (API bodies); answers are JSON texts.  Roles are
 * the caller's business (web/); business rules are here.
 */
#ifndef WF_H
#define WF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon/store.h"
#include "daemon/workcal.h"

struct wf {
	struct store	*store;
	struct workcal	*wc;
	_Atomic bool	 four_eyes;	/* on by default; SIGHUP may change */
	_Atomic bool	 auto_complete;	/* complete at the end; default on */
	const char	*uid_host;	/* right side of iCalendar UIDs */
	int		 reminder_days;	/* working days before; 0: none */
	int		 reminder_minute; /* local time of day, 540 = 09:00 */
};

struct wf_actor {
	int64_t		 user_id;	/* 0 for the scheduler (no user) */
	const char	*name;
	const char	*address;	/* client address or NULL */
};

enum wf_rc {
	WF_OK = 0,
	WF_ERROR = -1,		/* 500 */
	WF_INVALID = 1,		/* 400, field named */
	WF_NOT_FOUND,		/* 404 */
	WF_STATE,		/* 409 invalid_state */
	WF_CONFLICT,		/* 409 overlap or duplicate */
	WF_RULE,		/* 422 notice_too_short / justification */
	WF_FOUR_EYES		/* 403 four_eyes */
};

/* An answer: on WF_OK json is the body; otherwise code, field, msg and
 * extra (JSON object text of more error members, or NULL). */
struct wf_result {
	enum wf_rc	 rc;
	int		 status;	/* HTTP status for rc */
	char		 code[32];
	char		 field[32];
	char		 msg[300];
	char		*extra;
	char		*json;		/* the body: JSON, or CSV when csv */
	bool		 csv;
};

/* Results start zeroed ({ 0 }); release frees what they hold. */
void	wf_result_release(struct wf_result *);

int	wf_component_create(struct wf *, const struct wf_actor *,
	    const char *body, size_t len, int64_t now, struct wf_result *);
int	wf_components(struct wf *, struct wf_result *);
int	wf_unit_save(struct wf *, const struct wf_actor *, int64_t id,
	    const char *body, size_t len, int64_t now, struct wf_result *);
int	wf_units(struct wf *, int64_t only_id, struct wf_result *);

int	wf_maint_create(struct wf *, const struct wf_actor *,
	    const char *body, size_t len, int64_t now, struct wf_result *);
int	wf_maint_patch(struct wf *, const struct wf_actor *, int64_t id,
	    const char *body, size_t len, int64_t now, struct wf_result *);
/* action: submit, approve, cancel or complete; body may be empty. */
int	wf_maint_action(struct wf *, const struct wf_actor *, int64_t id,
	    const char *action, const char *body, size_t len, int64_t now,
	    struct wf_result *);
int	wf_maint_get(struct wf *, int64_t id, int64_t now, struct wf_result *);
int	wf_maint_list(struct wf *, const struct store_maint_filter *,
	    int64_t now, struct wf_result *);

/*
 * Does what is due at now: a reminder at reminder_minute on the
 * reminder_days-th working day before the start (once, and only if the
 * maintenance was published before then), approved -> in_progress at the
 * start, in_progress -> completed at the end (auto_complete).  Stores in *next the
 * next due time (0 if none).  Returns the number of transitions, -1 on error.
 */
int	wf_tick(struct wf *, int64_t now, int64_t *next);
/*
 * Re-checks every approved future planned maintenance after a calendar
 * change: one whose notice no longer allows its start is flagged (and an
 * admin_alert is queued), one that complies again is unflagged.
 * Returns how many changed flag.
 */
int	wf_recheck(struct wf *, const struct wf_actor *, int64_t now);
/*
 * The compliance report of maintenances starting on local days from..to:
 * JSON, or CSV when csv is true.
 */
int	wf_compliance(struct wf *, int32_t from, int32_t to, bool csv,
	    struct wf_result *);

struct json_t;
/* A text member of a maintenance: "title_en" for English when present. */
const char *wf_text(struct json_t *, const char *key, bool vi);
/* The impact (outage, degraded, read-only) in words, Vietnamese or English. */
const char *wf_impact_text(const char *impact, bool vi);

/*
 * What is public (store_maint_published()): an array of maintenances in
 * the shape of wf_maint_list()'s, for the feeds and the status pages
 * (caller owns it); NULL if the store failed.
 */
struct json_t *wf_published(struct wf *, const struct store_feed_filter *,
	    int64_t now);

#endif
