/*
 * api.h - the JSON API and feeds served by baotrid (DESIGN.md §3).
 *
 * Under /api/v1: the calendar (calendar/earliest-start, notice-deadline,
 * workdays, lunar; holidays read and write, ICS import), the session
 * (login, logout), users and the audit log; components, units,
 * maintenances and the compliance report; and /holidays.ics, /healthz,
 * /metrics (Prometheus text format).
 * Times in answers are RFC 3339 in the configured zone; dates YYYY-MM-DD.
 */
#ifndef WEB_API_H
#define WEB_API_H

#include <stdbool.h>
#include <stdint.h>

#include "daemon/store.h"
#include "daemon/wf.h"
#include "daemon/workcal.h"
#include "web/http.h"

typedef int64_t	web_clock_fn(void);

struct web_ratelimit;
struct web_metrics;
struct web_cache;
struct web_pages;

struct web_api {
	struct workcal		*wc;		/* borrowed */
	struct store		*store;		/* borrowed */
	web_clock_fn		*now;		/* the clock; a seam for tests */
	const char		*version;
	const char		*uid_host;	/* host part of iCalendar UIDs */
	int			 schema_version;
	bool			 secure_cookies; /* public_url is https */
	struct web_ratelimit	*logins;	/* failed logins */
	struct wf		*wf;		/* borrowed */
	void			(*changed)(void *);	/* after writes */
	int64_t			(*lag)(void *);		/* scheduler lag */
	char			*(*settings)(void *);	/* JSON text */
	void			*changed_arg;
	struct web_metrics	*metrics;	/* request counters */
	struct web_cache	*answers;	/* rendered GET answers */
	struct web_cache	*tokens;	/* bearer token -> principal */
	const unsigned char	*link_key;	/* signed links (links.h) */
	const char		*org_name;	/* who speaks on public pages */
	const char		*public_url;	/* base of links, no '/' at end */
	struct web_pages	*pages;		/* templates, console files */
};

/* Request counters by route and status, for GET /metrics. */
struct web_metrics *web_metrics_new(void);
void	web_metrics_free(struct web_metrics *);

/* Failed-login counters: per user and per client address, 15 minutes. */
struct web_ratelimit *web_ratelimit_new(void);
void	web_ratelimit_free(struct web_ratelimit *);

/* The server's handler; arg is a struct web_api. */
void	web_api_handle(void *arg, const struct web_request *,
	    struct web_response *);

#endif
