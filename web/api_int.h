/*
 * api_int.h - shared by the web/api*.c and web/auth.c files: the helpers
 * every handler uses (query and body checks that answer 400 naming the
 * parameter, JSON answers) and the handlers the router dispatches to.
 */
#ifndef WEB_API_INT_H
#define WEB_API_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar/zone.h"
#include "daemon/account.h"
#include "web/api.h"
#include "web/http.h"

/* Jansson's type by its struct tag, so this header need not include it. */
struct json_t;

typedef void	web_route_fn(struct web_api *, const struct web_request *,
		    struct web_response *);

/* Answers with a JSON value (stolen); 500 if j is NULL. */
void	web_json_respond(struct web_response *, int status, struct json_t *j);
/* Refuses unknown or repeated query parameters; -1 after answering 400. */
int	web_query_check(const struct web_request *, struct web_response *,
	    const char *const *allowed);
const char *web_param_need(const struct web_request *, struct web_response *,
	    const char *key, const char *example);
int	web_param_instant(const struct web_request *, struct web_response *,
	    const char *key, int64_t *out);
int	web_param_date(const struct web_request *, struct web_response *,
	    const char *key, int32_t *out);
int	web_param_year(const struct web_request *, struct web_response *,
	    const char *key, int *out);
struct json_t	*web_json_day(int32_t days);
struct json_t	*web_json_instant(struct cal_zone *, int64_t at);
void	web_set_etag(struct web_response *);
/*
 * Answers kept in api->answers with their ETag and Last-Modified (a fixed
 * head of WEB_ANSWER_HEAD bytes before the body): web_answer_cached()
 * answers from the cache (200 sharing the bytes, or 304) and returns true,
 * or returns false; web_answer_keep() stores a 200 just made.
 */
#define WEB_ANSWER_HEAD	(48 + 40)
bool	web_answer_cached(struct web_api *, const struct web_request *,
	    struct web_response *, const char *key, int64_t gen,
	    const char *type, const char *cache_control);
void	web_answer_keep(struct web_api *, const struct web_response *,
	    const char *key, int64_t gen);
bool	web_etag_matches(const struct web_request *, const struct web_response *);

/*
 * The body as a JSON object whose members are all in allowed
 * (NULL-terminated); NULL after answering 400 (or 415 for another type).
 */
struct json_t	*web_body_object(const struct web_request *, struct web_response *,
	    const char *const *allowed);
/*
 * A string member: -1 after answering 400 naming it when it is missing
 * (required), not a string, empty, longer than max bytes, or holds control
 * characters (newlines allowed when multiline).  *out is NULL when absent.
 */
int	web_body_string(struct json_t *o, const char *key, bool required, size_t max,
	    bool multiline, const char **out, struct web_response *);

/*
 * Identifies the caller (Authorization: Bearer, or the session cookie with
 * X-CSRF-Token on writes) and checks the capability.  Returns 0 and fills
 * *p, or -1 after answering 401/403 and auditing the denial.
 */
int	web_auth_require(struct web_api *, const struct web_request *,
	    struct web_response *, enum acct_cap, struct acct_principal *p);
/*
 * Writes an audit row for a request (logged on error); takes ownership of
 * before and after, which may be NULL.
 */
int	web_audit(struct web_api *, const struct web_request *,
	    const struct acct_principal *, const char *action,
	    const char *object, struct json_t *before, struct json_t *after);

web_route_fn	web_h_earliest_start, web_h_notice_deadline, web_h_workdays,
		web_h_lunar, web_h_holidays, web_h_holidays_ics,
		web_h_holiday_put, web_h_holiday_delete, web_h_holiday_import,
		web_h_session_post, web_h_session_get, web_h_session_delete,
		web_h_audit_list, web_h_users_list, web_h_users_post,
		web_h_user_disable, web_h_components_list,
		web_h_components_post, web_h_units_list, web_h_units_post,
		web_h_unit_get, web_h_unit_patch, web_h_maint_list,
		web_h_maint_post, web_h_maint_get, web_h_maint_patch,
		web_h_maint_action, web_h_compliance, web_h_maint_deliveries,
		web_h_subscribe, web_h_ack_page, web_h_ack_post,
		web_h_confirm_page, web_h_confirm_post, web_h_unsub_page,
		web_h_unsub_post, web_h_webhooks_list, web_h_webhooks_post,
		web_h_webhook_delete, web_h_feed_ics, web_h_feed_atom,
		web_h_feed_rss, web_h_component_ics, web_h_component_atom,
		web_h_component_rss, web_h_unit_ics, web_h_unit_feed_token,
		web_h_status_page, web_h_history_page, web_h_maint_page,
		web_h_subscribe_page, web_h_subscribe_form, web_h_console,
		web_h_settings, web_h_subscribers_list, web_h_manage_page,
		web_h_manage_post;

/* Days a cancelled maintenance stays in the feeds and on the pages. */
#define WEB_CANCELLED_DAYS	30

/* False when the request asks for English (?lang=en). */
bool	web_lang_vi(const struct web_request *);
/*
 * Answers an HTML page: template name rendered with data (stolen) into the
 * layout, in the request's language.
 */
void	web_page(struct web_api *, const struct web_request *,
	    struct web_response *, int status, const char *name,
	    struct json_t *data);
/*
 * What the public sees of the published maintenances the filter selects,
 * in one language: a JSON array (caller owns), or NULL on error.
 */
struct json_t	*web_public_items(struct web_api *,
	    const struct store_feed_filter *, bool vi, int64_t now);
/* The subscription form's answer: 202 done, or the form with the error. */
void	web_subscribe_form_answer(struct web_api *, const struct web_request *,
	    struct web_response *, int status, const char *error,
	    const char *email);


/*
 * Counts a hit on key within 15 minutes; true (not counted) when limit
 * hits were already made.
 */
bool	web_ratelimit_hit(struct web_ratelimit *, const char *key, int limit,
	    int64_t now);

/* Answers with a workflow result (its body or its error). */
void	web_wf_respond(struct web_response *, struct wf_result *);
/* Re-checks published maintenances after a calendar change. */
void	web_calendar_changed(struct web_api *, const struct web_request *,
	    const struct acct_principal *);

#endif
