/*
 * public.c - what the public and the units reach without an account:
 * subscribing (double opt-in), confirming, unsubscribing (also RFC 8058
 * one-click), and a unit's acknowledgement of a notice.
 *
 * Links in mail only show a page with a button (GET); the button posts
 * (POST), so a link scanner that fetches every URL of a message cannot
 * confirm, unsubscribe or acknowledge anything.  RFC 8058 one-click posts
 * straight to the unsubscribe URL.  Subscribing answers the same whether
 * or not the address is known, and is rate-limited per address and per
 * client.  Pages are Vietnamese first, with English, and escape everything.
 */
#include "web/api_int.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/addr.h"
#include "common/xmalloc.h"
#include "daemon/links.h"

#define SUB_PER_ADDRESS	5	/* requests per e-mail address per 15 min */
#define SUB_PER_CLIENT	20	/* per client address */

/* Answers an HTML page from message.tpl; data is stolen. */
static void
page(struct web_api *api, const struct web_request *req,
    struct web_response *r, int status, json_t *data)
{
	web_page(api, req, r, status, "message", data);
	r->cache_control = "no-store";
}

static void
bad_link(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	page(api, req, r, 404, json_pack("{s:s,s:s,s:s}", "title",
	    "Liên kết không hợp lệ", "text", "Liên kết này không hợp lệ "
	    "hoặc đã hết hạn.", "text_en", "This link is not valid, or it "
	    "has expired."));
}

/* The e-mail key: hex SHA-256 of the lowercased address. */
static void
email_key(const char *email, char out[65])
{
	char		 low[256];
	unsigned char	 h[crypto_hash_sha256_BYTES];
	size_t		 i;

	for (i = 0; email[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (email[i] >= 'A' && email[i] <= 'Z') ?
		    (char)(email[i] + 32) : email[i];
	low[i] = '\0';
	crypto_hash_sha256(h, (const unsigned char *)low, strlen(low));
	sodium_bin2hex(out, 65, h, sizeof(h));
}


/*
 * Starts a subscription (double opt-in): 202, or an error status with
 * code, field and message for the caller to answer in JSON or HTML.
 */
static int
subscribe(struct web_api *api, const struct web_request *req,
    const char *email, const char *lang, json_t *c, const char **code,
    const char **field, char *msg, size_t msglen)
{
	int64_t		*ids = NULL, id, now = api->now();
	char		 key[65], rk[96];
	size_t		 n = 0, i;
	bool		 all = false, send;
	json_t		*v;
	int		 status = 400;

	*code = "invalid_field";
	*field = NULL;
	if (email == NULL || !addr_email_ok(email)) {
		*field = "email";
		snprintf(msg, msglen, "email: not an e-mail address");
		return 400;
	}
	if (lang != NULL && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0) {
		*field = "language";
		snprintf(msg, msglen, "language: vi or en");
		return 400;
	}
	*field = "components";
	if (json_is_string(c) && strcmp(json_string_value(c), "all") == 0)
		all = true;
	else if (json_is_array(c) && json_array_size(c) > 0 &&
	    json_array_size(c) <= 50) {
		ids = xcalloc(json_array_size(c), sizeof(*ids));
		json_array_foreach(c, i, v) {
			if (!json_is_string(v) || store_component_id(api->store,
			    json_string_value(v), &ids[n]) != STORE_OK) {
				snprintf(msg, msglen, "components: unknown "
				    "component '%.64s'", json_is_string(v) ?
				    json_string_value(v) : "?");
				goto out;
			}
			n++;
		}
	} else {
		snprintf(msg, msglen, "components: \"all\", or an array of "
		    "1-50 component slugs");
		goto out;
	}
	*field = NULL;
	email_key(email, key);
	snprintf(rk, sizeof(rk), "s:%s", key);
	if (web_ratelimit_hit(api->logins, rk, SUB_PER_ADDRESS, now) ||
	    (snprintf(rk, sizeof(rk), "c:%s", req->address),
	    web_ratelimit_hit(api->logins, rk, SUB_PER_CLIENT, now))) {
		*code = "too_many_requests";
		snprintf(msg, msglen, "too many subscription requests; try "
		    "again in 15 minutes");
		status = 429;
		goto out;
	}
	if (store_subscribe(api->store, email, key, lang ? lang : "vi", all,
	    ids, n, req->address, now, &id, &send) != STORE_OK) {
		*code = "internal";
		snprintf(msg, msglen, "the store failed");
		status = 500;
		goto out;
	}
	if (send && api->changed != NULL)
		api->changed(api->changed_arg);
	status = 202;
out:
	free(ids);
	return status;
}

void
web_h_subscribe(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	static const char *const	 keys[] = { "email", "components",
	    "language", NULL };
	json_t				*j;
	const char			*email, *lang, *code, *field;
	char				 msg[160];
	int				 st;

	if ((j = web_body_object(req, r, keys)) == NULL)
		return;
	if (web_body_string(j, "email", true, 254, false, &email, r) == -1 ||
	    web_body_string(j, "language", false, 2, false, &lang, r) == -1)
		goto out;
	st = subscribe(api, req, email, lang, json_object_get(j,
	    "components"), &code, &field, msg, sizeof(msg));
	if (st != 202) {
		web_error(r, st, code, field, "%s", msg);
		goto out;
	}
	/* The same answer for a new, pending or confirmed address. */
	web_json_respond(r, 202, json_pack("{s:s,s:s}", "status", "accepted",
	    "message", "Nếu địa chỉ này chưa đăng ký, một thư xác nhận sẽ được "
	    "gửi đến. / If this address is not yet subscribed, a "
	    "confirmation will be sent to it."));
out:
	json_decref(j);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One %XX-decoded, '+'-as-space form text; NULL if malformed or holds NUL. */
static char *
form_decode(const char *s, size_t len)
{
	char	*out = xmalloc(len + 1);
	size_t	 i, n = 0;
	int	 hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			out[n++] = ' ';
		else if (s[i] != '%')
			out[n++] = s[i];
		else if (i + 2 < len && (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0 && (hi | lo) != 0) {
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			free(out);
			return NULL;
		}
	}
	out[n] = '\0';
	return out;
}

/*
 * An application/x-www-form-urlencoded body as {"key": ["value", ...]};
 * NULL when malformed, not UTF-8, or with more than 100 fields.
 */
static json_t *
form_parse(const char *body, size_t len)
{
	json_t		*o = json_object(), *a, *js = NULL;
	const char	*p = body, *end = body + len, *amp, *eq;
	char		*k = NULL, *v = NULL;
	int		 fields = 0;

	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (++fields > 100 || eq == NULL ||
		    (k = form_decode(p, (size_t)(eq - p))) == NULL ||
		    (v = form_decode(eq + 1, (size_t)(amp - eq - 1))) == NULL ||
		    (js = json_string(k)) == NULL)
			goto bad;
		json_decref(js);	/* k is UTF-8 */
		if ((js = json_string(v)) == NULL)
			goto bad;
		if ((a = json_object_get(o, k)) == NULL) {
			a = json_array();
			json_object_set_new(o, k, a);
		}
		json_array_append_new(a, js);
		free(k);
		free(v);
		k = v = NULL;
		p = amp + 1;
	}
	return o;
bad:
	json_decref(js);
	free(k);
	free(v);
	json_decref(o);
	return NULL;
}

static const char *
form_first(json_t *f, const char *key)
{
	return json_string_value(json_array_get(json_object_get(f, key), 0));
}

/* The subscription form of /subscribe, posted without JavaScript. */
void
web_h_subscribe_form(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	const char	*type = web_request_header(req, "Content-Type");
	const char	*email, *code, *field, *lang;
	json_t		*f, *comps;
	char		 msg[160];
	int		 st;

	if (type == NULL || strncmp(type,
	    "application/x-www-form-urlencoded", 33) != 0 ||
	    (f = form_parse(req->body, req->body_len)) == NULL) {
		web_subscribe_form_answer(api, req, r, 400, "The form could "
		    "not be read / Không đọc được biểu mẫu.", NULL);
		return;
	}
	email = form_first(f, "email");
	lang = form_first(f, "language");
	comps = json_object_get(f, "components");
	if (form_first(f, "all") != NULL || comps == NULL)
		comps = json_string("all");
	else
		json_incref(comps);
	st = subscribe(api, req, email, lang, comps, &code, &field, msg,
	    sizeof(msg));
	json_decref(comps);
	(void)code;
	(void)field;
	web_subscribe_form_answer(api, req, r, st, st == 202 ? NULL : msg,
	    email);
	json_decref(f);
}

/* The acknowledgement page's facts about the maintenance. */
static json_t *
ack_facts(struct web_api *api, int64_t mid, int64_t unit)
{
	struct store_maint	 m;
	struct store_unit	*u = NULL;
	size_t			 n = 0;
	json_t			*c, *items = json_array();

	if (store_maint_get(api->store, mid, &m) == STORE_OK) {
		c = json_loads(m.content, 0, NULL);
		json_array_append_new(items, json_pack("{s:s,s:s?}", "k",
		    "Bảo trì / Maintenance", "v", json_string_value(
		    json_object_get(c, "title"))));
		json_array_append_new(items, json_pack("{s:s,s:o}", "k",
		    "Bắt đầu / Start", "v", web_json_instant(
		    workcal_zone(api->wc), m.start_at)));
		json_array_append_new(items, json_pack("{s:s,s:o}", "k",
		    "Kết thúc / End", "v", web_json_instant(
		    workcal_zone(api->wc), m.end_at)));
		json_decref(c);
		store_maint_release(&m);
	}
	if (store_units_list(api->store, unit, &u, &n) == 0 && n == 1)
		json_array_append_new(items, json_pack("{s:s,s:s}", "k",
		    "Đơn vị / Unit", "v", u[0].name));
	store_units_free(u, n);
	return json_pack("{s:o}", "items", items);
}

void
web_h_ack_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	int64_t	mid, unit, at;

	if (link_check(api->link_key, req->args[0], "ack", api->now(), &mid,
	    &unit) == -1) {
		bad_link(api, req, r);
		return;
	}
	at = store_ack_time(api->store, mid, unit);
	page(api, req, r, 200, json_pack("{s:s,s:s,s:s,s:o,s:s?}", "title",
	    "Xác nhận đã nhận thông báo bảo trì", "text", at ? "Đơn vị đã "
	    "xác nhận thông báo này." : "Bấm nút dưới đây để xác nhận đơn vị "
	    "đã nhận thông báo.", "text_en", at ? "Your unit has "
	    "acknowledged this notice." : "Press the button to acknowledge "
	    "that your unit received the notice.", "facts",
	    ack_facts(api, mid, unit), "button", at ? NULL :
	    "Xác nhận / Acknowledge"));
}

void
web_h_ack_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	int64_t	mid, unit, at;
	char	object[64];

	if (link_check(api->link_key, req->args[0], "ack", api->now(), &mid,
	    &unit) == -1) {
		bad_link(api, req, r);
		return;
	}
	if (store_ack(api->store, mid, unit, api->now(), req->address,
	    &at) == -1) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	snprintf(object, sizeof(object), "maintenance:%lld", (long long)mid);
	web_audit(api, req, NULL, "maintenance.acknowledge", object, NULL,
	    json_pack("{s:I}", "unit_id", (json_int_t)unit));
	page(api, req, r, 200, json_pack("{s:s,s:s,s:s,s:o}", "title",
	    "Đã xác nhận", "text", "Cảm ơn. Đơn vị đã xác nhận nhận thông báo.",
	    "text_en", "Thank you. Your unit's acknowledgement is recorded.",
	    "facts", ack_facts(api, mid, unit)));
}

/* The subscriber of a link, or NULL after a bad-link page. */
static bool
sub_link(struct web_api *api, const struct web_request *req,
    struct web_response *r, const char *purpose, int64_t *id)
{
	int64_t	zero;

	if (link_check(api->link_key, req->args[0], purpose, api->now(), id,
	    &zero) == -1) {
		bad_link(api, req, r);
		return false;
	}
	return true;
}

void
web_h_confirm_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	int64_t	id;

	if (!sub_link(api, req, r, "confirm", &id))
		return;
	page(api, req, r, 200, json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Xác nhận đăng ký", "text", "Bấm nút dưới đây để nhận thông báo "
	    "bảo trì qua thư điện tử.", "text_en", "Press the button to "
	    "receive maintenance notices by e-mail.", "button",
	    "Xác nhận / Confirm"));
}

void
web_h_confirm_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	int64_t	id;

	if (!sub_link(api, req, r, "confirm", &id))
		return;
	if (store_subscriber_set(api->store, id, "confirmed", req->address,
	    api->now()) != STORE_OK) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	page(api, req, r, 200, json_pack("{s:s,s:s,s:s}", "title", "Đã đăng ký",
	    "text", "Cảm ơn. Bạn sẽ nhận thông báo bảo trì; mỗi thư có liên "
	    "kết hủy đăng ký.", "text_en", "Thank you. You will receive "
	    "maintenance notices; each has a link to unsubscribe."));
}

void
web_h_unsub_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	int64_t	id;

	if (!sub_link(api, req, r, "unsub", &id))
		return;
	page(api, req, r, 200, json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Hủy đăng ký", "text", "Bấm nút dưới đây để không nhận thông báo "
	    "bảo trì nữa.", "text_en", "Press the button to stop receiving "
	    "maintenance notices.", "button", "Hủy đăng ký / Unsubscribe"));
}

void
web_h_unsub_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	int64_t	id;

	/* RFC 8058 one-click and the page's button both land here. */
	if (!sub_link(api, req, r, "unsub", &id))
		return;
	if (store_subscriber_set(api->store, id, "unsubscribed", req->address,
	    api->now()) != STORE_OK) {
		web_error(r, 500, "internal", NULL, "the store failed");
		return;
	}
	page(api, req, r, 200, json_pack("{s:s,s:s,s:s}", "title",
	    "Đã hủy đăng ký", "text", "Bạn sẽ không nhận thông báo bảo trì "
	    "nữa.", "text_en", "You will receive no more maintenance "
	    "notices."));
}

/*
 * The manage page of a confirmed subscriber (a signed link in every
 * notice): the components and the language, changed by POST.
 */
static void
manage_page(struct web_api *api, const struct web_request *req,
    struct web_response *r, int64_t id, int status, const char *error,
    bool saved)
{
	struct store_component	*c = NULL;
	size_t			 n = 0, i, k;
	char			*text = store_subscribers_json(api->store, id - 1, 1);
	char			*unsub;
	json_t			*a = text ? json_loads(text, 0, NULL) : NULL;
	json_t			*sub = json_array_get(a, 0), *comps, *d, *v;
	const char		*lang;
	bool			 vi = web_lang_vi(req), on;

	free(text);
	/* The list's page of one from id on: this subscriber, if it exists. */
	if (sub == NULL || json_integer_value(json_object_get(sub, "id")) != id ||
	    strcmp(json_string_value(json_object_get(sub, "status")),
	    "confirmed") != 0) {
		json_decref(a);
		bad_link(api, req, r);
		return;
	}
	comps = json_array();
	if (store_components_list(api->store, &c, &n) == 0)
		for (i = 0; i < n; i++) {
			on = false;
			json_array_foreach(json_object_get(sub, "components"),
			    k, v)
				on |= strcmp(json_string_value(v), c[i].slug) == 0;
			json_array_append_new(comps, json_pack("{s:s,s:s,s:b}",
			    "slug", c[i].slug, "name", !vi && c[i].name_en ?
			    c[i].name_en : c[i].name, "checked", on));
		}
	store_components_free(c, n);
	lang = json_string_value(json_object_get(sub, "language"));
	unsub = link_make(api->link_key, "unsub", id, 0, 0);
	d = json_pack("{s:O,s:O,s:o,s:b,s:s,s:s?,s:b}", "email",
	    json_object_get(sub, "email"), "all", json_object_get(sub,
	    "all_components"), "components", comps, strcmp(lang, "en") == 0 ?
	    "lang_en" : "lang_vi", 1, "unsub_token", unsub, "error", error,
	    "saved", saved);
	free(unsub);
	json_decref(a);
	web_page(api, req, r, status, "manage", d);
	r->cache_control = "no-store";
}

void
web_h_manage_page(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	int64_t	id;

	if (sub_link(api, req, r, "manage", &id))
		manage_page(api, req, r, id, 200, NULL, false);
}

void
web_h_manage_post(struct web_api *api, const struct web_request *req,
    struct web_response *r)
{
	const char	*type = web_request_header(req, "Content-Type");
	const char	*lang, *slug, *bad = NULL;
	json_t		*f = NULL, *v;
	int64_t		 id, *ids = NULL;
	size_t		 n = 0, i;
	bool		 all;

	if (!sub_link(api, req, r, "manage", &id))
		return;
	if (type == NULL || strncmp(type,
	    "application/x-www-form-urlencoded", 33) != 0 ||
	    (f = form_parse(req->body, req->body_len)) == NULL) {
		manage_page(api, req, r, id, 400, "The form could not be read "
		    "/ Không đọc được biểu mẫu.", false);
		return;
	}
	lang = form_first(f, "language");
	if (lang == NULL || (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0))
		bad = "language: vi or en / ngôn ngữ: vi hoặc en";
	all = form_first(f, "all") != NULL;
	v = json_object_get(f, "components");
	if (!all && json_array_size(v) == 0)
		bad = "components: choose at least one, or all / chọn ít nhất "
		    "một hệ thống, hoặc tất cả";
	ids = xcalloc(json_array_size(v) + 1, sizeof(*ids));
	for (i = 0; !all && bad == NULL && i < json_array_size(v) && i < 50;
	    i++) {
		slug = json_string_value(json_array_get(v, i));
		if (store_component_id(api->store, slug, &ids[n]) != STORE_OK)
			bad = "components: unknown component / hệ thống không "
			    "tồn tại";
		else
			n++;
	}
	if (bad != NULL)
		manage_page(api, req, r, id, 400, bad, false);
	else if (store_subscriber_change(api->store, id, lang, all, ids, n,
	    req->address, api->now()) != STORE_OK)
		web_error(r, 500, "internal", NULL, "the store failed");
	else
		manage_page(api, req, r, id, 200, NULL, true);
	free(ids);
	json_decref(f);
}
